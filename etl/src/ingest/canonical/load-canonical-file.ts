import {
  type CanonicalFileSpec,
  canonicalFiles,
  closestCanonicalKind,
  detectCanonicalKind,
} from '../../canonical/canonical-files.js';
import type { StoreSession } from '../../store/duckdb-store.js';
import { IngestFileError } from '../ingest-file-error.js';
import type { FileSummary } from '../ingest-summary.js';
import { readCsvHeader } from '../read-header.js';
import { ident, literal, problemExpression, rawName, typedSelectList } from './canonical-sql.js';

export interface LoadFileInput {
  file: string;
  sha256: string;
  runId: string;
}

// The canonical CSV dialect is fixed (RFC 4180), so DuckDB need not guess it: a guess can fail on a
// file whose first rows are the bad ones. Malformed rows go to DuckDB's rejects tables, with lines.
const csvOptions = `header = true, all_varchar = true, delim = ',', quote = '"', escape = '"',
  store_rejects = true, rejects_table = 'eqa_csv_rejects', rejects_scan = 'eqa_csv_scans', max_line_size = 20000000`;

/**
 * Loads one canonical CSV file inside the caller's transaction: reads it with DuckDB, checks every row
 * in SQL, replaces the stored rows with the same natural keys, and records each rejected row with its
 * line, field, raw value and reason.
 */
export async function loadCanonicalFile(session: StoreSession, input: LoadFileInput): Promise<FileSummary> {
  const started = performance.now();
  const { file, runId } = input;
  const header = readCsvHeader(file);
  const kind = detectCanonicalKind(header) ?? closestCanonicalKind(header);
  if (!kind) {
    throw new IngestFileError(
      file,
      `not a canonical file: its header (${header.join(', ')}) matches none of tickets, events, calls, agents, routing`,
      1,
    );
  }
  const spec = canonicalFiles[kind];
  const present = new Set(header.map((h) => h.toLowerCase()));
  const missing = spec.columns.filter((c) => c.inHeader && !present.has(c.name)).map((c) => c.name);
  if (missing.length) {
    throw new IngestFileError(file, `missing required column(s): ${missing.join(', ')}`, 1);
  }
  const duplicated = header.filter((h, i) => header.indexOf(h) !== i);
  if (duplicated.length) {
    throw new IngestFileError(
      file,
      `duplicated column(s) in the header: ${[...new Set(duplicated)].join(', ')}`,
      1,
    );
  }
  const known = new Set(spec.columns.map((c) => c.name));
  const ignored = header.filter((h) => !known.has(h.toLowerCase()));

  await stage(session, file, spec, present);
  const structural = await recordStructuralRejects(session, file, runId);
  const checked = await checkRows(session, spec);
  const rejected = checked.rejected > 0 ? await recordRowRejects(session, spec, file, runId) : 0;
  const loaded = await replaceRows(session, spec, file);
  await session.run(
    'DROP TABLE eqa_staged; DROP TABLE eqa_checked; DROP TABLE eqa_csv_rejects; DROP TABLE eqa_csv_scans',
  );

  const summary: FileSummary = {
    file,
    format: 'canonical-csv',
    kind,
    rows_read: checked.rows + structural,
    rows_loaded: loaded,
    rows_rejected: rejected + structural,
    seconds: (performance.now() - started) / 1000,
  };
  if (ignored.length) {
    summary.ignored_columns = ignored;
  }
  await session.run(
    `INSERT INTO loaded_files (sha256, file, kind, rows_read, rows_loaded, rows_rejected, run_id)
     VALUES ($sha, $file, $kind, $read, $loaded, $rejected, $run)`,
    {
      sha: input.sha256,
      file,
      kind,
      read: summary.rows_read,
      loaded: summary.rows_loaded,
      rejected: summary.rows_rejected,
      run: runId,
    },
  );
  return summary;
}

async function stage(session: StoreSession, file: string, spec: CanonicalFileSpec, present: Set<string>) {
  const columns = spec.columns
    .map((c) => (present.has(c.name) ? ident(c.name) : `NULL::VARCHAR AS ${ident(c.name)}`))
    .join(', ');
  await session.run('DROP TABLE IF EXISTS eqa_csv_rejects; DROP TABLE IF EXISTS eqa_csv_scans');
  try {
    await session.run(
      `CREATE OR REPLACE TEMP TABLE eqa_staged AS
       SELECT row_number() OVER () AS ordinal, ${columns} FROM read_csv($file, ${csvOptions})`,
      { file },
    );
  } catch (error) {
    throw new IngestFileError(file, `DuckDB could not read it as CSV: ${firstLine(error)}`);
  }
}

