import type { DuckDbStore } from '../store/duckdb-store.js';

/**
 * True when the chains were rebuilt (by an ingest) since the search index was built from them: the
 * index records store_facts.rebuilt_at when it is built, and the two then differ. A store with no data
 * is never stale.
 */
export async function searchIndexIsStale(store: DuckDbStore): Promise<boolean> {
  const [row] = await store.all<{ stale: boolean }>(
    `SELECT (SELECT max(rebuilt_at) FROM store_facts)
              IS DISTINCT FROM (SELECT max(source_rebuilt_at) FROM search_stats) AS stale`,
  );
  return row?.stale ?? false;
}
