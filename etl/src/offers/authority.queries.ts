import { resolveRange } from '../analytics/overview.queries.js';
import { percent, percentRange } from '../practices/practice-text.js';
import { caseShare } from '../practices/practices.queries.js';
import type { DuckDbStore } from '../store/duckdb-store.js';
import { medianFields, medianFigure, sortedList } from './median-sql.js';
import { OfferQueryError } from './offer-query-error.js';
import { bandsOf, kindWord, offerSettings } from './offer-settings.js';
import type {
  AuthorityGap,
  AuthorityReport,
  MeanFigure,
  WhatIfOptions,
  WhatIfResult,
} from './offers.types.js';

// Requests that went up for approval, per kind of offer and amount band (offer_facts, built by the
// scoring run against the rubric's authority matrix). A kind and band is flagged when the higher
// tier approves its requests so reliably that the 95% interval's lower bound of the approval share
// reaches the rubric's flag line: the limit then costs escalations, management time and days without
// protecting anything. Period: the answers' dates.

const gapsSql = `
  WITH level1 AS (
    -- cases of the same kind settled at level 1: granted there on its own authority, never escalated
    SELECT kind, ${sortedList('days_to_resolution')} AS l1_days, avg(satisfaction) AS l1_sat_mean,
           stddev_samp(satisfaction) AS l1_sat_sd, count(satisfaction)::INTEGER AS l1_sat_n
    FROM offer_facts
    WHERE decision = 'granted' AND own_decision AND decision_level = 1 AND max_level = 1
      AND decided_at::DATE BETWEEN $from::DATE AND $to::DATE
    GROUP BY kind
  ),
  gaps AS (
    SELECT kind, band_no, count(*)::INTEGER AS requests,
           count(*) FILTER (WHERE decision = 'granted')::INTEGER AS approved,
           sum(authority_steps)::INTEGER AS escalations, count(DISTINCT ticket_id)::INTEGER AS cases,
           coalesce(sum(management_call_minutes), 0) / 60.0 AS call_hours,
           coalesce(sum(management_open_hours), 0)::DOUBLE AS open_hours,
           ${sortedList('(epoch(decided_at) - epoch(requested_at)) / 86400.0')} AS waits,
           ${sortedList('days_to_resolution')} AS days,
           avg(satisfaction) AS sat_mean, stddev_samp(satisfaction) AS sat_sd, count(satisfaction)::INTEGER AS sat_n
    FROM offer_facts
    WHERE went_up AND in_currency AND decided_at::DATE BETWEEN $from::DATE AND $to::DATE
    GROUP BY kind, band_no
  )
  SELECT g.kind, g.band_no, g.requests, g.approved, g.escalations, g.cases, g.call_hours, g.open_hours,
         ${medianFields('g.waits', 'wait')}, ${medianFields('g.days', 'days')},
         ${medianFields('coalesce(l.l1_days, [])', 'l1_days')},
         g.sat_mean, g.sat_sd, g.sat_n, l.l1_sat_mean, l.l1_sat_sd, coalesce(l.l1_sat_n, 0) AS l1_sat_n
  FROM gaps g LEFT JOIN level1 l USING (kind)
  ORDER BY g.kind, g.band_no`;

interface GapRow {
  kind: string;
  band_no: number;
  requests: number;
  approved: number;
  escalations: number;
  cases: number;
  call_hours: number;
  open_hours: number;
  sat_mean: number | null;
  sat_sd: number | null;
  sat_n: number;
  l1_sat_mean: number | null;
  l1_sat_sd: number | null;
  l1_sat_n: number;
  [median: string]: unknown;
}

function meanFigure(mean: number | null, sd: number | null, n: number): MeanFigure {
  if (n === 0 || mean === null) {
    return { n, mean: null, interval: null };
  }
  const half = n > 1 && sd !== null ? (1.959964 * sd) / Math.sqrt(n) : null;
  return { n, mean, interval: half === null ? null : [Math.max(0, mean - half), Math.min(100, mean + half)] };
}

function round(x: number, places = 1): string {
  return x.toLocaleString('en-GB', { maximumFractionDigits: places });
}

