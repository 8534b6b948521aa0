/** One part of a search query, as typed (not yet normalised into the index's words). */
export type SearchClause =
  | { type: 'word'; text: string }
  | { type: 'prefix'; text: string }
  | { type: 'phrase'; text: string };

/**
 * Splits a query into clauses: "…" is a phrase (an unclosed quote runs to the end), a word ending in *
 * is a prefix (the stars dropped), any other run of non-space characters is a word. Pure; it neither
 * normalises nor rejects anything, so every string parses.
 */
export function parseSearchQuery(query: string): SearchClause[] {
  const clauses: SearchClause[] = [];
  const pattern = /"([^"]*)"?|([^\s"]+)/g;
  for (const match of query.matchAll(pattern)) {
    const [, phrase, word] = match;
    if (phrase !== undefined) {
      if (phrase.trim() !== '') {
        clauses.push({ type: 'phrase', text: phrase });
      }
    } else if (word !== undefined) {
      const bare = word.replace(/\*+$/, '');
      if (bare === '') {
        continue;
      }
      clauses.push(bare.length < word.length ? { type: 'prefix', text: bare } : { type: 'word', text: word });
    }
  }
  return clauses;
}
