import { describe, expect, it } from 'vitest';
import { writeSearch } from '../../../../dashboard/src/lib/filters/write-search.util.js';
import { caseIdCodec } from '../../../../dashboard/src/pages/case/case-id.codec.js';

describe('caseIdCodec', () => {
  it('should read the ticket id, trimmed, and nothing for a blank one', () => {
    expect(caseIdCodec.parse(new URLSearchParams('?id=%20T0000020%20'))).toBe('T0000020');
    expect(caseIdCodec.parse(new URLSearchParams('?id='))).toBeNull();
    expect(caseIdCodec.parse(new URLSearchParams(''))).toBeNull();
  });

  it('should write the id, and no parameter for none', () => {
    expect(writeSearch('', caseIdCodec, 'T1')).toBe('?id=T1');
    expect(writeSearch('?id=T1', caseIdCodec, null)).toBe('');
  });
});
