/** What a snippet marks: the query's exact words, its prefixes and its phrases (as word lists). */
export interface SnippetMatch {
  terms: ReadonlySet<string>;
  prefixes: readonly string[];
  phrases: readonly (readonly string[])[];
}

/**
 * A text as the index split it, from SQL: `pieces` are the runs of letters, digits and combining marks
 * in `body`, in order, and `words[i]` the index's words for `pieces[i]` (usually one).
 */
export interface SnippetSource {
  body: string;
  pieces: readonly string[];
  words: readonly (readonly string[])[];
}

const width = 160;
const lead = 50;

/**
 * About 160 characters of `body` around the first match, white space collapsed, each matched word (a
 * phrase as a whole) between « and », and … where the text was cut. Falls back to the text's start
 * when nothing is marked (a match the index found that the pieces cannot place).
 */
export function buildSnippet(source: SnippetSource, match: SnippetMatch): string {
  const { body } = source;
  const spans = markedSpans(source, match);
  const first = spans[0]?.[0] ?? 0;
  let start = Math.max(0, first - lead);
  if (start > 0) {
    const space = body.slice(start, first).search(/\s/);
    start = space >= 0 ? start + space + 1 : first;
  }
  let end = Math.min(body.length, start + width);
  const covering = spans.find(([from, to]) => from < end && to > end);
  if (covering) {
    end = covering[1];
  } else if (end < body.length) {
    const lastSpace = body.slice(start, end).search(/\s\S*$/);
    if (lastSpace > first - start) {
      end = start + lastSpace;
    }
  }
  let out = '';
  let at = start;
  for (const [from, to] of spans) {
    if (to <= start || from >= end) {
      continue;
    }
    out += `${body.slice(at, from)}«${body.slice(from, to)}»`;
    at = to;
  }
  out += body.slice(at, end);
  out = out.replace(/\s+/g, ' ').trim();
  return `${start > 0 ? '…' : ''}${out}${end < body.length ? '…' : ''}`;
}

/** The [from, to) character ranges of body to mark, in order, overlapping ones merged. */
function markedSpans({ body, pieces, words }: SnippetSource, match: SnippetMatch): Array<[number, number]> {
  const starts: number[] = [];
  let cursor = 0;
  for (const piece of pieces) {
    const at = body.indexOf(piece, cursor);
    starts.push(at < 0 ? cursor : at);
    cursor = (at < 0 ? cursor : at) + piece.length;
  }
  const range = (piece: number): [number, number] => [starts[piece]!, starts[piece]! + pieces[piece]!.length];
  // The text's words in order, each with the piece it came from.
  const flat: Array<{ word: string; piece: number }> = [];
  words.forEach((pieceWords, piece) => {
    for (const word of pieceWords) {
      flat.push({ word, piece });
    }
  });
  const spans: Array<[number, number]> = [];
  for (const { word, piece } of flat) {
    if (match.terms.has(word) || match.prefixes.some((prefix) => word.startsWith(prefix))) {
      spans.push(range(piece));
    }
  }
  for (const phrase of match.phrases) {
    for (let i = 0; i + phrase.length <= flat.length; i++) {
      if (phrase.every((word, j) => flat[i + j]!.word === word)) {
        spans.push([range(flat[i]!.piece)[0], range(flat[i + phrase.length - 1]!.piece)[1]]);
      }
    }
  }
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span[0] < last[1]) {
      last[1] = Math.max(last[1], span[1]);
    } else {
      merged.push([span[0], span[1]]);
    }
  }
  return merged;
}
