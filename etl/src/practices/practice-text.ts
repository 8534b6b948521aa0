import type { CaseShare, OverturnChange, OverturnTrend } from './practices.types.js';

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** 'YYYY-MM' as 'March 2026'. */
export function monthName(month: string): string {
  return `${monthNames[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** A share as a whole percentage: 0.623 → '62%'. */
export function percent(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)}%`;
}

/** A share's interval as '54–70%'. */
export function percentRange(interval: [number, number] | null): string {
  return interval ? `${Math.round(interval[0] * 100)}–${Math.round(interval[1] * 100)}%` : '—';
}

/** A p-value as people read it: '< 0.001', '0.012', '0.62'. */
export function pText(p: number): string {
  if (p < 0.001) {
    return '< 0.001';
  }
  return p < 0.1 ? `= ${p.toFixed(3)}` : `= ${p.toFixed(2)}`;
}

/** '62% of 140 decided escalations (54–70%)'. */
export function shareText(share: CaseShare, of: string): string {
  return `${percent(share.share)} of ${share.of} ${of} (${percentRange(share.interval)})`;
}

/**
 * Consecutive changes in the same direction read as one move, from the month it began: at large
 * counts a month cut by the start of a practice is a level of its own (16% → 55% → 63%).
 */
export function movesOf(changes: OverturnChange[]): OverturnChange[] {
  const moves: OverturnChange[] = [];
  for (const change of changes) {
    const last = moves[moves.length - 1];
    if (last && last.direction === change.direction) {
      moves[moves.length - 1] = {
        ...last,
        after: change.after,
        pValue: Math.max(last.pValue, change.pValue),
      };
    } else {
      moves.push(change);
    }
  }
  return moves;
}

/** '; rising since March 2026 (15% → 60%)', or the moves in order, or '' when steady. */
export function trendText(trend: OverturnTrend | null): string {
  if (!trend || trend.changes.length === 0) {
    return '';
  }
  const moves = movesOf(trend.changes);
  const last = moves[moves.length - 1];
  if (moves.length === 1 && last.direction === 'up') {
    return `; rising since ${monthName(last.month)} (${percent(last.before)} → ${percent(last.after)})`;
  }
  const text = moves.map(
    (c) =>
      `${c.direction === 'up' ? 'rose' : 'fell'} from ${percent(c.before)} to ${percent(c.after)} from ${monthName(c.month)}`,
  );
  return `; ${text.join(', then ')}${last.direction === 'up' ? ': rising' : ''}`;
}
