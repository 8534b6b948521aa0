import { resolveRange } from '../analytics/overview.queries.js';
import type { DateRange } from '../analytics/overview.types.js';
import type { DuckDbStore } from '../store/duckdb-store.js';

// The cases behind a practice's figures, chosen exactly as practice-monthly.sql counts them: the
// ticket's policy (else its category, else '(none)') names the practice, an escalated case is dated
// by its first escalation step (entry steps not counted), and a month of a range holds only its days
// in the range. So the total for a month equals practice_monthly's escalated for it, the total with
// outcome 'decided' its decided, and with 'overturned_or_partial' its overturned_or_partial.

/** Which outcomes to list: every escalated case, a group of decisions, one outcome, or none recorded. */
export const practiceCaseOutcomes = [
  'any',
  'decided',
  'overturned_or_partial',
  'upheld',
  'overturned',
  'partial',
  'withdrawn',
  'none',
] as const;

export type PracticeCaseOutcome = (typeof practiceCaseOutcomes)[number];

/** Which of the report's figures to list the cases of, counted as practice-monthly.sql counts them. */
export const practiceCaseGroups = [
  'reached_l3',
  'dissatisfied',
  'repeat_contact',
  'decided',
  'overturned_or_partial',
] as const;

export type PracticeCaseGroup = (typeof practiceCaseGroups)[number];

/** The prefix of a practice key that means every other practice: the control of its comparisons. */
export const othersPrefix = 'others:';

/** How the cases are listed: by first escalation (oldest first), or highest level reached first. */
export type PracticeCaseOrder = 'first' | 'level';

export interface PracticeCasesOptions {
  /** `policy:<name>` or `category:<name>`; `others:<key>` for every practice but that one (the control). */
  practice: string;
  from?: string;
  to?: string;
  /** YYYY-MM: only cases first escalated in that month (and in the range). */
  month?: string;
  outcome?: PracticeCaseOutcome;
  /** Only the cases counted in one of the report's figures. */
  group?: PracticeCaseGroup;
  order?: PracticeCaseOrder;
  limit: number;
  offset: number;
}

/** One escalated case of a practice. */
export interface PracticeCase {
  ticketId: string;
  /** The first escalation step, ISO 8601 UTC. */
  firstEscalationAt: string;
  /** upheld, overturned, partial, withdrawn, or null when the export recorded none. */
  outcome: string | null;
  maxLevel: number | null;
  /** The case's overall score (0–100), null when not scored. */
  overall: number | null;
}

/** GET /api/practices/cases: one page of a practice's escalated cases and how many matched in all. */
export interface PracticeCasesPage {
  practice: string;
  /** The range applied (the data's first and last day by default); null for an empty store. */
  range: DateRange | null;
  month: string | null;
  outcome: PracticeCaseOutcome;
  group: PracticeCaseGroup | null;
  total: number;
  limit: number;
  offset: number;
  cases: PracticeCase[];
}

const practiceOf = `
  CASE WHEN nullif(trim(policy), '') IS NOT NULL THEN 'policy' ELSE 'category' END || ':' ||
  coalesce(nullif(trim(policy), ''), nullif(trim(category), ''), '(none)')`;

const outcomeCondition: Record<PracticeCaseOutcome, string> = {
  any: 'TRUE',
  decided: "outcome IN ('upheld', 'overturned', 'partial')",
  overturned_or_partial: "outcome IN ('overturned', 'partial')",
  upheld: "outcome = 'upheld'",
  overturned: "outcome = 'overturned'",
  partial: "outcome = 'partial'",
  withdrawn: "outcome = 'withdrawn'",
  none: 'outcome IS NULL',
};

// The same conditions as practice-monthly.sql's FILTERs (count(s.satisfaction) skips NULLs, and so
// does the comparison here).
const groupCondition: Record<PracticeCaseGroup, string> = {
  reached_l3: 'max_level >= 3',
  dissatisfied: 'satisfaction < 50',
  repeat_contact: 'repeat_contact',
  decided: outcomeCondition.decided,
  overturned_or_partial: outcomeCondition.overturned_or_partial,
};

