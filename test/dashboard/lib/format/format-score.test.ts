import { describe, expect, it } from 'vitest';
import {
  formatScore,
  formatScoreChange,
  scoreTrend,
} from '../../../../dashboard/src/lib/format/format-score.js';
import { formatClock, formatTimestamp } from '../../../../dashboard/src/lib/format/format-time.js';

describe(formatScore.name, () => {
  it('should give one decimal and the given text for no score', () => {
    expect(formatScore(72.3975)).toBe('72.4');
    expect(formatScore(100)).toBe('100.0');
    expect(formatScore(0)).toBe('0.0');
    expect(formatScore(null)).toBe('—');
    expect(formatScore(null, 'no scores')).toBe('no scores');
  });
});

describe(formatScoreChange.name, () => {
  it('should sign the change with a true minus and show a rounded-away change as ±0.0', () => {
    expect(formatScoreChange(2.26)).toBe('+2.3');
    expect(formatScoreChange(-0.75)).toBe('−0.8');
    expect(formatScoreChange(0.04)).toBe('±0.0');
    expect(formatScoreChange(-0.04)).toBe('±0.0');
    expect(formatScoreChange(null)).toBe('—');
  });
});

describe(formatTimestamp.name, () => {
  it('should give the UTC day and time to the minute', () => {
    expect(formatTimestamp('2026-05-25T13:52:58Z')).toBe('25 May 2026, 13:52 UTC');
    expect(formatTimestamp('garbage')).toBe('garbage');
    expect(formatClock('2026-05-25T13:52:58Z')).toBe('13:52');
  });
});

describe(scoreTrend.name, () => {
  it('should agree with the shown change: a change shown as ±0.0 is flat', () => {
    expect(scoreTrend(0.05)).toBe('up');
    expect(scoreTrend(-0.05)).toBe('down');
    expect(scoreTrend(0.04)).toBe('flat');
    expect(scoreTrend(null)).toBeNull();
  });
});
