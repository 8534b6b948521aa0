import { describe, expect, it } from 'vitest';
import { writeSearch } from '../../../../dashboard/src/lib/filters/write-search.util.js';
import {
  caseSelectionCodec,
  dayCodec,
  levelCodec,
  NO_CASES,
} from '../../../../dashboard/src/pages/load/load-filters.codec.js';

const params = (search: string) => new URLSearchParams(search);

describe('the Load page’s URL filters', () => {
  it('should read a level from 1 to 4 and drop anything else', () => {
    expect(levelCodec.parse(params('level=3'))).toBe(3);
    expect(levelCodec.parse(params('level=5'))).toBeNull();
    expect(levelCodec.parse(params('level=two'))).toBeNull();
    expect(writeSearch('?from=2026-01-01', levelCodec, 2)).toBe('?from=2026-01-01&level=2');
    expect(writeSearch('?level=2', levelCodec, null)).toBe('');
  });

  it('should read a real date as the staffing day', () => {
    expect(dayCodec.parse(params('day=1999-01-01'))).toBe('1999-01-01');
    expect(dayCodec.parse(params('day=1999-02-30'))).toBeNull();
  });

  it('should read the cases list: a known figure, a Monday, a page offset', () => {
    expect(caseSelectionCodec.parse(params('group=open&week=2026-03-02&offset=25'))).toEqual({
      group: 'open',
      week: '2026-03-02',
      offset: 25,
    });
    // a Wednesday is no week's Monday; an unknown figure opens no list
    expect(caseSelectionCodec.parse(params('group=busy&week=2026-03-04&offset=-1'))).toEqual(NO_CASES);
    expect(writeSearch('?level=3', caseSelectionCodec, { group: 'resolved', week: null, offset: 0 })).toBe(
      '?level=3&group=resolved',
    );
    expect(writeSearch('?level=3&group=open&week=2026-03-02&offset=25', caseSelectionCodec, NO_CASES)).toBe(
      '?level=3',
    );
  });
});
