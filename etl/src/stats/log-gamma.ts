// Lanczos' coefficients for g = 7, n = 9: about 15 significant digits over the positive reals.
const g = 7;
const coefficients = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/**
 * ln Γ(x) for x > 0 (Lanczos approximation, ~1e-15 relative error), so that ln n! = logGamma(n + 1)
 * stays finite and exact enough for counts in the millions, where n! itself overflows.
 */
export function logGamma(x: number): number {
  if (x < 0.5) {
    // reflection: Γ(x)Γ(1 − x) = π / sin(πx)
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  }
  const y = x - 1;
  let sum = coefficients[0];
  for (let i = 1; i < coefficients.length; i++) {
    sum += coefficients[i] / (y + i);
  }
  const t = y + g + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(sum);
}
