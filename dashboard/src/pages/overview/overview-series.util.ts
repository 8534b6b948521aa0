import { wilsonInterval } from '../../../../server/src/contracts/stats.contract.js';
import { addDays, mondaysBetween } from '../../lib/dates/iso-date.util.js';

/** Below this many due cases a week's share is not plotted (the ombudsman statistics' minimum of 30). */
export const MIN_DUE_TO_PLOT = 30;

/** Days after first contact by which a case is due (the 30-day resolution goal). */
export const DUE_AFTER_DAYS = 30;

/** The levels an escalation can reach; each gets a bar series even when it has no escalations. */
export const ESCALATION_LEVELS = [2, 3, 4] as const;

interface WeeklyEscalationColumns {
  readonly week: readonly string[];
  readonly level: Int32Array;
  readonly escalations: Int32Array;
}

interface WeeklyResolutionColumns {
  readonly week: readonly string[];
  readonly due: Int32Array;
  readonly resolved_within_30_days: Int32Array;
}

/**
 * The weeks on the x axis: every ISO-week Monday of the range, so quiet weeks show as zero instead of
 * vanishing, plus any week the data holds outside it; sorted.
 */
export function weekAxis(
  range: { from: string; to: string } | null,
  ...dataWeeks: readonly string[][]
): string[] {
  const weeks = new Set(range && range.from <= range.to ? mondaysBetween(range.from, range.to) : []);
  for (const column of dataWeeks) {
    for (const week of column) {
      weeks.add(week);
    }
  }
  return [...weeks].sort();
}

/** One stacked-bar series per level reached: escalations per week on the given axis, 0 where none. */
export function escalationsByLevel(
  weeks: readonly string[],
  data: WeeklyEscalationColumns,
): { level: number; values: number[] }[] {
  const index = new Map(weeks.map((week, i) => [week, i]));
  const levels = new Set<number>(ESCALATION_LEVELS);
  for (const level of data.level) {
    levels.add(level);
  }
  const byLevel = new Map([...levels].sort((a, b) => a - b).map((level) => [level, weeks.map(() => 0)]));
  for (let row = 0; row < data.week.length; row++) {
    const i = index.get(data.week[row]);
    const values = byLevel.get(data.level[row]);
    if (i !== undefined && values) {
      values[i] += data.escalations[row];
    }
  }
  return [...byLevel].map(([level, values]) => ({ level, values }));
}

/** The weekly share resolved within 30 days, in percent, with its interval band and what was left out. */
export interface ResolutionSeries {
  /** Percent per week; null where nothing is due, too few are, or the week is too recent. */
  share: (number | null)[];
  lower: (number | null)[];
  upper: (number | null)[];
  /** Tooltip text per week: the counts behind the percentage. */
  details: (string | null)[];
  plottedWeeks: number;
  /** Weeks with some, but too few, due cases. */
  hiddenWeeks: number;
  /** Weeks with due cases that end less than 30 days before the data's end. */
  recentWeeks: number;
  totalDue: number;
  totalResolved: number;
}

/** What to leave out of the weekly share. */
export interface ResolutionRules {
  /** Fewest due cases a week needs to be plotted. */
  minDue?: number;
  /** The data's last day; weeks ending less than 30 days before it are not plotted. */
  dataEnd?: string | null;
}

/**
 * Per week of first contact, the percentage of due cases resolved within 30 days and its 95% Wilson
 * band. Gaps: weeks with fewer than minDue due cases (a share of a handful is noise), and weeks not
 * wholly 30 days old at the data's end: their open cases are "not yet due" and left out while their
 * quick resolutions count, so those weeks would read high and fake an improving trend at the end.
 */
export function resolutionShare(
  weeks: readonly string[],
  data: WeeklyResolutionColumns,
  { minDue = MIN_DUE_TO_PLOT, dataEnd = null }: ResolutionRules = {},
): ResolutionSeries {
  const due = new Map<string, number>();
  const resolved = new Map<string, number>();
  for (let row = 0; row < data.week.length; row++) {
    const week = data.week[row];
    due.set(week, (due.get(week) ?? 0) + data.due[row]);
    resolved.set(week, (resolved.get(week) ?? 0) + data.resolved_within_30_days[row]);
  }
  // The last first-contact day whose cases are all due; a week is whole when its Sunday is on or before it.
  const lastDueDay = dataEnd ? addDays(dataEnd, -DUE_AFTER_DAYS) : null;
  const series: ResolutionSeries = {
    share: [],
    lower: [],
    upper: [],
    details: [],
    plottedWeeks: 0,
    hiddenWeeks: 0,
    recentWeeks: 0,
    totalDue: 0,
    totalResolved: 0,
  };
  const gap = (detail: string | null) => {
    series.share.push(null);
    series.lower.push(null);
    series.upper.push(null);
    series.details.push(detail);
  };
  for (const week of weeks) {
    const n = due.get(week) ?? 0;
    const k = resolved.get(week) ?? 0;
    series.totalDue += n;
    series.totalResolved += k;
    const interval = wilsonInterval(k, n);
    if (n === 0 || !interval) {
      gap(null);
    } else if (lastDueDay !== null && addDays(week, 6) > lastDueDay) {
      series.recentWeeks += 1;
      gap(`${k} of ${n} so far: too recent to judge`);
    } else if (n < minDue) {
      series.hiddenWeeks += 1;
      gap(`only ${n} due cases: too few to plot`);
    } else {
      series.plottedWeeks += 1;
      series.share.push(round1((k / n) * 100));
      series.lower.push(round1(interval[0] * 100));
      series.upper.push(round1(interval[1] * 100));
      series.details.push(`${k} of ${n} due cases`);
    }
  }
  return series;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
