import { loadSql } from '../../../store/sql-files.js';
import { IngestFileError } from '../../ingest-file-error.js';
import type { AdapterContext, IngestAdapter, StageResult } from '../adapter.types.js';
import { sniffZendeskFile, zendeskShape } from './detect.js';
import { mapZendeskAudits } from './map-audits.js';
import { defineGroupLevelMacro } from './map-group-level.js';
import { mapZendeskTickets } from './map-tickets.js';
import { readZendeskJson } from './read-zendesk-json.js';

const macrosSql = new URL('./zendesk-macros.sql', import.meta.url);

/**
 * Zendesk Support exports: tickets (Tickets API objects, one per line as in the full JSON export, or
 * an API page `{"tickets": […]}`) and ticket audits (`{"audits": […]}` pages or one audit per line).
 * Group levels come from group names (group-level.sql); side-loaded `groups` give the names.
 */
export const zendeskAdapter: IngestAdapter = {
  name: 'zendesk',
  description: 'Zendesk tickets and ticket audits JSON (NDJSON export or API pages with side-loaded groups)',

  detect(head) {
    return zendeskShape(head) !== null;
  },

  async stage(ctx: AdapterContext): Promise<StageResult> {
    const shape = sniffZendeskFile(ctx.file);
    if (!shape) {
      throw new IngestFileError(
        ctx.file,
        'not a Zendesk export: expected ticket objects (with via and requester_id) or ticket audits (with ticket_id and events), one per line or in a {"tickets": […]} / {"audits": […]} page',
        1,
      );
    }
    await readZendeskJson(ctx, shape);
    await ctx.session.run(loadSql(macrosSql));
    await defineGroupLevelMacro(ctx.session);
    return shape.kind === 'tickets' ? mapZendeskTickets(ctx) : mapZendeskAudits(ctx);
  },
};
