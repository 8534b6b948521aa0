import { describe, expect, it } from 'vitest';
import { writeSearch } from '../../../../dashboard/src/lib/filters/write-search.util.js';
import {
  breakdownCodec,
  DEFAULT_BREAKDOWN,
} from '../../../../dashboard/src/pages/overview/breakdown.codec.js';

describe('breakdownCodec', () => {
  it('should read a known breakdown and fall back to the default for anything else', () => {
    expect(breakdownCodec.parse(new URLSearchParams('?by=team'))).toBe('team');
    expect(breakdownCodec.parse(new URLSearchParams('?by=Agent'))).toBe('agent');
    expect(breakdownCodec.parse(new URLSearchParams('?by=planet'))).toBe(DEFAULT_BREAKDOWN);
    expect(breakdownCodec.parse(new URLSearchParams(''))).toBe('department');
  });

  it('should write no parameter for the default and keep the date range', () => {
    expect(writeSearch('?from=2025-01-06', breakdownCodec, 'category')).toBe('?from=2025-01-06&by=category');
    expect(writeSearch('?from=2025-01-06&by=team', breakdownCodec, 'department')).toBe('?from=2025-01-06');
  });
});
