import { type CaseCall, type CaseDetail, caseDetail } from '../analytics/case.queries.js';
import type { DuckDbStore } from '../store/duckdb-store.js';
import { draftBriefs, type RoleplayBriefs, type SpeakerTurn, speakerTurns } from './draft-briefs.util.js';

/** One call as the Role-play page shows it: the call, its transcript as turns, its case, draft briefs. */
export interface RoleplayCall {
  call: CaseCall & { ticket_id: string | null; duration_seconds: number | null };
  turns: SpeakerTurn[];
  /** The call's case whole (scores, evidence, steps, events); null for a call tied to no ticket. */
  case: CaseDetail | null;
  briefs: RoleplayBriefs;
}

/**
 * A call with its transcript as stored (redacted at ingest unless --keep-pii), its speaker turns, its
 * case and the briefs drafted from the case's facts; null when the store has no such call.
 */
export async function roleplayCall(store: DuckDbStore, callId: string): Promise<RoleplayCall | null> {
  const [call] = await store.all<RoleplayCall['call']>(
    `SELECT c.call_id, coalesce(c.ticket_id, l.ticket_id) AS ticket_id,
            strftime(c.started_at, '%Y-%m-%dT%H:%M:%SZ') AS started_at,
            strftime(c.ended_at, '%Y-%m-%dT%H:%M:%SZ') AS ended_at,
            epoch(c.ended_at - c.started_at)::INTEGER AS duration_seconds, c.agent_id, c.department, c.level,
            c.direction, c.disposition, c.recording_url, c.transcript, l.link_method
     FROM calls c LEFT JOIN call_links l USING (call_id) WHERE c.call_id = $id`,
    { id: callId },
  );
  if (!call) {
    return null;
  }
  const detail = call.ticket_id ? await caseDetail(store, call.ticket_id) : null;
  return { call, turns: speakerTurns(call.transcript), case: detail, briefs: draftBriefs(detail, call) };
}
