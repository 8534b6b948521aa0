import { describe, expect, it } from 'vitest';
import { logGamma } from '../../../etl/src/stats/log-gamma.js';

describe(logGamma.name, () => {
  it('should give ln n! for whole numbers and ln √π at one half', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(2)).toBeCloseTo(0, 12);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 10);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(logGamma(0.1)).toBeCloseTo(2.252712651734206, 12);
  });

  it('should stay exact for counts in the hundreds of thousands (Stirling series)', () => {
    const n = 250_000;
    const stirling = n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + 1 / (12 * n);
    expect(logGamma(n + 1) / stirling).toBeCloseTo(1, 12);
  });
});
