import type { DuckDbStore } from '../store/duckdb-store.js';
import { practiceSql } from './call-finder.queries.js';
import { groupNearDuplicates, similarTextPairs } from './near-duplicates.js';

// Calls that show a pattern worth teaching, found in the scores and the events, each with the reason
// in one sentence with its numbers. Near-duplicate transcripts (word 3-gram Jaccard ≥ the threshold)
// are grouped so that a session is not five of the same call: one is shown with "n similar".

/** The patterns, in the order the Role-play page lists them. */
export const lessonKinds = [
  'resolved-first-level',
  'customer-repeated',
  'wrong-department',
  'de-escalated-satisfied',
] as const;
export type LessonKind = (typeof lessonKinds)[number];

/** What each pattern teaches, as the page heads it. */
export const lessonTitles: Record<LessonKind, string> = {
  'resolved-first-level': 'A dispute resolved at the first level',
  'customer-repeated': 'A handover that made the customer repeat everything',
  'wrong-department': 'An escalation to the wrong department',
  'de-escalated-satisfied': 'A de-escalation that ended with a satisfied customer',
};

export interface SuggestedLesson {
  kind: LessonKind;
  call_id: string;
  ticket_id: string;
  started_at: string;
  category: string | null;
  practice: string;
  /** One sentence with its numbers. */
  reason: string;
  /** Other suggested calls of this kind whose transcripts are near-duplicates of this one. */
  similar: string[];
}

export interface SuggestedLessonsOptions {
  /** Groups shown per kind (default 8). */
  perKind?: number;
  /** Candidates per kind that are compared for near-duplicates (default 120). */
  candidates?: number;
  /** Jaccard of word 3-grams from which two transcripts are one group (default 0.6). */
  threshold?: number;
  category?: string;
}

/** Satisfaction (0–100) from which a customer counts as satisfied: CSAT 4 of 5 and above. */
const satisfied = 75;

interface Candidate {
  kind: LessonKind;
  call_id: string;
  ticket_id: string;
  started_at: string;
  category: string | null;
  practice: string;
  reason: string;
  transcript: string;
}

const latestSurvey = `(SELECT ticket_id, arg_max(points, ("at", coalesce(seq, 0))) AS points
  FROM survey_answers WHERE points IS NOT NULL GROUP BY ticket_id)`;

/**
 * The calls of a ticket with a transcript, each with the ticket's id; `anchor` picks, per ticket and
 * moment, the first call at or after it, else the last one before (the call that shows what happened).
 */
const ticketCalls = `(SELECT c.call_id, coalesce(c.ticket_id, l.ticket_id) AS ticket_id, c.started_at, c.transcript
  FROM calls c LEFT JOIN call_links l USING (call_id) WHERE c.transcript IS NOT NULL)`;

