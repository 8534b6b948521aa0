import { wilsonInterval } from './wilson-interval.js';

/**
 * Newcombe's hybrid score interval (his method 10) for the difference of two independent shares,
 * x1/n1 − x2/n2 (95% by default): built from each share's Wilson interval, so it stays within −1…1
 * and keeps its coverage for small counts and shares at 0 or 1, where the normal (Wald) interval fails.
 * Null when either group is empty.
 */
export function newcombeInterval(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  z = 1.959964,
): [number, number] | null {
  const first = wilsonInterval(x1, n1, z);
  const second = wilsonInterval(x2, n2, z);
  if (!first || !second) {
    return null;
  }
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const [l1, u1] = first;
  const [l2, u2] = second;
  const d = p1 - p2;
  return [
    Math.max(-1, d - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)),
    Math.min(1, d + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)),
  ];
}
