import type { CanonicalKind } from '../../../canonical/canonical-files.js';
import { IngestFileError } from '../../ingest-file-error.js';
import { readCsvHeader } from '../../read-header.js';
import type { AdapterContext, IngestAdapter, StageResult } from '../adapter.types.js';
import { keepStoredHistorySql } from '../shared/keep-stored-history.js';
import { readVendorCsv } from '../shared/read-vendor-csv.js';
import { runMappingSql } from '../shared/run-mapping-sql.js';
import { type SalesforceObject, salesforceObject } from './detect.js';

const macrosSql = new URL('./salesforce-macros.sql', import.meta.url);

/** How each object is mapped: our name → the field's API name, the SQL run in order, what it stages. */
const objects: Record<
  SalesforceObject,
  { fields: Record<string, string>; sql: URL[]; kinds: CanonicalKind[] }
> = {
  // Tickets with the events a snapshot can tell (created, resolved).
  Case: {
    fields: {
      id: 'Id',
      is_deleted: 'IsDeleted',
      contact_id: 'ContactId',
      account_id: 'AccountId',
      type: 'Type',
      status: 'Status',
      origin: 'Origin',
      priority: 'Priority',
      is_closed: 'IsClosed',
      closed_date: 'ClosedDate',
      created_date: 'CreatedDate',
    },
    sql: [macrosSql, new URL('./map-case.sql', import.meta.url), keepStoredHistorySql],
    kinds: ['tickets', 'events'],
  },
  // Each case's whole history, which replaces that case's stored events.
  CaseHistory: {
    fields: {
      id: 'Id',
      is_deleted: 'IsDeleted',
      case_id: 'CaseId',
      created_by_id: 'CreatedById',
      created_date: 'CreatedDate',
      field: 'Field',
      old_value: 'OldValue',
      new_value: 'NewValue',
    },
    sql: [macrosSql, new URL('./map-case-history.sql', import.meta.url)],
    kinds: ['events'],
  },
};

/**
 * Salesforce Service Cloud exports with API field names (Data Export service, Data Loader): Case.csv
 * (tickets) and CaseHistory.csv (events). Queue levels come from queue names (shared/group-level.sql).
 */
export const salesforceAdapter: IngestAdapter = {
  name: 'salesforce',
  description: 'Salesforce Service Cloud Case.csv and CaseHistory.csv (API field names)',

  detect(head) {
    return salesforceObject(head) !== null;
  },

  async stage(ctx: AdapterContext): Promise<StageResult> {
    const object = salesforceObject({ file: ctx.file, header: readCsvHeader(ctx.file) });
    if (!object) {
      throw new IngestFileError(
        ctx.file,
        'not a Salesforce export: expected a Case header (Id, CaseNumber, Status, CreatedDate, …) or a CaseHistory header (CaseId, Field, OldValue, NewValue, CreatedDate, …)',
        1,
      );
    }
    const { fields, sql, kinds } = objects[object];
    return runMappingSql(ctx, sql, kinds, await readVendorCsv(ctx, fields));
  },
};
