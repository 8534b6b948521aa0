/** Distance metric for Krippendorff's alpha: interval (squared difference) or nominal (0/1). */
export type AlphaMetric = 'interval' | 'nominal';

export interface KrippendorffAlpha {
  /** 1 − observed/expected disagreement; null when no unit has two values or the values never vary. */
  alpha: number | null;
  /** Pairable values: values in units that at least two raters scored. */
  pairable: number;
  /** Units with at least two values (the others carry no information on agreement). */
  units: number;
  observedDisagreement: number | null;
  expectedDisagreement: number | null;
}

const delta2 = (metric: AlphaMetric, a: number, b: number) =>
  metric === 'interval' ? (a - b) ** 2 : a === b ? 0 : 1;

/** Sum of δ² over all ordered pairs i ≠ j of the values. */
function pairSum(values: number[], metric: AlphaMetric): number {
  if (metric === 'interval') {
    // Σ_{i≠j} (vi − vj)² = 2 (m Σv² − (Σv)²), linear instead of quadratic in the number of values.
    let s = 0;
    let s2 = 0;
    for (const v of values) {
      s += v;
      s2 += v * v;
    }
    return Math.max(0, 2 * (values.length * s2 - s * s));
  }
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    for (let j = 0; j < values.length; j++) {
      if (i !== j) {
        total += delta2(metric, values[i] as number, values[j] as number);
      }
    }
  }
  return total;
}

/**
 * Krippendorff's alpha for a units × raters table (`null` = missing), following Krippendorff (2011),
 * "Computing Krippendorff's alpha-reliability": units with fewer than two values are dropped, each unit's
 * pairs weigh 1/(m_u − 1), and alpha = 1 − D_o / D_e.
 */
export function krippendorffAlpha(
  table: ReadonlyArray<ReadonlyArray<number | null | undefined>>,
  metric: AlphaMetric = 'interval',
): KrippendorffAlpha {
  const units: number[][] = [];
  for (const row of table) {
    const values = row.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    if (values.length >= 2) {
      units.push(values);
    }
  }
  const all = units.flat();
  const n = all.length;
  if (n < 2) {
    return {
      alpha: null,
      pairable: n,
      units: units.length,
      observedDisagreement: null,
      expectedDisagreement: null,
    };
  }
  let observed = 0;
  for (const values of units) {
    observed += pairSum(values, metric) / (values.length - 1);
  }
  const dO = observed / n;
  const dE = pairSum(all, metric) / (n * (n - 1));
  return {
    alpha: dE === 0 ? null : 1 - dO / dE,
    pairable: n,
    units: units.length,
    observedDisagreement: dO,
    expectedDisagreement: dE,
  };
}
