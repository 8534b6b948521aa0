import type { SessionPack } from '../../contracts/roleplay.contract.js';

const columns = [
  'position',
  'call_id',
  'ticket_id',
  'started_at',
  'duration_minutes',
  'category',
  'policy',
  'max_level',
  'outcome',
  'recording_url',
  'customer_brief',
  'agent_brief',
] as const;

/** A CSV field: quoted when it holds a comma, quote or line break; a leading =, +, - or @ is defused for spreadsheets. */
function field(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@]/.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The session as CSV: a header, then one row per call in session order with its briefs. Pure. */
export function sessionCsv(pack: SessionPack): string {
  const rows = pack.calls.map((c) =>
    [
      c.position,
      c.callId,
      c.ticketId,
      c.startedAt,
      c.durationSeconds === null ? null : (c.durationSeconds / 60).toFixed(1),
      c.category,
      c.policy,
      c.maxLevel,
      c.outcome,
      c.recordingUrl,
      c.customerBrief,
      c.agentBrief,
    ]
      .map(field)
      .join(','),
  );
  return `${[columns.join(','), ...rows].join('\r\n')}\r\n`;
}
