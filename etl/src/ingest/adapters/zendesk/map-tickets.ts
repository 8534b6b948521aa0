import { loadSql } from '../../../store/sql-files.js';
import type { AdapterContext, StageResult } from '../adapter.types.js';
import { keepStoredHistories } from './keep-stored-history.js';
import { recordAdapterRejects } from './record-adapter-rejects.js';
import { unusedKeys } from './unused-keys.js';

const mapTicketsSql = new URL('./map-tickets.sql', import.meta.url);

const usedKeys = [
  'id',
  'created_at',
  'updated_at',
  'status',
  'priority',
  'type',
  'via',
  'group_id',
  'requester_id',
  'satisfaction_rating',
];

/** Maps the records read from a Zendesk tickets export (eqa_zd_records) to staged tickets and events. */
export async function mapZendeskTickets(ctx: AdapterContext): Promise<StageResult> {
  await ctx.session.run(loadSql(mapTicketsSql));
  await keepStoredHistories(ctx.session);
  return {
    staged: [
      { kind: 'tickets', table: 'eqa_stage_tickets', lines: 'column' },
      { kind: 'events', table: 'eqa_stage_events', lines: 'column' },
    ],
    rejected: await recordAdapterRejects(ctx),
    ignoredColumns: await unusedKeys(ctx.session, usedKeys),
  };
}
