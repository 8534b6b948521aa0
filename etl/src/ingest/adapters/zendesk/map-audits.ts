import { loadSql } from '../../../store/sql-files.js';
import type { AdapterContext, StageResult } from '../adapter.types.js';
import { recordAdapterRejects } from './record-adapter-rejects.js';
import { unusedKeys } from './unused-keys.js';

const mapAuditsSql = new URL('./map-audits.sql', import.meta.url);

const usedKeys = ['id', 'ticket_id', 'created_at', 'author_id', 'via', 'events'];

/**
 * Maps the records read from a Zendesk ticket audits export (eqa_zd_records) to staged events: the
 * whole history of each ticket it covers, which replaces that ticket's stored events.
 */
export async function mapZendeskAudits(ctx: AdapterContext): Promise<StageResult> {
  await ctx.session.run(loadSql(mapAuditsSql));
  return {
    staged: [{ kind: 'events', table: 'eqa_stage_events', lines: 'column' }],
    rejected: await recordAdapterRejects(ctx),
    ignoredColumns: await unusedKeys(ctx.session, usedKeys),
  };
}
