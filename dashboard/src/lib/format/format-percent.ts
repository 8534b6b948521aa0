/** A share (0..1) as a percentage with one decimal: 0.7243 → "72.4%". */
export function formatPercent(share: number, digits = 1): string {
  return `${(share * 100).toFixed(digits)}%`;
}
