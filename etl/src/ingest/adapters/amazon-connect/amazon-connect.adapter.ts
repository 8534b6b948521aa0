import { loadSql } from '../../../store/sql-files.js';
import { IngestFileError } from '../../ingest-file-error.js';
import type { AdapterContext, IngestAdapter, StageResult } from '../adapter.types.js';
import { recordAdapterRejects } from '../servicenow/record-adapter-rejects.js';
import { detectAmazonConnect } from './detect.js';

const vendorMacros = new URL('../servicenow/vendor-macros.sql', import.meta.url);
const mapContactTraceRecord = new URL('./map-contact-trace-record.sql', import.meta.url);

// Each line is read whole as text, then parsed in SQL. read_json would skip blank lines (losing the
// line a reject must name) and fail the whole file on one malformed line; this way a bad line is one
// reject with its line number. No JSON text holds a raw control character, so chr(1) never splits one.
const linesOptions = `columns = {'j': 'VARCHAR'}, header = false, delim = chr(1), quote = '', escape = '',
  auto_detect = false, max_line_size = 20000000`;

/** Amazon Connect contact records (CTR), JSON lines as Kinesis Firehose delivers them → calls. */
export const amazonConnectAdapter: IngestAdapter = {
  name: 'amazon-connect',
  description:
    'Amazon Connect contact records (CTR), one JSON object per line as Kinesis Firehose writes them',

  detect(head) {
    return detectAmazonConnect(head);
  },

  async stage(ctx: AdapterContext): Promise<StageResult> {
    const { session, file } = ctx;
    try {
      await session.run(
        `CREATE OR REPLACE TEMP TABLE eqa_ac_lines AS
         SELECT row_number() OVER () AS line, j FROM read_csv($file, ${linesOptions})`,
        { file },
      );
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
      throw new IngestFileError(file, `DuckDB could not read it as JSON lines: ${message}`);
    }
    await session.run(loadSql(vendorMacros));
    await session.run(loadSql(mapContactTraceRecord));
    const rejected = await recordAdapterRejects(ctx);
    return { staged: [{ kind: 'calls', table: 'eqa_stage_calls', lines: 'column' }], rejected };
  },
};
