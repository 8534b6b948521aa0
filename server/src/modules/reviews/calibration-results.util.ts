import { krippendorffAlpha } from '../../../../etl/src/index.js';
import type { CalibrationResults } from '../../contracts/calibration.contract.js';
import { type ReviewStandard, reviewStandards } from '../../contracts/reviews.contract.js';

/** One participant's score of one cell. */
export interface CalibrationCell {
  reviewer: string;
  ticketId: string;
  standard: string;
  score: number;
}

/**
 * Alpha per standard (units: cases; raters: facilitator and reviewers; interval metric), every cell where
 * scores differ side by side (widest spread first), and each reviewer's mean signed difference from the
 * facilitator (most negative = strictest first). Pure.
 */
export function calibrationResults(
  participants: readonly string[],
  facilitator: string,
  ticketIds: readonly string[],
  cells: readonly CalibrationCell[],
): CalibrationResults {
  const at = new Map(cells.map((c) => [`${c.ticketId}|${c.standard}|${c.reviewer}`, c.score]));
  const get = (t: string, s: string, r: string) => at.get(`${t}|${s}|${r}`) ?? null;
  const alpha = reviewStandards.map((standard: ReviewStandard) => {
    const r = krippendorffAlpha(
      ticketIds.map((t) => participants.map((p) => get(t, standard, p))),
      'interval',
    );
    return { standard, alpha: r.alpha, pairable: r.pairable };
  });
  const disagreements: CalibrationResults['disagreements'] = [];
  for (const ticketId of ticketIds) {
    for (const standard of reviewStandards) {
      const scores = Object.fromEntries(participants.map((p) => [p, get(ticketId, standard, p)]));
      const values = Object.values(scores).filter((v): v is number => v !== null);
      const spread = values.length > 0 ? Math.max(...values) - Math.min(...values) : 0;
      if (spread > 0) {
        disagreements.push({ ticketId, standard, scores, spread });
      }
    }
  }
  disagreements.sort((a, b) => b.spread - a.spread || a.ticketId.localeCompare(b.ticketId));
  const drift = participants
    .filter((p) => p !== facilitator)
    .map((reviewer) => {
      const diffs: number[] = [];
      for (const ticketId of ticketIds) {
        for (const standard of reviewStandards) {
          const mine = get(ticketId, standard, reviewer);
          const theirs = get(ticketId, standard, facilitator);
          if (mine !== null && theirs !== null) {
            diffs.push(mine - theirs);
          }
        }
      }
      return {
        reviewer,
        meanSignedDifference: diffs.length === 0 ? null : diffs.reduce((a, b) => a + b, 0) / diffs.length,
        compared: diffs.length,
      };
    })
    .sort(
      (a, b) =>
        (a.meanSignedDifference ?? 0) - (b.meanSignedDifference ?? 0) || a.reviewer.localeCompare(b.reviewer),
    );
  return { alpha, disagreements, drift };
}
