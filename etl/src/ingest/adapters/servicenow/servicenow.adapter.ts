import type { AdapterContext, IngestAdapter, StageResult } from '../adapter.types.js';
import { readVendorCsv } from '../shared/read-vendor-csv.js';
import { runMappingSql } from '../shared/run-mapping-sql.js';
import { detectServiceNow, serviceNowFields } from './detect.js';

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
    // reassignment_count and escalation land in ignoredColumns: a list export cannot say between which
    // groups or when the moves happened, so neither becomes a step (README.md beside this file)
    const csv = await readVendorCsv(ctx, serviceNowFields, {
      vendor: 'ServiceNow',
      fields: ['number', 'opened_at'],
    });
    return runMappingSql(ctx, [mapIncident], ['tickets', 'events'], csv);
  },
};
