import { loadSql } from '../../../store/sql-files.js';
import type { AdapterContext, StageResult } from '../adapter.types.js';
import { recordAdapterRejects } from '../zendesk/record-adapter-rejects.js';
import { readHelpdeskCsv } from './read-helpdesk-csv.js';

const mapCaseHistorySql = new URL('./map-case-history.sql', import.meta.url);

// Our name → the CaseHistory field's API name.
const historyFields = {
  id: 'Id',
  is_deleted: 'IsDeleted',
  case_id: 'CaseId',
  created_by_id: 'CreatedById',
  created_date: 'CreatedDate',
  field: 'Field',
  old_value: 'OldValue',
  new_value: 'NewValue',
};

/**
 * Stages a Salesforce CaseHistory.csv export as canonical events: each case's whole history, which
 * replaces that case's stored events.
 */
export async function mapSalesforceCaseHistory(ctx: AdapterContext): Promise<StageResult> {
  const csv = await readHelpdeskCsv(ctx, historyFields);
  await ctx.session.run(loadSql(mapCaseHistorySql));
  return {
    staged: [{ kind: 'events', table: 'eqa_stage_events', lines: 'column' }],
    rejected: csv.malformed + (await recordAdapterRejects(ctx)),
    ignoredColumns: csv.unused,
    ...(csv.encoding === 'utf-8' ? {} : { encoding: csv.encoding }),
  };
}
