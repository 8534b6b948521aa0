import { IngestFileError } from '../../ingest-file-error.js';
import type { AdapterContext } from '../adapter.types.js';

// Each line is read whole as one VARCHAR and parsed in SQL: read_json would skip blank lines (losing the
// line a reject must name) and fail the whole file on one malformed line. No JSON text holds a raw
// control character, so chr(1) never splits a line.
const linesOptions = `columns = {'text': 'VARCHAR'}, header = false, delim = chr(1), quote = '', escape = '',
  auto_detect = false, max_line_size = 20000000`;

/**
 * Reads a JSON-lines file (gzip accepted) into the temporary table `table` (line, text): every physical
 * line whole, numbered from 1, the first one's byte-order mark removed; blank lines are kept, so that
 * the caller filters them and a reject names its line. `format` names the file's kind in a read error.
 */
export async function readJsonLines(
  { session, file }: AdapterContext,
  table: string,
  format: string,
): Promise<void> {
  try {
    await session.run(
      `CREATE OR REPLACE TEMP TABLE ${table} AS
       SELECT line, CASE WHEN line = 1 THEN ltrim(text, chr(65279)) ELSE text END AS text
       FROM (SELECT row_number() OVER () AS line, text FROM read_csv($file, ${linesOptions}))`,
      { file },
    );
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new IngestFileError(file, `DuckDB could not read it as ${format}: ${message}`);
  }
}
