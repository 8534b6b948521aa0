-- Full-text search over call transcripts and handover notes (etl/src/search/): an inverted index in
-- plain tables, because DuckDB's fts extension is not bundled and nothing may be installed at run time.
-- rebuildSearchIndex() refills all four in one transaction; they exist empty from the start so that a
-- search before the first rebuild finds nothing rather than a missing table.

-- One row per searchable text. doc_id is the source row's position (calls first, then notes after the
-- last call), so a kind is one doc_id range; it may have gaps.
CREATE TABLE search_docs (
  doc_id INTEGER NOT NULL,
  kind VARCHAR NOT NULL, -- 'call' (calls.transcript) or 'note' (events.note)
  call_id VARCHAR, -- kind 'call'
  ticket_id VARCHAR, -- the call's ticket (as exported, else as linked) or the note's ticket
  seq INTEGER, -- kind 'note': the event's seq within its ticket
  length INTEGER NOT NULL, -- words in the text, stopwords included: BM25's document length
  body VARCHAR NOT NULL, -- the text as indexed, for snippets
  flat VARCHAR NOT NULL -- search_flat(body), below: what a phrase is checked against
);

-- The vocabulary. term_id follows the order of term, so the terms sharing a prefix are one id range.
CREATE TABLE search_terms (
  term_id INTEGER NOT NULL,
  term VARCHAR NOT NULL,
  doc_freq INTEGER NOT NULL
);

-- One row per (term, document), stored sorted by term_id then doc_id: the zone maps of term_id then
-- skip every row group but the few holding a looked-up term. doc_length repeats the document's length
-- so that BM25 needs no join back to search_docs.
CREATE TABLE search_postings (
  term_id INTEGER NOT NULL,
  doc_id INTEGER NOT NULL,
  tf INTEGER NOT NULL,
  doc_length INTEGER NOT NULL
);

-- One row once built: the corpus figures BM25 needs and the doc_id range of each kind.
CREATE TABLE search_stats (
  documents INTEGER NOT NULL,
  calls INTEGER NOT NULL,
  notes INTEGER NOT NULL,
  terms INTEGER NOT NULL,
  avg_length DOUBLE NOT NULL,
  last_call_doc_id INTEGER NOT NULL, -- calls are doc_id 1 … this, notes come after
  built_at TIMESTAMP NOT NULL
);

-- The one definition of how text becomes words, shared by the index build and every search so that the
-- two never disagree: lower-case, accents stripped, anything that is not a letter or a digit is a
-- separator. search_flat gives the words one space apart, padded with one space each side
-- (' refund was refused '), so a phrase is found with contains(flat, ' refund was refused ');
-- search_words gives them as a list (a text without any word gives ['']; callers drop empty strings).
CREATE MACRO search_flat(text) AS
  ' ' || trim(regexp_replace(strip_accents(lower(text)), '[^\p{L}\p{N}]+', ' ', 'g')) || ' ';

CREATE MACRO search_words(text) AS
  string_split(trim(search_flat(text)), ' ');
