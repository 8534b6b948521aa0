-- Salesforce CaseHistory.csv → canonical events. Rows saved together (same case, CreatedDate and
-- CreatedById) are one change, read together like a Zendesk audit:
--   Field created                        → `created`, with the queue an assignment rule set with it;
--   Field Owner / ownerAssignment / ownerAccepted / ownerEscalated
--                                        → a move. Salesforce writes two rows per owner change: the
--                                          name (shown in the app) and the Id (API only); the Id says
--                                          queue (00G…) or user (005…). Without the Id row, a name the
--                                          level rules know is a queue, any other a user. A queue move
--                                          is `escalated` / `de-escalated` when its level rises / falls,
--                                          else `assigned`; a user taking the case is `assigned`;
--   Status → Escalated, IsEscalated → true
--                                        → `escalated`: with a queue move up, that move; without one,
--                                          one level above the last known level (2 when none is
--                                          known), in the same queue — Salesforce's flag means the
--                                          case went up a tier, and the export says no more;
--   ownerEscalated                       → escalation_type `automatic` (an escalation rule moved it);
--   Status to Closed / Resolved          → `resolved`; from them back to an open status → `reopened`;
--                                          other status changes alone → a `note` without text that
--                                          records the new status;
--   any other field (Priority, Subject, …) → nothing: the canonical events have no place for it.
-- Reads eqa_vendor_csv; writes eqa_stage_events and eqa_adapter_rejects.

CREATE OR REPLACE TEMP TABLE eqa_sf_history_checked AS
WITH parsed AS (
  SELECT ordinal, line,
         nullif(trim(id), '') AS id,
         nullif(trim(is_deleted), '') AS is_deleted,
         nullif(trim(case_id), '') AS case_id,
         nullif(trim(created_by_id), '') AS created_by_id,
         nullif(trim(created_date), '') AS created_date,
         nullif(lower(trim(field)), '') AS field,
         nullif(trim(old_value), '') AS old_value,
         nullif(trim(new_value), '') AS new_value
  FROM eqa_vendor_csv
)
SELECT *, CASE
  WHEN case_id IS NULL THEN {'field': 'CaseId', 'value': NULL::VARCHAR, 'reason': 'missing required value'}
  WHEN eqa_sf_true(is_deleted)
    THEN {'field': 'IsDeleted', 'value': is_deleted, 'reason': 'deleted in Salesforce (in the Recycle Bin)'}
  WHEN created_date IS NULL THEN {'field': 'CreatedDate', 'value': NULL::VARCHAR, 'reason': 'missing required value'}
  WHEN eqa_sf_time_problem(created_date) IS NOT NULL
    THEN {'field': 'CreatedDate', 'value': created_date, 'reason': eqa_sf_time_problem(created_date)}
  WHEN field IS NULL THEN {'field': 'Field', 'value': NULL::VARCHAR, 'reason': 'missing required value'}
  WHEN field = 'status' AND new_value IS NOT NULL AND eqa_sf_status(new_value) IS NULL
    THEN {'field': 'NewValue', 'value': new_value, 'reason': 'not a known Salesforce case status (' || eqa_sf_statuses() || ')'}
END AS problem
FROM parsed;

-- A history row exported twice (overlapping exports): the last copy wins.
CREATE OR REPLACE TEMP TABLE eqa_sf_history_ranked AS
SELECT *, row_number() OVER (PARTITION BY coalesce(id, ordinal::VARCHAR) ORDER BY ordinal DESC) AS key_rank
FROM eqa_sf_history_checked WHERE problem IS NULL;

CREATE OR REPLACE TEMP TABLE eqa_adapter_rejects AS
SELECT line, problem.field AS field, problem.value AS value, problem.reason AS reason
FROM eqa_sf_history_checked WHERE problem IS NOT NULL
UNION ALL
SELECT line, 'Id', id, 'duplicate Id: superseded by a later record of the same history row'
FROM eqa_sf_history_ranked WHERE key_rank > 1;

CREATE OR REPLACE TEMP TABLE eqa_sf_sets AS
WITH rows AS (
  SELECT *, field IN ('owner', 'ownerassignment', 'owneraccepted', 'ownerescalated') AS is_owner
  FROM eqa_sf_history_ranked WHERE key_rank = 1
),
sets AS (
  SELECT case_id, eqa_sf_time(created_date) AS at_ts, created_by_id,
         min(ordinal) AS set_ord, min(line) AS line, arg_min(eqa_sf_iso(created_date), ordinal) AS "at",
         bool_or(field = 'created') AS is_create,
         arg_max(new_value, ordinal) FILTER (WHERE is_owner AND NOT eqa_sf_owner_id(new_value)) AS owner_name,
         arg_max(new_value, ordinal) FILTER (WHERE is_owner AND eqa_sf_owner_id(new_value)) AS owner_id,
         bool_or(field = 'ownerescalated') AS owner_escalated,
         bool_or(field = 'status') AS status_changed,
         arg_max(new_value, ordinal) FILTER (WHERE field = 'status') AS status_new,
         arg_max(old_value, ordinal) FILTER (WHERE field = 'status') AS status_old,
         bool_or((field = 'status' AND lower(new_value) = 'escalated')
                 OR (field = 'isescalated' AND eqa_sf_true(new_value))) AS escalation_flag
  FROM rows
  GROUP BY case_id, eqa_sf_time(created_date), created_by_id
),
owners AS (
  SELECT *, CASE WHEN owner_id LIKE '00G%' THEN 'queue'
                 WHEN owner_id LIKE '005%' THEN 'user'
                 WHEN eqa_group_level(owner_name) IS NOT NULL THEN 'queue'
                 WHEN owner_name IS NOT NULL THEN 'user' END AS owner_kind
  FROM sets
)
SELECT *, CASE WHEN owner_kind = 'queue' THEN coalesce(owner_name, owner_id) END AS queue,
          CASE WHEN owner_kind = 'user' THEN coalesce(owner_id, owner_name) END AS user_id,
          CASE WHEN owner_kind = 'queue' THEN coalesce(eqa_group_level(coalesce(owner_name, owner_id)), 0) END AS queue_level_code
