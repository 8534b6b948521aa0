import { describe, expect, it } from 'vitest';
import { monthName, movesOf, pText, trendText } from '../../../etl/src/practices/practice-text.js';
import type { OverturnChange } from '../../../etl/src/practices/practices.types.js';

const change = (month: string, before: number, after: number): OverturnChange => ({
  month,
  direction: after > before ? 'up' : 'down',
  before,
  after,
  pValue: 1e-6,
});

describe('practice reasons', () => {
  it('should read consecutive changes in one direction as one move, from the month it began', () => {
    const changes = [
      change('2026-03', 0.16, 0.55),
      change('2026-04', 0.55, 0.63),
      change('2026-07', 0.63, 0.59),
      change('2026-08', 0.59, 0.15),
    ];

    expect(movesOf(changes).map((m) => [m.month, m.direction, m.before, m.after])).toEqual([
      ['2026-03', 'up', 0.16, 0.63],
      ['2026-07', 'down', 0.63, 0.15],
    ]);
    expect(trendText({ rising: false, since: null, changes })).toBe(
      '; rose from 16% to 63% from March 2026, then fell from 63% to 15% from July 2026',
    );
  });

  it('should say since when a share is rising, and nothing for a steady one', () => {
    expect(trendText({ rising: true, since: '2026-03', changes: [change('2026-03', 0.15, 0.6)] })).toBe(
      '; rising since March 2026 (15% → 60%)',
    );
    expect(trendText({ rising: false, since: null, changes: [] })).toBe('');
    expect(trendText(null)).toBe('');
  });

  it('should write months and p-values as people read them', () => {
    expect(monthName('2026-12')).toBe('December 2026');
    expect([pText(0.0004), pText(0.0123), pText(0.62)]).toEqual(['< 0.001', '= 0.012', '= 0.62']);
  });
});
