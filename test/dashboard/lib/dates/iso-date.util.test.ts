import { describe, expect, it } from 'vitest';
import {
  addDays,
  isIsoDate,
  isoWeekMonday,
  mondaysBetween,
} from '../../../../dashboard/src/lib/dates/iso-date.util.js';

describe('iso-date.util', () => {
  describe(isIsoDate.name, () => {
    it('should accept real dates, leap days included', () => {
      expect(isIsoDate('2024-02-29')).toBe(true);
    });

    it.each(['2025-02-29', '2025-00-10', '2025-1-01', '2025-01-01T00:00:00Z', ''])(
      'should refuse %j',
      (value) => {
        expect(isIsoDate(value)).toBe(false);
      },
    );
  });

  describe(isoWeekMonday.name, () => {
    it.each([
      ['2025-11-17', '2025-11-17'],
      ['2025-11-19', '2025-11-17'],
      ['2025-11-23', '2025-11-17'],
      ['2025-01-01', '2024-12-30'],
    ])('should map %s to the Monday %s', (date, monday) => {
      expect(isoWeekMonday(date)).toBe(monday);
    });
  });

  describe(addDays.name, () => {
    it('should cross month and year ends', () => {
      expect(addDays('2024-12-30', 3)).toBe('2025-01-02');
      expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    });
  });

  describe(mondaysBetween.name, () => {
    it('should list the Monday of every week the range touches', () => {
      expect(mondaysBetween('2025-01-08', '2025-01-20')).toEqual(['2025-01-06', '2025-01-13', '2025-01-20']);
    });

    it('should be empty when the range is back to front by more than a week', () => {
      expect(mondaysBetween('2025-02-01', '2025-01-01')).toEqual([]);
    });
  });
});
