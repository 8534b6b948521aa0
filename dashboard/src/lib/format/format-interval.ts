/** An interval of shares (0..1) as one percentage span: [0.681, 0.763] → "68.1–76.3%". */
export function formatInterval([low, high]: readonly [number, number], digits = 1): string {
  return `${(low * 100).toFixed(digits)}–${(high * 100).toFixed(digits)}%`;
}
