import { ident } from '../../canonical-sql.js';
import { IngestFileError } from '../../ingest-file-error.js';
import type { AdapterContext } from '../adapter.types.js';

// A vendor CSV's dialect is RFC 4180 as the canonical one; malformed records go to DuckDB's rejects
// tables with their lines instead of failing the file.
const csvOptions = `header = true, all_varchar = true, delim = ',', quote = '"', escape = '"',
  store_rejects = true, rejects_table = 'eqa_csv_rejects', rejects_scan = 'eqa_csv_scans', max_line_size = 20000000`;

/**
 * Reads a vendor CSV into the temporary table `eqa_vendor_raw`: `ordinal` (source order), `line` (the
 * physical line where the record starts, header = 1, quoted line breaks and malformed lines counted) and
 * one VARCHAR column per entry of `fields` (our name → the header's spelling, or null when absent).
 * Records DuckDB cannot parse are written to `rejects`; returns how many.
 */
export async function readVendorCsv(
  { session, file, runId }: AdapterContext,
  header: readonly string[],
  fields: Readonly<Record<string, string | null>>,
): Promise<number> {
  const duplicated = header.filter((h, i) => header.indexOf(h) !== i);
  if (duplicated.length) {
    throw new IngestFileError(
      file,
      `duplicated column(s) in the header: ${[...new Set(duplicated)].join(', ')}`,
      1,
    );
  }
  // Every column's line breaks move the next record down, whether or not the adapter reads the column.
  const newlines = header
    .map((h) => `coalesce(length(${ident(h)}) - length(replace(${ident(h)}, chr(10), '')), 0)`)
    .join(' + ');
  const selected = Object.entries(fields)
    .map(([name, source]) => `${source === null ? 'NULL::VARCHAR' : ident(source)} AS ${ident(name)}`)
    .join(', ');
  await session.run('DROP TABLE IF EXISTS eqa_csv_rejects; DROP TABLE IF EXISTS eqa_csv_scans');
  try {
    await session.run(
      `CREATE OR REPLACE TEMP TABLE eqa_vendor_raw AS
       SELECT ordinal,
              1 + ordinal + coalesce(sum(newlines) OVER (ORDER BY ordinal ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS line,
              * EXCLUDE (ordinal, newlines)
       FROM (SELECT row_number() OVER () AS ordinal, ${newlines} AS newlines, ${selected}
             FROM read_csv($file, ${csvOptions}))`,
      { file },
    );
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new IngestFileError(file, `DuckDB could not read it as CSV: ${message}`);
  }
  const [{ malformed }] = await session.all<{ malformed: number }>(
    'SELECT count(DISTINCT line)::INTEGER AS malformed FROM eqa_csv_rejects',
  );
  if (malformed > 0) {
    await session.run(
      `UPDATE eqa_vendor_raw SET line = line + (
         SELECT count(DISTINCT r.line) FROM eqa_csv_rejects r WHERE r.line <= eqa_vendor_raw.line)`,
    );
    await session.run(
      `INSERT INTO rejects (run_id, file, line, field, value, reason)
       SELECT $run, $file, line, any_value(column_name), any_value(left(csv_line, 1000)),
              string_agg(DISTINCT error_type || ': ' || error_message, '; ')
       FROM eqa_csv_rejects GROUP BY line`,
      { run: runId, file },
    );
  }
  await session.run('DROP TABLE eqa_csv_rejects; DROP TABLE eqa_csv_scans');
  return malformed;
}
