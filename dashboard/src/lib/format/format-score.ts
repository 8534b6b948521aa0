// One decimal everywhere a 0–100 score is shown, so the cards, tables and Case page agree.

/** A 0–100 score with one decimal: 72.3975 → "72.4"; null → the given text. */
export function formatScore(score: number | null, none = '—'): string {
  return score === null || !Number.isFinite(score) ? none : score.toFixed(1);
}

/**
 * A change in points with its sign, rounded as the scores are shown: +2.3, −0.8 (a true minus sign),
 * ±0.0 when it rounds to nothing; null (nothing to compare with) → the given text.
 */
export function formatScoreChange(change: number | null, none = '—'): string {
  if (change === null || !Number.isFinite(change)) {
    return none;
  }
  // Half away from zero both ways, so a fall reads as large as a rise of the same size.
  const size = Math.round(Math.abs(change) * 10) / 10;
  if (size === 0) {
    return '±0.0';
  }
  return `${change > 0 ? '+' : '−'}${size.toFixed(1)}`;
}

/** Which way a change went once rounded as it is shown; null when there is nothing to compare with. */
export function scoreTrend(change: number | null): 'up' | 'down' | 'flat' | null {
  if (change === null || !Number.isFinite(change)) {
    return null;
  }
  if (Math.round(Math.abs(change) * 10) === 0) {
    return 'flat';
  }
  return change > 0 ? 'up' : 'down';
}
