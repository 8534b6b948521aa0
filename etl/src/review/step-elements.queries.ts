import { literal } from '../ingest/canonical-sql.js';
import type { HandoverElement } from '../scoring/rubric/rubric.schema.js';
import type { DuckDbStore } from '../store/duckdb-store.js';

/** One escalation step's handover note, and what the last scoring run found in it (null: not scored). */
export interface StepElements {
  ticket_id: string;
  step_no: number;
  note: string | null;
  detected: Record<HandoverElement, boolean | null>;
}

/**
 * The escalation steps of these tickets (a reviewer's cases: a few hundred at most), each with its
 * note and detected elements, in ticket and step order.
 */
export async function stepElements(
  store: DuckDbStore,
  ticketIds: readonly string[],
  elements: readonly HandoverElement[],
): Promise<StepElements[]> {
  if (ticketIds.length === 0) {
    return [];
  }
  const ids = [...new Set(ticketIds)].map((id) => `(${literal(id)})`).join(', ');
  const rows = await store.all<Omit<StepElements, 'detected'> & Record<string, boolean | null>>(
    `SELECT s.ticket_id, s.step_no, s.note, ${elements.map((e) => `d.${e}`).join(', ')}
     FROM escalation_steps s JOIN (VALUES ${ids}) AS r(ticket_id) USING (ticket_id)
     LEFT JOIN step_scores d USING (ticket_id, step_no)
     ORDER BY s.ticket_id, s.step_no`,
  );
  return rows.map((r) => ({
    ticket_id: r.ticket_id,
    step_no: Number(r.step_no),
    note: r.note,
    detected: Object.fromEntries(elements.map((e) => [e, r[e] ?? null])) as StepElements['detected'],
  }));
}
