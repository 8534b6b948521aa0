/** Which texts a search looks in: call transcripts, handover and other event notes. */
export type SearchKind = 'call' | 'note';

export interface SearchOptions {
  /**
   * Words, all required; "a quoted phrase" must occur as written (case, accents and punctuation
   * aside); a trailing * makes a word a prefix (refund* finds refunded, refunds).
   */
  query: string;
  kind?: SearchKind;
  /** Only texts of these tickets (a call's ticket as exported, else as linked). */
  ticketIds?: readonly string[];
  /** Hits per page, 1 to 100; 20 by default. */
  limit?: number;
  /** Hits skipped before the page; offset + limit may not exceed 10,000. */
  offset?: number;
}

export interface SearchHit {
  kind: SearchKind;
  /** The call's id; null for a note. */
  call_id: string | null;
  ticket_id: string | null;
  /** The note's event seq within its ticket; null for a call. */
  seq: number | null;
  /** BM25 (k1 = 1.2, b = 0.75), summed over the query's words; higher ranks first. */
  score: number;
  /**
   * About 160 characters of the text around the first match, white space collapsed, the matched
   * words (a phrase as a whole) between « and », and … where the text was cut.
   */
  snippet: string;
}

export interface SearchResult {
  /** Every matching text, not just this page. */
  total: number;
  hits: SearchHit[];
}

export interface SearchIndexSummary {
  documents: number;
  terms: number;
  seconds: number;
}
