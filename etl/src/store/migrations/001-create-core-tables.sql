-- The canonical tables. Natural keys (ticket_id, call_id, agent_id, category+level) are enforced by the
-- loader (delete-then-insert per file, in one transaction) rather than by ART indexes, which would slow
-- bulk loads several-fold for no benefit to the analytical reads.
CREATE TABLE tickets (
  ticket_id VARCHAR NOT NULL,
  created_at TIMESTAMP,
  resolved_at TIMESTAMP,
  customer_id VARCHAR,
  channel VARCHAR,
  category VARCHAR,
  policy VARCHAR,
  priority VARCHAR,
  status VARCHAR,
  csat INTEGER,
  outcome VARCHAR,
  source_file VARCHAR NOT NULL
);

CREATE TABLE events (
  ticket_id VARCHAR NOT NULL,
  -- order of the event within its ticket as exported; breaks ties between events with equal `at`
  seq INTEGER NOT NULL,
  "at" TIMESTAMP NOT NULL,
  type VARCHAR NOT NULL,
  level INTEGER,
  department VARCHAR,
  agent_id VARCHAR,
  escalation_type VARCHAR,
  note VARCHAR,
  status VARCHAR,
  value VARCHAR,
  source_file VARCHAR NOT NULL
);

CREATE TABLE calls (
  call_id VARCHAR NOT NULL,
  ticket_id VARCHAR,
  customer_id VARCHAR,
  agent_id VARCHAR,
  department VARCHAR,
  level INTEGER,
  started_at TIMESTAMP NOT NULL,
  ended_at TIMESTAMP,
  direction VARCHAR,
  disposition VARCHAR,
  recording_url VARCHAR,
  transcript VARCHAR,
  source_file VARCHAR NOT NULL
);

CREATE TABLE agents (
  agent_id VARCHAR NOT NULL,
  name VARCHAR,
  team VARCHAR,
  department VARCHAR,
  source_file VARCHAR NOT NULL
);

CREATE TABLE routing (
  category VARCHAR NOT NULL,
  level INTEGER NOT NULL,
  department VARCHAR NOT NULL,
  source_file VARCHAR NOT NULL
);

-- Every row that was read but not loaded, with why. rows_read = rows_loaded + rows_rejected per file.
CREATE TABLE rejects (
  run_id VARCHAR NOT NULL,
  file VARCHAR NOT NULL,
  line BIGINT,
  field VARCHAR,
  value VARCHAR,
  reason VARCHAR NOT NULL,
  rejected_at TIMESTAMP NOT NULL DEFAULT now()::TIMESTAMP
);

-- One row per file content loaded: re-ingesting the same bytes is recognised and changes nothing.
CREATE TABLE loaded_files (
  sha256 VARCHAR PRIMARY KEY,
  file VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,
  rows_read BIGINT NOT NULL,
  rows_loaded BIGINT NOT NULL,
  rows_rejected BIGINT NOT NULL,
  run_id VARCHAR NOT NULL,
  loaded_at TIMESTAMP NOT NULL DEFAULT now()::TIMESTAMP
);
