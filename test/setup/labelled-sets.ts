import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** fixtures/labelled/, where the hand-labelled handover sets live. */
export const labelledDir = fileURLToPath(new URL('../../fixtures/labelled/', import.meta.url));

/**
 * The numbers N of the later held-out sets (handover-steps-holdout-N.jsonl, N from 3: 100 steps each),
 * in order, as the folder holds them: a new set is a new file, and the tests that read every set
 * (its fixture checks, its README section, its floor in the evaluation) pick it up from there.
 */
export function laterHoldoutNumbers(): number[] {
  return readdirSync(labelledDir)
    .flatMap((name) => {
      const n = Number(/^handover-steps-holdout-(\d+)\.jsonl$/.exec(name)?.[1]);
      return n >= 3 ? [n] : [];
    })
    .sort((a, b) => a - b);
}
