import { describe, expect, it } from 'vitest';
import { ALL_DATES, dateRangeCodec } from '../../../../dashboard/src/lib/filters/date-range.codec.js';

describe('dateRangeCodec', () => {
  describe('parse', () => {
    it('should read both ends when they are real dates', () => {
      const sut = dateRangeCodec.parse(new URLSearchParams('from=2025-01-06&to=2025-03-30'));

      expect(sut).toEqual({ from: '2025-01-06', to: '2025-03-30' });
    });

    it('should give all dates when the URL has no parameters', () => {
      expect(dateRangeCodec.parse(new URLSearchParams(''))).toEqual(ALL_DATES);
    });

    it('should leave an end open when it is missing', () => {
      expect(dateRangeCodec.parse(new URLSearchParams('from=2025-01-06'))).toEqual({
        from: '2025-01-06',
        to: null,
      });
    });

    it.each(['2025-13-01', '2025-02-30', '06/01/2025', '2025-1-6', 'yesterday', ''])(
      'should drop %j, which is not a date written YYYY-MM-DD',
      (bad) => {
        const sut = dateRangeCodec.parse(new URLSearchParams({ from: bad, to: '2025-03-30' }));

        expect(sut).toEqual({ from: null, to: '2025-03-30' });
      },
    );

    it('should swap the ends when they are given back to front', () => {
      const sut = dateRangeCodec.parse(new URLSearchParams('from=2025-03-30&to=2025-01-06'));

      expect(sut).toEqual({ from: '2025-01-06', to: '2025-03-30' });
    });
  });

  describe('write', () => {
    it('should set both ends when both are chosen', () => {
      const params = new URLSearchParams();

      dateRangeCodec.write(params, { from: '2025-01-06', to: '2025-03-30' });

      expect(params.toString()).toBe('from=2025-01-06&to=2025-03-30');
    });

    it('should remove the parameters of open ends, so the default writes nothing', () => {
      const params = new URLSearchParams('from=2025-01-06&to=2025-03-30&level=3');

      dateRangeCodec.write(params, ALL_DATES);

      expect(params.toString()).toBe('level=3');
    });

    it('should round-trip through parse', () => {
      const params = new URLSearchParams();
      const range = { from: '2024-12-30', to: null };

      dateRangeCodec.write(params, range);

      expect(dateRangeCodec.parse(params)).toEqual(range);
    });
  });
});
