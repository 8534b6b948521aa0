import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from '../../../etl/src/stats/benjamini-hochberg.js';

describe(benjaminiHochberg.name, () => {
  it('should reject four of the fifteen p-values of Benjamini and Hochberg (1995) at q = 0.05', () => {
    // the worked example of the paper (section 4); adjusted values as R's p.adjust(p, 'BH')
    const p = [
      0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528,
      0.759, 1,
    ];
    const adjusted = benjaminiHochberg(p);

    const expected = [
      0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.063857, 0.063857, 0.0645, 0.0765, 0.486, 0.581182, 0.714875,
      0.753231, 0.813214, 1,
    ];
    adjusted.forEach((a, i) => {
      expect(a).toBeCloseTo(expected[i], 6);
    });
    expect(adjusted.filter((a) => a <= 0.05)).toHaveLength(4);
  });

  it('should keep the order it was given', () => {
    expect(benjaminiHochberg([0.04, 0.01, 0.03])).toEqual([0.04, 0.03, 0.04]);
    expect(benjaminiHochberg([])).toEqual([]);
  });

  it('should never lower a p-value, never exceed 1, and keep their order', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 50 }), (p) => {
        const adjusted = benjaminiHochberg(p);
        p.forEach((raw, i) => {
          expect(adjusted[i]).toBeGreaterThanOrEqual(raw);
          expect(adjusted[i]).toBeLessThanOrEqual(1);
          p.forEach((other, j) => {
            if (raw <= other) {
              expect(adjusted[i]).toBeLessThanOrEqual(adjusted[j]);
            }
          });
        });
      }),
    );
  });
});