const orderBy: Record<PracticeCaseOrder, string> = {
  first: 'first_at, ticket_id',
  level: 'max_level DESC NULLS LAST, first_at DESC, ticket_id',
};

/** True when the practice has tickets or escalations in the store (practice_daily knows it). */
export async function practiceKnown(store: DuckDbStore, practice: string): Promise<boolean> {
  const rows = await store.all('SELECT 1 FROM practice_daily WHERE practice = $practice LIMIT 1', {
    practice,
  });
  return rows.length > 0;
}

/**
 * One page of a practice's escalated cases over a range (default: all the data), optionally one
 * month's and of some outcomes, with the total that matched: the click-through behind every figure
 * of the practices report. Null when the practice is not in the store.
 */
export async function practiceCases(
  store: DuckDbStore,
  options: PracticeCasesOptions,
): Promise<PracticeCasesPage | null> {
  const others = options.practice.startsWith(othersPrefix);
  const key = others ? options.practice.slice(othersPrefix.length) : options.practice;
  if (!(await practiceKnown(store, key))) {
    return null;
  }
  const outcome = options.outcome ?? 'any';
  const { range, params } = await resolveRange(store, { from: options.from, to: options.to });
  const page: PracticeCasesPage = {
    practice: options.practice,
    range,
    month: options.month ?? null,
    outcome,
    group: options.group ?? null,
    total: 0,
    limit: options.limit,
    offset: options.offset,
    cases: [],
  };
  if (!range) {
    return page;
  }
  const where = [
    'first_at::DATE BETWEEN $from::DATE AND $to::DATE',
    options.month ? "strftime(first_at, '%Y-%m') = $month" : 'TRUE',
    outcomeCondition[outcome],
    options.group ? groupCondition[options.group] : 'TRUE',
  ].join(' AND ');
  const matched = `
    WITH practice_tickets AS (
      SELECT ticket_id, nullif(trim(outcome), '') AS outcome FROM tickets
      WHERE ${practiceOf} ${others ? '<>' : '='} $practice
    ),
    first_steps AS (
      SELECT ticket_id, min("at") AS first_at FROM escalation_steps WHERE NOT is_entry GROUP BY ticket_id
    ),
    linked_calls AS (
      SELECT ticket_id, count(*) AS calls FROM call_links WHERE ticket_id IS NOT NULL GROUP BY ticket_id
    ),
    reopened AS (
      SELECT DISTINCT ticket_id FROM events WHERE type = 'reopened'
    ),
    cases AS (
      SELECT c.ticket_id, f.first_at, p.outcome, c.max_level, s.overall, s.satisfaction,
             (coalesce(l.calls, 0) > 1 OR r.ticket_id IS NOT NULL) AS repeat_contact
      FROM case_facts c
      JOIN first_steps f USING (ticket_id)
      JOIN practice_tickets p USING (ticket_id)
      LEFT JOIN case_scores s USING (ticket_id)
      LEFT JOIN linked_calls l USING (ticket_id)
      LEFT JOIN reopened r USING (ticket_id)
      WHERE c.escalations > 0
    )
    SELECT * FROM cases WHERE ${where}`;
  const filter = {
    ...params,
    practice: key,
    ...(options.month ? { month: options.month } : {}),
  };
  const [counted, rows] = await Promise.all([
    store.all<{ total: number }>(`SELECT count(*)::INTEGER AS total FROM (${matched})`, filter),
    store.all<{
      ticket_id: string;
      first_at: string;
      outcome: string | null;
      max_level: number | null;
      overall: number | null;
    }>(
      `SELECT ticket_id, strftime(first_at, '%Y-%m-%dT%H:%M:%SZ') AS first_at, outcome, max_level, overall
       FROM (${matched}) ORDER BY ${orderBy[options.order ?? 'first']} LIMIT $limit OFFSET $offset`,
      { ...filter, limit: options.limit, offset: options.offset },
    ),
  ]);
  page.total = counted[0]?.total ?? 0;
  page.cases = rows.map((r) => ({
    ticketId: r.ticket_id,
    firstEscalationAt: r.first_at,
    outcome: r.outcome,
    maxLevel: r.max_level,
    overall: r.overall,
  }));
  return page;
}
