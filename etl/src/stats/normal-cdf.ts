/**
 * The standard normal distribution function Φ(z) = P(Z ≤ z), to about 1e-14: Hart's (1968)
 * algorithm 5666 as given by West (2005), "Better approximations to cumulative normal functions".
 * The lower tail is computed directly, so Φ(−8) keeps its relative accuracy instead of being lost
 * in 1 − Φ(8); use Φ(−z) for an upper tail.
 */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) {
    return Number.NaN;
  }
  const x = Math.abs(z);
  let tail: number;
  if (x > 37) {
    tail = 0;
  } else if (x < 7.07106781186547) {
    const exponential = Math.exp((-x * x) / 2);
    let numerator = 3.52624965998911e-2 * x + 0.700383064443688;
    numerator = numerator * x + 6.37396220353165;
    numerator = numerator * x + 33.912866078383;
    numerator = numerator * x + 112.079291497871;
    numerator = numerator * x + 221.213596169931;
    numerator = numerator * x + 220.206867912376;
    let denominator = 8.83883476483184e-2 * x + 1.75566716318264;
    denominator = denominator * x + 16.064177579207;
    denominator = denominator * x + 86.7807322029461;
    denominator = denominator * x + 296.564248779674;
    denominator = denominator * x + 637.333633378831;
    denominator = denominator * x + 793.826512519948;
    denominator = denominator * x + 440.413735824752;
    tail = (exponential * numerator) / denominator;
  } else {
    // continued fraction for the far tail
    let fraction = x + 0.65;
    fraction = x + 4 / fraction;
    fraction = x + 3 / fraction;
    fraction = x + 2 / fraction;
    fraction = x + 1 / fraction;
    tail = Math.exp((-x * x) / 2) / fraction / 2.506628274631;
  }
  return z > 0 ? 1 - tail : tail;
}
