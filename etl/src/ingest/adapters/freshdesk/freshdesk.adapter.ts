import { loadSql } from '../../../store/sql-files.js';
import { IngestFileError } from '../../ingest-file-error.js';
import { readCsvHeader } from '../../read-header.js';
import type { AdapterContext, IngestAdapter, StageResult } from '../adapter.types.js';
import { defineGroupLevelMacro } from '../zendesk/map-group-level.js';
import { isFreshdeskTickets } from './detect.js';
import { mapFreshdeskTickets } from './map-tickets.js';

const macrosSql = new URL('./freshdesk-macros.sql', import.meta.url);

/**
 * Freshdesk's tickets CSV export (Tickets › Export): one row per ticket, a snapshot without history.
 * Group levels come from group names (group-level.sql).
 */
export const freshdeskAdapter: IngestAdapter = {
  name: 'freshdesk',
  description: 'Freshdesk tickets CSV export (Ticket ID, Status, Group, Created time, Survey results, …)',

  detect(head) {
    return isFreshdeskTickets(head);
  },

  async stage(ctx: AdapterContext): Promise<StageResult> {
    if (!isFreshdeskTickets({ file: ctx.file, header: readCsvHeader(ctx.file) })) {
      throw new IngestFileError(
        ctx.file,
        'not a Freshdesk tickets export: expected the columns Ticket ID, Status and Created time',
        1,
      );
    }
    await ctx.session.run(loadSql(macrosSql));
    await defineGroupLevelMacro(ctx.session);
    return mapFreshdeskTickets(ctx);
  },
};
