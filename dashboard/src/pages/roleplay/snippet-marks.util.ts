/** A piece of a snippet: marked (a match, between « and ») or not. */
export interface SnippetPart {
  text: string;
  marked: boolean;
}

/** Splits a search snippet on its «…» marks; an unclosed « marks to the end. Pure. */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let rest = snippet;
  while (rest.length > 0) {
    const open = rest.indexOf('«');
    if (open < 0) {
      parts.push({ text: rest, marked: false });
      break;
    }
    if (open > 0) {
      parts.push({ text: rest.slice(0, open), marked: false });
    }
    const close = rest.indexOf('»', open + 1);
    const end = close < 0 ? rest.length : close;
    parts.push({ text: rest.slice(open + 1, end), marked: true });
    rest = close < 0 ? '' : rest.slice(close + 1);
  }
  return parts.filter((p) => p.text !== '');
}
