import { canonicalFiles, detectCanonicalKind } from '../../../canonical/canonical-files.js';
import { ident } from '../../canonical-sql.js';
import { IngestFileError } from '../../ingest-file-error.js';
import type { AdapterContext, IngestAdapter, StageResult } from '../adapter.types.js';

/**
 * The canonical format as Parquet: canonical column names, one kind per file. Values are read as text
 * and go through the same checks as CSV; a reject's line is the row's position in the file.
 */
export const canonicalParquetAdapter: IngestAdapter = {
  name: 'canonical-parquet',
  description: 'Escalation QA canonical format as Parquet',

  detect(head) {
    return /\.parquet$/i.test(head.file);
  },

  async stage({ session, file }: AdapterContext): Promise<StageResult> {
    let names: string[];
    try {
      names = (
        await session.all<{ column_name: string }>(
          'SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet($file))',
          {
            file,
          },
        )
      ).map((r) => r.column_name);
    } catch (error) {
      throw new IngestFileError(
        file,
        `could not be read as Parquet: ${(error as Error).message.split('\n')[0]}`,
      );
    }
    const kind = detectCanonicalKind(names);
    if (!kind) {
      throw new IngestFileError(file, `its columns (${names.join(', ')}) match none of the canonical files`);
    }
    const present = new Set(names.map((n) => n.toLowerCase()));
    const table = `eqa_stage_${kind}`;
    const columns = canonicalFiles[kind].columns
      .map((c) =>
        present.has(c.name)
          ? `CASE WHEN typeof(${ident(c.name)}) LIKE 'TIMESTAMP%'
               THEN strftime(${ident(c.name)}::TIMESTAMP, '%Y-%m-%dT%H:%M:%S.%fZ')
               ELSE ${ident(c.name)}::VARCHAR END AS ${ident(c.name)}`
          : `NULL::VARCHAR AS ${ident(c.name)}`,
      )
      .join(', ');
    await session.run(
      `CREATE OR REPLACE TEMP TABLE ${table} AS
       SELECT file_row_number + 1 AS ordinal, file_row_number + 1 AS line, ${columns}
       FROM read_parquet($file, file_row_number = true)`,
      { file },
    );
    return { staged: [{ kind, table, lines: 'column' }], rejected: 0 };
  },
};
