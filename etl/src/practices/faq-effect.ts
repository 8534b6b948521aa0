import { resolveRange } from '../analytics/overview.queries.js';
import type { DateRange } from '../analytics/overview.types.js';
import { differenceInDifferences, type Estimate } from '../stats/difference-in-differences.js';
import type { DuckDbStore } from '../store/duckdb-store.js';
import { PracticeQueryError } from './practice-query-error.js';
import { percent } from './practice-text.js';
import { caseShare, escalationRate } from './practices.queries.js';
import type { DiffInDiff, FaqEffect, FaqPeriodFigures, PracticeKind } from './practices.types.js';

// Before and after are windows of the SAME number of days on each side of the publication day, as
// long as the range allows on the shorter side. The whole data on each side would compare unequal
// stretches of the year (seasons, a practice that only went wrong some months before the FAQ, cases
// too recent to be decided yet), and the longer side would dominate. The control is every other
// practice over the same two windows, so what changed for everyone (season, the cut at the data's
// end) cancels in the difference-in-differences.

export interface FaqEffectOptions {
  /** `policy:<name>` or `category:<name>`. */
  practice: string;
  /** The day the FAQ was published, YYYY-MM-DD: the first day of the "after" window. */
  publishedAt: string;
  /** Limits of the data to use (default: the data's first and last day). */
  from?: string;
  to?: string;
}

interface SideRow {
  treated: boolean;
  after: boolean;
  tickets: number;
  escalated: number;
  decided: number;
  overturned_or_partial: number;
}

const day = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A share's estimate with its binomial standard error √(p(1 − p)/n), scaled; null without cases. */
function shareEstimate(count: number, of: number, scale = 1): Estimate | null {
  if (of <= 0) {
    return null;
  }
  const p = Math.min(1, count / of);
  return { value: p * scale, standardError: Math.sqrt((p * (1 - p)) / of) * scale };
}

function did(estimates: Array<Estimate | null>): DiffInDiff {
  if (estimates.some((e) => e === null)) {
    return { estimate: null, standardError: null, interval: null };
  }
  const [tb, ta, cb, ca] = estimates as Estimate[];
  const result = differenceInDifferences(tb, ta, cb, ca);
  return { estimate: result.estimate, standardError: result.standardError, interval: result.interval };
}

/** A difference of shares in percentage points, signed: '−44', '+3'. */
function signedPoints(value: number): string {
  const rounded = Math.round(value * 100);
  return rounded > 0 ? `+${rounded}` : rounded < 0 ? `−${-rounded}` : '0';
}

function didText(d: DiffInDiff): string {
  if (d.estimate === null || !d.interval) {
    return 'not estimable (a side without decided escalations)';
  }
  return `${signedPoints(d.estimate)} points (95% interval ${signedPoints(d.interval[0])} to ${signedPoints(d.interval[1])})`;
}

/**
 * What an FAQ update did for its practice: escalations per 1,000 tickets and the overturn share in
 * equal windows before and after publication, the same for all other practices as the control, and
 * the difference-in-differences of each with a 95% normal-approximation interval. Null when the
 * practice has no tickets or escalations in the store; PracticeQueryError when publishedAt leaves no
 * day on one side within the range.
 */
export async function faqEffect(store: DuckDbStore, options: FaqEffectOptions): Promise<FaqEffect | null> {
  const [known] = await store.all<{ kind: PracticeKind }>(
    'SELECT kind FROM practice_daily WHERE practice = $practice LIMIT 1',
    { practice: options.practice },
  );
  if (!known) {
    return null;
  }
  const { range } = await resolveRange(store, { from: options.from, to: options.to });
  if (!range) {
    return null;
  }
  const published = dayOf(options.publishedAt);
  const days = Math.min((published - dayOf(range.from)) / day, (dayOf(range.to) - published) / day + 1);
  if (!(days >= 1)) {
    throw new PracticeQueryError(
      'publishedAt',
      `publishedAt must fall after the first day and on or before the last day of the range (${range.from} to ${range.to})`,
    );
  }
  const before: DateRange = { from: isoOf(published - days * day), to: isoOf(published - day) };
  const after: DateRange = { from: options.publishedAt, to: isoOf(published + (days - 1) * day) };
  const rows = await store.all<SideRow>(
    `SELECT practice = $practice AS treated, day >= $published::DATE AS after,
            sum(tickets)::INTEGER AS tickets, sum(escalated)::INTEGER AS escalated,
            sum(decided)::INTEGER AS decided, sum(overturned_or_partial)::INTEGER AS overturned_or_partial
     FROM practice_daily
     WHERE day BETWEEN $from::DATE AND $to::DATE
     GROUP BY ALL`,
    { practice: options.practice, published: options.publishedAt, from: before.from, to: after.to },
  );
  const side = (treated: boolean, isAfter: boolean): FaqPeriodFigures => {
    const r = rows.find((x) => x.treated === treated && x.after === isAfter);
    return {
      range: isAfter ? after : before,
      escalationRate: escalationRate(r?.escalated ?? 0, r?.tickets ?? 0),
      overturn: caseShare(r?.overturned_or_partial ?? 0, r?.decided ?? 0),
    };
  };
  const practiceFigures = { before: side(true, false), after: side(true, true) };
  const control = { before: side(false, false), after: side(false, true) };
  const groups = [practiceFigures.before, practiceFigures.after, control.before, control.after];
  const difference = {
    escalationsPer1000: did(
      groups.map((g) => shareEstimate(g.escalationRate.escalated, g.escalationRate.tickets, 1000)),
    ),
    overturnShare: did(groups.map((g) => shareEstimate(g.overturn.count, g.overturn.of))),
  };
  const summary =
    `${days} days each side of ${options.publishedAt}: ${options.practice} overturned in ` +
    `${percent(practiceFigures.before.overturn.share)} of ${practiceFigures.before.overturn.of} decided escalations before, ` +
    `${percent(practiceFigures.after.overturn.share)} of ${practiceFigures.after.overturn.of} after; other practices ` +
    `${percent(control.before.overturn.share)} → ${percent(control.after.overturn.share)}; ` +
    `difference-in-differences ${didText(difference.overturnShare)}`;
  return {
    practice: options.practice,
    kind: known.kind,
    name: options.practice.slice(known.kind.length + 1),
    publishedAt: options.publishedAt,
    days,
    before,
    after,
    practiceFigures,
    control,
    difference,
    summary,
  };
}
