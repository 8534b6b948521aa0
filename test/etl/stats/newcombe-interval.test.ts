import { describe, expect, it } from 'vitest';
import { newcombeInterval } from '../../../etl/src/stats/newcombe-interval.js';

describe(newcombeInterval.name, () => {
  // Newcombe (1998), Statistics in Medicine 17:873-890, Table II, method 10, examples (a)-(h).
  it.each([
    [56, 70, 48, 80, [0.0524, 0.3339]],
    [9, 10, 3, 10, [0.1705, 0.809]],
    [6, 7, 2, 7, [0.0582, 0.8062]],
    [5, 56, 0, 29, [-0.0381, 0.1926]],
    [0, 10, 0, 20, [-0.1611, 0.2775]],
    [0, 10, 0, 10, [-0.2775, 0.2775]],
    [10, 10, 0, 20, [0.6791, 1]],
    [10, 10, 0, 10, [0.6075, 1]],
  ])('should give %i/%i − %i/%i the published interval', (x1, n1, x2, n2, expected) => {
    const sut = newcombeInterval(x1, n1, x2, n2);

    expect(sut?.[0]).toBeCloseTo(expected[0], 3);
    expect(sut?.[1]).toBeCloseTo(expected[1], 3);
  });

  it('should be null when either group is empty', () => {
    expect(newcombeInterval(0, 0, 3, 10)).toBeNull();
  });
});
