-- Scores against the four QA standards (scoring/score-store.ts), rebuilt whole by every scoring run.
-- Created empty here so that readers never meet a missing table on a fresh store.

-- One row per scoring run: the exact rubric and detector rules that made the scores.
CREATE TABLE score_runs (
  run_id VARCHAR NOT NULL,
  rubric_file VARCHAR NOT NULL,
  rubric_version VARCHAR NOT NULL,
  rubric_hash VARCHAR NOT NULL,
  -- the resolved rubric and detector rules, so an ingest can rescore with them when the files are gone
  rubric_json VARCHAR NOT NULL,
  detectors_file VARCHAR NOT NULL,
  detectors_hash VARCHAR NOT NULL,
  detectors_json VARCHAR NOT NULL,
  steps BIGINT NOT NULL,
  cases BIGINT NOT NULL,
  seconds DOUBLE NOT NULL,
  scored_at TIMESTAMP NOT NULL
);

-- One row per escalation step (entry steps included). Right department and assessment quality are the
-- step's own; a step carries its case's satisfaction and resolution.
CREATE TABLE step_scores (
  ticket_id VARCHAR NOT NULL,
  step_no INTEGER NOT NULL,
  "at" TIMESTAMP NOT NULL,
  is_entry BOOLEAN NOT NULL,
  from_level INTEGER,
  to_level INTEGER NOT NULL,
  category VARCHAR,
  channel VARCHAR,
  -- who escalated and wrote the handover (credited with this step's scores), and where they sat
  agent_id VARCHAR,
  team VARCHAR,
  from_department VARCHAR,
  department VARCHAR,
  expected_department VARCHAR,
  exported_type VARCHAR,
  -- automatic when the export said so or the step followed a missed SLA
  escalation_type VARCHAR,
  type_inferred BOOLEAN NOT NULL,
  problem BOOLEAN NOT NULL,
  customer_ask BOOLEAN NOT NULL,
  already_tried BOOLEAN NOT NULL,
  dispute_source BOOLEAN NOT NULL,
  timeline BOOLEAN NOT NULL,
  severity BOOLEAN NOT NULL,
  customer_repeated BOOLEAN NOT NULL,
  next_tier_hours DOUBLE,
  right_department DOUBLE,
  assessment_quality DOUBLE,
  satisfaction DOUBLE,
  resolution DOUBLE,
  rubric_version VARCHAR NOT NULL,
  rubric_hash VARCHAR NOT NULL
);

-- One row per case with at least one step.
CREATE TABLE case_scores (
  ticket_id VARCHAR NOT NULL,
  first_contact_at TIMESTAMP NOT NULL,
  resolved_at TIMESTAMP,
  category VARCHAR,
  policy VARCHAR,
  priority VARCHAR,
  channel VARCHAR,
  escalations INTEGER NOT NULL,
  max_level INTEGER,
  clock VARCHAR NOT NULL,
  -- within | breached | not_yet_due
  clock_status VARCHAR NOT NULL,
  sla_first_response_met BOOLEAN,
  sla_resolution_met BOOLEAN,
  -- surveyed | not_surveyed
  survey_status VARCHAR NOT NULL,
  right_department DOUBLE,
  assessment_quality DOUBLE,
  satisfaction DOUBLE,
  resolution DOUBLE,
  overall DOUBLE,
  -- the critical standard that failed and set the case to 0, if any
  critical_failure VARCHAR,
  rubric_version VARCHAR NOT NULL,
  rubric_hash VARCHAR NOT NULL
);

-- Every survey answer with its time, never overwritten by a later one.
CREATE TABLE survey_answers (
  ticket_id VARCHAR NOT NULL,
  "at" TIMESTAMP,
  seq INTEGER,
  raw_value VARCHAR,
  scale VARCHAR,
  points DOUBLE,
  -- 'event' (a survey event) or 'ticket_snapshot' (tickets.csat of a ticket with no survey event)
  source VARCHAR NOT NULL
);

-- The agents who handled each scored case (any event or linked call of theirs): satisfaction and
-- resolution are credited to all of them, not only to the last assignee.
CREATE TABLE case_agents (ticket_id VARCHAR NOT NULL, agent_id VARCHAR NOT NULL, team VARCHAR, department VARCHAR);

-- Why each score is what it is: the rule, the span of the note or transcript, the timestamps.
CREATE TABLE score_evidence (
  ticket_id VARCHAR NOT NULL,
  -- NULL for a case-level item
  step_no INTEGER,
  standard VARCHAR NOT NULL,
  rule VARCHAR NOT NULL,
  passed BOOLEAN,
  detail VARCHAR NOT NULL,
  -- note | transcript | events | survey | routing
  source VARCHAR NOT NULL,
  call_id VARCHAR,
  span_start INTEGER,
  span_length INTEGER,
  excerpt VARCHAR,
  "at" TIMESTAMP
);

-- What the Overview and `eqa summary` read: per day and per dimension (all, category, department, team,
-- agent), the sums and counts behind each standard's mean. Steps are credited to the agent who wrote
-- the handover; cases to every agent who handled them (each case once per key).
CREATE TABLE standards_daily (
  day DATE NOT NULL,
  dimension VARCHAR NOT NULL,
  "key" VARCHAR NOT NULL,
  steps BIGINT NOT NULL,
  right_department_sum DOUBLE NOT NULL,
  right_department_n BIGINT NOT NULL,
  assessment_quality_sum DOUBLE NOT NULL,
  assessment_quality_n BIGINT NOT NULL,
  cases BIGINT NOT NULL,
  satisfaction_sum DOUBLE NOT NULL,
  satisfaction_n BIGINT NOT NULL,
  resolution_sum DOUBLE NOT NULL,
  resolution_n BIGINT NOT NULL,
  overall_sum DOUBLE NOT NULL,
  overall_n BIGINT NOT NULL
);

-- The event a step came from, so that scoring can find what happened at its level after it.
ALTER TABLE escalation_steps ADD COLUMN seq INTEGER;