function candidatesSql(): string {
  const anchored = (moments: string) => `
    SELECT m.*, arg_min(tc.call_id, (tc.started_at < m.moment, abs(epoch(tc.started_at - m.moment)))) AS call_id
    FROM (${moments}) m JOIN ${ticketCalls} tc ON tc.ticket_id = m.ticket_id
    GROUP BY ALL`;
  const resolvedFirstLevel = `
    SELECT 'resolved-first-level' AS kind, f.ticket_id, f.first_contact_at AS moment,
      'A dispute about ' || coalesce(nullif(trim(t.policy), ''), t.category, 'its case') || ' (' || t.outcome || ')' ||
        ' resolved at level 1 without escalation in ' ||
        round(epoch(f.resolved_at - f.first_contact_at) / 86400, 1) || ' days; satisfaction ' ||
        round(sv.points)::INTEGER || '/100.' AS reason,
      -- most satisfied first, then the quickest
      -sv.points * 1000 + epoch(f.resolved_at - f.first_contact_at) / 86400 AS rank_key
    FROM case_facts f JOIN tickets t USING (ticket_id) JOIN ${latestSurvey} sv USING (ticket_id)
    WHERE f.escalations = 0 AND f.is_resolved AND nullif(trim(t.outcome), '') IS NOT NULL
      AND t.outcome <> 'withdrawn' AND sv.points >= ${satisfied}`;
  return `
    WITH repeated AS (
      SELECT DISTINCT ON (e.call_id) 'customer-repeated' AS kind, e.ticket_id, e.call_id,
        'After the handover from level ' || coalesce(s.from_level::VARCHAR, '?') || ' to ' || s.to_level ||
          ', the customer had to repeat on the next call what the note already held; the step''s assessment quality was ' ||
          coalesce(round(s.assessment_quality)::INTEGER::VARCHAR, 'not scored') || '/100.' AS reason,
        coalesce(s.assessment_quality, 100) AS rank_key
      FROM score_evidence e JOIN step_scores s USING (ticket_id, step_no)
      WHERE e.rule LIKE 'element.customer_repeated%' AND e.call_id IS NOT NULL
      ORDER BY e.call_id, rank_key
    ),
    wrong AS (${anchored(`
      SELECT DISTINCT ON (s.ticket_id) 'wrong-department' AS kind, s.ticket_id, s."at" AS moment,
        'Escalated to ' || coalesce(s.department, 'an unknown department') || ' at level ' || s.to_level ||
          ' where routing expects ' || coalesce(s.expected_department, '?') || ' for ' ||
          coalesce(s.category, 'its category') || '; right department ' || round(s.right_department)::INTEGER ||
          '/100.' AS reason,
        s.right_department AS rank_key
      FROM step_scores s
      WHERE s.right_department < 50 AND NOT s.is_entry
      ORDER BY s.ticket_id, s.right_department, s.step_no`)}),
    deescalated AS (${anchored(`
      SELECT DISTINCT ON (e.ticket_id) 'de-escalated-satisfied' AS kind, e.ticket_id, e."at" AS moment,
        'De-escalated to level ' || coalesce(e.level::VARCHAR, '?') || ' after reaching level ' ||
          coalesce(f.max_level::VARCHAR, '?') || ', and the customer rated the case ' ||
          round(sv.points)::INTEGER || '/100.' AS reason,
        -sv.points AS rank_key
      FROM events e JOIN case_facts f USING (ticket_id) JOIN ${latestSurvey} sv USING (ticket_id)
      WHERE e.type = 'de-escalated' AND sv.points >= ${satisfied}
      ORDER BY e.ticket_id, e."at"`)}),
    first_level AS (${anchored(resolvedFirstLevel)}),
    everything AS (
      SELECT kind, ticket_id, call_id, reason, rank_key FROM first_level
      UNION ALL SELECT kind, ticket_id, call_id, reason, rank_key FROM repeated
      UNION ALL SELECT kind, ticket_id, call_id, reason, rank_key FROM wrong
      UNION ALL SELECT kind, ticket_id, call_id, reason, rank_key FROM deescalated
    ),
    ranked AS (
      SELECT x.*, c.started_at, c.transcript, t.category, ${practiceSql} AS practice,
             row_number() OVER (PARTITION BY x.kind ORDER BY x.rank_key, c.started_at DESC, x.call_id) AS n
      FROM everything x JOIN calls c USING (call_id) JOIN tickets t ON t.ticket_id = x.ticket_id
      WHERE c.transcript IS NOT NULL AND ($category IS NULL OR t.category = $category)
    )
    SELECT kind, call_id, ticket_id, strftime(started_at, '%Y-%m-%dT%H:%M:%SZ') AS started_at, category, practice,
           reason, transcript
    FROM ranked WHERE n <= $candidates
    ORDER BY kind, n`;
}

/**
 * Per pattern, up to `perKind` calls worth teaching from, best first, each with its reason and the
 * near-duplicate calls it stands for (grouped on word 3-gram Jaccard ≥ `threshold`).
 */
export async function suggestedLessons(
  store: DuckDbStore,
  options: SuggestedLessonsOptions = {},
): Promise<SuggestedLesson[]> {
  const perKind = options.perKind ?? 8;
  const threshold = options.threshold ?? 0.6;
  const candidates = await store.all<Candidate>(candidatesSql(), {
    candidates: options.candidates ?? 120,
    category: options.category ?? null,
  });
  const out: SuggestedLesson[] = [];
  for (const kind of lessonKinds) {
    const ofKind = candidates.filter((c) => c.kind === kind);
    const pairs = await similarTextPairs(
      store,
      ofKind.map((c) => ({ id: c.call_id, text: c.transcript })),
      threshold,
    );
    const byId = new Map(ofKind.map((c) => [c.call_id, c]));
    for (const group of groupNearDuplicates(
      ofKind.map((c) => c.call_id),
      pairs,
    ).slice(0, perKind)) {
      const { transcript: _transcript, ...lesson } = byId.get(group.id)!;
      out.push({ ...lesson, similar: group.similar });
    }
  }
  return out;
}
