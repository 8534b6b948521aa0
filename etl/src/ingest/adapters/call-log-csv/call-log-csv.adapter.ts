import { loadSql } from '../../../store/sql-files.js';
import { IngestFileError } from '../../ingest-file-error.js';
import { readCsvHeader } from '../../read-header.js';
import type { AdapterContext, IngestAdapter, StageResult } from '../adapter.types.js';
import { readVendorCsv } from '../servicenow/read-vendor-csv.js';
import { recordAdapterRejects } from '../servicenow/record-adapter-rejects.js';
import { aircallColumns, detectAircallCallLog } from './detect.js';

const vendorMacros = new URL('../servicenow/vendor-macros.sql', import.meta.url);
const mapCall = new URL('./map-call.sql', import.meta.url);

/** A cloud-telephony call log: Aircall's calls, one row per call, as CSV → calls. */
export const callLogCsvAdapter: IngestAdapter = {
  name: 'call-log-csv',
  description:
    "Aircall call log CSV (the Call object's fields: id, direct_link, direction, started_at, raw_digits, user_name, teams …)",

  detect(head) {
    return detectAircallCallLog(head.header);
  },

  async stage(ctx: AdapterContext): Promise<StageResult> {
    const header = readCsvHeader(ctx.file);
    const columns = aircallColumns(header);
    const missing = (['id', 'started_at'] as const).filter((f) => columns[f] === null);
    if (missing.length) {
      throw new IngestFileError(ctx.file, `missing required Aircall column(s): ${missing.join(', ')}`, 1);
    }
    const malformed = await readVendorCsv(ctx, header, columns);
    await ctx.session.run(loadSql(vendorMacros));
    await ctx.session.run(loadSql(mapCall));
    const unmapped = await recordAdapterRejects(ctx);
    const used = new Set(Object.values(columns));
    return {
      staged: [{ kind: 'calls', table: 'eqa_stage_calls', lines: 'column' }],
      rejected: malformed + unmapped,
      ignoredColumns: header.filter((h) => !used.has(h)),
    };
  },
};
