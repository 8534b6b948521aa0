import { type ColumnSpec, canonicalFiles } from '../../../canonical/canonical-files.js';
import { ident, literal } from '../../canonical-sql.js';
import type { LoadedMapping, MappingEntry, YamlPath } from './load-mapping-file.js';
import {
  type ColumnSource,
  type derivedTicketColumns,
  type Expression,
  fixedOffset,
  type MappedKind,
  mappedKinds,
  type TimestampOptions,
  type ValueMap,
} from './mapping-file.schema.js';

/**
 * Compiles one entry of a mapping file to DuckDB SQL over the staged source table `eqa_map_src`
 * (`ordinal`, `line` and the source's columns). Nothing runs per row in JavaScript: value maps become
 * CASE expressions, timestamps strptime / casts, collapsed tables GROUP BY with arg_min / arg_max.
 */

/** A source column as the compiled SQL reads it: its raw VARCHAR expression and the name it is reported by. */
export interface SourceColumn {
  sql: string;
  name: string;
}

/** Finds a source column the mapping names (at `at` in the YAML); throws when the file lacks it. */
export type ResolveColumn = (name: string, at: YamlPath) => SourceColumn;

export interface CompiledEntry {
  /** Creates `eqa_map_rows`: one row per source row with every mapped value and the first problem, if any. */
  rowsSql: string;
  /** Each creates the staged table `eqa_stage_<kind>` from the good rows of `eqa_map_rows`. */
  stages: { kind: MappedKind; table: string; sql: string }[];
}

interface Check {
  condition: string;
  field: string;
  value: string;
  reason: string;
}

interface Compiled {
  sql: string;
  /** Source columns the value comes from, for a reject's field. */
  fields: string[];
  /** Problems inside the expression (a part's map), in the order they are looked for. */
  checks: Check[];
}

// Blank means only spaces, tabs and line breaks, as in the canonical loader.
const blanks = `' \t\r\n'`;

const isoText = (ts: string) => `strftime(${ts}, '%Y-%m-%dT%H:%M:%S.%fZ')`;

