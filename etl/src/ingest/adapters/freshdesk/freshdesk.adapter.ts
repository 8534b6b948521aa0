import { IngestFileError } from '../../ingest-file-error.js';
import { readCsvHeader } from '../../read-header.js';
import type { AdapterContext, IngestAdapter, StageResult } from '../adapter.types.js';
import { readVendorCsv } from '../shared/read-vendor-csv.js';
import { runMappingSql } from '../shared/run-mapping-sql.js';
import { isFreshdeskTickets } from './detect.js';

const macrosSql = new URL('./freshdesk-macros.sql', import.meta.url);
const mapTicketsSql = new URL('./map-tickets.sql', import.meta.url);

// Our name → the export's column label(s), as Freshdesk's ticket export writes them.
const ticketFields = {
  ticket_id: 'Ticket ID',
  status: 'Status',
  priority: 'Priority',
  source: 'Source',
  type: 'Type',
  agent: 'Agent',
  group_name: 'Group',
  created_time: 'Created time',
  resolved_time: 'Resolved time',
  closed_time: 'Closed time',
  last_update_time: ['Last update time', 'Last updated time'],
  survey_result: ['Survey results', 'Survey result', 'Customer Satisfaction'],
  contact_id: 'Contact ID',
};

/**
 * Freshdesk's tickets CSV export (Tickets › Export): one row per ticket, a snapshot without history,
 * staged as tickets and their snapshot events. Group levels come from group names (shared/group-level.sql).
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
    const csv = await readVendorCsv(ctx, ticketFields);
    return runMappingSql(ctx, [macrosSql, mapTicketsSql], ['tickets', 'events'], csv);
  },
};
