import { describe, expect, it } from 'vitest';
import { differenceInDifferences } from '../../../etl/src/stats/difference-in-differences.js';

describe(differenceInDifferences.name, () => {
  it("should give Card and Krueger's (1994) estimate of New Jersey's minimum wage rise", () => {
    // Table 3: full-time-equivalent employment per store, New Jersey (treated) 20.44 (0.51) before and
    // 21.03 (0.52) after, Pennsylvania (control) 23.33 (1.35) and 21.17 (0.94). The paper's 2.76 is
    // computed from unrounded means; its standard error (1.36) also uses the stores' pairing, which
    // independent samples leave out: √(0.51² + 0.52² + 1.35² + 0.94²) = 1.799.
    const did = differenceInDifferences(
      { value: 20.44, standardError: 0.51 },
      { value: 21.03, standardError: 0.52 },
      { value: 23.33, standardError: 1.35 },
      { value: 21.17, standardError: 0.94 },
    );

    expect(did.estimate).toBeCloseTo(2.75, 9);
    expect(did.standardError).toBeCloseTo(1.799, 3);
    expect(did.interval[0]).toBeCloseTo(2.75 - 1.959964 * did.standardError, 9);
    expect(did.interval[1]).toBeCloseTo(2.75 + 1.959964 * did.standardError, 9);
  });
});
