import { ident } from '../../canonical-sql.js';
import { stageCsv } from '../../csv/read-csv.js';
import { readCsvHead } from '../../read-header.js';
import type { AdapterContext } from '../adapter.types.js';

export interface HelpdeskCsv {
  /** Records DuckDB could not parse, already in `rejects`. */
  malformed: number;
  encoding: string;
  /** Header columns none of the fields read. */
  unused: string[];
}

/**
 * Reads a helpdesk CSV export into the temporary table `eqa_helpdesk_csv`: `ordinal`, `line` (where
 * the record starts: header = 1, quoted line breaks and malformed records counted) and one VARCHAR
 * column per field, taken from the first header column of its name(s) in any letter case (NULL when
 * absent). Shared by the Salesforce and Freshdesk adapters.
 */
export async function readHelpdeskCsv(
  ctx: AdapterContext,
  fields: Readonly<Record<string, string | readonly string[]>>,
): Promise<HelpdeskCsv> {
  const { header } = readCsvHead(ctx.file);
  const byName = new Map(header.map((h) => [h.trim().toLowerCase(), h]));
  const used = new Set<string>();
  const selected = Object.entries(fields).map(([name, columns]) => {
    const source = [columns]
      .flat()
      .map((column) => byName.get(column.toLowerCase()))
      .find((found) => found !== undefined);
    if (source === undefined) {
      return `NULL::VARCHAR AS ${ident(name)}`;
    }
    used.add(source);
    return `src.${ident(source)} AS ${ident(name)}`;
  });
  // Every column's line breaks move the next record down, whether or not a field reads it.
  const newlines = header
    .map((h) => `coalesce(length(src.${ident(h)}) - length(replace(src.${ident(h)}, chr(10), '')), 0)`)
    .join(' + ');
  const staged = await stageCsv(ctx.session, {
    file: ctx.file,
    runId: ctx.runId,
    table: 'eqa_helpdesk_csv_scan',
    select: `${newlines} AS eqa_newlines, ${selected.join(', ')}`,
  });
  await ctx.session.run(
    `CREATE OR REPLACE TEMP TABLE eqa_helpdesk_csv AS
     SELECT * EXCLUDE (eqa_newlines),
            1 + ordinal + coalesce(sum(eqa_newlines) OVER (ORDER BY ordinal ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS line
     FROM eqa_helpdesk_csv_scan`,
  );
  if (staged.malformed > 0) {
    await ctx.session.run(
      `UPDATE eqa_helpdesk_csv SET line = line + (
         SELECT count(DISTINCT r.line) FROM eqa_csv_rejects r WHERE r.line <= eqa_helpdesk_csv.line)`,
    );
  }
  return {
    malformed: staged.malformed,
    encoding: staged.encoding,
    unused: header.filter((h) => !used.has(h)),
  };
}
