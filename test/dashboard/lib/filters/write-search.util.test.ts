import { describe, expect, it } from 'vitest';
import { ALL_DATES, dateRangeCodec } from '../../../../dashboard/src/lib/filters/date-range.codec.js';
import { writeSearch } from '../../../../dashboard/src/lib/filters/write-search.util.js';

describe(writeSearch.name, () => {
  it('should write the chosen range into an empty query string', () => {
    const sut = writeSearch('', dateRangeCodec, { from: '2025-01-06', to: '2025-03-30' });

    expect(sut).toBe('?from=2025-01-06&to=2025-03-30');
  });

  it('should give an empty string, not a lone "?", when only defaults remain', () => {
    const sut = writeSearch('?from=2025-01-06&to=2025-03-30', dateRangeCodec, ALL_DATES);

    expect(sut).toBe('');
  });

  it("should keep other filters' parameters", () => {
    const sut = writeSearch('?team=billing&from=2025-01-06', dateRangeCodec, {
      from: null,
      to: '2025-02-02',
    });

    expect(sut).toBe('?team=billing&to=2025-02-02');
  });

  it('should accept the current search with or without its "?"', () => {
    const range = { from: '2025-01-06', to: null };

    expect(writeSearch('team=a', dateRangeCodec, range)).toBe(writeSearch('?team=a', dateRangeCodec, range));
  });
});
