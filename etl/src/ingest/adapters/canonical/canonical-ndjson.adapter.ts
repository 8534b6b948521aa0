import { canonicalFiles, detectCanonicalKind } from '../../../canonical/canonical-files.js';
import { ident, literal } from '../../canonical-sql.js';
import { IngestFileError } from '../../ingest-file-error.js';
import { pendingRejects } from '../../pending-rejects.js';
import type { AdapterContext, IngestAdapter, StageResult } from '../adapter.types.js';

/**
 * The canonical format as JSON lines: one object per line with the canonical column names as keys,
 * one kind per file, recognised by the first record's keys. A line that is not a JSON object is a
 * reject with its line number; a key's value is kept as text (numbers and booleans as written).
 */
export const canonicalNdjsonAdapter: IngestAdapter = {
  name: 'canonical-ndjson',
  description: 'Escalation QA canonical format as JSON lines (.ndjson, .jsonl, .json; gzip accepted)',

  detect(head) {
    return head.firstRecord != null && detectCanonicalKind(Object.keys(head.firstRecord)) !== null;
  },

  async stage({ session, file, runId }: AdapterContext): Promise<StageResult> {
    // Each line is read as text, so that a malformed one is a reject with its line, not a failed file.
    try {
      await session.run(
        `CREATE OR REPLACE TEMP TABLE eqa_ndjson_lines AS
         SELECT row_number() OVER () AS line, column0 AS raw
         FROM read_csv($file, columns = {'column0': 'VARCHAR'}, header = false, delim = chr(1), quote = '',
                       escape = '', auto_detect = false, max_line_size = 20000000, strict_mode = false)`,
        { file },
      );
    } catch (error) {
      throw new IngestFileError(
        file,
        `could not be read as JSON lines: ${(error as Error).message.split('\n')[0]}`,
      );
    }
    const [first] = await session.all<{ keys: string[] | null }>(
      `SELECT json_keys(raw::JSON) AS keys FROM eqa_ndjson_lines
       WHERE trim(raw) <> '' AND json_valid(raw) ORDER BY line LIMIT 1`,
    );
    const kind = first?.keys ? detectCanonicalKind(first.keys) : null;
    if (!kind) {
      throw new IngestFileError(
        file,
        'the first record has none of the canonical sets of keys (etl/README.md)',
        1,
      );
    }
    const spec = canonicalFiles[kind];
    await session.run(
      `INSERT INTO ${pendingRejects} (run_id, file, line, field, value, reason)
       SELECT $runId, $file, line, NULL, left(raw, 1000), 'not a JSON object'
       FROM eqa_ndjson_lines
       WHERE trim(raw) <> '' AND (NOT json_valid(raw) OR json_type(raw::JSON) <> 'OBJECT')`,
      { runId, file },
    );
    const [{ rejected }] = await session.all<{ rejected: number }>(
      `SELECT count(*)::INTEGER AS rejected FROM eqa_ndjson_lines
       WHERE trim(raw) <> '' AND (NOT json_valid(raw) OR json_type(raw::JSON) <> 'OBJECT')`,
    );
    const table = `eqa_stage_${kind}`;
    const columns = spec.columns
      .map((c) => `json_extract_string(raw, ${literal(`$."${c.name}"`)}) AS ${ident(c.name)}`)
      .join(', ');
    await session.run(
      `CREATE OR REPLACE TEMP TABLE ${table} AS
       SELECT line AS ordinal, line, ${columns} FROM eqa_ndjson_lines
       WHERE trim(raw) <> '' AND json_valid(raw) AND json_type(raw::JSON) = 'OBJECT'`,
    );
    return { staged: [{ kind, table, lines: 'column' }], rejected };
  },
};
