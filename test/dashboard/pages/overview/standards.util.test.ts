import { describe, expect, it } from 'vitest';
import {
  type BreakdownRow,
  breakdownRows,
  nextSort,
  noScoreReason,
  sortBreakdown,
  standardBase,
  standardCards,
  standardsWeekly,
} from '../../../../dashboard/src/pages/overview/standards.util.js';
import type { StandardFigures } from '../../../../server/src/contracts/standards.contract.js';

const figures = (over: Partial<StandardFigures> = {}): StandardFigures => ({
  steps: 1200,
  cases: 900,
  rightDepartment: 94.7552,
  assessmentQuality: 50.42,
  satisfaction: 50.83,
  resolution: 82.71,
  overall: 72.4,
  routed: 1200,
  assessed: 1200,
  surveyed: 300,
  due: 850,
  ...over,
});

const none = figures({
  steps: 0,
  routed: 0,
  assessed: 0,
  cases: 0,
  rightDepartment: null,
  assessmentQuality: null,
  satisfaction: null,
  resolution: null,
  overall: null,
  surveyed: 0,
  due: 0,
});

describe('standards.util', () => {
  describe(standardCards.name, () => {
    it('should show each mean with one decimal, its base, and the change against the previous period', () => {
      const sut = standardCards(figures(), figures({ rightDepartment: 92.1, satisfaction: 51.5 }));

      expect(sut.map((c) => [c.label, c.value, c.detail])).toEqual([
        ['Right department', '94.8', 'of 1,200 steps'],
        ['Assessment quality', '50.4', 'of 1,200 steps'],
        ['Satisfaction', '50.8', '300 of 900 cases surveyed'],
        ['Resolution', '82.7', '850 due'],
      ]);
      expect(sut[0].comparison).toBe('previous period 92.1 · change +2.7');
      expect(sut[2].comparison).toBe('previous period 51.5 · change −0.7');
      expect(sut[0].change).toBeCloseTo(2.6552, 4);
    });

    it('should read "no scores" with the reason for a null mean, and no change without a previous mean', () => {
      const sut = standardCards(figures({ satisfaction: null, surveyed: 0 }), none);

      expect(sut[2].value).toBe('no scores');
      expect(sut[2].detail).toBe('none of 900 cases surveyed (not surveyed is never 0)');
      expect(sut.map((c) => c.comparison)).toEqual(Array(4).fill('previous period: no scores'));
      expect(sut.map((c) => c.change)).toEqual([null, null, null, null]);
    });
  });

  describe(standardBase.name, () => {
    it('should say one step in the singular', () => {
      expect(standardBase('rightDepartment', figures({ steps: 1, routed: 1 }))).toBe('of 1 step');
    });

    it('should name the base when only some steps could be scored', () => {
      expect(standardBase('rightDepartment', figures({ steps: 10, routed: 7 }))).toBe(
        '7 of 10 steps with a routing rule',
      );
      expect(standardBase('assessmentQuality', figures({ steps: 10, assessed: 0 }))).toBe(
        '0 of 10 steps with notes exported',
      );
    });
  });

  describe(noScoreReason.name, () => {
    it('should tell an empty period from steps without a routing rule', () => {
      expect(noScoreReason('rightDepartment', none)).toBe('no escalation steps in this period');
      expect(noScoreReason('rightDepartment', figures({ steps: 3 }))).toContain('routing rule');
      expect(noScoreReason('resolution', figures())).toBe('none of 900 cases due yet');
    });
  });

  const rows = (): BreakdownRow[] =>
    breakdownRows([
      {
        key: 'billing',
        current: figures({ steps: 50, rightDepartment: 90 }),
        previous: figures({ rightDepartment: 95 }),
      },
      { key: 'alpha', current: figures({ steps: 200, rightDepartment: null }), previous: none },
      {
        key: 'fraud',
        current: figures({ steps: 50, rightDepartment: 99 }),
        previous: figures({ rightDepartment: 90 }),
      },
    ]);

  describe(breakdownRows.name, () => {
    it("should give each standard's current and previous mean and their change", () => {
      const [billing, alpha] = rows();

      expect(billing.means.rightDepartment).toEqual({ current: 90, previous: 95, change: -5 });
      expect(alpha.means.rightDepartment).toEqual({ current: null, previous: null, change: null });
      expect(billing.steps).toBe(50);
    });
  });

  describe(sortBreakdown.name, () => {
    it('should sort numbers either way, ties by key', () => {
      expect(sortBreakdown(rows(), { column: 'steps', direction: 'desc' }).map((r) => r.key)).toEqual([
        'alpha',
        'billing',
        'fraud',
      ]);
      expect(sortBreakdown(rows(), { column: 'steps', direction: 'asc' }).map((r) => r.key)).toEqual([
        'billing',
        'fraud',
        'alpha',
      ]);
    });

    it('should keep rows without a mean last in both directions', () => {
      const asc = sortBreakdown(rows(), { column: 'rightDepartment', direction: 'asc' });
      const desc = sortBreakdown(rows(), { column: 'rightDepartment', direction: 'desc' });

      expect(asc.map((r) => r.key)).toEqual(['billing', 'fraud', 'alpha']);
      expect(desc.map((r) => r.key)).toEqual(['fraud', 'billing', 'alpha']);
    });

    it('should sort by the change and by the key', () => {
      expect(
        sortBreakdown(rows(), { column: 'rightDepartment.change', direction: 'asc' }).map((r) => r.key),
      ).toEqual(['billing', 'fraud', 'alpha']);
      expect(sortBreakdown(rows(), { column: 'key', direction: 'desc' }).map((r) => r.key)).toEqual([
        'fraud',
        'billing',
        'alpha',
      ]);
    });

    it('should not change the rows it was given', () => {
      const given = rows();
      sortBreakdown(given, { column: 'key', direction: 'desc' });

      expect(given.map((r) => r.key)).toEqual(['billing', 'alpha', 'fraud']);
    });
  });

  describe(nextSort.name, () => {
    it('should flip the same column and start counts high, scores low and names A to Z', () => {
      expect(nextSort({ column: 'steps', direction: 'desc' }, 'steps')).toEqual({
        column: 'steps',
        direction: 'asc',
      });
      expect(nextSort({ column: 'steps', direction: 'desc' }, 'cases').direction).toBe('desc');
      expect(nextSort({ column: 'steps', direction: 'desc' }, 'satisfaction').direction).toBe('asc');
      expect(nextSort({ column: 'steps', direction: 'desc' }, 'resolution.change').direction).toBe('asc');
      expect(nextSort({ column: 'steps', direction: 'desc' }, 'key').direction).toBe('asc');
    });
  });

  describe(standardsWeekly.name, () => {
    it('should put every week of the range on the axis with gaps where a week has no mean', () => {
      const sut = standardsWeekly({ from: '2025-01-06', to: '2025-01-26' }, [
        {
          week: '2025-01-06',
          routed: 40,
          assessed: 40,
          surveyed: 0,
          due: 30,
          rightDepartment: 90,
          assessmentQuality: 50,
          satisfaction: null,
          resolution: 80,
        },
        {
          week: '2025-01-20',
          routed: 40,
          assessed: 40,
          surveyed: 12,
          due: 30,
          rightDepartment: 95,
          assessmentQuality: 55,
          satisfaction: 60,
          resolution: 85,
        },
      ]);

      expect(sut.weeks).toEqual(['2025-01-06', '2025-01-13', '2025-01-20']);
      expect(sut.series.map((s) => [s.label, s.values])).toEqual([
        ['Right department', [90, null, 95]],
        ['Assessment quality', [50, null, 55]],
        ['Satisfaction', [null, null, 60]],
        ['Resolution', [80, null, 85]],
      ]);
    });

    it('should be empty for an empty store', () => {
      expect(standardsWeekly(null, [])).toEqual({
        weeks: [],
        series: expect.arrayContaining([expect.objectContaining({ values: [] })]),
      });
    });
  });
});
