import { describe, expect, it } from 'vitest';
import {
  DATE_PRESETS,
  matchingPreset,
  presetRange,
} from '../../../../dashboard/src/lib/filters/date-presets.util.js';
import { ALL_DATES } from '../../../../dashboard/src/lib/filters/date-range.codec.js';

const preset = (id: string) => {
  const found = DATE_PRESETS.find((p) => p.id === id);
  if (!found) {
    throw new Error(`no preset ${id}`);
  }
  return found;
};

describe(presetRange.name, () => {
  it('should start n whole weeks back from the Monday of the last data week and leave the end open', () => {
    // 2025-11-19 is a Wednesday; its week starts 2025-11-17; 11 weeks earlier is 2025-09-01.
    const sut = presetRange(preset('last-12-weeks'), '2025-11-19');

    expect(sut).toEqual({ from: '2025-09-01', to: null });
  });

  it('should give the current week alone for a one-week span ending on a Sunday', () => {
    expect(presetRange({ id: 'w', label: 'w', weeks: 1 }, '2025-11-23')).toEqual({
      from: '2025-11-17',
      to: null,
    });
  });

  it('should give all dates for the "all" preset', () => {
    expect(presetRange(preset('all'), '2025-11-19')).toEqual(ALL_DATES);
  });

  it('should give all dates when the data has no end (an empty store)', () => {
    expect(presetRange(preset('last-4-weeks'), null)).toEqual(ALL_DATES);
  });
});

describe(matchingPreset.name, () => {
  it('should recognise a preset whether the end is open or the data end', () => {
    expect(matchingPreset({ from: '2025-09-01', to: null }, '2025-11-19')).toBe('last-12-weeks');
    expect(matchingPreset({ from: '2025-09-01', to: '2025-11-19' }, '2025-11-19')).toBe('last-12-weeks');
  });

  it('should recognise the default range as "all"', () => {
    expect(matchingPreset(ALL_DATES, '2025-11-19')).toBe('all');
  });

  it('should match nothing for a range picked by hand', () => {
    expect(matchingPreset({ from: '2025-09-02', to: null }, '2025-11-19')).toBeNull();
    expect(matchingPreset({ from: '2025-09-01', to: '2025-10-01' }, '2025-11-19')).toBeNull();
  });
});
