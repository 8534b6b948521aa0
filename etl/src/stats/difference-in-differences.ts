/** An estimate with its standard error. */
export interface Estimate {
  value: number;
  standardError: number;
}

/** A difference-in-differences and its normal-approximation interval. */
export interface DifferenceInDifferences {
  estimate: number;
  standardError: number;
  /** 95% (by default) normal-approximation interval. */
  interval: [number, number];
}

/**
 * (treatedAfter − treatedBefore) − (controlAfter − controlBefore), with the standard error of four
 * independent estimates, √(Σ se²), and the interval estimate ± z·se (z = 1.96 for 95%).
 */
export function differenceInDifferences(
  treatedBefore: Estimate,
  treatedAfter: Estimate,
  controlBefore: Estimate,
  controlAfter: Estimate,
  z = 1.959964,
): DifferenceInDifferences {
  const estimate = treatedAfter.value - treatedBefore.value - (controlAfter.value - controlBefore.value);
  const standardError = Math.sqrt(
    [treatedBefore, treatedAfter, controlBefore, controlAfter].reduce((s, e) => s + e.standardError ** 2, 0),
  );
  return { estimate, standardError, interval: [estimate - z * standardError, estimate + z * standardError] };
}