/** Rows DuckDB could not parse (wrong number of fields, unterminated quotes...), by physical line. */
async function recordStructuralRejects(session: StoreSession, file: string, runId: string): Promise<number> {
  await session.run(
    `INSERT INTO rejects (run_id, file, line, field, value, reason)
     SELECT $run, $file, line, any_value(column_name), any_value(left(csv_line, 1000)),
            string_agg(DISTINCT error_type || ': ' || error_message, '; ')
     FROM eqa_csv_rejects GROUP BY line`,
    { run: runId, file },
  );
  const [{ n }] = await session.all<{ n: number }>(
    'SELECT count(DISTINCT line)::INTEGER AS n FROM eqa_csv_rejects',
  );
  return n;
}

async function checkRows(session: StoreSession, spec: CanonicalFileSpec) {
  const keyRank = spec.uniqueKey
    ? `row_number() OVER (PARTITION BY ${spec.uniqueKey.map(ident).join(', ')}, problem IS NULL ORDER BY ordinal DESC)`
    : '1';
  await session.run(
    `CREATE OR REPLACE TEMP TABLE eqa_checked AS
     SELECT *, ${keyRank} AS key_rank FROM (
       SELECT *, ${problemExpression(spec)} AS problem FROM (
         SELECT ordinal, ${typedSelectList(spec)} FROM eqa_staged))`,
  );
  const [counts] = await session.all<{ rows: number; rejected: number }>(
    `SELECT count(*)::INTEGER AS rows,
            count(*) FILTER (WHERE problem IS NOT NULL OR key_rank > 1)::INTEGER AS rejected
     FROM eqa_checked`,
  );
  return counts;
}

/**
 * Records rows that parsed but failed a check. Their line is the physical line where the record
 * starts: the header, plus every earlier record's line breaks (quoted notes span lines), plus the lines
 * DuckDB rejected before it. Computed only when a file has rejects, so good files pay nothing for it.
 */
async function recordRowRejects(session: StoreSession, spec: CanonicalFileSpec, file: string, runId: string) {
  const newlineCount = spec.columns
    .map((c) => `coalesce(length(${ident(c.name)}) - length(replace(${ident(c.name)}, chr(10), '')), 0)`)
    .join(' + ');
  const rawOfField = `CASE c.problem.field ${spec.columns
    .map((col) => `WHEN ${literal(col.name)} THEN c.${rawName(col.name)}`)
    .join(' ')} END`;
  const keyText = spec.uniqueKey ? spec.uniqueKey.join(', ') : '';
  await session.run(
    `INSERT INTO rejects (run_id, file, line, field, value, reason)
     WITH starts AS (
       SELECT ordinal,
              1 + ordinal + coalesce(sum(${newlineCount}) OVER (ORDER BY ordinal ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS line
       FROM eqa_staged
     )
     SELECT $run, $file,
            s.line + (SELECT count(DISTINCT r.line) FROM eqa_csv_rejects r WHERE r.line <= s.line),
            coalesce(c.problem.field, ${literal(keyText)}),
            left(coalesce(${rawOfField}, ''), 1000),
            coalesce(c.problem.reason, 'duplicate ${keyText}: superseded by a later row of the same file')
     FROM eqa_checked c JOIN starts s USING (ordinal)
     WHERE c.problem IS NOT NULL OR c.key_rank > 1`,
    { run: runId, file },
  );
  const [{ n }] = await session.all<{ n: number }>(
    'SELECT count(*)::INTEGER AS n FROM eqa_checked WHERE problem IS NOT NULL OR key_rank > 1',
  );
  return n;
}

/** Replaces the stored rows that share a natural key with the file's good rows; returns rows inserted. */
async function replaceRows(session: StoreSession, spec: CanonicalFileSpec, file: string): Promise<number> {
  const table = ident(spec.kind);
  const keys = spec.replaceBy.map(ident);
  await session.run(
    `DELETE FROM ${table} USING (
       SELECT DISTINCT ${keys.join(', ')} FROM eqa_checked WHERE problem IS NULL AND key_rank = 1) AS incoming
     WHERE ${keys.map((k) => `${table}.${k} = incoming.${k}`).join(' AND ')}`,
  );
  const columns = spec.columns.map((c) => ident(c.name));
  const seq = spec.kind === 'events' ? ', seq' : '';
  const seqValue =
    spec.kind === 'events' ? ', row_number() OVER (PARTITION BY ticket_id ORDER BY ordinal)' : '';
  await session.run(
    `INSERT INTO ${table} (${columns.join(', ')}${seq}, source_file)
     SELECT ${columns.join(', ')}${seqValue}, $file FROM eqa_checked
     WHERE problem IS NULL AND key_rank = 1`,
    { file },
  );
  const [{ n }] = await session.all<{ n: number }>(
    'SELECT count(*)::INTEGER AS n FROM eqa_checked WHERE problem IS NULL AND key_rank = 1',
  );
  return n;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
