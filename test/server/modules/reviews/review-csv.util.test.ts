import { describe, expect, it } from 'vitest';
import { csvField, csvTable } from '../../../../server/src/modules/reviews/review-csv.util.js';

describe('review CSV', () => {
  it('should quote commas, quotes and line breaks, and defuse formulas but not numbers', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('-1+1,2')).toBe(`"'-1+1,2"`);
    expect(csvField(-2.5)).toBe('-2.5');
    expect(csvField(null)).toBe('');
    expect(csvField(true)).toBe('true');
    expect(csvField(new Date('2026-03-01T10:00:00Z'))).toBe('2026-03-01T10:00:00.000Z');
  });

  it('should write a header and one CRLF line per row in column order', () => {
    expect(
      csvTable(
        ['a', 'b'],
        [
          { a: 1, b: 'x, y' },
          { a: null, b: 'z' },
        ],
      ),
    ).toBe('a,b\r\n1,"x, y"\r\n,z\r\n');
  });
});
