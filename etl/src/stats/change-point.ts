import { normalCdf } from './normal-cdf.js';

/** One period of a binomial series: `successes` out of `trials`. */
export interface BinomialCount {
  trials: number;
  successes: number;
}

/** A change in the share: the periods from `index` on differ from those just before. */
export interface ShareChangePoint {
  /** The first period of the new level. */
  index: number;
  /** The share of the segment that ends just before `index`, in the final segmentation. */
  before: number;
  /** The share of the segment that starts at `index`. */
  after: number;
  /** The likelihood-ratio statistic when the split was found (χ² with 1 degree of freedom at a fixed split). */
  statistic: number;
  /** Its p-value, Bonferroni-corrected for the number of splits that were tried in that segment. */
  pValue: number;
}

export interface ChangePointOptions {
  /** Significance level of each split, after the Bonferroni correction. Default 0.01. */
  alpha?: number;
  /** Each side of a split must hold at least this many trials. Default 10. */
  minTrials?: number;
}

const xLogY = (x: number, y: number) => (x === 0 ? 0 : x * Math.log(y));

function logLikelihood(successes: number, trials: number): number {
  if (trials === 0) {
    return 0;
  }
  const p = successes / trials;
  return xLogY(successes, p) + xLogY(trials - successes, 1 - p);
}

/** P(χ²₁ > x) = 2 Φ(−√x). */
function chiSquare1Tail(x: number): number {
  return x <= 0 ? 1 : 2 * normalCdf(-Math.sqrt(x));
}

/**
 * Change points in a binomial share over time, by binary segmentation with a likelihood-ratio test:
 * in a segment, the split that best separates two constant shares is kept when its likelihood-ratio
 * statistic, compared with χ²₁ and Bonferroni-corrected for the splits tried, is significant at
 * `alpha`; then each side is searched again. Returns the change points in time order.
 */
export function binomialChangePoints(
  series: readonly BinomialCount[],
  options: ChangePointOptions = {},
): ShareChangePoint[] {
  const alpha = options.alpha ?? 0.01;
  const minTrials = options.minTrials ?? 10;
  // prefix sums, so that any segment's counts are two subtractions
  const trials = [0];
  const successes = [0];
  for (const period of series) {
    trials.push(trials[trials.length - 1] + period.trials);
    successes.push(successes[successes.length - 1] + period.successes);
  }
  const count = (from: number, to: number) => ({
    n: trials[to] - trials[from],
    x: successes[to] - successes[from],
  });
  const found: Array<{ index: number; statistic: number; pValue: number }> = [];
  const pending: Array<[number, number]> = [[0, series.length]];
  while (pending.length > 0) {
    const [from, to] = pending.pop() as [number, number];
    const whole = count(from, to);
    const wholeLl = logLikelihood(whole.x, whole.n);
    let best: { index: number; statistic: number } | null = null;
    let tried = 0;
    for (let split = from + 1; split < to; split++) {
      const left = count(from, split);
      const right = count(split, to);
      if (left.n < minTrials || right.n < minTrials) {
        continue;
      }
      tried++;
      const statistic = 2 * (logLikelihood(left.x, left.n) + logLikelihood(right.x, right.n) - wholeLl);
      if (!best || statistic > best.statistic) {
        best = { index: split, statistic };
      }
    }
    if (!best) {
      continue;
    }
    const pValue = Math.min(1, chiSquare1Tail(best.statistic) * tried);
    if (pValue < alpha) {
      found.push({ ...best, pValue });
      pending.push([from, best.index], [best.index, to]);
    }
  }
  found.sort((p, q) => p.index - q.index);
  const bounds = [0, ...found.map((f) => f.index), series.length];
  const shareOf = (from: number, to: number) => {
    const c = count(from, to);
    return c.n > 0 ? c.x / c.n : 0;
  };
  return found.map((f, i) => ({
    index: f.index,
    before: shareOf(bounds[i], bounds[i + 1]),
    after: shareOf(bounds[i + 1], bounds[i + 2]),
    statistic: f.statistic,
    pValue: f.pValue,
  }));
}
