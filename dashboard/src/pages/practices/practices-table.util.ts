import type { FaqUpdateDto } from '../../../../server/src/contracts/faq-updates.contract.js';
import type {
  PracticeFigures,
  PracticesReport,
} from '../../../../server/src/contracts/practices.contract.js';
import { monthMarkerAt } from '../../lib/charts/marker-position.util.js';
import { formatInterval } from '../../lib/format/format-interval.js';
import { formatPercent } from '../../lib/format/format-percent.js';
import { MIN_DECIDED_TO_PLOT, monthsBetween, publicationEvents } from '../practice/practice-series.util.js';

/** How the table reads a practice's verdict. */
export type Verdict = 'flagged' | 'not-flagged' | 'too-few';

export const VERDICT_LABELS: Readonly<Record<Verdict, string>> = {
  flagged: 'Flagged',
  'not-flagged': 'Not flagged',
  'too-few': 'Too few to judge',
};

/** One row of the Practices table, formatted as shown. */
export interface PracticeRow {
  rank: number;
  practice: string;
  kind: string;
  name: string;
  escalated: number;
  tickets: number;
  /** '44.9' escalated cases per 1,000 tickets, or '—'. */
  per1000: string;
  /** '38.1–52.3', or ''. */
  per1000Interval: string;
  decided: number;
  overturned: number;
  share: number | null;
  interval: [number, number] | null;
  /** '41.0%', or '—'. */
  overturn: string;
  /** '32.0–51.0%', or ''. */
  overturnInterval: string;
  baseline: number | null;
  /** '+29.0 pts' / '−3.1 pts' against the other practices, or '—'. */
  vsBaseline: string;
  verdict: Verdict;
  rising: boolean;
  reason: string;
  /** Monthly overturn share 0–1 over the range's months (null below the plotting minimum). */
  sparkline: (number | null)[];
  /** FAQ publications of this practice on the sparkline's axis (fractional month indexes). */
  markers: number[];
  months: string[];
}

/** Percentage points with their sign and one decimal: 0.2904 → '+29.0 pts'. */
export function formatPoints(difference: number | null): string {
  if (difference === null || !Number.isFinite(difference)) {
    return '—';
  }
  const points = Math.round(difference * 1000) / 10;
  if (points === 0) {
    return '±0.0 pts';
  }
  return `${points > 0 ? '+' : '−'}${Math.abs(points).toFixed(1)} pts`;
}

/** Escalated cases per 1,000 with one decimal: 44.87 → '44.9'. */
export function formatPer1000(value: number | null): string {
  return value === null || !Number.isFinite(value) ? '—' : value.toFixed(1);
}

export function verdictOf(p: PracticeFigures): Verdict {
  return p.flagged ? 'flagged' : p.judged ? 'not-flagged' : 'too-few';
}

/** The table's rows in the report's rank order, with each practice's FAQ publications on its sparkline. */
export function practiceRows(report: PracticesReport, updates: readonly FaqUpdateDto[]): PracticeRow[] {
  const months = report.range ? monthsBetween(report.range.from, report.range.to) : [];
  return report.practices.map((p) => {
    const byMonth = new Map(p.monthly.map((m) => [m.month, m]));
    const sparkline = months.map((month) => {
      const m = byMonth.get(month);
      return m && m.decided >= MIN_DECIDED_TO_PLOT ? m.overturnedOrPartial / m.decided : null;
    });
    const markers = publicationEvents(updates.filter((u) => u.practice === p.practice))
      .map((e) => monthMarkerAt(months, e.date))
      .filter((at): at is number => at !== null);
    return {
      rank: p.rank,
      practice: p.practice,
      kind: p.kind,
      name: p.name,
      escalated: p.escalationRate.escalated,
      tickets: p.escalationRate.tickets,
      per1000: formatPer1000(p.escalationRate.per1000),
      per1000Interval: p.escalationRate.interval
        ? `${formatPer1000(p.escalationRate.interval[0])}–${formatPer1000(p.escalationRate.interval[1])}`
        : '',
      decided: p.overturn.of,
      overturned: p.overturn.count,
      share: p.overturn.share,
      interval: p.overturn.interval,
      overturn: p.overturn.share === null ? '—' : formatPercent(p.overturn.share),
      overturnInterval: p.overturn.interval ? formatInterval(p.overturn.interval) : '',
      baseline: p.baseline.share,
      vsBaseline: formatPoints(p.difference),
      verdict: verdictOf(p),
      rising: p.trend?.rising ?? false,
      reason: p.reason,
      sparkline,
      markers,
      months,
    };
  });
}
