import { describe, expect, it } from 'vitest';
import { finderFiltersCodec } from '../../../../dashboard/src/pages/roleplay/finder-filters.codec.js';
import { snippetParts } from '../../../../dashboard/src/pages/roleplay/snippet-marks.util.js';

describe(snippetParts.name, () => {
  it('should split a snippet on its «» marks', () => {
    expect(snippetParts('…my «refund» was «refused again»…')).toEqual([
      { text: '…my ', marked: false },
      { text: 'refund', marked: true },
      { text: ' was ', marked: false },
      { text: 'refused again', marked: true },
      { text: '…', marked: false },
    ]);
  });

  it('should keep a text without marks whole, and mark an unclosed « to the end', () => {
    expect(snippetParts('no match here')).toEqual([{ text: 'no match here', marked: false }]);
    expect(snippetParts('cut «refu')).toEqual([
      { text: 'cut ', marked: false },
      { text: 'refu', marked: true },
    ]);
    expect(snippetParts('')).toEqual([]);
  });
});

describe('finderFiltersCodec', () => {
  it('should read only the filters it knows, trimmed, and write each back, leaving out empty ones and offset 0', () => {
    const parsed = finderFiltersCodec.parse(new URLSearchParams('q=+refund+&level=2&other=x&category='));
    expect(parsed).toEqual({ q: 'refund', level: '2' });

    const params = new URLSearchParams('other=x&outcome=upheld');
    finderFiltersCodec.write(params, { q: 'refund', satisfactionMin: '75', offset: '0', category: ' ' });
    expect(params.toString()).toBe('other=x&q=refund&satisfactionMin=75');
  });
});
