/**
 * A search that cannot be run as asked (an empty query, only stopwords, a prefix too short, a page out
 * of range). The message quotes the query and says what to change, on one line; never a stack trace.
 */
export class SearchQueryError extends Error {
  constructor(
    readonly query: string,
    readonly reason: string,
  ) {
    super(`Search "${query}": ${reason}`);
    this.name = 'SearchQueryError';
  }
}
