import type {
  CalibrationResults,
  CalibrationSessionDto,
} from '../../../../server/src/contracts/calibration.contract.js';
import type { ReviewStandard } from '../../../../server/src/contracts/reviews.contract.js';

/** The standards in the order every screen shows them. */
export const STANDARDS: readonly ReviewStandard[] = [
  'right_department',
  'assessment_quality',
  'satisfaction',
  'resolution',
];

/**
 * How Krippendorff reads an alpha: .800 and above reliable, .667 up to .800 for tentative conclusions
 * only, below that not reliable; null when the scores did not vary (alpha is undefined).
 */
export function alphaReading(alpha: number | null): {
  text: string;
  level: 'good' | 'tentative' | 'poor' | 'none';
} {
  if (alpha === null) {
    return { text: 'undefined: the scores did not vary', level: 'none' };
  }
  if (alpha >= 0.8) {
    return { text: 'reliable (≥ .800)', level: 'good' };
  }
  if (alpha >= 0.667) {
    return { text: 'tentative (.667–.800)', level: 'tentative' };
  }
  return { text: 'not reliable (< .667)', level: 'poor' };
}

/** Alpha to three decimals, as Krippendorff reports it: 0.8491 → ".849", −0.12 → "−.120". */
export function formatAlpha(alpha: number | null): string {
  if (alpha === null) {
    return '—';
  }
  const text = Math.abs(alpha).toFixed(3).replace(/^0/, '');
  return alpha < 0 ? `−${text}` : text;
}

/** A signed difference in points with a true minus: +4.2, −6.0, ±0.0. */
export function formatDrift(value: number | null): string {
  if (value === null) {
    return '—';
  }
  const size = Math.round(Math.abs(value) * 10) / 10;
  if (size === 0) {
    return '±0.0';
  }
  return `${value > 0 ? '+' : '−'}${size.toFixed(1)}`;
}

/** Each reviewer's label in the drift table: the strictest (most negative) and the most lenient (most positive). */
export function driftLabels(drift: CalibrationResults['drift']): Map<string, string> {
  const labels = new Map<string, string>();
  // Whatever order the rows come in; of reviewers tied at an end, the first listed.
  const scored = drift.flatMap((d) =>
    d.meanSignedDifference === null ? [] : [{ reviewer: d.reviewer, mean: d.meanSignedDifference }],
  );
  if (scored.length < 2) {
    return labels;
  }
  const strictest = scored.reduce((min, d) => (d.mean < min.mean ? d : min));
  const lenient = scored.reduce((max, d) => (d.mean > max.mean ? d : max));
  if (strictest.mean !== lenient.mean) {
    labels.set(strictest.reviewer, 'strictest');
    labels.set(lenient.reviewer, 'most lenient');
  }
  return labels;
}

/** Ticket ids typed one per line or separated by commas, spaces or semicolons; blanks and repeats dropped. */
export function parseTicketIds(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter((id) => id !== ''))];
}

/** What the caller still has to score: cases without all four of their scores. */
export function unscoredCases(session: CalibrationSessionDto): string[] {
  return session.ticketIds.filter((id) => STANDARDS.some((s) => session.myScores[id]?.[s] === undefined));
}
