import { resolveRange } from '../analytics/overview.queries.js';
import { percent, percentRange, pText } from '../practices/practice-text.js';
import { caseShare } from '../practices/practices.queries.js';
import { benjaminiHochberg } from '../stats/benjamini-hochberg.js';
import { fisherExactGreater } from '../stats/fisher-exact.js';
import { newcombeInterval } from '../stats/newcombe-interval.js';
import type { DuckDbStore } from '../store/duckdb-store.js';
import { authorityReport } from './authority.queries.js';
import { bandsOf, kindWord, offerSettings } from './offer-settings.js';
import type { AuthorityGap, AuthorityReport, OfferComparison, OfferFairnessReport } from './offers.types.js';

// Are comparable customers treated the same? Three comparisons, each a group against its peers:
//
// - pushing: of the customers refused at level 1 (a first decision there, on level 1's own authority),
//   the share who got the same kind granted higher up afterwards, among those who pushed (a step of
//   type customer after the refusal) against those who did not; per category and kind.
// - team: the share of a team's own first decisions at a level that were refusals, against the other
//   teams deciding at that level; per kind.
// - value band: the share of first decisions granted for customers of one annual-value band, against
//   the other bands; per kind.
//
// First decisions leave out a kind asked for again after a refusal (the pushing comparison's
// subject), and approvals answer requests that are the authority figures' subject, so each question is
// asked of its own decisions. A group is judged from the rubric's minimum volume on both sides. It is
// flagged when the one-sided Fisher's exact test, adjusted by Benjamini–Hochberg over every judged
// comparison, is below q = 5% AND the lower bound of Newcombe's 95% interval for the difference is
// above the rubric's max_difference: significance alone would flag tiny differences at a large
// volume, and the margin alone would flag noise at a small one. Period: the decisions' dates.

/** The false discovery rate at which a comparison is flagged. */
export const offerFairnessFdr = 0.05;

interface Counts {
  x1: number;
  n1: number;
  x2: number;
  n2: number;
}

type Pending = Omit<OfferComparison, 'adjustedPValue' | 'flagged' | 'reason'> & {
  sentence: (flagged: boolean) => string;
};

function compare(
  base: Pick<OfferComparison, 'flag' | 'key' | 'subject' | 'cases'>,
  counts: Counts,
  minimumVolume: number,
  sentence: (c: Counts, g: { group: string; comparison: string }) => string,
): Pending {
  const { x1, n1, x2, n2 } = counts;
  const group = caseShare(x1, n1);
  const comparison = caseShare(x2, n2);
  const judged = n1 >= minimumVolume && n2 >= minimumVolume;
  const difference =
    group.share !== null && comparison.share !== null ? group.share - comparison.share : null;
  return {
    ...base,
    group,
    comparison,
    difference,
    differenceInterval: newcombeInterval(x1, n1, x2, n2),
    pValue: judged ? fisherExactGreater(x1, n1 - x1, x2, n2 - x2) : null,
    judged,
    sentence: () =>
      sentence(counts, {
        group: `${percent(group.share)}, 95% CI ${percentRange(group.interval)}`,
        comparison: percent(comparison.share),
      }),
  };
}

function finish(
  p: Pending,
  adjusted: number | null,
  maxDifference: number,
  minimumVolume: number,
): OfferComparison {
  const { sentence, ...rest } = p;
  const flagged =
    p.judged &&
    adjusted !== null &&
    adjusted < offerFairnessFdr &&
    (p.differenceInterval?.[0] ?? -1) > maxDifference;
  let reason = sentence(flagged);
  if (!p.judged) {
    reason = `${p.subject}: too few to judge: ${p.group.of} against ${p.comparison.of}, below the minimum of ${minimumVolume} on each side`;
  } else if (flagged) {
    reason += `: more than the ${percent(maxDifference)} the rubric allows (adjusted p ${pText(adjusted ?? 1)})`;
  } else {
    const lower = p.differenceInterval?.[0] ?? 0;
    reason +=
      lower > maxDifference
        ? `: not significant after adjustment (adjusted p ${pText(adjusted ?? 1)})`
        : `: within the ${percent(maxDifference)} the rubric tolerates`;
  }
  return { ...rest, adjustedPValue: adjusted, flagged, reason };
}

