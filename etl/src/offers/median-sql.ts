import type { MedianFigure } from './offers.types.js';

// The median's 95% interval by order statistics: the sorted values at ranks n/2 ∓ z·√n/2 (the second
// +1), the normal approximation to the binomial ranks with p = ½ (Conover, Practical Nonparametric
// Statistics, §3.2). It needs no assumption about the shape of the amounts, which are skewed.
const halfZ = 0.979982;

/** The sorted non-null values of `expr` within a group, as an aggregate. */
export function sortedList(expr: string): string {
  return `list_sort(list(${expr}) FILTER (WHERE ${expr} IS NOT NULL))`;
}

/** SELECT items over a sorted list column: `<p>_n`, `<p>_median`, `<p>_lo`, `<p>_hi`. */
export function medianFields(list: string, prefix: string): string {
  const n = `len(${list})`;
  return `${n}::INTEGER AS ${prefix}_n, list_median(${list})::DOUBLE AS ${prefix}_median,
    CASE WHEN ${n} > 0 THEN ${list}[greatest(1, floor(${n} / 2 - ${halfZ} * sqrt(${n})))::INTEGER]::DOUBLE END AS ${prefix}_lo,
    CASE WHEN ${n} > 0 THEN ${list}[least(${n}, ceil(${n} / 2 + 1 + ${halfZ} * sqrt(${n})))::INTEGER]::DOUBLE END AS ${prefix}_hi`;
}

/** The figure from a row holding `<p>_n`, `<p>_median`, `<p>_lo`, `<p>_hi`. */
export function medianFigure(row: Record<string, unknown>, prefix: string): MedianFigure {
  const n = Number(row[`${prefix}_n`] ?? 0);
  const median = row[`${prefix}_median`] as number | null;
  const lo = row[`${prefix}_lo`] as number | null;
  const hi = row[`${prefix}_hi`] as number | null;
  return {
    n,
    median: n > 0 ? median : null,
    interval: n > 0 && lo !== null && hi !== null ? [lo, hi] : null,
  };
}
