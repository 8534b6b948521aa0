import { resolveRange } from '../analytics/overview.queries.js';
import { lastScoringRules } from '../scoring/score-store.js';
import { benjaminiHochberg } from '../stats/benjamini-hochberg.js';
import { binomialChangePoints } from '../stats/change-point.js';
import { fisherExactGreater } from '../stats/fisher-exact.js';
import { wilsonInterval } from '../stats/wilson-interval.js';
import type { DuckDbStore } from '../store/duckdb-store.js';
import { movesOf, percent, pText, shareText, trendText } from './practice-text.js';
import type {
  CaseShare,
  EscalationRate,
  OverturnTrend,
  PracticeFigures,
  PracticeKind,
  PracticeMonth,
  PracticesReport,
} from './practices.types.js';

// Every figure here is read from practice_daily (practices/practice-monthly.sql), so a date range is
// an exact sum of days; a range that cuts a month simply holds that month's days in the range.
//
// The test: one-sided Fisher's exact test of each practice's overturn share against all other
// practices pooled. Exact rather than a two-proportion z-test because practices are judged from 30
// decided escalations up, where the expected count of overturns at a ~13% baseline is about 4 and the
// normal approximation misstates tail probabilities; at large counts the two agree. The p-values are
// corrected for testing every practice at once with Benjamini–Hochberg (false discovery rate q): a
// list of candidates for review tolerates a small share of false leads better than it tolerates
// missing a real one, which Holm's family-wise control would trade for.

/** The false discovery rate at which a practice is flagged. */
export const practicesFdr = 0.05;
/** Significance of each change point in a practice's monthly overturn share (Bonferroni-corrected). */
export const trendAlpha = 0.01;
/** A change point needs at least this many decided escalations on each side. */
const trendMinDecided = 10;
/** The rubric's minimum volume when the store was never scored (the shipped rubric's value). */
const fallbackMinimumVolume = 30;

export interface PracticesOptions {
  from?: string;
  to?: string;
  /** Decided escalations a practice needs to be judged; default the store's rubric minimum_volume. */
  minimumVolume?: number;
}

interface TotalsRow {
  practice: string;
  kind: PracticeKind;
  tickets: number;
  escalated: number;
  decided: number;
  overturned_or_partial: number;
  reached_l3: number;
  surveyed: number;
  dissatisfied: number;
  repeat_contact: number;
}

interface MonthRow {
  practice: string;
  month: string;
  tickets: number;
  escalated: number;
  decided: number;
  overturned_or_partial: number;
}

const totalsSql = `
  SELECT practice, any_value(kind) AS kind,
         sum(tickets)::INTEGER AS tickets, sum(escalated)::INTEGER AS escalated,
         sum(decided)::INTEGER AS decided, sum(overturned_or_partial)::INTEGER AS overturned_or_partial,
         sum(reached_l3)::INTEGER AS reached_l3, sum(surveyed)::INTEGER AS surveyed,
         sum(dissatisfied)::INTEGER AS dissatisfied, sum(repeat_contact)::INTEGER AS repeat_contact
  FROM practice_daily
  WHERE day BETWEEN $from::DATE AND $to::DATE
  GROUP BY practice
  ORDER BY practice`;

const monthsSql = `
  SELECT practice, strftime(day, '%Y-%m') AS month,
         sum(tickets)::INTEGER AS tickets, sum(escalated)::INTEGER AS escalated,
         sum(decided)::INTEGER AS decided, sum(overturned_or_partial)::INTEGER AS overturned_or_partial
  FROM practice_daily
  WHERE day BETWEEN $from::DATE AND $to::DATE
  GROUP BY ALL
  ORDER BY practice, month`;

/** A share of `of` cases with its 95% Wilson interval. */
export function caseShare(count: number, of: number): CaseShare {
  return { count, of, share: of > 0 ? count / of : null, interval: wilsonInterval(count, of) };
}

/**
 * Escalated cases per 1,000 tickets. The interval treats the rate as a share of the tickets; the two
 * are dated differently (first escalation step, ticket creation), so a short range may see more
 * escalations than tickets, and the interval then covers at most all of them.
 */
export function escalationRate(escalated: number, tickets: number): EscalationRate {
  const interval = wilsonInterval(Math.min(escalated, tickets), tickets);
  return {
    tickets,
    escalated,
    per1000: tickets > 0 ? (escalated / tickets) * 1000 : null,
    interval: interval ? [interval[0] * 1000, interval[1] * 1000] : null,
  };
}

/** The store's rubric minimum_volume (its last scoring run's), else the shipped rubric's 30. */
export async function rubricMinimumVolume(store: DuckDbStore): Promise<number> {
  return (await lastScoringRules(store))?.rubric.minimum_volume ?? fallbackMinimumVolume;
}

/** Change points in a practice's monthly overturn share: rising when the latest one went up. */
function overturnTrend(months: PracticeMonth[]): OverturnTrend {
  const points = binomialChangePoints(
    months.map((m) => ({ trials: m.decided, successes: m.overturnedOrPartial })),
    { alpha: trendAlpha, minTrials: trendMinDecided },
  );
  const changes = points.map((p) => ({
    month: months[p.index].month,
    direction: p.after > p.before ? ('up' as const) : ('down' as const),
    before: p.before,
    after: p.after,
    pValue: p.pValue,
  }));
  const moves = movesOf(changes);
  const last = moves[moves.length - 1];
  const rising = last?.direction === 'up';
  return { rising, since: rising ? last.month : null, changes };
}

