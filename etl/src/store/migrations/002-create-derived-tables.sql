-- Derived tables, rebuilt from the canonical ones after every ingest (chains/rebuild-derived.ts).
-- Created empty here so that readers never meet a missing table on a fresh store.
CREATE TABLE escalation_steps (
  ticket_id VARCHAR NOT NULL,
  step_no INTEGER NOT NULL,
  "at" TIMESTAMP NOT NULL,
  from_level INTEGER,
  to_level INTEGER NOT NULL,
  skipped_levels INTEGER[] NOT NULL,
  is_entry BOOLEAN NOT NULL,
  department VARCHAR,
  agent_id VARCHAR,
  escalation_type VARCHAR,
  note VARCHAR
);

CREATE TABLE case_facts (
  ticket_id VARCHAR NOT NULL,
  first_contact_at TIMESTAMP NOT NULL,
  resolved_at TIMESTAMP,
  is_resolved BOOLEAN NOT NULL,
  escalations INTEGER NOT NULL,
  max_level INTEGER,
  -- within_30_days | late | overdue_open | not_yet_due
  resolution_status VARCHAR NOT NULL
);

CREATE TABLE overview_daily_escalations (day DATE NOT NULL, level INTEGER NOT NULL, escalations BIGINT NOT NULL);

CREATE TABLE overview_daily_resolution (
  day DATE NOT NULL,
  escalated_cases BIGINT NOT NULL,
  due BIGINT NOT NULL,
  resolved_within_30_days BIGINT NOT NULL,
  not_yet_due BIGINT NOT NULL
);

CREATE TABLE store_facts (data_start TIMESTAMP, data_end TIMESTAMP, rebuilt_at TIMESTAMP NOT NULL);
