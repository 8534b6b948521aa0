import { type RangeFilter, resolveRange } from '../analytics/overview.queries.js';
import type { DuckDbStore } from '../store/duckdb-store.js';
import { LoadQueryError } from './load-query-error.js';

// The cases behind a figure of the Load page, chosen from tier_stints exactly as tier-load.sql counts
// them: arrivals by the week their stay began, departures by the week it ended, what is open at the
// end of the week (or of the range's last week), and for management time every stay at the level that
// overlaps the weeks, of a case upheld or settled within a lower tier's authority.

/** Which figure to list the cases of. */
export const tierLoadCaseGroups = [
  'arrived',
  'arrived_new',
  'arrived_escalated',
  'arrived_returned',
  'arrived_reopened',
  'resolved',
  'escalated_up',
  'de_escalated',
  'open',
  'upheld',
  'within_authority',
] as const;

export type TierLoadCaseGroup = (typeof tierLoadCaseGroups)[number];

export interface TierLoadCasesOptions extends RangeFilter {
  level: number;
  group: TierLoadCaseGroup;
  /** Monday of one ISO week, YYYY-MM-DD: only that week (else every week the range touches). */
  week?: string;
  limit: number;
  offset: number;
}

/** One case's stay at the level, with the facts a leader reads it by. */
export interface TierLoadCase {
  ticketId: string;
  level: number;
  /** ISO 8601 UTC */
  startedAt: string;
  endedAt: string | null;
  arrival: string;
  departure: string | null;
  upheld: boolean;
  withinLowerAuthority: boolean;
  category: string | null;
  policy: string | null;
  outcome: string | null;
}

export interface TierLoadCasesPage {
  total: number;
  cases: TierLoadCase[];
}

const conditions: Record<TierLoadCaseGroup, string> = {
  arrived: 'started_at >= $first AND started_at < $last_end',
  arrived_new: "started_at >= $first AND started_at < $last_end AND arrival = 'new'",
  arrived_escalated: "started_at >= $first AND started_at < $last_end AND arrival = 'escalated'",
  arrived_returned: "started_at >= $first AND started_at < $last_end AND arrival = 'returned'",
  arrived_reopened: "started_at >= $first AND started_at < $last_end AND arrival = 'reopened'",
  resolved: "ended_at >= $first AND ended_at < $last_end AND departure = 'resolved'",
  escalated_up: "ended_at >= $first AND ended_at < $last_end AND departure = 'escalated'",
  de_escalated: "ended_at >= $first AND ended_at < $last_end AND departure = 'de_escalated'",
  open: 'started_at < $last_end AND (ended_at IS NULL OR ended_at >= $last_end)',
  upheld: 'upheld AND started_at < $last_end AND (ended_at IS NULL OR ended_at > $first)',
  within_authority:
    'within_lower_authority AND started_at < $last_end AND (ended_at IS NULL OR ended_at > $first)',
};

function isMonday(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day) && date.getUTCDay() === 1;
}

/**
 * One page of the cases behind a figure of a tier: its arrivals (all, or of one kind), departures,
 * what is open at the end, or the stays of cases upheld or within a lower tier's authority; over one
 * week or the whole weeks of the range; newest stay first. Throws LoadQueryError naming `week` when
 * it is not a Monday.
 */
export async function tierLoadCases(
  store: DuckDbStore,
  options: TierLoadCasesOptions,
): Promise<TierLoadCasesPage> {
  if (options.week !== undefined && !isMonday(options.week)) {
    throw new LoadQueryError(
      'week',
      `expected the Monday of an ISO week as YYYY-MM-DD, got '${options.week}'`,
    );
  }
  const { params } = await resolveRange(store, options);
  const first = options.week ?? params.from;
  const last = options.week ?? params.to;
  const where = `tier_stints.level = $level AND ${conditions[options.group]}`;
  const bounds = {
    level: options.level,
    first,
    last,
  };
  const weeks = `date_trunc('week', $first::DATE)::TIMESTAMP AS first_ts,
                 (date_trunc('week', $last::DATE) + INTERVAL 7 DAY)::TIMESTAMP AS last_end_ts`;
  const scoped = where.replaceAll('$first', 'w.first_ts').replaceAll('$last_end', 'w.last_end_ts');
  const [{ total }] = await store.all<{ total: number }>(
    `SELECT count(*)::INTEGER AS total FROM tier_stints, (SELECT ${weeks}) w WHERE ${scoped}`,
    bounds,
  );
  const rows = await store.all<{
    ticket_id: string;
    level: number;
    started_at: string;
    ended_at: string | null;
    arrival: string;
    departure: string | null;
    upheld: boolean;
    within_lower_authority: boolean;
    category: string | null;
    policy: string | null;
    outcome: string | null;
  }>(
    `SELECT ticket_id, tier_stints.level, strftime(started_at, '%Y-%m-%dT%H:%M:%SZ') AS started_at,
            strftime(ended_at, '%Y-%m-%dT%H:%M:%SZ') AS ended_at, arrival, departure, upheld,
            within_lower_authority, t.category, t.policy, t.outcome
     FROM tier_stints
     CROSS JOIN (SELECT ${weeks}) w
     LEFT JOIN (SELECT ticket_id, any_value(category) AS category, any_value(policy) AS policy,
                       any_value(outcome) AS outcome FROM tickets GROUP BY ticket_id) t USING (ticket_id)
     WHERE ${scoped}
     ORDER BY tier_stints.started_at DESC, ticket_id
     LIMIT $limit OFFSET $offset`,
    { ...bounds, limit: options.limit, offset: options.offset },
  );
  return {
    total,
    cases: rows.map((r) => ({
      ticketId: r.ticket_id,
      level: r.level,
      startedAt: r.started_at,
      endedAt: r.ended_at,
      arrival: r.arrival,
      departure: r.departure,
      upheld: r.upheld,
      withinLowerAuthority: r.within_lower_authority,
      category: r.category,
      policy: r.policy,
      outcome: r.outcome,
    })),
  };
}
