import type { CanonicalFileSpec, ColumnSpec } from '../canonical/canonical-files.js';

/** Quotes an SQL identifier. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes an SQL string literal. */
export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** The name under which a column's raw text is kept beside its typed value while rows are checked. */
export function rawName(column: string): string {
  return ident(`raw__${column}`);
}

// Blank means only spaces, tabs and line breaks (DuckDB's one-argument trim removes spaces alone).
const blankCharacters = `' \t\r\n'`;

/**
 * The value with surrounding blanks removed, NULL when nothing else is left. trim() copies every
 * string it sees, so it runs only on values that start or end with a blank (a few in a million).
 */
function trimmed(column: string): string {
  // prefix()/suffix() compare bytes at the ends; indexing a character would walk the whole UTF-8 string.
  const edgeBlank = [' ', '\t', '\r', '\n']
    .flatMap((ch) => [`prefix(${column}, ${literal(ch)})`, `suffix(${column}, ${literal(ch)})`])
    .join(' OR ');
  return `CASE WHEN ${column} IS NULL THEN NULL
    WHEN ${edgeBlank} THEN nullif(trim(${column}, ${blankCharacters}), '') ELSE ${column} END`;
}

// A money amount as the canonical format writes it: optional minus, digits, at most two decimals.
const amountPattern = '-?[0-9]{1,16}([.][0-9]{1,2})?';

/** The typed expression for a raw (VARCHAR) staged column; NULL where the value does not parse. */
function typedExpression(column: ColumnSpec): string {
  const raw = trimmed(ident(column.name));
  switch (column.type.kind) {
    case 'text':
      // Text keeps its inner spacing (notes, transcripts); only an all-blank value is NULL.
      return `CASE WHEN ${raw} IS NULL THEN NULL ELSE ${ident(column.name)} END`;
    case 'timestamp':
      // Stored as UTC wall time; a value without an offset is taken as UTC. A value in UTC ('…Z') or
      // without an offset (at most 'YYYY-MM-DDTHH:MM:SS') parses as a plain TIMESTAMP, five times
      // faster than going through TIMESTAMPTZ and a time-zone conversion, which only offsets need.
      return `(CASE WHEN suffix(${raw}, 'Z') OR strlen(${raw}) <= 19 THEN try_cast(${raw} AS TIMESTAMP)
        ELSE try_cast(${raw} AS TIMESTAMPTZ) AT TIME ZONE 'UTC' END)`;
    case 'integer':
      return `try_cast(${raw} AS INTEGER)`;
    case 'date':
      // A date, or a timestamp whose day is taken (some exports write dates as midnight timestamps).
      return `coalesce(try_cast(${raw} AS DATE), try_cast(${raw} AS TIMESTAMP)::DATE)`;
    case 'decimal':
      // Only plain digits with at most two decimals: '1,234.50' or '12.345' would otherwise be read
      // as something the export did not mean (a thousands separator, a silently rounded cent).
      return `CASE WHEN regexp_full_match(${raw}, ${literal(amountPattern)}) THEN try_cast(${raw} AS DECIMAL(18, 2)) END`;
    case 'currency':
      return `CASE WHEN regexp_full_match(${raw}, '[A-Za-z]{3}') THEN upper(${raw}) END`;
    case 'enum': {
      // Most values arrive exactly as listed; only the others pay for trimming and lower-casing.
      const listed = column.type.values.map(literal).join(', ');
      return `CASE WHEN ${ident(column.name)} IN (${listed}) THEN ${ident(column.name)} ELSE lower(${raw}) END`;
    }
  }
}

/** SELECT list turning staged raw columns into typed columns, keeping each raw value beside it. */
export function typedSelectList(spec: CanonicalFileSpec): string {
  return spec.columns
    .flatMap((c) => [`${typedExpression(c)} AS ${ident(c.name)}`, `${ident(c.name)} AS ${rawName(c.name)}`])
    .join(',\n  ');
}

// A note or transcript beyond this is an export fault (a whole mailbox pasted in a cell), not text a
// reviewer reads; such a row is rejected rather than let one cell weigh on every page that shows it.
const maxTextBytes = 1_000_000;

