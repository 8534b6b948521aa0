import { describe, expect, it } from 'vitest';
import { monthMarkerAt, monthMarkers } from '../../../../dashboard/src/lib/charts/marker-position.util.js';

describe('monthMarkerAt', () => {
  const months = ['2026-06', '2026-07', '2026-08'];

  it("should put the first of a month at its slot's left edge and later days through it", () => {
    expect(monthMarkerAt(months, '2026-06-01')).toBe(-0.5);
    expect(monthMarkerAt(months, '2026-08-05')).toBeCloseTo(2 - 0.5 + 4 / 31, 10);
    expect(monthMarkerAt(months, '2026-07-16')).toBeCloseTo(1, 1);
  });

  it('should leave out days whose month is not on the axis', () => {
    expect(monthMarkerAt(months, '2026-09-01')).toBeNull();
    expect(
      monthMarkers(months, [
        { date: '2026-05-31', label: 'a' },
        { date: '2026-07-01', label: 'b' },
      ]),
    ).toEqual([{ at: 0.5, date: '2026-07-01', label: 'b' }]);
  });
});
