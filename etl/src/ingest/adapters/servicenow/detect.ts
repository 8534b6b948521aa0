import { vendorColumns } from '../shared/vendor-columns.js';

/**
 * The incident fields the adapter reads. A list export heads each column with the field's name
 * (`assignment_group`) or, exported with display labels, its label (`Assignment group`); both are
 * accepted, case-insensitively, the first spelling found winning. Labels follow the incident form's
 * defaults (close_code is "Resolution code" since Jakarta, contact_type "Channel").
 */
export const serviceNowFields = {
  number: ['number', 'Number'],
  opened_at: ['opened_at', 'Opened'],
  resolved_at: ['resolved_at', 'Resolved'],
  closed_at: ['closed_at', 'Closed'],
  caller_id: ['caller_id', 'Caller'],
  category: ['category', 'Category'],
  priority: ['priority', 'Priority'],
  state: ['state', 'State', 'incident_state', 'Incident state'],
  assignment_group: ['assignment_group', 'Assignment group'],
  assigned_to: ['assigned_to', 'Assigned to'],
  resolved_by: ['resolved_by', 'Resolved by'],
  close_code: ['close_code', 'Resolution code', 'Close code'],
  close_notes: ['close_notes', 'Resolution notes', 'Close notes'],
  contact_type: ['contact_type', 'Channel', 'Contact type'],
} as const;

/**
 * An incident export: the header names the incident number, when it was opened and its assignment
 * group. The three together appear in no other built-in format (Freshdesk says "Ticket ID" and "Group",
 * Salesforce "Case Number").
 */
export function detectServiceNow(header: readonly string[] | null): boolean {
  if (!header) {
    return false;
  }
  const columns = vendorColumns(header, serviceNowFields);
  return columns.number !== null && columns.opened_at !== null && columns.assignment_group !== null;
}
