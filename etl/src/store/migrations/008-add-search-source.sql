-- Which rebuild of the chains the search index was built from: store_facts.rebuilt_at at build time.
-- An ingest rebuilds the chains (a new rebuilt_at); while the two differ the index is stale and the
-- server rebuilds it at start (searchIndexIsStale).
ALTER TABLE search_stats ADD COLUMN source_rebuilt_at TIMESTAMP;
