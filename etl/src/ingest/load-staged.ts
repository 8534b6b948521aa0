import { type CanonicalFileSpec, canonicalFiles } from '../canonical/canonical-files.js';
import type { StoreSession } from '../store/duckdb-store.js';
import type { StagedKind } from './adapters/adapter.types.js';
import { checkedRelation, ident, literal } from './canonical-sql.js';

export interface StagedCounts {
  read: number;
  loaded: number;
  rejected: number;
}

/**
 * Checks a staged canonical table row by row in SQL, records each bad row in `rejects` (file, line,
 * field, raw value, reason), and replaces the stored rows that share a natural key with the good ones.
 * Runs inside the caller's transaction.
 */
export async function loadStaged(
  session: StoreSession,
  staged: StagedKind,
  file: string,
  runId: string,
): Promise<StagedCounts> {
  const spec = canonicalFiles[staged.kind];
  // Rows checked: the staged table itself when the adapter checked them while staging, else the
  // checks applied on the fly (computed again only when a file has bad rows).
  const checked = staged.checked ? staged.table : checkedRelation(spec, staged.table, ['ordinal']);
  const [{ rows, duplicates }] = await session.all<{ rows: number; duplicates: number }>(
    `SELECT count(*)::INTEGER AS rows, ${
      spec.uniqueKey ? `(count(*) - count(DISTINCT (${spec.uniqueKey.map(ident).join(', ')})))::INTEGER` : '0'
    } AS duplicates FROM ${staged.table}`,
  );
  if (duplicates === 0) {
    const loaded = await replaceRows(session, spec, file, `(SELECT * FROM ${checked} WHERE problem IS NULL)`);
    if (loaded < rows) {
      await recordRejects(session, spec, staged, {
        file,
        runId,
        checked: `(SELECT *, 1 AS key_rank FROM ${checked})`,
      });
    }
    return { read: rows, loaded, rejected: rows - loaded };
  }
  // A key repeated within the file: the last row wins, earlier ones are rejects.
  const keyRank = `row_number() OVER (PARTITION BY ${spec.uniqueKey?.map(ident).join(', ')}, problem IS NULL ORDER BY ordinal DESC)`;
  await session.run(
    `CREATE OR REPLACE TEMP TABLE eqa_checked AS SELECT *, ${keyRank} AS key_rank FROM ${checked}`,
  );
  await recordRejects(session, spec, staged, { file, runId, checked: 'eqa_checked' });
  const loaded = await replaceRows(
    session,
    spec,
    file,
    '(SELECT * FROM eqa_checked WHERE problem IS NULL AND key_rank = 1)',
  );
  return { read: rows, loaded, rejected: rows - loaded };
}

/**
 * The SQL giving each staged row's line. For CSV it is the physical line where the record starts: the
 * header, plus every earlier record's line breaks (quoted notes span lines), plus the malformed lines
 * DuckDB rejected before it. Computed only when a file has rejects, so good files pay nothing for it.
 */
async function linesSql(session: StoreSession, spec: CanonicalFileSpec, staged: StagedKind): Promise<string> {
  if (staged.lines === 'column') {
    return `SELECT ordinal, line FROM ${staged.table}`;
  }
  // Line breaks live in free text; other columns would be rejected for holding one.
  const newlineCount = spec.columns
    .filter((c) => c.type.kind === 'text')
    .map((c) => `coalesce(length(${ident(c.name)}) - length(replace(${ident(c.name)}, chr(10), '')), 0)`)
    .join(' + ');
  const [{ malformed }] = await session.all<{ malformed: boolean }>(
    "SELECT count(*) > 0 AS malformed FROM duckdb_tables() WHERE table_name = 'eqa_csv_rejects'",
  );
  const shift = malformed
    ? '(SELECT count(DISTINCT r.line) FROM eqa_csv_rejects r WHERE r.line <= s.line)'
    : '0';
  return `SELECT ordinal, s.line + ${shift} AS line FROM (
            SELECT ordinal,
                   1 + ordinal + coalesce(sum(${newlineCount}) OVER (ORDER BY ordinal ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS line
            FROM ${staged.table}) s`;
}

/** Writes the rejected rows of `checked` (a relation with problem, problem_value and key_rank). */
async function recordRejects(
  session: StoreSession,
  spec: CanonicalFileSpec,
  staged: StagedKind,
  { file, runId, checked }: { file: string; runId: string; checked: string },
) {
  const keyText = spec.uniqueKey ? spec.uniqueKey.join(', ') : '';
  // A superseded duplicate's value is its key.
  const keyValue = spec.uniqueKey ? `c.${ident(spec.uniqueKey[0])}::VARCHAR` : 'NULL';
  await session.run(
    `INSERT INTO rejects (run_id, file, line, field, value, reason)
     WITH lines AS (${await linesSql(session, spec, staged)})
     SELECT $run, $file, l.line,
            coalesce(c.problem.field, ${literal(keyText)}),
            coalesce(c.problem_value, ${keyValue}, ''),
            coalesce(c.problem.reason, 'duplicate ${keyText}: superseded by a later row of the same file')
     FROM ${checked} c JOIN lines l USING (ordinal)
     WHERE c.problem IS NOT NULL OR c.key_rank > 1`,
    { run: runId, file },
  );
}

/**
 * Replaces the stored rows that share a natural key with the good rows of `source` (a relation with
 * `ordinal` and the typed columns). An events row's `seq` is its ordinal: its order in the export.
 */
async function replaceRows(
  session: StoreSession,
  spec: CanonicalFileSpec,
  file: string,
  source: string,
): Promise<number> {
  const table = ident(spec.kind);
  const keys = spec.replaceBy.map(ident);
  const [{ stored }] = await session.all<{ stored: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM ${table}) AS stored`,
  );
  if (stored) {
    await session.run(
      `DELETE FROM ${table} USING (SELECT DISTINCT ${keys.join(', ')} FROM ${source}) AS incoming
       WHERE ${keys.map((k) => `${table}.${k} = incoming.${k}`).join(' AND ')}`,
    );
  }
  const columns = spec.columns.map((c) => ident(c.name));
  const seq = spec.kind === 'events' ? ', seq' : '';
  const seqValue = spec.kind === 'events' ? ', ordinal' : '';
  return session.change(
    `INSERT INTO ${table} (${columns.join(', ')}${seq}, source_file)
     SELECT ${columns.join(', ')}${seqValue}, $file FROM ${source}`,
    { file },
  );
}