FROM owners;

-- Each change in its case's timeline. Pass 1: the last known queue level before each change, which a
-- flag-only escalation goes one above. Pass 2: the level in force after each change (0 = a queue of
-- unknown level, so that the current level is NULL there while the previous known level skips it).
CREATE OR REPLACE TEMP TABLE eqa_sf_timeline AS
WITH forced AS (
  SELECT *, CASE WHEN escalation_flag
                      AND coalesce(nullif(queue_level_code, 0), 0) <= coalesce(queue_level_before, 1)
                 THEN least(coalesce(queue_level_before, 1) + 1, 4) END AS forced_level
  FROM (SELECT *, last_value(nullif(queue_level_code, 0) IGNORE NULLS) OVER (
                    PARTITION BY case_id ORDER BY at_ts, set_ord
                    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS queue_level_before
        FROM eqa_sf_sets)
),
leveled AS (SELECT *, coalesce(forced_level, queue_level_code) AS set_level_code FROM forced)
SELECT *,
       last_value(queue IGNORE NULLS) OVER upto AS department,
       nullif(last_value(set_level_code IGNORE NULLS) OVER upto, 0) AS level,
       last_value(nullif(set_level_code, 0) IGNORE NULLS) OVER before AS previous_level,
       last_value(user_id IGNORE NULLS) OVER upto AS agent_id,
       -- Before the first Status change, the status is what that change started from.
       eqa_sf_status(coalesce(last_value(status_new IGNORE NULLS) OVER upto,
                              first_value(status_old IGNORE NULLS) OVER whole)) AS status_now,
       eqa_sf_status(coalesce(status_old, last_value(status_new IGNORE NULLS) OVER before)) AS status_before,
       eqa_sf_status(status_new) AS status_after
FROM leveled
WINDOW upto AS (PARTITION BY case_id ORDER BY at_ts, set_ord ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW),
       before AS (PARTITION BY case_id ORDER BY at_ts, set_ord ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
       whole AS (PARTITION BY case_id ORDER BY at_ts, set_ord ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING);

CREATE OR REPLACE TEMP TABLE eqa_sf_emitted AS
SELECT *,
       NOT is_create AND (queue IS NOT NULL OR user_id IS NOT NULL OR forced_level IS NOT NULL) AS emits_move,
       NOT is_create AND status_changed AND (
         (status_after IN ('closed', 'solved') AND coalesce(status_before, '') NOT IN ('closed', 'solved'))
         OR (status_before IN ('closed', 'solved') AND status_after NOT IN ('closed', 'solved'))
       ) AS emits_closing
FROM eqa_sf_timeline;

CREATE OR REPLACE TEMP TABLE eqa_stage_events AS
SELECT row_number() OVER (ORDER BY case_id, at_ts, set_ord, rank) AS ordinal, line, case_id AS ticket_id, "at",
       type, level::VARCHAR AS level, department, agent_id,
       CASE WHEN type = 'escalated' AND owner_escalated THEN 'automatic' END AS escalation_type,
       NULL::VARCHAR AS note, coalesce(status_now, CASE WHEN is_create THEN 'new' END) AS status,
       NULL::VARCHAR AS value
FROM (
  SELECT *, 1 AS rank, 'created' AS type FROM eqa_sf_emitted WHERE is_create
  UNION ALL BY NAME
  SELECT *, 2 AS rank,
         CASE WHEN level > previous_level THEN 'escalated'
              WHEN level < previous_level THEN 'de-escalated'
              WHEN forced_level IS NOT NULL AND previous_level IS NULL THEN 'escalated'
              ELSE 'assigned' END AS type
  FROM eqa_sf_emitted WHERE emits_move
  UNION ALL BY NAME
  SELECT *, 5 AS rank, CASE WHEN status_after IN ('closed', 'solved') THEN 'resolved' ELSE 'reopened' END AS type
  FROM eqa_sf_emitted WHERE emits_closing
  UNION ALL BY NAME
  SELECT * REPLACE (NULL AS level, NULL AS department, NULL AS agent_id), 7 AS rank, 'note' AS type
  FROM eqa_sf_emitted WHERE status_changed AND NOT is_create AND NOT emits_move AND NOT emits_closing
);
