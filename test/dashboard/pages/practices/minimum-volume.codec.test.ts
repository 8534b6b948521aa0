import { describe, expect, it } from 'vitest';
import { writeSearch } from '../../../../dashboard/src/lib/filters/write-search.util.js';
import { minimumVolumeCodec } from '../../../../dashboard/src/pages/practices/minimum-volume.codec.js';
import {
  formatPer1000,
  formatPoints,
} from '../../../../dashboard/src/pages/practices/practices-table.util.js';

describe('minimumVolumeCodec', () => {
  it('should read a whole number from 1 up, and nothing for anything else', () => {
    expect(minimumVolumeCodec.parse(new URLSearchParams('minimumVolume=30'))).toBe(30);
    for (const bad of ['0', '-3', '2.5', 'lots', '', '9999999']) {
      expect(minimumVolumeCodec.parse(new URLSearchParams({ minimumVolume: bad })), bad).toBeNull();
    }
  });

  it('should write the number, and no parameter for the rubric default', () => {
    expect(writeSearch('?from=2026-01-01', minimumVolumeCodec, 10)).toBe('?from=2026-01-01&minimumVolume=10');
    expect(writeSearch('?minimumVolume=10', minimumVolumeCodec, null)).toBe('');
  });
});

describe('practices table formatting', () => {
  it('should sign differences in points with a true minus, and ±0.0 for none', () => {
    expect(formatPoints(0.2904)).toBe('+29.0 pts');
    expect(formatPoints(-0.031)).toBe('−3.1 pts');
    expect(formatPoints(0.0001)).toBe('±0.0 pts');
    expect(formatPoints(null)).toBe('—');
  });

  it('should give rates per 1,000 with one decimal', () => {
    expect(formatPer1000(44.87)).toBe('44.9');
    expect(formatPer1000(null)).toBe('—');
  });
});
