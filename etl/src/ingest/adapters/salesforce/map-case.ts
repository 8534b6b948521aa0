import { loadSql } from '../../../store/sql-files.js';
import type { AdapterContext, StageResult } from '../adapter.types.js';
import { keepStoredHistories } from '../zendesk/keep-stored-history.js';
import { recordAdapterRejects } from '../zendesk/record-adapter-rejects.js';
import { readHelpdeskCsv } from './read-helpdesk-csv.js';

const mapCaseSql = new URL('./map-case.sql', import.meta.url);

// Our name → the Case field's API name.
const caseFields = {
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
};

/** Stages a Salesforce Case.csv export as canonical tickets with their created and resolved events. */
export async function mapSalesforceCases(ctx: AdapterContext): Promise<StageResult> {
  const csv = await readHelpdeskCsv(ctx, caseFields);
  await ctx.session.run(loadSql(mapCaseSql));
  await keepStoredHistories(ctx.session);
  return {
    staged: [
      { kind: 'tickets', table: 'eqa_stage_tickets', lines: 'column' },
      { kind: 'events', table: 'eqa_stage_events', lines: 'column' },
    ],
    rejected: csv.malformed + (await recordAdapterRejects(ctx)),
    ignoredColumns: csv.unused,
    ...(csv.encoding === 'utf-8' ? {} : { encoding: csv.encoding }),
  };
}
