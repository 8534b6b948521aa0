import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../../etl/src/stats/wilson-interval.js';

describe(wilsonInterval.name, () => {
  it('should match the textbook value for 81 of 263', () => {
    // Wilson (1927) as quoted by Newcombe (1998), method 3: 0.2553 to 0.3662.
    const [low, high] = wilsonInterval(81, 263) ?? [Number.NaN, Number.NaN];

    expect(low).toBeCloseTo(0.2553, 4);
    expect(high).toBeCloseTo(0.3662, 4);
  });

  it('should reach, and stay inside, 0 and 1 at the extremes', () => {
    const none = wilsonInterval(0, 10) ?? [Number.NaN, Number.NaN];
    const all = wilsonInterval(10, 10) ?? [Number.NaN, Number.NaN];

    expect(none[0]).toBe(0);
    expect(all[1]).toBeCloseTo(1, 12);
    expect(all[1]).toBeLessThanOrEqual(1);
  });

  it('should be null with no trials', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});
