import type { FaqUpdateDto } from '../../../../server/src/contracts/faq-updates.contract.js';
import type { PracticeMonth, PracticesReport } from '../../../../server/src/contracts/practices.contract.js';
import { wilsonInterval } from '../../../../server/src/contracts/stats.contract.js';
import { addDays } from '../../lib/dates/iso-date.util.js';

/**
 * Below this many decided escalations a month's overturn share is not plotted: a share of fewer
 * would swing by 20 points with one case. Its interval would still be honest, but a line through
 * such points reads as a trend that is not there.
 */
export const MIN_DECIDED_TO_PLOT = 5;

/** Every month from the one holding `from` to the one holding `to`, as 'YYYY-MM'; empty when from > to. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (let guard = 0; guard < 1200; guard++) {
    const label = `${year}-${String(month).padStart(2, '0')}`;
    if (label > last) {
      break;
    }
    months.push(label);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

/** A monthly share in percent with its 95% Wilson interval; null where not plotted. */
export interface MonthlyShare {
  values: (number | null)[];
  lower: (number | null)[];
  upper: (number | null)[];
  /** Tooltip lines: the counts behind each point. */
  details: (string | null)[];
  plotted: number;
  /** Months with some but too few decided escalations. */
  hidden: number;
  decided: number;
  overturned: number;
}

const pct = (x: number) => Math.round(x * 1000) / 10;

/** The overturn share per month on the axis: (overturned + partial) / decided, from MIN_DECIDED_TO_PLOT up. */
export function overturnByMonth(months: readonly string[], monthly: readonly PracticeMonth[]): MonthlyShare {
  const byMonth = new Map(monthly.map((m) => [m.month, m]));
  const out: MonthlyShare = {
    values: [],
    lower: [],
    upper: [],
    details: [],
    plotted: 0,
    hidden: 0,
    decided: 0,
    overturned: 0,
  };
  for (const month of months) {
    const m = byMonth.get(month);
    const decided = m?.decided ?? 0;
    const overturned = m?.overturnedOrPartial ?? 0;
    out.decided += decided;
    out.overturned += overturned;
    const interval = wilsonInterval(overturned, decided);
    if (decided < MIN_DECIDED_TO_PLOT || !interval) {
      out.hidden += decided > 0 ? 1 : 0;
      out.values.push(null);
      out.lower.push(null);
      out.upper.push(null);
      out.details.push(decided > 0 ? `${overturned} of ${decided} decided: too few to plot` : null);
      continue;
    }
    out.plotted += 1;
    out.values.push(pct(overturned / decided));
    out.lower.push(pct(interval[0]));
    out.upper.push(pct(interval[1]));
    out.details.push(
      `${overturned} of ${decided} decided (95% interval ${pct(interval[0])}–${pct(interval[1])}%)`,
    );
  }
  return out;
}

/** Escalated cases per 1,000 tickets per month, with the interval taken as a share of the tickets. */
export interface MonthlyRate {
  values: (number | null)[];
  lower: (number | null)[];
  upper: (number | null)[];
  details: (string | null)[];
  escalated: number;
  tickets: number;
}

const per1000 = (x: number) => Math.round(x * 10_000) / 10;

export function escalationRateByMonth(
  months: readonly string[],
  monthly: readonly PracticeMonth[],
): MonthlyRate {
  const byMonth = new Map(monthly.map((m) => [m.month, m]));
  const out: MonthlyRate = { values: [], lower: [], upper: [], details: [], escalated: 0, tickets: 0 };
  for (const month of months) {
    const m = byMonth.get(month);
    const tickets = m?.tickets ?? 0;
    const escalated = m?.escalated ?? 0;
    out.tickets += tickets;
    out.escalated += escalated;
    const interval = wilsonInterval(Math.min(escalated, tickets), tickets);
    if (!interval) {
      out.values.push(null);
      out.lower.push(null);
      out.upper.push(null);
      out.details.push(escalated > 0 ? `${escalated} escalated, no tickets created this month` : null);
      continue;
    }
    out.values.push(per1000(escalated / tickets));
    out.lower.push(per1000(interval[0]));
    out.upper.push(per1000(interval[1]));
    out.details.push(
      `${escalated} escalated of ${tickets} tickets (95% interval ${per1000(interval[0])}–${per1000(interval[1])})`,
    );
  }
  return out;
}

/** Every other practice's months added up: the control a practice's monthly figures are read against. */
export function otherPracticesMonthly(report: PracticesReport, practice: string): PracticeMonth[] {
  const sums = new Map<string, PracticeMonth>();
  for (const p of report.practices) {
    if (p.practice === practice) {
      continue;
    }
    for (const m of p.monthly) {
      const sum = sums.get(m.month) ?? {
        month: m.month,
        tickets: 0,
        escalated: 0,
        decided: 0,
        overturnedOrPartial: 0,
      };
      sum.tickets += m.tickets;
      sum.escalated += m.escalated;
      sum.decided += m.decided;
      sum.overturnedOrPartial += m.overturnedOrPartial;
      sums.set(m.month, sum);
    }
  }
  return [...sums.values()].sort((a, b) => (a.month < b.month ? -1 : 1));
}

/** The publication days of a practice's FAQ updates (published, or published and since retired), oldest first. */
export function publicationEvents(updates: readonly FaqUpdateDto[]): { date: string; label: string }[] {
  return updates
    .filter((u) => (u.status === 'published' || u.status === 'retired') && u.publishedAt !== null)
    .map((u) => ({ date: u.publishedAt as string, label: `FAQ published ${u.publishedAt}` }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * Where to look for an FAQ update's evidence: the months of the practice's latest rise in overturn
 * share (from the first of its consecutive upward changes to the month before the next fall, or the
 * range's end), else the whole range.
 */
export function evidenceWindow(
  trend: { changes: readonly { month: string; direction: 'up' | 'down' }[] } | null,
  range: { from: string; to: string },
): { from: string; to: string; rise: boolean } {
  const changes = trend?.changes ?? [];
  let last = -1;
  changes.forEach((c, i) => {
    if (c.direction === 'up') {
      last = i;
    }
  });
  if (last < 0) {
    return { ...range, rise: false };
  }
  let first = last;
  while (first > 0 && changes[first - 1].direction === 'up') {
    first -= 1;
  }
  const from = `${changes[first].month}-01`;
  const next = changes[last + 1];
  const to = next ? addDays(`${next.month}-01`, -1) : range.to;
  // ISO dates compare as text.
  const later = (a: string, b: string) => (a > b ? a : b);
  const earlier = (a: string, b: string) => (a < b ? a : b);
  return { from: later(from, range.from), to: earlier(to, range.to), rise: true };
}
