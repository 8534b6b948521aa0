import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalCdf } from '../../../etl/src/stats/normal-cdf.js';

describe(normalCdf.name, () => {
  it('should match the published table of the standard normal distribution', () => {
    // Abramowitz & Stegun (1964), table 26.1, and the familiar two-sided 5% and 1% points
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1)).toBeCloseTo(0.8413447461, 7);
    expect(normalCdf(-1)).toBeCloseTo(0.1586552539, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 7);
    expect(normalCdf(2.575829)).toBeCloseTo(0.995, 7);
    expect(normalCdf(-3)).toBeCloseTo(0.001349898, 8);
  });

  it('should keep its relative accuracy far in the tail', () => {
    // Φ(−5) = 2.866515719e-7, Φ(−8) = 6.220960574e-16
    expect(normalCdf(-5) / 2.866515719e-7).toBeCloseTo(1, 6);
    expect(normalCdf(-8) / 6.220960574e-16).toBeCloseTo(1, 6);
  });

  it('should be a distribution function: in 0–1, increasing, and symmetric', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -40, max: 40, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        (z, step) => {
          const p = normalCdf(z);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
          expect(normalCdf(z + step)).toBeGreaterThanOrEqual(p);
          expect(p + normalCdf(-z)).toBeCloseTo(1, 6);
        },
      ),
    );
  });
});