function gapReason(
  g: Omit<AuthorityGap, 'reason'>,
  currency: string,
  minimumVolume: number,
  line: number,
): string {
  const what = `${kindWord(g.kind)} ${g.band.label} ${currency}`;
  if (!g.judged) {
    return `${what}: too few to judge: ${g.requests} request${g.requests === 1 ? '' : 's'} went up, below the minimum of ${minimumVolume}`;
  }
  const head = `${what}: the higher tier approved ${g.approved.count} of ${g.requests} requests that went up for approval (${percent(g.approved.share)}, 95% CI ${percentRange(g.approved.interval)})`;
  if (!g.flagged) {
    return `${head}, not reliably above the ${percent(line)} flag line`;
  }
  const wait =
    g.approvalWaitDays.median === null
      ? ''
      : ` and a median ${round(g.approvalWaitDays.median)} days waiting for the answer`;
  return `${head}, above the ${percent(line)} flag line: ${g.escalations} escalations, ${round(g.managementCallHours)} management call hours${wait} that a higher limit would save`;
}

/**
 * Per kind and amount band, the requests that went up for approval over a date range (default: the
 * whole data): how often the higher tier approved (95% Wilson interval), the escalations and
 * management time they took, the days they waited and took to resolve, and satisfaction, each against
 * cases of the same kind settled at level 1; flagged where the limit costs more than it protects.
 */
export async function authorityReport(
  store: DuckDbStore,
  options: { from?: string; to?: string } = {},
): Promise<AuthorityReport> {
  const settings = await offerSettings(store);
  const { range, params } = await resolveRange(store, options);
  const bands = bandsOf(settings.amountBands);
  const report: AuthorityReport = {
    range,
    currency: settings.currency,
    minimumVolume: settings.minimumVolume,
    flagApprovalShare: settings.flagApprovalShare,
    bands,
    limits: settings.limits,
    offers: { decided: 0, otherCurrency: 0 },
    gaps: [],
  };
  if (!range) {
    return report;
  }
  const [counts] = await store.all<{ decided: number; other: number }>(
    `SELECT count(*)::INTEGER AS decided, count(*) FILTER (WHERE NOT in_currency)::INTEGER AS other
     FROM offer_facts WHERE decision IS NOT NULL AND decided_at::DATE BETWEEN $from::DATE AND $to::DATE`,
    params,
  );
  report.offers = { decided: counts.decided, otherCurrency: counts.other };
  if (settings.currency === null) {
    return report;
  }
  const rows = await store.all<GapRow>(gapsSql, params);
  report.gaps = rows
    .map((r) => {
      const approved = caseShare(r.approved, r.requests);
      const judged = r.requests >= settings.minimumVolume;
      const gap: Omit<AuthorityGap, 'reason'> = {
        kind: r.kind,
        band: bands[r.band_no] ?? { no: r.band_no, min: null, max: null, label: `band ${r.band_no}` },
        limits: [1, 2, 3, 4].map((level) => ({
          level,
          maxAmount: limitOf(settings.limits, r.kind, level),
        })),
        requests: r.requests,
        approved,
        escalations: r.escalations,
        cases: r.cases,
        managementCallHours: r.call_hours,
        managementOpenHours: r.open_hours,
        approvalWaitDays: medianFigure(r, 'wait'),
        daysToResolution: medianFigure(r, 'days'),
        level1DaysToResolution: medianFigure(r, 'l1_days'),
        satisfaction: meanFigure(r.sat_mean, r.sat_sd, r.sat_n),
        level1Satisfaction: meanFigure(r.l1_sat_mean, r.l1_sat_sd, r.l1_sat_n),
        judged,
        flagged: judged && (approved.interval?.[0] ?? 0) >= settings.flagApprovalShare,
      };
      return {
        ...gap,
        reason: gapReason(gap, settings.currency ?? '', settings.minimumVolume, settings.flagApprovalShare),
      };
    })
    .sort(
      (a, b) =>
        Number(b.flagged) - Number(a.flagged) ||
        Number(b.judged) - Number(a.judged) ||
        b.requests - a.requests ||
        (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.band.no - b.band.no),
    );
  return report;
}

/** A level's own limit for a kind: null = no limit; 0 when the matrix does not list it. */
export function limitOf(
  limits: { kind: string; level: number; maxAmount: number | null }[],
  kind: string,
  level: number,
): number | null {
  const row = limits.find((l) => l.kind === kind && l.level === level);
  return row ? row.maxAmount : 0;
}