type Unranked = Omit<PracticeFigures, 'rank'>;

function reasonOf(f: Omit<Unranked, 'reason'>, minimumVolume: number): string {
  if (!f.judged) {
    return (
      `too few to judge: ${f.overturn.of} decided escalation${f.overturn.of === 1 ? '' : 's'}, ` +
      `below the minimum of ${minimumVolume}`
    );
  }
  const head = `overturned in ${shareText(f.overturn, 'decided escalations')} against ${percent(f.baseline.share)} elsewhere`;
  const verdict = f.flagged
    ? ` (adjusted p ${pText(f.adjustedPValue ?? 1)})`
    : `: ${(f.difference ?? 0) > 0 ? 'not significantly above' : 'not above'} (adjusted p ${pText(f.adjustedPValue ?? 1)})`;
  return `${head}${verdict}${trendText(f.trend)}`;
}

const group = (f: Unranked) => (f.flagged ? 0 : f.judged ? 1 : 2);

function byCandidacy(a: Unranked, b: Unranked): number {
  return (
    group(a) - group(b) ||
    (a.adjustedPValue ?? 1) - (b.adjustedPValue ?? 1) ||
    (a.pValue ?? 1) - (b.pValue ?? 1) ||
    (b.difference ?? -1) - (a.difference ?? -1) ||
    b.overturn.of - a.overturn.of ||
    (a.practice < b.practice ? -1 : a.practice > b.practice ? 1 : 0)
  );
}

/**
 * Every practice over a date range (default: the whole data), with its escalation rate, overturn
 * share against all other practices, level-3 share, dissatisfaction and repeat contacts, each with a
 * 95% Wilson interval; flagged when overturned significantly more often than elsewhere, with a
 * monthly trend, ranked candidates first, each with a one-sentence reason.
 */
export async function practicesReport(
  store: DuckDbStore,
  options: PracticesOptions = {},
): Promise<PracticesReport> {
  const minimumVolume = options.minimumVolume ?? (await rubricMinimumVolume(store));
  const { range, params } = await resolveRange(store, options);
  const report: PracticesReport = {
    range,
    minimumVolume,
    method: {
      test: 'fisher-exact-one-sided',
      correction: 'benjamini-hochberg',
      q: practicesFdr,
      trend: 'binary-segmentation-likelihood-ratio',
      trendAlpha,
    },
    practices: [],
  };
  if (!range) {
    return report;
  }
  const [totals, monthRows] = await Promise.all([
    store.all<TotalsRow>(totalsSql, params),
    store.all<MonthRow>(monthsSql, params),
  ]);
  const monthsOf = new Map<string, PracticeMonth[]>();
  for (const m of monthRows) {
    const list = monthsOf.get(m.practice) ?? [];
    list.push({
      month: m.month,
      tickets: m.tickets,
      escalated: m.escalated,
      decided: m.decided,
      overturnedOrPartial: m.overturned_or_partial,
    });
    monthsOf.set(m.practice, list);
  }
  const allDecided = totals.reduce((s, r) => s + r.decided, 0);
  const allOverturned = totals.reduce((s, r) => s + r.overturned_or_partial, 0);

  const figures = totals.map((r) => {
    const judged = r.decided >= minimumVolume;
    const otherDecided = allDecided - r.decided;
    const otherOverturned = allOverturned - r.overturned_or_partial;
    const overturn = caseShare(r.overturned_or_partial, r.decided);
    const baseline = caseShare(otherOverturned, otherDecided);
    const months = monthsOf.get(r.practice) ?? [];
    return {
      practice: r.practice,
      kind: r.kind,
      name: r.practice.slice(r.kind.length + 1),
      escalationRate: escalationRate(r.escalated, r.tickets),
      overturn,
      baseline,
      difference: overturn.share !== null && baseline.share !== null ? overturn.share - baseline.share : null,
      reachedLevel3: caseShare(r.reached_l3, r.escalated),
      dissatisfied: caseShare(r.dissatisfied, r.surveyed),
      repeatContact: caseShare(r.repeat_contact, r.escalated),
      judged,
      pValue: judged
        ? fisherExactGreater(
            r.overturned_or_partial,
            r.decided - r.overturned_or_partial,
            otherOverturned,
            otherDecided - otherOverturned,
          )
        : null,
      adjustedPValue: null as number | null,
      flagged: false,
      trend: judged ? overturnTrend(months) : null,
      monthly: months,
    };
  });
  const tested = figures.filter((f) => f.pValue !== null);
  benjaminiHochberg(tested.map((f) => f.pValue as number)).forEach((adjusted, i) => {
    tested[i].adjustedPValue = adjusted;
    tested[i].flagged = adjusted <= practicesFdr;
  });
  report.practices = figures
    .map((f): Unranked => ({ ...f, reason: reasonOf(f, minimumVolume) }))
    .sort(byCandidacy)
    .map((f, i) => ({ rank: i + 1, ...f }));
  return report;
}
