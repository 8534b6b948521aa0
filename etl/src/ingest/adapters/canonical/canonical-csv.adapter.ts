import {
  canonicalFiles,
  closestCanonicalKind,
  detectCanonicalKind,
} from '../../../canonical/canonical-files.js';
import { ident } from '../../canonical-sql.js';
import { IngestFileError } from '../../ingest-file-error.js';
import { readCsvHeader } from '../../read-header.js';
import type { AdapterContext, IngestAdapter, StageResult } from '../adapter.types.js';

// The canonical CSV dialect is fixed (RFC 4180), so DuckDB need not guess it: a guess can fail on a
// file whose first rows are the bad ones. Malformed rows go to DuckDB's rejects tables, with lines.
const csvOptions = `header = true, all_varchar = true, delim = ',', quote = '"', escape = '"',
  store_rejects = true, rejects_table = 'eqa_csv_rejects', rejects_scan = 'eqa_csv_scans', max_line_size = 20000000`;

/** The canonical format (etl/README.md): one kind per file, recognised by its header. */
export const canonicalCsvAdapter: IngestAdapter = {
  name: 'canonical-csv',
  description: 'Escalation QA canonical CSV: tickets, events, calls, agents or routing (etl/README.md)',

  detect(head) {
    return head.header !== null && detectCanonicalKind(head.header) !== null;
  },

  async stage({ session, file, runId }: AdapterContext): Promise<StageResult> {
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

    const table = `eqa_stage_${kind}`;
    const columns = spec.columns
      .map((c) => (present.has(c.name) ? ident(c.name) : `NULL::VARCHAR AS ${ident(c.name)}`))
      .join(', ');
    await session.run('DROP TABLE IF EXISTS eqa_csv_rejects; DROP TABLE IF EXISTS eqa_csv_scans');
    try {
      await session.run(
        `CREATE OR REPLACE TEMP TABLE ${table} AS
         SELECT row_number() OVER () AS ordinal, ${columns} FROM read_csv($file, ${csvOptions})`,
        { file },
      );
    } catch (error) {
      throw new IngestFileError(file, `DuckDB could not read it as CSV: ${firstLine(error)}`);
    }
    const rejected = await recordMalformedRecords({ session, file, runId });
    return {
      staged: [{ kind, table, lines: 'csv' }],
      rejected,
      ignoredColumns: header.filter((h) => !known.has(h.toLowerCase())),
    };
  },
};

/** Records DuckDB could not parse (wrong number of fields, unterminated quotes...), one per line. */
async function recordMalformedRecords({ session, file, runId }: AdapterContext): Promise<number> {
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

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
