import { describe, expect, it } from 'vitest';
import {
  escalationRateByMonth,
  evidenceWindow,
  MIN_DECIDED_TO_PLOT,
  monthsBetween,
  otherPracticesMonthly,
  overturnByMonth,
  publicationEvents,
} from '../../../../dashboard/src/pages/practice/practice-series.util.js';
import type { FaqUpdateDto } from '../../../../server/src/contracts/faq-updates.contract.js';
import type { PracticesReport } from '../../../../server/src/contracts/practices.contract.js';

const month = (
  m: string,
  tickets: number,
  escalated: number,
  decided: number,
  overturnedOrPartial: number,
) => ({
  month: m,
  tickets,
  escalated,
  decided,
  overturnedOrPartial,
});

describe('practice series', () => {
  it('should list every month of a range, across a year end', () => {
    expect(monthsBetween('2025-11-02', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-03-31', '2026-03-01')).toEqual(['2026-03']);
    expect(monthsBetween('2026-04-01', '2026-03-01')).toEqual([]);
  });

  it('should plot the overturn share from the minimum of decided escalations up, with its Wilson interval', () => {
    const series = overturnByMonth(
      ['2026-01', '2026-02', '2026-03'],
      [month('2026-01', 40, 10, 10, 5), month('2026-02', 40, 4, MIN_DECIDED_TO_PLOT - 1, 3)],
    );

    expect(series.values).toEqual([50, null, null]);
    expect(series.lower[0]).toBeCloseTo(23.7, 1);
    expect(series.upper[0]).toBeCloseTo(76.3, 1);
    expect(series).toMatchObject({ plotted: 1, hidden: 1, decided: 14, overturned: 8 });
    expect(series.details[1]).toBe('3 of 4 decided: too few to plot');
    expect(series.details[2]).toBeNull();
  });

  it('should give escalations per 1,000 tickets with an interval, and a gap for a month without tickets', () => {
    const series = escalationRateByMonth(['2026-01', '2026-02'], [month('2026-01', 200, 10, 8, 1)]);

    expect(series.values).toEqual([50, null]);
    expect(series.lower[0]).toBeLessThan(50);
    expect(series.upper[0]).toBeGreaterThan(50);
    expect(series).toMatchObject({ escalated: 10, tickets: 200 });
  });

  it('should add up every other practice as the control', () => {
    const report = {
      practices: [
        { practice: 'policy:a', monthly: [month('2026-01', 10, 5, 4, 3)] },
        { practice: 'policy:b', monthly: [month('2026-01', 20, 6, 5, 1), month('2026-02', 1, 1, 1, 0)] },
        { practice: 'category:c', monthly: [month('2026-01', 30, 7, 6, 2)] },
      ],
    } as unknown as PracticesReport;

    expect(otherPracticesMonthly(report, 'policy:a')).toEqual([
      month('2026-01', 50, 13, 11, 3),
      month('2026-02', 1, 1, 1, 0),
    ]);
  });

  it('should mark only published or retired updates, oldest first', () => {
    const updates = [
      { status: 'published', publishedAt: '2026-08-05' },
      { status: 'draft', publishedAt: '2026-01-01' },
      { status: 'retired', publishedAt: '2026-03-01' },
      { status: 'in_review', publishedAt: null },
    ] as FaqUpdateDto[];

    expect(publicationEvents(updates)).toEqual([
      { date: '2026-03-01', label: 'FAQ published 2026-03-01' },
      { date: '2026-08-05', label: 'FAQ published 2026-08-05' },
    ]);
  });

  it("should look for evidence in the latest rise: from its first upward change to the next fall's month", () => {
    const range = { from: '2025-11-02', to: '2026-10-31' };
    const up = (m: string) => ({ month: m, direction: 'up' as const });
    const down = (m: string) => ({ month: m, direction: 'down' as const });

    expect(evidenceWindow({ changes: [up('2026-02'), up('2026-03'), down('2026-08')] }, range)).toEqual({
      from: '2026-02-01',
      to: '2026-07-31',
      rise: true,
    });
    expect(evidenceWindow({ changes: [down('2026-02'), up('2026-05')] }, range)).toEqual({
      from: '2026-05-01',
      to: '2026-10-31',
      rise: true,
    });
    expect(evidenceWindow({ changes: [down('2026-02')] }, range)).toEqual({ ...range, rise: false });
    expect(evidenceWindow(null, range)).toEqual({ ...range, rise: false });
  });
});