/** Per column, the checks that reject a row: [condition over raw and typed values, reason]. */
function columnChecks(column: ColumnSpec): [string, string][] {
  const raw = trimmed(rawName(column.name));
  const typed = ident(column.name);
  const checks: [string, string][] = [];
  if (column.required) {
    checks.push([`${raw} IS NULL`, 'missing required value']);
  }
  switch (column.type.kind) {
    case 'text':
      // strlen counts bytes, which DuckDB knows without reading the string.
      checks.push([`strlen(${typed}) > ${maxTextBytes}`, 'longer than 1 MB']);
      break;
    case 'timestamp':
      checks.push([`${raw} IS NOT NULL AND ${typed} IS NULL`, 'not an ISO 8601 timestamp']);
      checks.push([
        `year(${typed}) < 1970 OR year(${typed}) > 2100`,
        'impossible date (before 1970 or after 2100)',
      ]);
      break;
    case 'integer':
      checks.push([`${raw} IS NOT NULL AND ${typed} IS NULL`, 'not a whole number']);
      checks.push([
        `${typed} NOT BETWEEN ${column.type.min} AND ${column.type.max}`,
        `out of range (${column.type.min}–${column.type.max})`,
      ]);
      break;
    case 'date':
      checks.push([`${raw} IS NOT NULL AND ${typed} IS NULL`, 'not an ISO 8601 date']);
      checks.push([
        `year(${typed}) < 1900 OR year(${typed}) > 2100`,
        'impossible date (before 1900 or after 2100)',
      ]);
      break;
    case 'decimal':
      checks.push([
        `${raw} IS NOT NULL AND ${typed} IS NULL`,
        "not an amount (digits with at most two decimals, '.' as the decimal point)",
      ]);
      checks.push([`${typed} < ${column.type.min}`, `below ${column.type.min}`]);
      break;
    case 'currency':
      checks.push([`${raw} IS NOT NULL AND ${typed} IS NULL`, 'not a three-letter currency code (ISO 4217)']);
      break;
    case 'enum':
      checks.push([
        `${raw} IS NOT NULL AND ${typed} NOT IN (${column.type.values.map(literal).join(', ')})`,
        `not one of ${column.type.values.join(', ')}`,
      ]);
      break;
  }
  return checks;
}

/**
 * A SQL expression over a row of typed columns (and their raw__ twins) giving the first problem found
 * as a struct {field, reason}, or NULL for a good row.
 */
export function problemExpression(spec: CanonicalFileSpec): string {
  const whens: string[] = [];
  for (const column of spec.columns) {
    for (const [condition, reason] of columnChecks(column)) {
      whens.push(`WHEN ${condition} THEN {'field': ${literal(column.name)}, 'reason': ${literal(reason)}}`);
    }
  }
  for (const check of spec.rowChecks) {
    whens.push(
      `WHEN ${check.condition} THEN {'field': ${literal(check.field)}, 'reason': ${literal(check.reason)}}`,
    );
  }
  return whens.length ? `CASE ${whens.join('\n    ')} ELSE NULL END` : 'NULL';
}

/**
 * SELECT list over a relation of raw (VARCHAR) canonical columns that gives each row checked: the
 * typed columns, `problem` (the first failed check as {field, reason}, or NULL) and `problem_value`
 * (the raw value of that field). `source` is the relation, with any extra columns (ordinal) kept.
 */
export function checkedRelation(spec: CanonicalFileSpec, source: string, keep: readonly string[]): string {
  const kept = keep.map(ident);
  const typed = spec.columns.map((c) => ident(c.name));
  const valueOfField = `CASE problem.field ${spec.columns
    .map((c) => `WHEN ${literal(c.name)} THEN ${rawName(c.name)}`)
    .join(' ')} END`;
  return `(SELECT ${[...kept, ...typed].join(', ')}, problem, left(${valueOfField}, 1000) AS problem_value
     FROM (SELECT *, ${problemExpression(spec)} AS problem FROM (
       SELECT ${[...kept, typedSelectList(spec)].join(', ')} FROM ${source})))`;
}
