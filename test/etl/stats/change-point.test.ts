import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BinomialCount, binomialChangePoints } from '../../../etl/src/stats/change-point.js';

const months = (count: number, trials: number, successes: number): BinomialCount[] =>
  Array.from({ length: count }, () => ({ trials, successes }));

describe(binomialChangePoints.name, () => {
  it('should find one rise where the share jumps from 10% to 40%', () => {
    const series = [...months(6, 100, 10), ...months(6, 100, 40)];

    const changes = binomialChangePoints(series);

    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ index: 6, before: 0.1, after: 0.4 });
    // 2 [ll(10%) + ll(40%) − ll(25%)] on 600 + 600 trials, times the 11 splits tried
    const ll = (p: number, n: number) => n * (p * Math.log(p) + (1 - p) * Math.log(1 - p));
    const statistic = 2 * (ll(0.1, 600) + ll(0.4, 600) - ll(0.25, 1200));
    expect(changes[0].statistic).toBeCloseTo(statistic, 9);
    expect(changes[0].pValue).toBeLessThan(1e-20);
  });

  it('should find a rise and the fall back, as around a fixed policy', () => {
    const series = [...months(4, 50, 6), ...months(4, 50, 30), ...months(4, 50, 7)];

    const changes = binomialChangePoints(series);

    expect(changes.map((c) => c.index)).toEqual([4, 8]);
    expect(changes[0].after).toBeCloseTo(0.6, 9);
    expect(changes[1].after).toBeCloseTo(0.14, 9);
  });

  it('should find nothing in a steady share, nor in a wobble the Bonferroni correction explains', () => {
    expect(binomialChangePoints(months(12, 80, 10))).toEqual([]);
    const wobble = [10, 12, 9, 11, 8, 13, 10, 9, 12, 11, 10, 10].map((s) => ({ trials: 80, successes: s }));
    expect(binomialChangePoints(wobble)).toEqual([]);
  });

  it('should not split off a side with fewer trials than the minimum', () => {
    const series = [{ trials: 4, successes: 4 }, ...months(6, 100, 10)];

    expect(binomialChangePoints(series, { minTrials: 10 })).toEqual([]);
  });

  it('should give p-values in 0–1 and change points in time order', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.nat(60).chain((n) => fc.record({ trials: fc.constant(n), successes: fc.nat(n) })),
          { maxLength: 24 },
        ),
        (series) => {
          const changes = binomialChangePoints(series, { alpha: 0.05 });
          const indexes = changes.map((c) => c.index);
          expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
          for (const c of changes) {
            expect(c.pValue).toBeGreaterThanOrEqual(0);
            expect(c.pValue).toBeLessThan(0.05);
            expect(c.index).toBeGreaterThan(0);
            expect(c.index).toBeLessThan(series.length);
          }
        },
      ),
    );
  });
});
