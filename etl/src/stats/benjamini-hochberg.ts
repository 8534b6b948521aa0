/**
 * Benjamini–Hochberg adjusted p-values (R: `p.adjust(p, 'BH')`), in the order given: rejecting every
 * hypothesis whose adjusted value is ≤ q keeps the expected share of false discoveries among the
 * rejections at or below q (for independent or positively dependent tests).
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((i, j) => pValues[i] - pValues[j] || i - j);
  const adjusted = new Array<number>(m);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const i = order[rank - 1];
    // m / rank ≥ 1 first, so that rounding can never take an adjusted value below its raw one
    running = Math.min(running, pValues[i] * (m / rank));
    adjusted[i] = Math.min(1, running);
  }
  return adjusted;
}
