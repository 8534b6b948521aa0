import { describe, expect, it } from 'vitest';
import { krippendorffAlpha } from '../../../etl/src/stats/krippendorff-alpha.js';

// Krippendorff (2011), "Computing Krippendorff's alpha-reliability", section C: four observers, twelve
// units, missing values; published alpha_nominal = 0.743 and alpha_interval = 0.849. Unit 12 has a single
// value and is not pairable; n = 40 pairable values.
const _ = null;
const raters = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _], // A
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3], // B
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _], // C
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _], // D
];
const units = raters[0]?.map((_v, u) => raters.map((r) => r[u] ?? null)) ?? [];

describe('krippendorffAlpha', () => {
  it("should reproduce Krippendorff's 2011 worked example (interval 0.849, nominal 0.743)", () => {
    const interval = krippendorffAlpha(units, 'interval');
    const nominal = krippendorffAlpha(units, 'nominal');
    console.log(
      `Krippendorff 2011: interval ${interval.alpha?.toFixed(4)}, nominal ${nominal.alpha?.toFixed(4)}`,
    );
    expect(interval.pairable).toBe(40);
    expect(interval.units).toBe(11);
    expect(interval.alpha).toBeCloseTo(0.849, 3);
    expect(nominal.alpha).toBeCloseTo(0.743, 3);
  });

  it('should match a hand-computed two-rater case: D_o = 4/6, D_e = 120/30, alpha = 5/6', () => {
    const r = krippendorffAlpha([
      [1, 2],
      [3, 3],
      [5, 4],
    ]);
    expect(r.observedDisagreement).toBeCloseTo(4 / 6, 12);
    expect(r.expectedDisagreement).toBeCloseTo(4, 12);
    expect(r.alpha).toBeCloseTo(5 / 6, 12);
  });

  it('should drop units with a single value and weigh a three-value unit by 1/(m−1)', () => {
    const base = krippendorffAlpha([
      [1, 2],
      [3, 3],
      [5, 4],
    ]);
    expect(
      krippendorffAlpha([
        [1, 2, null],
        [3, null, 3],
        [null, 5, 4],
        [7, null, null],
      ]).alpha,
    ).toBe(base.alpha);
    // Units (0,0,1) and (1,1,null): n = 5, values 0,0,1,1,1.
    // Unit 1: Σ_{i≠j} δ² = 4 (the 1 against each 0, both orders), /(3−1) = 2; unit 2: 0. D_o = 2/5.
    // All: Σv = 3, Σv² = 3, Σ_{i≠j} = 2(5·3 − 9) = 12, D_e = 12/20 = 3/5. alpha = 1 − (2/5)/(3/5) = 1/3.
    const r = krippendorffAlpha([
      [0, 0, 1],
      [1, 1, null],
    ]);
    expect(r.pairable).toBe(5);
    expect(r.alpha).toBeCloseTo(1 / 3, 12);
  });

  it('should give 1 for perfect agreement and null when nothing varies or nothing is pairable', () => {
    expect(
      krippendorffAlpha([
        [10, 10],
        [80, 80, 80],
        [55, null, 55],
      ]).alpha,
    ).toBe(1);
    expect(
      krippendorffAlpha([
        [50, 50],
        [50, 50],
      ]).alpha,
    ).toBeNull();
    expect(
      krippendorffAlpha([
        [50, null],
        [null, 70],
      ]).alpha,
    ).toBeNull();
    expect(krippendorffAlpha([]).pairable).toBe(0);
  });
});
