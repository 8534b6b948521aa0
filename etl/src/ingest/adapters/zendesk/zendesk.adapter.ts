import type { CanonicalKind } from '../../../canonical/canonical-files.js';
import { IngestFileError } from '../../ingest-file-error.js';
import type { AdapterContext, IngestAdapter, StageResult } from '../adapter.types.js';
import { keepStoredHistorySql } from '../shared/keep-stored-history.js';
import { runMappingSql } from '../shared/run-mapping-sql.js';
import { sniffZendeskFile, type ZendeskShape, zendeskShape } from './detect.js';
import { readZendeskJson } from './read-zendesk-json.js';
import { unusedKeys } from './unused-keys.js';

const macrosSql = new URL('./zendesk-macros.sql', import.meta.url);

/** How each kind of record is mapped: the keys the mapping reads, the SQL run in order, what it stages. */
const mappings: Record<ZendeskShape['kind'], { usedKeys: string[]; sql: URL[]; kinds: CanonicalKind[] }> = {
  // Tickets with the events a snapshot can tell (created, resolved, survey).
  tickets: {
    usedKeys: [
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
    ],
    sql: [macrosSql, new URL('./map-tickets.sql', import.meta.url), keepStoredHistorySql],
    kinds: ['tickets', 'events'],
  },
  // The whole history of each ticket an audits export covers, which replaces its stored events.
  audits: {
    usedKeys: ['id', 'ticket_id', 'created_at', 'author_id', 'via', 'events'],
    sql: [macrosSql, new URL('./map-audits.sql', import.meta.url)],
    kinds: ['events'],
  },
};

/**
 * Zendesk Support exports: tickets (Tickets API objects, one per line as in the full JSON export, or
 * an API page `{"tickets": […]}`) and ticket audits (`{"audits": […]}` pages or one audit per line).
 * Group levels come from group names (shared/group-level.sql); side-loaded `groups` give the names.
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
    const { usedKeys, sql, kinds } = mappings[shape.kind];
    return runMappingSql(ctx, sql, kinds, {
      rejected: 0,
      ignoredColumns: await unusedKeys(ctx.session, usedKeys),
    });
  },
};
