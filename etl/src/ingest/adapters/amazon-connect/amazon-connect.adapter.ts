import type { AdapterContext, IngestAdapter, StageResult } from '../adapter.types.js';
import { readJsonLines } from '../shared/read-json-lines.js';
import { runMappingSql } from '../shared/run-mapping-sql.js';
import { detectAmazonConnect } from './detect.js';

const mapContactTraceRecord = new URL('./map-contact-trace-record.sql', import.meta.url);

/** Amazon Connect contact records (CTR), JSON lines as Kinesis Firehose delivers them → calls. */
export const amazonConnectAdapter: IngestAdapter = {
  name: 'amazon-connect',
  description:
    'Amazon Connect contact records (CTR), one JSON object per line as Kinesis Firehose writes them',

  detect(head) {
    return detectAmazonConnect(head);
  },

  async stage(ctx: AdapterContext): Promise<StageResult> {
    await readJsonLines(ctx, 'eqa_ac_lines', 'JSON lines');
    return runMappingSql(ctx, [mapContactTraceRecord], ['calls']);
  },
};
