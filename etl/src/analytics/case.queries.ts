import type { DuckDbStore } from '../store/duckdb-store.js';
import { scoredWith } from './standards.queries.js';
import type { ScoredWith } from './standards.types.js';

// One case, whole: what the Case page shows beside each score. Timestamps are ISO strings (UTC).

const iso = (column: string, as = column) => `strftime(${column}, '%Y-%m-%dT%H:%M:%SZ') AS ${as}`;

export interface CaseTicket {
  ticket_id: string;
  created_at: string | null;
  resolved_at: string | null;
  customer_id: string | null;
  channel: string | null;
  category: string | null;
  policy: string | null;
  priority: string | null;
  status: string | null;
  outcome: string | null;
}

export interface CaseScore {
  first_contact_at: string;
  resolved_at: string | null;
  escalations: number;
  max_level: number | null;
  clock: string;
  clock_status: 'within' | 'breached' | 'not_yet_due';
  sla_first_response_met: boolean | null;
  sla_resolution_met: boolean | null;
  survey_status: 'surveyed' | 'not_surveyed';
  right_department: number | null;
  assessment_quality: number | null;
  satisfaction: number | null;
  resolution: number | null;
  overall: number | null;
  critical_failure: string | null;
  rubric_version: string;
}

export interface StepScore {
  step_no: number;
  /** The event the step came from (TimelineEvent.seq). */
  seq: number;
  at: string;
  is_entry: boolean;
  from_level: number | null;
  to_level: number;
  agent_id: string | null;
  team: string | null;
  department: string | null;
  expected_department: string | null;
  exported_type: string | null;
  escalation_type: string | null;
  type_inferred: boolean;
  problem: boolean;
  customer_ask: boolean;
  already_tried: boolean;
  dispute_source: boolean;
  timeline: boolean;
  severity: boolean;
  customer_repeated: boolean;
  next_tier_hours: number | null;
  right_department: number | null;
  assessment_quality: number | null;
}

export interface EvidenceItem {
  step_no: number | null;
  standard: string;
  rule: string;
  passed: boolean | null;
  detail: string;
  source: string;
  call_id: string | null;
  span_start: number | null;
  span_length: number | null;
  excerpt: string | null;
  at: string | null;
}

export interface TimelineEvent {
  seq: number;
  at: string;
  type: string;
  level: number | null;
  department: string | null;
  agent_id: string | null;
  escalation_type: string | null;
  note: string | null;
  status: string | null;
  value: string | null;
}

export interface CaseCall {
  call_id: string;
  started_at: string;
  ended_at: string | null;
  agent_id: string | null;
  department: string | null;
  level: number | null;
  direction: string | null;
  disposition: string | null;
  recording_url: string | null;
  transcript: string | null;
  link_method: string | null;
}

export interface CaseSurveyAnswer {
  at: string | null;
  raw_value: string | null;
  scale: string | null;
  points: number | null;
  source: string;
}

export interface CaseDetail {
  ticket: CaseTicket;
  score: CaseScore | null;
  steps: StepScore[];
  evidence: EvidenceItem[];
  events: TimelineEvent[];
  calls: CaseCall[];
  surveys: CaseSurveyAnswer[];
  scoredWith: ScoredWith | null;
}

/** Everything about one case, or null when the store has no such ticket. */
export async function caseDetail(store: DuckDbStore, ticketId: string): Promise<CaseDetail | null> {
  const p = { id: ticketId };
  const [ticket] = await store.all<CaseTicket>(
    `SELECT ticket_id, ${iso('created_at')}, ${iso('resolved_at')}, customer_id, channel, category, policy,
            priority, status, outcome
     FROM tickets WHERE ticket_id = $id`,
    p,
  );
  if (!ticket) {
    return null;
  }
  const [score, steps, evidence, events, calls, surveys, rubric] = await Promise.all([
    store.all<CaseScore>(
      `SELECT ${iso('first_contact_at')}, ${iso('resolved_at')}, escalations, max_level, clock, clock_status,
              sla_first_response_met, sla_resolution_met, survey_status, right_department, assessment_quality,
              satisfaction, resolution, overall, critical_failure, rubric_version
       FROM case_scores WHERE ticket_id = $id`,
      p,
    ),
    store.all<StepScore>(
      `SELECT s.step_no, e.seq, ${iso('s."at"', 'at')}, s.is_entry, s.from_level, s.to_level, s.agent_id, s.team,
              s.department, s.expected_department, s.exported_type, s.escalation_type, s.type_inferred, s.problem,
              s.customer_ask, s.already_tried, s.dispute_source, s.timeline, s.severity, s.customer_repeated,
              s.next_tier_hours, s.right_department, s.assessment_quality
       FROM step_scores s JOIN escalation_steps e USING (ticket_id, step_no)
       WHERE s.ticket_id = $id ORDER BY s.step_no`,
      p,
    ),
    store.all<EvidenceItem>(
      `SELECT step_no, standard, rule, passed, detail, source, call_id, span_start, span_length, excerpt,
              ${iso('"at"', 'at')}
       FROM score_evidence WHERE ticket_id = $id
       ORDER BY step_no NULLS LAST, standard, "at" NULLS LAST, rule`,
      p,
    ),
    store.all<TimelineEvent>(
      `SELECT seq, ${iso('"at"', 'at')}, type, level, department, agent_id, escalation_type, note, status, value
       FROM events WHERE ticket_id = $id ORDER BY "at", seq`,
      p,
    ),
    store.all<CaseCall>(
      `SELECT c.call_id, ${iso('c.started_at', 'started_at')}, ${iso('c.ended_at', 'ended_at')}, c.agent_id,
              c.department, c.level, c.direction, c.disposition, c.recording_url, c.transcript, l.link_method
       FROM call_links l JOIN calls c USING (call_id)
       WHERE l.ticket_id = $id ORDER BY c.started_at, c.call_id`,
      p,
    ),
    store.all<CaseSurveyAnswer>(
      `SELECT ${iso('"at"', 'at')}, raw_value, scale, points, source
       FROM survey_answers WHERE ticket_id = $id ORDER BY "at", seq`,
      p,
    ),
    scoredWith(store),
  ]);
  return { ticket, score: score[0] ?? null, steps, evidence, events, calls, surveys, scoredWith: rubric };
}
