import { loadSql } from '../../../store/sql-files.js';
import type { AdapterContext, StageResult } from '../adapter.types.js';
import { readHelpdeskCsv } from '../salesforce/read-helpdesk-csv.js';
import { recordAdapterRejects } from '../zendesk/record-adapter-rejects.js';

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

/** Stages a Freshdesk tickets CSV export as canonical tickets and their snapshot events. */
export async function mapFreshdeskTickets(ctx: AdapterContext): Promise<StageResult> {
  const csv = await readHelpdeskCsv(ctx, ticketFields);
  await ctx.session.run(loadSql(mapTicketsSql));
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
