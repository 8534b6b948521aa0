import { describe, expect, it } from 'vitest';
import {
  escalationsByLevel,
  resolutionShare,
  weekAxis,
} from '../../../../dashboard/src/pages/overview/overview-series.util.js';

describe('overview-series.util', () => {
  describe(weekAxis.name, () => {
    it('should list every Monday of the range, quiet weeks included', () => {
      const sut = weekAxis({ from: '2025-01-08', to: '2025-01-27' }, ['2025-01-13']);

      expect(sut).toEqual(['2025-01-06', '2025-01-13', '2025-01-20', '2025-01-27']);
    });

    it('should add weeks the data holds outside the range, sorted', () => {
      expect(weekAxis({ from: '2025-01-06', to: '2025-01-06' }, ['2025-01-20'], ['2024-12-30'])).toEqual([
        '2024-12-30',
        '2025-01-06',
        '2025-01-20',
      ]);
    });

    it('should be empty for an empty store', () => {
      expect(weekAxis(null, [])).toEqual([]);
    });
  });

  describe(escalationsByLevel.name, () => {
    it('should give one series per level 2..4 with zeros for weeks without escalations', () => {
      const weeks = ['2025-01-06', '2025-01-13'];
      const data = {
        week: ['2025-01-13', '2025-01-06'],
        level: Int32Array.from([2, 4]),
        escalations: Int32Array.from([7, 1]),
      };

      const sut = escalationsByLevel(weeks, data);

      expect(sut).toEqual([
        { level: 2, values: [0, 7] },
        { level: 3, values: [0, 0] },
        { level: 4, values: [1, 0] },
      ]);
    });
  });

  describe(resolutionShare.name, () => {
    const weeks = ['2025-01-06', '2025-01-13', '2025-01-20'];
    const data = {
      week: ['2025-01-06', '2025-01-13'],
      due: Int32Array.from([40, 12]),
      resolved_within_30_days: Int32Array.from([30, 12]),
    };

    it('should plot the share in percent with its band when a week has enough due cases', () => {
      const sut = resolutionShare(weeks, data);

      expect(sut.share[0]).toBe(75);
      expect(sut.lower[0]).toBeLessThan(75);
      expect(sut.upper[0]).toBeGreaterThan(75);
      expect(sut.details[0]).toBe('30 of 40 due cases');
    });

    it('should leave a gap, and count it, for a week with fewer than 30 due cases', () => {
      const sut = resolutionShare(weeks, data);

      expect(sut.share[1]).toBeNull();
      expect(sut.hiddenWeeks).toBe(1);
      expect(sut.details[1]).toBe('only 12 due cases: too few to plot');
    });

    it('should leave a gap without counting it for a week with nothing due', () => {
      const sut = resolutionShare(weeks, data);

      expect(sut.share[2]).toBeNull();
      expect(sut.details[2]).toBeNull();
      expect(sut.plottedWeeks).toBe(1);
    });

    it('should total due and resolved cases over all weeks, plotted or not', () => {
      const sut = resolutionShare(weeks, data);

      expect(sut.totalDue).toBe(52);
      expect(sut.totalResolved).toBe(42);
    });

    it('should follow a lower minimum when given one', () => {
      expect(resolutionShare(weeks, data, { minDue: 10 }).share[1]).toBe(100);
    });

    it('should leave out weeks ending less than 30 days before the data end, however many are due', () => {
      // 2025-01-06's week ends Sunday 2025-01-12; 30 days later is 2025-02-11.
      const enough = {
        ...data,
        due: Int32Array.from([40, 40]),
        resolved_within_30_days: Int32Array.from([30, 39]),
      };

      const onTheDay = resolutionShare(weeks, enough, { dataEnd: '2025-02-11' });
      const dayBefore = resolutionShare(weeks, enough, { dataEnd: '2025-02-10' });

      expect(onTheDay.share.slice(0, 2)).toEqual([75, null]);
      expect(onTheDay.recentWeeks).toBe(1);
      expect(onTheDay.details[1]).toBe('39 of 40 so far: too recent to judge');
      expect(dayBefore.share.slice(0, 2)).toEqual([null, null]);
      expect(dayBefore.recentWeeks).toBe(2);
    });

    it('should count a recent week as recent, not as too few', () => {
      const sut = resolutionShare(weeks, data, { dataEnd: '2025-01-20' });

      expect(sut.recentWeeks).toBe(2);
      expect(sut.hiddenWeeks).toBe(0);
    });
  });
});
