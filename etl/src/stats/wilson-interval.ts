/**
 * The Wilson score interval for a share of `successes` in `trials` (95% by default). Unlike the
 * normal approximation it stays inside 0–1 and behaves for small counts and shares near 0 or 1.
 */
export function wilsonInterval(successes: number, trials: number, z = 1.959964): [number, number] | null {
  if (trials <= 0) {
    return null;
  }
  const p = successes / trials;
  const z2 = z * z;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / (1 + z2 / trials);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