/** The SQL of one mapping entry, for a file whose columns `resolve` finds. */
export function compileEntry(
  loaded: LoadedMapping,
  entry: MappingEntry,
  resolve: ResolveColumn,
): CompiledEntry {
  const where = (at: YamlPath) => `${loaded.file} line ${loaded.lineOf(at)}`;
  const nulls = entry.source.null_values.map((v) => v.trim());

  const sourceValue = (name: string, at: YamlPath): Compiled => {
    const column = resolve(name, at);
    const trimmed = `nullif(trim(${column.sql}, ${blanks}), '')`;
    const sql = nulls.length
      ? `CASE WHEN ${trimmed} IN (${nulls.map(literal).join(', ')}) THEN NULL ELSE ${trimmed} END`
      : trimmed;
    return { sql, fields: [column.name], checks: [] };
  };

  const mapNamed = (expression: Expression, at: YamlPath): { map: ValueMap; at: YamlPath } | null => {
    const { map } = expression;
    if (map === undefined) {
      return null;
    }
    return typeof map === 'string'
      ? { map: loaded.mapping.maps[map], at: ['maps', map] }
      : { map, at: [...at, 'map'] };
  };

  const compile = (expression: Expression, at: YamlPath, column: string): Compiled => {
    let inner: Compiled;
    if (expression.column !== undefined) {
      inner = sourceValue(expression.column, [...at, 'column']);
    } else if (expression.constant !== undefined) {
      inner = { sql: literal(String(expression.constant)), fields: [], checks: [] };
    } else {
      const key = expression.concat ? 'concat' : 'first_of';
      const parts = (expression.concat ?? expression.first_of ?? []).map((part, i) =>
        compile(part, [...at, key, i], column),
      );
      const list = parts.map((p) => p.sql).join(', ');
      inner = {
        sql: expression.concat
          ? `nullif(concat_ws(${literal(expression.separator ?? '')}, ${list}), '')`
          : `coalesce(${list})`,
        fields: [...new Set(parts.flatMap((p) => p.fields))],
        checks: parts.flatMap((p) => p.checks),
      };
    }
    const named = mapNamed(expression, at);
    return named ? applyMap(inner, named.map, column, where(named.at)) : inner;
  };

  const rejectChecks: Check[] = entry.reject.map(({ rule }, i) => {
    const value = sourceValue(rule.column, [...entry.reject[i].at, 'column']);
    return {
      condition: `${value.sql} IN (${rule.values.map((v) => literal(String(v).trim())).join(', ')})`,
      field: value.fields[0],
      value: value.sql,
      reason: literal(rule.reason),
    };
  });

  const selected: string[] = [];
  const finals: string[] = [];
  const timestampChecks: Check[] = [];
  const timestampNames = new Set<string>();
  const checks: Check[] = [...rejectChecks];
  const mappedColumns = new Map<MappedKind, Map<string, ColumnSource>>();
  for (const kind of mappedKinds) {
    const table = entry.tables[kind];
    if (!table) {
      continue;
    }
    mappedColumns.set(kind, new Map(Object.entries(table.columns)));
    for (const [column, source] of Object.entries(table.columns)) {
      const at = [...entry.at, 'tables', kind, 'columns', column];
      const compiled = compile(source, at, column);
      // the mapped text, before a timestamp is parsed from it
      const text = ident(`v__${kind}__${column}`);
      const name = rowColumn(kind, column);
      checks.push(...compiled.checks);
      selected.push(`${compiled.sql} AS ${text}`);
      if (specOf(kind, column).type.kind !== 'timestamp') {
        finals.push(`${text} AS ${name}`);
        continue;
      }
      const parsed = timestampSql(text, entry.timestamps);
      const label = compiled.fields.join(' + ') || column;
      timestampNames.add(name);
      finals.push(`${parsed} AS ${name}`);
      timestampChecks.push({
        condition: `${text} IS NOT NULL AND ${parsed} IS NULL`,
        field: label,
        value: text,
        reason: `${literal(`${label} '`)} || ${text} || ${literal(
          `' matches none of the timestamp formats ${entry.timestamps.formats.join(', ')} (${where(entry.timestampsAt)})`,
        )}`,
      });
    }
  }
  const rowsSql = `CREATE OR REPLACE TEMP TABLE eqa_map_rows AS
WITH mapped AS (
  SELECT ordinal, line,
         ${[...selected, `${problemSql(checks)} AS eqa_problem`].join(',\n         ')}
  FROM eqa_map_src
)
SELECT ordinal, line,
       ${[...finals, `coalesce(eqa_problem, ${problemSql(timestampChecks)}) AS problem`].join(',\n       ')}
FROM mapped`;

  const stages = [...mappedColumns].map(([kind, columns]) => {
    const table = `eqa_stage_${kind}`;
    const out = (column: string, value: string) =>
      timestampNames.has(rowColumn(kind, column)) ? isoText(value) : value;
    const spec = canonicalFiles[kind];
    const tableSpec = entry.tables[kind];
    let sql: string;
    if (kind === 'tickets' && tableSpec?.from === 'events') {
      sql = derivedTicketsSql(spec.columns, columns, out);
    } else if (tableSpec?.one_per) {
      sql = onePerSql(kind, tableSpec.one_per, spec.columns, columns, out);
    } else {
      const list = spec.columns.map((c) =>
        columns.has(c.name) ? `${out(c.name, rowColumn(kind, c.name))} AS ${ident(c.name)}` : nullAs(c.name),
      );
      sql = `SELECT ordinal, line, ${list.join(', ')} FROM eqa_map_rows WHERE problem IS NULL`;
    }
    return { kind, table, sql: `CREATE OR REPLACE TEMP TABLE ${table} AS ${sql}` };
  });
  return { rowsSql, stages };
}

function specOf(kind: MappedKind, column: string): ColumnSpec {
  const spec = canonicalFiles[kind].columns.find((c) => c.name === column);
  if (!spec) {
    throw new Error(`mapping compiler: ${kind}.${column} is not canonical`);
  }
  return spec;
}

/** The column of `eqa_map_rows` holding a canonical column's mapped value. */
function rowColumn(kind: MappedKind, column: string): string {
  return ident(`${kind}__${column}`);
}

const nullAs = (column: string) => `NULL::VARCHAR AS ${ident(column)}`;

function problemSql(checks: readonly Check[]): string {
  if (checks.length === 0) {
    return 'NULL::STRUCT(field VARCHAR, value VARCHAR, reason VARCHAR)';
  }
  const whens = checks.map(
    (c) =>
      `WHEN ${c.condition} THEN {'field': ${literal(c.field)}, 'value': ${c.value}::VARCHAR, 'reason': ${c.reason}}`,
  );
  return `CASE ${whens.join('\n    ')} END`;
}

/**
 * A value map as CASE: a listed value maps to its canonical value (`~` to empty); an unlisted one is a
 * problem naming the map (unmapped: reject), empty, or kept as is. An empty source value stays empty
 * unless the map lists '' for it.
 */
function applyMap(inner: Compiled, map: ValueMap, column: string, where: string): Compiled {
  const norm = (key: string) => (map.ignore_case ? key.trim().toLowerCase() : key.trim());
  const entries = Object.entries(map.values).map(([key, value]) => [norm(key), value] as const);
  const valueSql = (value: string | number | boolean | null) =>
    value === null ? 'NULL' : literal(String(value));
  const emptyEntry = entries.find(([key]) => key === '');
  const listed = entries.filter(([key]) => key !== '');
  const key = map.ignore_case ? `lower(${inner.sql})` : inner.sql;
  const otherwise = map.unmapped === 'keep' ? inner.sql : 'NULL';
  const lookup = listed.length
    ? `CASE ${key} ${listed.map(([k, v]) => `WHEN ${literal(k)} THEN ${valueSql(v)}`).join(' ')} ELSE ${otherwise} END`
    : otherwise;
  const sql = `CASE WHEN ${inner.sql} IS NULL THEN ${emptyEntry ? valueSql(emptyEntry[1]) : 'NULL'} ELSE ${lookup} END`;
  const checks = [...inner.checks];
  if (map.unmapped === 'reject') {
    const label = inner.fields.join(' + ') || column;
    checks.push({
      condition: listed.length
        ? `${inner.sql} IS NOT NULL AND ${key} NOT IN (${listed.map(([k]) => literal(k)).join(', ')})`
        : `${inner.sql} IS NOT NULL`,
      field: label,
      value: inner.sql,
      reason: `${literal(`${label} '`)} || ${inner.sql} || ${literal(`' maps to no ${column} (${where})`)}`,
    });
  }
  return { sql, fields: inner.fields, checks };
}

/**
 * The SQL turning text into a UTC TIMESTAMP with the mapping's formats (the first that parses wins), or
 * NULL. A value with an offset keeps it; one without is taken in the mapping's time zone.
 */
export function timestampSql(value: string, options: TimestampOptions): string {
  const text = options.date ? `(${literal(options.date)} || ' ' || ${value})` : value;
  const parsers = options.formats.map((format) => {
    if (format.toLowerCase() === 'iso') {
      // DuckDB's TIMESTAMP cast drops an offset silently: route values that carry one through TIMESTAMPTZ.
      return `CASE WHEN regexp_matches(${text}, '\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?\\s*([zZ]|[+-]\\d\\d(:?\\d\\d)?)$')
        THEN try_cast(${text} AS TIMESTAMPTZ) AT TIME ZONE 'UTC'
        ELSE ${inZone(`try_cast(${text} AS TIMESTAMP)`, options.time_zone)} END`;
    }
    const pattern = literal(options.date ? `%Y-%m-%d ${format}` : format);
    return /%[zZ]/.test(format)
      ? `(try_strptime(${text}, ${pattern}) AT TIME ZONE 'UTC')`
      : inZone(`try_strptime(${text}, ${pattern})`, options.time_zone);
  });
  return parsers.length === 1 ? parsers[0] : `coalesce(${parsers.join(', ')})`;
}

/** A wall-clock TIMESTAMP in `zone`, as UTC. */
function inZone(local: string, zone: string): string {
  const offset = fixedOffset.exec(zone);
  if (offset) {
    const [, sign, hours, minutes] = offset;
    const total = sign ? (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes)) : 0;
    return total === 0 ? local : `(${local} - INTERVAL ${total} MINUTE)`;
  }
  return `(timezone(${literal(zone)}, ${local}) AT TIME ZONE 'UTC')`;
}

type Out = (column: string, value: string) => string;

/** One row per key value; every other column takes the first (or, with pick: last) non-empty value. */
function onePerSql(
  kind: MappedKind,
  key: string,
  specColumns: readonly ColumnSpec[],
  columns: Map<string, ColumnSource>,
  out: Out,
): string {
  const keyColumn = rowColumn(kind, key);
  const list = specColumns.map((c) => {
    if (c.name === key) {
      return `${keyColumn} AS ${ident(c.name)}`;
    }
    const source = columns.get(c.name);
    if (!source) {
      return nullAs(c.name);
    }
    const value = rowColumn(kind, c.name);
    const pick = source.pick === 'last' ? 'arg_max' : 'arg_min';
    return `${out(c.name, `${pick}(${value}, ordinal) FILTER (WHERE ${value} IS NOT NULL)`)} AS ${ident(c.name)}`;
  });
  return `SELECT row_number() OVER (ORDER BY min(ordinal)) AS ordinal, min(line) AS line, ${list.join(', ')}
    FROM eqa_map_rows WHERE problem IS NULL AND ${keyColumn} IS NOT NULL GROUP BY ${keyColumn}`;
}

/**
 * Tickets from an event-level file: one per ticket_id, created at its first event, resolved at its last
 * `resolved` event unless a `reopened` one follows (state comes from events, etl/README.md); other
 * columns take the first (or last) non-empty value in event order.
 */
function derivedTicketsSql(
  specColumns: readonly ColumnSpec[],
  columns: Map<string, ColumnSource>,
  out: Out,
): string {
  const ticket = rowColumn('events', 'ticket_id');
  const at = rowColumn('events', 'at');
  const type = `lower(trim(${rowColumn('events', 'type')}))`;
  const order = `(${at}, ordinal)`;
  const derived: Record<(typeof derivedTicketColumns)[number], string> = {
    ticket_id: ticket,
    created_at: isoText(`min(${at})`),
    resolved_at: `CASE WHEN arg_max(${type}, ${order}) FILTER (WHERE ${type} IN ('resolved', 'reopened')) = 'resolved'
      THEN ${isoText(`max(${at}) FILTER (WHERE ${type} = 'resolved')`)} END`,
  };
  const list = specColumns.map((c) => {
    if (c.name in derived) {
      return `${derived[c.name as keyof typeof derived]} AS ${ident(c.name)}`;
    }
    const source = columns.get(c.name);
    if (!source) {
      return nullAs(c.name);
    }
    const value = rowColumn('tickets', c.name);
    const pick = source.pick === 'last' ? 'arg_max' : 'arg_min';
    return `${out(c.name, `${pick}(${value}, ${order}) FILTER (WHERE ${value} IS NOT NULL)`)} AS ${ident(c.name)}`;
  });
  return `SELECT row_number() OVER (ORDER BY min(ordinal)) AS ordinal, min(line) AS line, ${list.join(', ')}
    FROM eqa_map_rows WHERE problem IS NULL AND ${ticket} IS NOT NULL AND ${at} IS NOT NULL GROUP BY ${ticket}`;
}
