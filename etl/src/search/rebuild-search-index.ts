import type { DuckDbStore } from '../store/duckdb-store.js';
import { loadSql } from '../store/sql-files.js';
import type { SearchIndexSummary } from './search.types.js';
import { searchStopwords } from './search-stopwords.constant.js';

const rebuildSql = new URL('./rebuild-search-index.sql', import.meta.url);

/**
 * Rebuilds the full-text index over call transcripts and event notes from the canonical tables, in
 * one transaction and all in SQL (rebuild-search-index.sql); returns its size and how long it took.
 * Run it after an ingest: searches read the index as last built.
 */
export async function rebuildSearchIndex(store: DuckDbStore): Promise<SearchIndexSummary> {
  const started = performance.now();
  const stats = await store.withTransaction(async (session) => {
    await session.run(
      'CREATE OR REPLACE TEMP TABLE search_build_stopwords AS SELECT unnest(CAST($words AS JSON)::VARCHAR[]) AS word',
      { words: JSON.stringify(searchStopwords) },
    );
    await session.run(loadSql(rebuildSql));
    await session.run('DROP TABLE search_build_stopwords');
    const [row] = await session.all<{ documents: number; terms: number }>(
      'SELECT documents, terms FROM search_stats',
    );
    return row;
  });
  return { documents: stats.documents, terms: stats.terms, seconds: (performance.now() - started) / 1000 };
}