/** The authority gap as one of the page's flags. */
function authorityComparison(
  g: AuthorityGap,
  others: { approved: number; requests: number },
  currency: string,
) {
  const group = g.approved;
  const comparison = caseShare(others.approved, others.requests);
  return {
    flag: 'authority' as const,
    key: `authority:${g.kind}:${g.band.no}`,
    subject: `${kindWord(g.kind)} ${g.band.label} ${currency}`,
    group,
    comparison,
    difference: group.share !== null && comparison.share !== null ? group.share - comparison.share : null,
    differenceInterval: newcombeInterval(group.count, group.of, comparison.count, comparison.of),
    pValue: null,
    adjustedPValue: null,
    judged: g.judged,
    flagged: g.flagged,
    reason: g.reason,
    cases: { flag: 'authority' as const, kind: g.kind, band: g.band.no },
  };
}

/**
 * Every offer-consistency comparison over a date range (default: the whole data), with the flags of
 * the Empowerment page: authority gaps, pushing rewarded, teams refusing what peers grant, value bands
 * treated differently; each with its numbers in one sentence and the filter of its cases.
 */
export async function offerFairnessReport(
  store: DuckDbStore,
  options: { from?: string; to?: string } = {},
  /** The same range's authority report, when the caller has it already (empowermentReport). */
  authorityOfRange?: AuthorityReport,
): Promise<OfferFairnessReport> {
  const settings = await offerSettings(store);
  const { range, params } = await resolveRange(store, options);
  const { minimumVolume, maxDifference } = settings;
  const report: OfferFairnessReport = {
    range,
    minimumVolume,
    maxDifference,
    method: {
      test: 'fisher-exact-one-sided',
      correction: 'benjamini-hochberg',
      q: offerFairnessFdr,
      margin: 'newcombe-lower-bound',
    },
    flags: [],
    comparisons: [],
  };
  if (!range) {
    return report;
  }
  const dated = 'decided_at::DATE BETWEEN $from::DATE AND $to::DATE';
  const [pushing, teams, values, authority] = await Promise.all([
    store.all<{ category: string; kind: string; n1: number; x1: number; n2: number; x2: number }>(
      `SELECT category, kind,
              count(*) FILTER (WHERE pushed)::INTEGER AS n1,
              count(*) FILTER (WHERE pushed AND granted_later)::INTEGER AS x1,
              count(*) FILTER (WHERE NOT pushed)::INTEGER AS n2,
              count(*) FILTER (WHERE NOT pushed AND granted_later)::INTEGER AS x2
       FROM offer_facts
       WHERE decision = 'refused' AND decision_level = 1 AND own_decision AND NOT redecision
         AND category IS NOT NULL AND ${dated}
       GROUP BY ALL ORDER BY ALL`,
      params,
    ),
    store.all<{ kind: string; level: number; team: string; n1: number; x1: number; n: number; x: number }>(
      `SELECT kind, level, team, n1, x1, sum(n1) OVER w::INTEGER AS n, sum(x1) OVER w::INTEGER AS x
       FROM (SELECT kind, decision_level AS level, decided_team AS team, count(*)::INTEGER AS n1,
                    count(*) FILTER (WHERE decision = 'refused')::INTEGER AS x1
             FROM offer_facts
             WHERE own_decision AND NOT redecision AND decided_team IS NOT NULL AND decision_level IS NOT NULL
               AND ${dated}
             GROUP BY ALL)
       WINDOW w AS (PARTITION BY kind, level)
       ORDER BY kind, level, team`,
      params,
    ),
    store.all<{ kind: string; band: number; n1: number; x1: number; n: number; x: number }>(
      `SELECT kind, band, n1, x1, sum(n1) OVER w::INTEGER AS n, sum(x1) OVER w::INTEGER AS x
       FROM (SELECT kind, value_band_no AS band, count(*)::INTEGER AS n1,
                    count(*) FILTER (WHERE decision = 'granted')::INTEGER AS x1
             FROM offer_facts
             WHERE own_decision AND NOT redecision AND value_band_no IS NOT NULL AND ${dated}
             GROUP BY ALL)
       WINDOW w AS (PARTITION BY kind)
       ORDER BY kind, band`,
      params,
    ),
    authorityOfRange ?? authorityReport(store, options),
  ]);
  const currency = settings.currency ?? '';
  const valueBands = bandsOf(settings.valueBands);
  const pending: Pending[] = [
    ...pushing.map((r) =>
      compare(
        {
          flag: 'pushing',
          key: `pushing:${r.category}:${r.kind}`,
          subject: `${r.category}, ${kindWord(r.kind)}`,
          cases: { flag: 'pushing', category: r.category, kind: r.kind },
        },
        r,
        minimumVolume,
        (c, g) =>
          `${r.category}: ${c.x1} of ${c.n1} customers who escalated after level 1 refused a ${kindWord(r.kind)} got one higher up (${g.group}), against ${c.x2} of ${c.n2} who did not push (${g.comparison})`,
      ),
    ),
    ...teams.map((r) =>
      compare(
        {
          flag: 'team',
          key: `team:${r.level}:${r.team}:${r.kind}`,
          subject: `${r.team}, ${kindWord(r.kind)} at level ${r.level}`,
          cases: { flag: 'team', team: r.team, level: r.level, kind: r.kind },
        },
        { x1: r.x1, n1: r.n1, x2: r.x - r.x1, n2: r.n - r.n1 },
        minimumVolume,
        (c, g) =>
          `${r.team} refused ${kindWord(r.kind)} in ${c.x1} of its ${c.n1} own decisions at level ${r.level} (${g.group}), against ${g.comparison} by the other level-${r.level} teams (${c.x2} of ${c.n2})`,
      ),
    ),
    ...values.map((r) => {
      const band = valueBands[r.band]?.label ?? `band ${r.band}`;
      return compare(
        {
          flag: 'value_band',
          key: `value_band:${r.band}:${r.kind}`,
          subject: `customers valued ${band} ${currency}, ${kindWord(r.kind)}`,
          cases: { flag: 'value_band', valueBand: r.band, kind: r.kind },
        },
        { x1: r.x1, n1: r.n1, x2: r.x - r.x1, n2: r.n - r.n1 },
        minimumVolume,
        (c, g) =>
          `Customers valued ${band} ${currency} a year were granted ${kindWord(r.kind)} in ${c.x1} of ${c.n1} decisions (${g.group}), against ${g.comparison} for the other value bands (${c.x2} of ${c.n2})`,
      );
    }),
  ];
  const judged = pending.filter((p) => p.pValue !== null);
  const adjustedValues = benjaminiHochberg(judged.map((j) => j.pValue ?? 1));
  const adjusted = new Map(judged.map((p, i) => [p, adjustedValues[i]]));
  const fairness = pending.map((p) => finish(p, adjusted.get(p) ?? null, maxDifference, minimumVolume));
  const totalRequests = authority.gaps.reduce((s, g) => s + g.requests, 0);
  const totalApproved = authority.gaps.reduce((s, g) => s + g.approved.count, 0);
  const gaps = authority.gaps.map((g) =>
    authorityComparison(
      g,
      { approved: totalApproved - g.approved.count, requests: totalRequests - g.requests },
      currency,
    ),
  );
  const order: Record<OfferComparison['flag'], number> = { authority: 0, pushing: 1, team: 2, value_band: 3 };
  report.comparisons = [...gaps, ...fairness].sort(
    (a, b) =>
      Number(b.flagged) - Number(a.flagged) ||
      order[a.flag] - order[b.flag] ||
      Number(b.judged) - Number(a.judged) ||
      (a.adjustedPValue ?? 1) - (b.adjustedPValue ?? 1) ||
      (a.key < b.key ? -1 : 1),
  );
  report.flags = report.comparisons.filter((c) => c.flagged);
  return report;
}

/** The Empowerment page's figures over one range: the authority gaps, computed once, and the fairness comparisons. */
export async function empowermentReport(
  store: DuckDbStore,
  options: { from?: string; to?: string } = {},
): Promise<{ authority: AuthorityReport; fairness: OfferFairnessReport }> {
  const authority = await authorityReport(store, options);
  return { authority, fairness: await offerFairnessReport(store, options, authority) };
}
