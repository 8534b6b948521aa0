// What etl/src/index.ts exports of the search, in one place so that the package's index takes one line.
export type { SearchClause } from './parse-search-query.js';
export { parseSearchQuery } from './parse-search-query.js';
export { rebuildSearchIndex } from './rebuild-search-index.js';
export type {
  SearchHit,
  SearchIndexSummary,
  SearchKind,
  SearchOptions,
  SearchResult,
} from './search.types.js';
export { type PreparedSearch, prepareSearch, searchDocuments, snippetsOf } from './search-documents.js';
export { searchIndexIsStale } from './search-index-stale.js';
export { SearchQueryError } from './search-query-error.js';
