import type { StoreSession } from '../../store/duckdb-store.js';
import { ident, literal } from '../canonical-sql.js';
import { type RedactionKind, redactionPatterns, redactionPlaceholders } from './patterns.constant.js';
import { redactionSteps } from './redaction-steps.util.js';

/** How many occurrences of each kind of personal data were replaced, summed over the columns. */
export type RedactionCounts = Record<RedactionKind, number>;

const kinds = Object.keys(redactionPlaceholders) as RedactionKind[];

// Working table of the changed rows; the staged tables are temporary too, and only one file is staged
// per connection at a time.
const work = 'eqa_redaction';

/**
 * Replaces the e-mail addresses, card numbers, national ids and phone numbers in the given VARCHAR
 * columns of a staged table (`table` as written in SQL, like StagedKind.table) in place, in SQL, and
 * returns how many of each it replaced. NULL values are left as they are.
 */
export async function redactStaged(
  session: StoreSession,
  table: string,
  columns: readonly string[],
): Promise<RedactionCounts> {
  if (columns.length === 0) {
    return { email: 0, phone: 0, card: 0, national_id: 0 };
  }
  await assertVarcharColumns(session, table, columns);
  const quoted = columns.map(ident);
  const current = (i: number) => `eqa_v${i}`;
  const original = (i: number) => `eqa_o${i}`;
  const originals = quoted.map((_, i) => original(i)).join(', ');

  // Each pass is one SELECT layer over the previous one, so a value computed by a pass is read as a
  // column by the next rather than recomputed inside it.
  let layers = `SELECT rowid AS eqa_rid, ${quoted.map((c, i) => `${c} AS ${original(i)}, ${c} AS ${current(i)}`).join(', ')}
    FROM ${table}
    WHERE ${quoted.map((c) => `regexp_matches(${c}, ${literal(redactionPatterns.candidateValue)})`).join(' OR ')}`;
  for (const step of redactionSteps) {
    layers = `SELECT eqa_rid, ${originals}, ${quoted.map((_, i) => `${step.sql(current(i))} AS ${current(i)}`).join(', ')}
      FROM (${layers})`;
  }
  const countColumns = kinds.map(
    (kind) =>
      `${quoted
        .map((_, i) => {
          const placeholder = redactionPlaceholders[kind];
          return `coalesce(${occurrences(current(i), placeholder)} - ${occurrences(original(i), placeholder)}, 0)`;
        })
        .join(' + ')} AS ${kind}`,
  );
  await session.run(
    `CREATE OR REPLACE TEMP TABLE ${work} AS
     SELECT eqa_rid, ${quoted.map((_, i) => current(i)).join(', ')}, ${countColumns.join(', ')}
     FROM (${layers})
     WHERE ${quoted.map((_, i) => `${current(i)} IS DISTINCT FROM ${original(i)}`).join(' OR ')}`,
  );
  await session.run(
    `UPDATE ${table} AS eqa_t SET ${quoted.map((c, i) => `${c} = r.${current(i)}`).join(', ')}
     FROM ${work} AS r WHERE eqa_t.rowid = r.eqa_rid`,
  );
  const [sums] = await session.all<RedactionCounts>(
    `SELECT ${kinds.map((k) => `coalesce(sum(${k}), 0)::INTEGER AS ${k}`).join(', ')} FROM ${work}`,
  );
  // Not in a finally: after a failed statement inside the caller's transaction every statement fails,
  // and the error to report is the first one. CREATE OR REPLACE above copes with a leftover.
  await session.run(`DROP TABLE ${work}`);
  return sums;
}

/** SQL counting the occurrences of a placeholder in a value (NULL for NULL). */
function occurrences(value: string, placeholder: string): string {
  return `(length(${value}) - length(replace(${value}, ${literal(placeholder)}, ''))) // ${placeholder.length}`;
}

async function assertVarcharColumns(session: StoreSession, table: string, columns: readonly string[]) {
  const described = await session.all<{ column_name: string; column_type: string }>(
    `SELECT column_name, column_type FROM (DESCRIBE ${table})`,
  );
  const types = new Map(described.map((d) => [d.column_name, d.column_type]));
  for (const column of columns) {
    const type = types.get(column);
    if (type !== 'VARCHAR') {
      throw new Error(
        `Cannot redact ${table}.${column}: ${type === undefined ? 'no such column' : `it is ${type}, not VARCHAR`}`,
      );
    }
  }
}
