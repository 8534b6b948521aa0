import { ident } from '../../canonical-sql.js';
import { stageCsv } from '../../csv/read-csv.js';
import { IngestFileError } from '../../ingest-file-error.js';
import { readCsvHeader } from '../../read-header.js';
import type { AdapterContext, StageResult } from '../adapter.types.js';
import { type FieldSpellings, vendorColumns } from './vendor-columns.js';

/** Fields without which a file cannot be mapped at all, named in the error with the vendor's name. */
export interface RequiredFields<F extends string> {
  vendor: string;
  fields: readonly F[];
}

/**
 * Reads a vendor CSV export into the temporary table `eqa_vendor_csv`: `ordinal` (source order), `line`
 * (where the record starts: header = 1, quoted line breaks and malformed records counted) and one
 * VARCHAR column per field, from the header column vendorColumns() finds for it (NULL when absent).
 * Reading goes through stageCsv (encodings, BOM, malformed records as pending rejects). Returns
 * what the read decided: the malformed records, the header columns no field reads, and the encoding
 * when not UTF-8.
 */
export async function readVendorCsv<F extends string>(
  ctx: AdapterContext,
  fields: Readonly<Record<F, FieldSpellings>>,
  required: RequiredFields<NoInfer<F>> = { vendor: '', fields: [] },
): Promise<Omit<StageResult, 'staged'>> {
  const { session, file, runId } = ctx;
  const header = readCsvHeader(file);
  const columns = vendorColumns(header, fields);
  const missing = required.fields.filter((f) => columns[f] === null);
  if (missing.length) {
    throw new IngestFileError(
      file,
      `missing required ${required.vendor} column(s): ${missing.join(', ')}`,
      1,
    );
  }
  const duplicated = header.filter((h, i) => header.indexOf(h) !== i);
  if (duplicated.length) {
    throw new IngestFileError(
      file,
      `duplicated column(s) in the header: ${[...new Set(duplicated)].join(', ')}`,
      1,
    );
  }
  const selected = (Object.entries(columns) as [F, string | null][]).map(
    ([name, source]) => `${source === null ? 'NULL::VARCHAR' : `src.${ident(source)}`} AS ${ident(name)}`,
  );
  // Every column's line breaks move the next record down, whether or not a field reads it.
  const newlines = header
    .map((h) => `coalesce(length(src.${ident(h)}) - length(replace(src.${ident(h)}, chr(10), '')), 0)`)
    .join(' + ');
  const read = await stageCsv(session, {
    file,
    runId,
    table: 'eqa_vendor_csv_read',
    select: `${newlines} AS eqa_newlines, ${selected.join(', ')}`,
  });
  await session.run(
    `CREATE OR REPLACE TEMP TABLE eqa_vendor_csv AS
     SELECT * EXCLUDE (eqa_newlines),
            1 + ordinal + coalesce(sum(eqa_newlines) OVER (ORDER BY ordinal ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS line
     FROM eqa_vendor_csv_read`,
  );
  if (read.malformed > 0) {
    await session.run(
      `UPDATE eqa_vendor_csv SET line = line + (
         SELECT count(DISTINCT r.line) FROM eqa_csv_rejects r WHERE r.line <= eqa_vendor_csv.line)`,
    );
  }
  const used = new Set(Object.values(columns));
  return {
    rejected: read.malformed,
    ignoredColumns: header.filter((h) => !used.has(h)),
    ...(read.encoding === 'utf-8' ? {} : { encoding: read.encoding }),
  };
}
