import { logGamma } from './log-gamma.js';

function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/**
 * Fisher's exact test, one-sided ("greater"), on the 2×2 table [[a, b], [c, d]]: the probability,
 * with all four margins fixed, of a top-left count of `a` or more (R: `fisher.test(…, alternative =
 * 'greater')`). Rows are the groups (e.g. this practice, the others), columns the outcome (yes, no);
 * a small p-value says the first row's share of "yes" is above the second's. Counts are whole and ≥ 0.
 */
export function fisherExactGreater(a: number, b: number, c: number, d: number): number {
  if (![a, b, c, d].every((x) => Number.isInteger(x) && x >= 0)) {
    throw new RangeError(`Fisher's exact test needs whole counts ≥ 0, got ${[a, b, c, d].join(', ')}`);
  }
  const n = a + b; // first row
  const k = a + c; // first column
  const total = a + b + c + d;
  const low = Math.max(0, n + k - total);
  const high = Math.min(n, k);
  if (a <= low) {
    return 1;
  }
  const logPmf = (x: number) => logChoose(k, x) + logChoose(total - k, n - x) - logChoose(total, n);
  const mode = Math.floor(((n + 1) * (k + 1)) / (total + 2));
  if (a > mode) {
    // the upper tail from a: terms only shrink, so sum until they no longer change the total
    let term = Math.exp(logPmf(a));
    let sum = term;
    for (let x = a; x < high && term > sum * 1e-17; x++) {
      term *= ((n - x) * (k - x)) / ((x + 1) * (total - k - n + x + 1));
      sum += term;
    }
    return Math.min(1, sum);
  }
  // a at or below the mode: 1 − P(X ≤ a − 1), whose terms shrink going down, avoids summing up
  // through the mode from a term that may have underflowed
  let term = Math.exp(logPmf(a - 1));
  let lower = term;
  for (let x = a - 1; x > low && term > lower * 1e-17; x--) {
    term *= (x * (total - k - n + x)) / ((n - x + 1) * (k - x + 1));
    lower += term;
  }
  return Math.min(1, Math.max(0, 1 - lower));
}