const whatIfSql = `
  WITH chosen AS (
    SELECT * FROM offer_facts
    WHERE went_up AND in_currency AND kind = $kind
      AND requested_level <= $level AND decision_level > $level
      AND amount > $current AND amount <= $upTo
      AND decided_at::DATE BETWEEN $from::DATE AND $to::DATE
  )
  SELECT count(*)::INTEGER AS requests,
         count(*) FILTER (WHERE decision = 'granted')::INTEGER AS approved,
         count(*) FILTER (WHERE decision = 'refused')::INTEGER AS refused,
         coalesce(sum(amount) FILTER (WHERE decision = 'refused'), 0)::DOUBLE AS extra_money,
         coalesce(sum(amount) FILTER (WHERE decision = 'granted'), 0)::DOUBLE AS approved_money,
         coalesce(sum(epoch(decided_at) - epoch(requested_at)), 0) / 86400.0 AS days,
         coalesce(sum(management_call_minutes), 0) / 60.0 AS call_hours,
         coalesce(sum(management_open_hours), 0)::DOUBLE AS open_hours,
         (SELECT count(*) FROM authority_steps s JOIN chosen c USING (offer_id)
          WHERE coalesce(s.from_level, s.to_level) >= $level)::INTEGER AS escalations
  FROM chosen`;

/**
 * "Let level L grant <kind> up to X": the escalations, management time and waiting days the period's
 * requests would not have taken, and the money the refused ones would have cost, computed in DuckDB on
 * request. The assumptions are returned with the figures.
 */
export async function authorityWhatIf(store: DuckDbStore, options: WhatIfOptions): Promise<WhatIfResult> {
  const settings = await offerSettings(store);
  if (![1, 2].includes(options.level)) {
    throw new OfferQueryError('level', 'expected 1 or 2 (management is level 3 and above)');
  }
  if (!Number.isFinite(options.upTo) || options.upTo < 0) {
    throw new OfferQueryError('upTo', 'expected an amount of 0 or more');
  }
  const known = new Set(settings.limits.map((l) => l.kind));
  if (settings.currency !== null && !known.has(options.kind)) {
    throw new OfferQueryError('kind', `expected one of ${[...known].join(', ')}`);
  }
  const { range, params } = await resolveRange(store, options);
  const currentLimit = limitOf(settings.limits, options.kind, options.level);
  const currency = settings.currency;
  const result: WhatIfResult = {
    kind: options.kind,
    level: options.level,
    upTo: options.upTo,
    currency,
    currentLimit,
    range,
    requests: 0,
    approvedAbove: 0,
    refusedAbove: 0,
    escalationsSaved: 0,
    managementCallHoursSaved: 0,
    managementOpenHoursSaved: 0,
    daysSaved: 0,
    extraMoney: 0,
    approvedMoney: 0,
    assumptions: whatIfAssumptions(options, currency ?? '', currentLimit),
  };
  // Without a matrix, or when the level may already grant any amount, there is nothing to change.
  if (!range || currency === null || currentLimit === null || options.upTo <= currentLimit) {
    return result;
  }
  const [row] = await store.all<{
    requests: number;
    approved: number;
    refused: number;
    extra_money: number;
    approved_money: number;
    days: number;
    call_hours: number;
    open_hours: number;
    escalations: number;
  }>(whatIfSql, {
    ...params,
    kind: options.kind,
    level: options.level,
    current: currentLimit,
    upTo: options.upTo,
  });
  return {
    ...result,
    requests: row.requests,
    approvedAbove: row.approved,
    refusedAbove: row.refused,
    escalationsSaved: row.escalations,
    managementCallHoursSaved: row.call_hours,
    managementOpenHoursSaved: row.open_hours,
    daysSaved: row.days,
    extraMoney: row.extra_money,
    approvedMoney: row.approved_money,
  };
}

/** What the what-if assumes, in words (the API returns them with the figures; README says the same). */
export function whatIfAssumptions(
  options: WhatIfOptions,
  currency: string,
  currentLimit: number | null,
): string[] {
  const level = `level ${options.level}`;
  const kind = kindWord(options.kind);
  const today =
    currentLimit === null ? 'no limit' : currentLimit === 0 ? 'nothing' : `${currentLimit} ${currency}`;
  return [
    `${level} would grant on its own every ${kind} request above what it may grant today (${today}) and up to ${options.upTo} ${currency} that it or a level below sent up and a higher level answered in the period (by the answer's date).`,
    `Extra money: the requests refused above ${level}, each granted in full instead; approvals above ${level} cost the same money today, only later, so they are not extra.`,
    `Escalations saved: the steps that went up only for these approvals and started at ${level} or above; a step from below ${level} still happens, to ${level}.`,
    'Management time saved: the level-3-and-above call time and the hours the case was open at level 3 and above after the first such step, to resolution, as if none of it would have happened.',
    'Days saved: the time each customer waited from the request to the answer.',
    `Offers in a currency other than ${currency} are left out; customers are assumed to ask for no more than before.`,
  ];
}
