import { loadSql } from '../../../store/sql-files.js';
import { IngestFileError } from '../../ingest-file-error.js';
import { readCsvHeader } from '../../read-header.js';
import type { AdapterContext, IngestAdapter, StageResult } from '../adapter.types.js';
import { detectServiceNow, serviceNowColumns } from './detect.js';
import { readVendorCsv } from './read-vendor-csv.js';
import { recordAdapterRejects } from './record-adapter-rejects.js';

const vendorMacros = new URL('./vendor-macros.sql', import.meta.url);
const mapIncident = new URL('./map-incident.sql', import.meta.url);

/** ServiceNow's incident list export (CSV) → tickets and their created / assigned / resolved events. */
export const serviceNowAdapter: IngestAdapter = {
  name: 'servicenow',
  description:
    'ServiceNow incident list export (CSV; header of field names or labels: number/Number, opened_at/Opened, assignment_group/Assignment group …)',

  detect(head) {
    return detectServiceNow(head.header);
  },

  async stage(ctx: AdapterContext): Promise<StageResult> {
    const header = readCsvHeader(ctx.file);
    const columns = serviceNowColumns(header);
    const missing = (['number', 'opened_at'] as const).filter((f) => columns[f] === null);
    if (missing.length) {
      throw new IngestFileError(ctx.file, `missing required ServiceNow column(s): ${missing.join(', ')}`, 1);
    }
    const malformed = await readVendorCsv(ctx, header, columns);
    await ctx.session.run(loadSql(vendorMacros));
    await ctx.session.run(loadSql(mapIncident));
    const unmapped = await recordAdapterRejects(ctx);
    const used = new Set(Object.values(columns));
    return {
      staged: [
        { kind: 'tickets', table: 'eqa_stage_tickets', lines: 'column' },
        { kind: 'events', table: 'eqa_stage_events', lines: 'column' },
      ],
      rejected: malformed + unmapped,
      // reassignment_count and escalation land here: a list export cannot say between which groups or
      // when the moves happened, so neither becomes a step (README.md beside this file)
      ignoredColumns: header.filter((h) => !used.has(h)),
    };
  },
};
