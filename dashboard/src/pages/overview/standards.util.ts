import type {
  ComparedFigures,
  StandardFigures,
  StandardKey,
  WeeklyStandards,
} from '../../../../server/src/contracts/standards.contract.js';
import { formatCount } from '../../lib/format/format-count.js';
import { formatScore, formatScoreChange } from '../../lib/format/format-score.js';
import { weekAxis } from './overview-series.util.js';

/** The four standards in the order every screen shows them, with their names for reading. */
export const STANDARDS: readonly { key: StandardKey; label: string }[] = [
  { key: 'rightDepartment', label: 'Right department' },
  { key: 'assessmentQuality', label: 'Assessment quality' },
  { key: 'satisfaction', label: 'Satisfaction' },
  { key: 'resolution', label: 'Resolution' },
];

/** What one standard's card shows, already formatted. */
export interface StandardCard {
  key: StandardKey;
  label: string;
  /** The mean this period, "72.4", or "no scores". */
  value: string;
  /** The base of the mean ("of 1,234 steps"), or why there is no mean. */
  detail: string;
  /** The previous period's mean and the change, "previous period 70.1 · +2.3", or "previous period: no scores". */
  comparison: string;
  /** Current minus previous, when both have a mean. */
  change: number | null;
}

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** The base of a standard's mean in words: steps for the step standards, cases for the case standards. */
export function standardBase(key: StandardKey, figures: StandardFigures): string {
  switch (key) {
    case 'rightDepartment':
      return figures.routed === figures.steps
        ? `of ${plural(figures.steps, 'step', 'steps')}`
        : `${formatCount(figures.routed)} of ${plural(figures.steps, 'step', 'steps')} with a routing rule`;
    case 'assessmentQuality':
      return figures.assessed === figures.steps
        ? `of ${plural(figures.steps, 'step', 'steps')}`
        : `${formatCount(figures.assessed)} of ${plural(figures.steps, 'step', 'steps')} with notes exported`;
    case 'satisfaction':
      return `${formatCount(figures.surveyed)} of ${plural(figures.cases, 'case', 'cases')} surveyed`;
    case 'resolution':
      return `${formatCount(figures.due)} due`;
  }
}

/** Why a standard has no mean over some steps and cases (the API's null). */
export function noScoreReason(key: StandardKey, figures: StandardFigures): string {
  switch (key) {
    case 'rightDepartment':
      return figures.steps === 0
        ? 'no escalation steps in this period'
        : `no step of ${formatCount(figures.steps)} had a routing rule for its category and level`;
    case 'assessmentQuality':
      return figures.steps === 0
        ? 'no escalation steps in this period'
        : `the export of ${plural(figures.steps, 'step', 'steps')} carries no handover notes`;
    case 'satisfaction':
      return figures.cases === 0
        ? 'no scored cases in this period'
        : `none of ${plural(figures.cases, 'case', 'cases')} surveyed (not surveyed is never 0)`;
    case 'resolution':
      return figures.cases === 0
        ? 'no scored cases in this period'
        : `none of ${plural(figures.cases, 'case', 'cases')} due yet`;
  }
}

/** Current minus previous, or null when either has no mean. */
export function scoreChange(current: number | null, previous: number | null): number | null {
  return current === null || previous === null ? null : current - previous;
}

/** The four cards: this period's mean and its base, the previous period's mean and the change. */
export function standardCards(current: StandardFigures, previous: StandardFigures): StandardCard[] {
  return STANDARDS.map(({ key, label }) => {
    const mean = current[key];
    const before = previous[key];
    const change = scoreChange(mean, before);
    return {
      key,
      label,
      value: formatScore(mean, 'no scores'),
      detail: mean === null ? noScoreReason(key, current) : standardBase(key, current),
      comparison:
        before === null
          ? 'previous period: no scores'
          : `previous period ${formatScore(before)} · change ${formatScoreChange(change)}`,
      change,
    };
  });
}

/** One standard's mean in a breakdown row: this period, the previous one and the change. */
export interface ComparedMean {
  current: number | null;
  previous: number | null;
  change: number | null;
}

/** One row of the breakdown table. */
export interface BreakdownRow {
  key: string;
  steps: number;
  cases: number;
  means: Record<StandardKey, ComparedMean>;
}

/** A breakdown table column: the key, the counts, a standard's mean, or its change. */
export type BreakdownColumn = 'key' | 'steps' | 'cases' | StandardKey | `${StandardKey}.change`;

export interface BreakdownSort {
  column: BreakdownColumn;
  direction: 'asc' | 'desc';
}

/** The table's order when the page opens: the busiest first. */
export const DEFAULT_SORT: BreakdownSort = { column: 'steps', direction: 'desc' };

/** The API's breakdown entries as table rows, with each standard's change against the previous period. */
export function breakdownRows(compared: readonly ComparedFigures[]): BreakdownRow[] {
  return compared.map(({ key, current, previous }) => ({
    key,
    steps: current.steps,
    cases: current.cases,
    means: Object.fromEntries(
      STANDARDS.map(({ key: standard }) => [
        standard,
        {
          current: current[standard],
          previous: previous[standard],
          change: scoreChange(current[standard], previous[standard]),
        },
      ]),
    ) as Record<StandardKey, ComparedMean>,
  }));
}

function cellValue(row: BreakdownRow, column: BreakdownColumn): string | number | null {
  switch (column) {
    case 'key':
      return row.key;
    case 'steps':
      return row.steps;
    case 'cases':
      return row.cases;
    default: {
      const [standard, part] = column.split('.') as [StandardKey, 'change' | undefined];
      const mean = row.means[standard];
      return part === 'change' ? mean.change : mean.current;
    }
  }
}

/**
 * The rows in the order asked for. Rows without a value (no mean, nothing to compare with) go last
 * whichever the direction, so the figures one sorts for always come first; ties go by key.
 */
export function sortBreakdown(rows: readonly BreakdownRow[], sort: BreakdownSort): BreakdownRow[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = cellValue(a, sort.column);
    const y = cellValue(b, sort.column);
    if (x === null || y === null) {
      if (x !== y) {
        return x === null ? 1 : -1;
      }
    } else if (x !== y) {
      return (x < y ? -1 : 1) * sign;
    }
    return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  });
}

/** The sort after clicking a column's header: the same column flips, another starts where it is most useful. */
export function nextSort(current: BreakdownSort, column: BreakdownColumn): BreakdownSort {
  if (current.column === column) {
    return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  }
  // Names read A to Z; counts biggest first; scores and changes worst first, which is what a reviewer hunts.
  return { column, direction: column === 'steps' || column === 'cases' ? 'desc' : 'asc' };
}

/** The weekly means on a week axis covering the range: one series per standard, null where a week has none. */
export function standardsWeekly(
  range: { from: string; to: string } | null,
  weekly: readonly WeeklyStandards[],
): { weeks: string[]; series: { key: StandardKey; label: string; values: (number | null)[] }[] } {
  const weeks = weekAxis(
    range,
    weekly.map((w) => w.week),
  );
  const byWeek = new Map(weekly.map((w) => [w.week, w]));
  return {
    weeks,
    series: STANDARDS.map(({ key, label }) => ({
      key,
      label,
      values: weeks.map((week) => byWeek.get(week)?.[key] ?? null),
    })),
  };
}
