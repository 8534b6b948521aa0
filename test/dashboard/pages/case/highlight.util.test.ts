import { describe, expect, it } from 'vitest';
import {
  type HighlightSpan,
  highlightSegments,
  shiftSpans,
  spanText,
  transcriptTurns,
} from '../../../../dashboard/src/pages/case/highlight.util.js';

const span = (start: number, length: number, label = 'problem', ref = 0): HighlightSpan => ({
  start,
  length,
  label,
  ref,
});

/** The segments as [text, labels] pairs, easier to read in expectations. */
const pairs = (text: string, spans: HighlightSpan[]) =>
  highlightSegments(text, spans).map((s) => [s.text, s.spans.map((x) => x.label)]);

describe('highlight.util', () => {
  describe(highlightSegments.name, () => {
    it('should cut the text around one span and give the text back unchanged when joined', () => {
      const text = 'Customer wants a refund';

      const sut = highlightSegments(text, [span(9, 5, 'customer ask')]);

      expect(sut.map((s) => s.text)).toEqual(['Customer ', 'wants', ' a refund']);
      expect(sut[1]).toMatchObject({
        start: 9,
        spans: [{ label: 'customer ask' }],
        opens: [{ label: 'customer ask' }],
      });
      expect(sut.map((s) => s.text).join('')).toBe(text);
    });

    it('should give plain text one segment without spans', () => {
      expect(pairs('no marks here', [])).toEqual([['no marks here', []]]);
    });

    it('should be empty for empty text', () => {
      expect(highlightSegments('', [span(0, 3)])).toEqual([]);
    });

    it('should count offsets in code points, so an emoji before a span does not shift it', () => {
      // DuckDB counts 🦆 as one character; a UTF-16 slice would cut "wants" one unit early.
      const text = '🦆 cx wants a refund';

      const sut = highlightSegments(text, [span(5, 5, 'customer ask')]);

      expect(sut.map((s) => s.text)).toEqual(['🦆 cx ', 'wants', ' a refund']);
      expect(sut[1].start).toBe(5);
    });

    it('should keep a non-BMP character inside a span whole', () => {
      expect(pairs('a 😡😡 b', [span(2, 2, 'severity')])).toEqual([
        ['a ', []],
        ['😡😡', ['severity']],
        [' b', []],
      ]);
    });

    it('should split overlapping spans into segments covered by one or both, outermost first', () => {
      const text = 'Timeline: contacted us 2x';
      const timeline = span(0, 11, 'timeline', 3);
      const tried = span(10, 12, 'already tried', 0);

      const sut = highlightSegments(text, [tried, timeline]);

      expect(sut.map((s) => [s.text, s.spans.map((x) => x.label), s.opens.map((x) => x.label)])).toEqual([
        ['Timeline: ', ['timeline'], ['timeline']],
        ['c', ['timeline', 'already tried'], ['already tried']],
        ['ontacted us', ['already tried'], []],
        [' 2x', [], []],
      ]);
    });

    it('should nest a span inside a longer one', () => {
      expect(
        pairs('outage, lost business, since May', [span(0, 32, 'problem'), span(8, 13, 'severity')]),
      ).toEqual([
        ['outage, ', ['problem']],
        ['lost business', ['problem', 'severity']],
        [', since May', ['problem']],
      ]);
    });

    it('should give two spans over the same characters one segment holding both', () => {
      const sut = highlightSegments('abc', [span(0, 3, 'a', 1), span(0, 3, 'b', 2)]);

      expect(sut).toHaveLength(1);
      expect(sut[0].spans.map((s) => s.ref)).toEqual([1, 2]);
    });

    it('should cut a span that runs past the end at the end', () => {
      expect(pairs('short note', [span(6, 80, 'problem')])).toEqual([
        ['short ', []],
        ['note', ['problem']],
      ]);
    });

    it('should drop spans wholly outside the text, empty or not finite, and clip negative starts', () => {
      expect(
        pairs('abcdef', [
          span(10, 3, 'outside'),
          span(2, 0, 'empty'),
          span(Number.NaN, 2, 'nan'),
          span(-2, 4, 'clipped'),
        ]),
      ).toEqual([
        ['ab', ['clipped']],
        ['cdef', []],
      ]);
    });
  });

  describe(spanText.name, () => {
    it('should take code points, not UTF-16 units', () => {
      expect(spanText('👍 ok then', 2, 2)).toBe('ok');
      expect(spanText('abc', 1, 10)).toBe('bc');
    });
  });

  describe(transcriptTurns.name, () => {
    const transcript =
      'Agent: Hello, how can I help?\nCustomer: 😡 As I said twice already, it broke.\n\nAgent: Sorry.';

    it('should give one turn per line with its speaker, blank lines left out', () => {
      const sut = transcriptTurns(transcript, []);

      expect(sut.map((t) => [t.speaker, t.segments.map((s) => s.text).join('')])).toEqual([
        ['Agent', 'Hello, how can I help?'],
        ['Customer', '😡 As I said twice already, it broke.'],
        ['Agent', 'Sorry.'],
      ]);
    });

    it('should place a span given as a transcript offset on its line, after the speaker and an emoji', () => {
      // "Agent: Hello, how can I help?\n" is 30 code points; "Customer: " 10 more; "😡 " 2 more.
      const start = 30 + 10 + 2;

      const sut = transcriptTurns(transcript, [span(start, 9, 'customer repeated', 7)]);

      const marked = sut[1].segments.filter((s) => s.spans.length > 0);
      expect(marked.map((s) => s.text)).toEqual(['As I said']);
      expect(spanText(transcript, start, 9)).toBe('As I said');
      expect(sut[0].segments.every((s) => s.spans.length === 0)).toBe(true);
    });

    it('should keep a line without a speaker as a continued turn', () => {
      expect(transcriptTurns('Agent: one\nand two', []).map((t) => t.speaker)).toEqual(['Agent', null]);
    });

    it('should drop the carriage return of CRLF lines but keep the offsets of the next lines', () => {
      const sut = transcriptTurns('Agent: hi\r\nCustomer: repeat', [span(21, 6, 'x')]);

      expect(sut[0].segments.map((s) => s.text)).toEqual(['hi']);
      expect(sut[1].segments.filter((s) => s.spans.length > 0).map((s) => s.text)).toEqual(['repeat']);
    });
  });
  describe(shiftSpans.name, () => {
    it('should move every span by the given code points', () => {
      expect(shiftSpans([span(3, 2)], 2)).toEqual([span(5, 2)]);
      expect(shiftSpans([span(3, 2)], -3)).toEqual([span(0, 2)]);
    });
  });
});
