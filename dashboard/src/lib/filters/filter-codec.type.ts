/** Reads one filter's value from URL parameters and writes it back, deleting parameters for defaults. */
export interface FilterCodec<T> {
  parse(params: URLSearchParams): T;
  write(params: URLSearchParams, value: T): void;
}

/** Access to the page URL's query string, injected so filters can be tested without a browser. */
export interface UrlAccess {
  /** The current query string, with or without its leading '?'. */
  read(): string;
  /** Replaces the query string ('' or '?a=b'), leaving path and hash alone and adding no history entry. */
  write(search: string): void;
}
