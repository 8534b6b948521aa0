import { describe, expect, it } from 'vitest';
import {
  alphaReading,
  driftLabels,
  formatAlpha,
  formatDrift,
  parseTicketIds,
  unscoredCases,
} from '../../../../dashboard/src/pages/calibration/calibration.util.js';
import type { CalibrationSessionDto } from '../../../../server/src/contracts/calibration.contract.js';

describe('Calibration page', () => {
  it('should write alpha as Krippendorff does and read it by his thresholds', () => {
    expect(formatAlpha(0.8491)).toBe('.849');
    expect(formatAlpha(1)).toBe('1.000');
    expect(formatAlpha(-0.12)).toBe('−.120');
    expect(formatAlpha(null)).toBe('—');
    expect(alphaReading(0.8).level).toBe('good');
    expect(alphaReading(0.7999).level).toBe('tentative');
    expect(alphaReading(0.667).level).toBe('tentative');
    expect(alphaReading(0.5).level).toBe('poor');
    expect(alphaReading(null)).toEqual({ text: 'undefined: the scores did not vary', level: 'none' });
  });

  it('should name the strictest and the most lenient reviewer, and nobody when they drift alike', () => {
    const drift = [
      { reviewer: 'quinn', meanSignedDifference: -6.7, compared: 8 },
      { reviewer: 'sam', meanSignedDifference: 0.5, compared: 8 },
      { reviewer: 'rita', meanSignedDifference: 2.5, compared: 8 },
    ];
    expect([...driftLabels(drift)]).toEqual([
      ['quinn', 'strictest'],
      ['rita', 'most lenient'],
    ]);
    expect(driftLabels(drift.map((d) => ({ ...d, meanSignedDifference: 1 }))).size).toBe(0);
    // in any order the server sends them, with a reviewer who compared nothing among them
    const unsorted = [
      { reviewer: 'sam', meanSignedDifference: 0.5, compared: 8 },
      { reviewer: 'rita', meanSignedDifference: 2.5, compared: 8 },
      { reviewer: 'tom', meanSignedDifference: null, compared: 0 },
      { reviewer: 'quinn', meanSignedDifference: -6.7, compared: 8 },
    ];
    expect(Object.fromEntries(driftLabels(unsorted))).toEqual({ quinn: 'strictest', rita: 'most lenient' });
    expect(driftLabels([{ reviewer: 'a', meanSignedDifference: null, compared: 0 }]).size).toBe(0);
    expect([formatDrift(-6.66), formatDrift(2.5), formatDrift(0.04), formatDrift(null)]).toEqual([
      '−6.7',
      '+2.5',
      '±0.0',
      '—',
    ]);
  });

  it('should list the cases the caller has not scored on every standard', () => {
    const session = {
      ticketIds: ['T1', 'T2', 'T3'],
      myScores: {
        T1: { right_department: 1, assessment_quality: 2, satisfaction: 3, resolution: 4 },
        T2: { right_department: 1 },
      },
    } as unknown as CalibrationSessionDto;

    expect(unscoredCases(session)).toEqual(['T2', 'T3']);
    expect(parseTicketIds('T1\nT2, T1;  T3 ')).toEqual(['T1', 'T2', 'T3']);
  });
});
