-- Rebuilds the search index (its tables and its two macros, search_flat and search_words, are declared
-- in migration 006-create-search-index.sql, with the same columns and types) from calls.transcript and
-- events.note. Runs in the caller's transaction, after TEMP table search_build_stopwords(word) was
-- filled; readers see the old index until COMMIT. Tables are replaced rather than emptied: deleting
-- tens of millions of postings inside a transaction would hold their undo records in memory.

-- The texts, normalised once (one regex pass; every later step splits `flat` on single spaces). A
-- doc_id is the source row's rowid, shifted so that notes come after every call: stable for the
-- transaction, and numbering without a sort keeps the bodies out of one. A call's ticket is the
-- export's, else the one call_links tied it to. length counts every word, stopwords included.
CREATE OR REPLACE TABLE search_docs AS
WITH texts AS (
  SELECT (c.rowid + 1)::INTEGER AS doc_id, 'call' AS kind, c.call_id,
         coalesce(c.ticket_id, l.ticket_id) AS ticket_id, NULL::INTEGER AS seq, c.transcript AS body
  FROM calls c
  LEFT JOIN call_links l ON l.call_id = c.call_id
  WHERE length(trim(c.transcript)) > 0
  UNION ALL
  SELECT ((SELECT coalesce(max(rowid), -1) + 1 FROM calls) + e.rowid + 1)::INTEGER, 'note', NULL, e.ticket_id,
         e.seq, e.note
  FROM events e
  WHERE length(trim(e.note)) > 0
),
flattened AS (
  SELECT *, search_flat(body) AS flat FROM texts
)
SELECT doc_id, kind::VARCHAR AS kind, call_id::VARCHAR AS call_id, ticket_id::VARCHAR AS ticket_id, seq,
       (CASE WHEN flat = '  ' THEN 0 ELSE length(flat) - length(replace(flat, ' ', '')) - 1 END)::INTEGER AS length,
       body::VARCHAR AS body, flat::VARCHAR AS flat
FROM flattened;

-- Term frequency per (document, word), stopwords and empty strings left out.
CREATE OR REPLACE TEMP TABLE search_build_tf AS
SELECT doc_id, term, count(*)::INTEGER AS tf, any_value(length) AS length
FROM (SELECT doc_id, length, unnest(string_split(trim(flat), ' ')) AS term FROM search_docs)
WHERE term <> '' AND term NOT IN (SELECT word FROM search_build_stopwords)
GROUP BY doc_id, term;

-- term_id follows the (byte) order of term, so the terms sharing a prefix are one term_id range.
CREATE OR REPLACE TABLE search_terms AS
SELECT row_number() OVER (ORDER BY term)::INTEGER AS term_id, term::VARCHAR AS term, doc_freq
FROM (SELECT term, count(*)::INTEGER AS doc_freq FROM search_build_tf GROUP BY term)
ORDER BY term_id;

CREATE OR REPLACE TABLE search_postings AS
SELECT t.term_id, f.doc_id, f.tf, f.length AS doc_length
FROM search_build_tf f
JOIN search_terms t ON t.term = f.term
ORDER BY t.term_id, f.doc_id;

CREATE OR REPLACE TABLE search_stats AS
SELECT count(*)::INTEGER AS documents,
       count(*) FILTER (WHERE kind = 'call')::INTEGER AS calls,
       count(*) FILTER (WHERE kind = 'note')::INTEGER AS notes,
       (SELECT count(*) FROM search_terms)::INTEGER AS terms,
       coalesce(avg(length), 0)::DOUBLE AS avg_length,
       (SELECT coalesce(max(rowid), -1) + 1 FROM calls)::INTEGER AS last_call_doc_id,
       now()::TIMESTAMP AS built_at,
       (SELECT max(rebuilt_at) FROM store_facts)::TIMESTAMP AS source_rebuilt_at
FROM search_docs;

DROP TABLE search_build_tf;
