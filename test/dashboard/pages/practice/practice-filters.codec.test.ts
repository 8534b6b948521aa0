import { describe, expect, it } from 'vitest';
import { writeSearch } from '../../../../dashboard/src/lib/filters/write-search.util.js';
import {
  caseSelectionCodec,
  NO_CASES,
  practiceKeyCodec,
} from '../../../../dashboard/src/pages/practice/practice-filters.codec.js';

describe('practiceKeyCodec', () => {
  it('should read policy:<name> or category:<name>, and nothing else', () => {
    expect(practiceKeyCodec.parse(new URLSearchParams('key=policy%3Alate_fee_policy'))).toBe(
      'policy:late_fee_policy',
    );
    expect(practiceKeyCodec.parse(new URLSearchParams('key=category:(none)'))).toBe('category:(none)');
    expect(practiceKeyCodec.parse(new URLSearchParams('key=late_fee_policy'))).toBeNull();
    expect(practiceKeyCodec.parse(new URLSearchParams('key=policy:'))).toBeNull();
    expect(practiceKeyCodec.parse(new URLSearchParams(''))).toBeNull();
  });

  it('should write the key so that it reads back, and no parameter for none', () => {
    const search = writeSearch('?from=2026-01-01', practiceKeyCodec, 'policy:a&b');
    expect(practiceKeyCodec.parse(new URLSearchParams(search))).toBe('policy:a&b');
    expect(search).toContain('from=2026-01-01');
    expect(writeSearch('?key=policy:x', practiceKeyCodec, null)).toBe('');
  });
});

describe('caseSelectionCodec', () => {
  it('should read a real month and a known outcome, dropping anything else', () => {
    expect(
      caseSelectionCodec.parse(new URLSearchParams('month=2026-03&outcome=overturned_or_partial')),
    ).toEqual({ ...NO_CASES, month: '2026-03', outcome: 'overturned_or_partial' });
    expect(caseSelectionCodec.parse(new URLSearchParams('group=dissatisfied&control=1&offset=50'))).toEqual({
      ...NO_CASES,
      group: 'dissatisfied',
      control: true,
      offset: 50,
    });
    expect(
      caseSelectionCodec.parse(
        new URLSearchParams('month=2026-13&outcome=won&group=angry&control=yes&offset=-5'),
      ),
    ).toEqual(NO_CASES);
    expect(caseSelectionCodec.parse(new URLSearchParams('month=March'))).toEqual(NO_CASES);
  });

  it('should write only what is set, keeping other parameters', () => {
    expect(writeSearch('?key=policy:x', caseSelectionCodec, { ...NO_CASES, month: '2026-03' })).toBe(
      '?key=policy%3Ax&month=2026-03',
    );
    expect(
      writeSearch('?key=policy:x', caseSelectionCodec, {
        ...NO_CASES,
        group: 'reached_l3',
        control: true,
        offset: 25,
      }),
    ).toBe('?key=policy%3Ax&group=reached_l3&control=1&offset=25');
    expect(
      writeSearch(
        '?key=policy:x&month=2026-03&outcome=any&group=decided&control=1&offset=25',
        caseSelectionCodec,
        NO_CASES,
      ),
    ).toBe('?key=policy%3Ax');
  });
});
