import type { AdapterContext, IngestAdapter, StageResult } from '../adapter.types.js';
import { readVendorCsv } from '../shared/read-vendor-csv.js';
import { runMappingSql } from '../shared/run-mapping-sql.js';
import { aircallFields, detectAircallCallLog } from './detect.js';

const mapCall = new URL('./map-call.sql', import.meta.url);

// Each field is read from the header column of its own name.
const callFields = Object.fromEntries(aircallFields.map((f) => [f, f]));

/** A cloud-telephony call log: Aircall's calls, one row per call, as CSV → calls. */
export const callLogCsvAdapter: IngestAdapter = {
  name: 'call-log-csv',
  description:
    "Aircall call log CSV (the Call object's fields: id, direct_link, direction, started_at, raw_digits, user_name, teams …)",

  detect(head) {
    return detectAircallCallLog(head.header);
  },

  async stage(ctx: AdapterContext): Promise<StageResult> {
    const csv = await readVendorCsv(ctx, callFields, { vendor: 'Aircall', fields: ['id', 'started_at'] });
    return runMappingSql(ctx, [mapCall], ['calls'], csv);
  },
};
