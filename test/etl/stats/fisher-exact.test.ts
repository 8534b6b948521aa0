import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fisherExactGreater } from '../../../etl/src/stats/fisher-exact.js';

describe(fisherExactGreater.name, () => {
  it("should give 17/70 on Fisher's lady tasting tea", () => {
    // Fisher (1935): 3 of 4 milk-first cups named right; R's fisher.test(TeaTasting,
    // alternative = 'greater') gives p = 0.2429 = (16 + 1) / 70
    expect(fisherExactGreater(3, 1, 1, 3)).toBeCloseTo(17 / 70, 12);
    expect(fisherExactGreater(4, 0, 0, 4)).toBeCloseTo(1 / 70, 12);
  });

  it('should give 0.0004652 on the convictions of like-sex twins', () => {
    // R's documentation of fisher.test: Convictions, alternative = 'less', p = 0.0004652; written
    // here with the monozygotic twins (10 convicted, 3 not) in the first row and 'greater'
    expect(fisherExactGreater(10, 3, 2, 15)).toBeCloseTo(0.0004652, 7);
  });

  it('should give 1 when the first row cannot be any lower, and a tiny value far in the tail', () => {
    expect(fisherExactGreater(0, 10, 5, 5)).toBe(1);
    const p = fisherExactGreater(90, 50, 1500, 10_000);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1e-40);
  });

  it('should add up with the other tail to 1 plus the probability of the table itself', () => {
    fc.assert(
      fc.property(fc.nat(40), fc.nat(40), fc.nat(40), fc.nat(40), (a, b, c, d) => {
        const upper = fisherExactGreater(a, b, c, d);
        // the lower tail of a is the upper tail of b in the table with the columns swapped
        const lower = fisherExactGreater(b, a, d, c);
        expect(upper).toBeGreaterThanOrEqual(0);
        expect(upper).toBeLessThanOrEqual(1);
        expect(upper + lower).toBeGreaterThanOrEqual(1 - 1e-9);
        // moving one case of the first row from "no" to "yes" can only make the table more extreme
        if (b > 0) {
          expect(fisherExactGreater(a + 1, b - 1, c, d)).toBeLessThanOrEqual(upper + 1e-12);
        }
      }),
    );
  });

  it('should refuse counts that are not whole', () => {
    expect(() => fisherExactGreater(1.5, 2, 3, 4)).toThrow(/whole counts/);
  });
});
