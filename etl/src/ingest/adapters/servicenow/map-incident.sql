-- ServiceNow incident list export (eqa_vendor_csv, one row per incident) → canonical tickets and events.
-- An incident list has no history: each incident gives a `created` event, an `assigned` event at its
-- current assignment group (level from eqa_group_level) and, once it has ended, a `resolved` event.
-- A record that cannot be mapped is rejected whole, once, with its first problem.

-- ServiceNow's choice lists, as values (`2`) or display values (`2 - High`, `In Progress`).
CREATE OR REPLACE TEMP TABLE eqa_sn_priority (code VARCHAR, label VARCHAR);
INSERT INTO eqa_sn_priority VALUES ('1', 'critical'), ('2', 'high'), ('3', 'moderate'), ('4', 'low'), ('5', 'planning');

-- `ended`: the incident's life is over (a resolved event is due). Canceled incidents end without a fix;
-- they are closed, not solved.
CREATE OR REPLACE TEMP TABLE eqa_sn_state (code VARCHAR, label VARCHAR, status VARCHAR, ended BOOLEAN);
INSERT INTO eqa_sn_state VALUES
  ('1', 'new', 'new', false),
  ('2', 'in progress', 'open', false),
  ('2', 'active', 'open', false),
  ('3', 'on hold', 'on_hold', false),
  ('6', 'resolved', 'solved', true),
  ('7', 'closed', 'closed', true),
  ('8', 'canceled', 'closed', true),
  ('8', 'cancelled', 'closed', true);

-- Close codes that are dispute outcomes. ServiceNow's own codes (Solution provided, Workaround provided,
-- Known error, User error, Duplicate, Resolved by caller, …) say how an IT problem was fixed, not who won
-- a dispute, so they leave the outcome empty. Complaint wording counts only where it is explicit, and a
-- complaint that was "upheld" is one the customer won: our `overturned` (DECISIONS §1).
CREATE OR REPLACE TEMP TABLE eqa_sn_outcome (close_code VARCHAR, outcome VARCHAR);
INSERT INTO eqa_sn_outcome VALUES
  ('complaint upheld', 'overturned'),
  ('complaint partially upheld', 'partial'),
  ('complaint not upheld', 'upheld'),
  ('complaint withdrawn', 'withdrawn');

CREATE OR REPLACE TEMP TABLE eqa_sn_incident AS
WITH parsed AS (
  SELECT r.*,
         eqa_blank(r.number) AS incident,
         (try_cast(eqa_blank(r.opened_at) AS TIMESTAMPTZ) AT TIME ZONE 'UTC') AS opened,
         (try_cast(eqa_blank(r.resolved_at) AS TIMESTAMPTZ) AT TIME ZONE 'UTC') AS resolved,
         (try_cast(eqa_blank(r.closed_at) AS TIMESTAMPTZ) AT TIME ZONE 'UTC') AS closed,
         p.label AS priority_label,
         s.status, s.ended, s.label AS state_label,
         o.outcome,
         eqa_group_level(r.assignment_group) AS group_level
  FROM eqa_vendor_csv r
  LEFT JOIN eqa_sn_priority p
    ON lower(eqa_blank(r.priority)) IN (p.code, p.label, p.code || ' - ' || p.label)
  LEFT JOIN eqa_sn_state s
    ON lower(eqa_blank(r.state)) IN (s.code, s.label)
    -- a code shared by two labels (2 = In Progress, Active) must not duplicate the row
    AND (lower(eqa_blank(r.state)) = s.label OR s.label NOT IN ('active', 'cancelled'))
  LEFT JOIN eqa_sn_outcome o ON lower(eqa_blank(r.close_code)) = o.close_code
),
checked AS (
  SELECT *,
         CASE
           WHEN incident IS NULL THEN {'field': 'number', 'value': number, 'reason': 'missing required value'}
           WHEN eqa_blank(opened_at) IS NULL THEN {'field': 'opened_at', 'value': opened_at, 'reason': 'missing required value'}
           WHEN opened IS NULL THEN {'field': 'opened_at', 'value': opened_at, 'reason': 'not a date-time (yyyy-MM-dd HH:mm:ss or ISO 8601)'}
           WHEN eqa_blank(resolved_at) IS NOT NULL AND resolved IS NULL THEN {'field': 'resolved_at', 'value': resolved_at, 'reason': 'not a date-time (yyyy-MM-dd HH:mm:ss or ISO 8601)'}
           WHEN eqa_blank(closed_at) IS NOT NULL AND closed IS NULL THEN {'field': 'closed_at', 'value': closed_at, 'reason': 'not a date-time (yyyy-MM-dd HH:mm:ss or ISO 8601)'}
           WHEN year(opened) NOT BETWEEN 1970 AND 2100 THEN {'field': 'opened_at', 'value': opened_at, 'reason': 'impossible date (before 1970 or after 2100)'}
           WHEN year(resolved) NOT BETWEEN 1970 AND 2100 THEN {'field': 'resolved_at', 'value': resolved_at, 'reason': 'impossible date (before 1970 or after 2100)'}
           WHEN year(closed) NOT BETWEEN 1970 AND 2100 THEN {'field': 'closed_at', 'value': closed_at, 'reason': 'impossible date (before 1970 or after 2100)'}
           WHEN resolved < opened THEN {'field': 'resolved_at', 'value': resolved_at, 'reason': 'resolved before opened'}
           WHEN closed < opened THEN {'field': 'closed_at', 'value': closed_at, 'reason': 'closed before opened'}
           WHEN eqa_blank(priority) IS NOT NULL AND priority_label IS NULL THEN {'field': 'priority', 'value': priority, 'reason': 'not a ServiceNow priority (1 - Critical, 2 - High, 3 - Moderate, 4 - Low, 5 - Planning)'}
           WHEN eqa_blank(state) IS NOT NULL AND status IS NULL THEN {'field': 'state', 'value': state, 'reason': 'not a ServiceNow incident state (New, In Progress, On Hold, Resolved, Closed, Canceled)'}
           WHEN ended AND resolved IS NULL AND closed IS NULL THEN {'field': 'state', 'value': state, 'reason': 'the incident has ended but resolved_at and closed_at are empty'}
         END AS problem
  FROM parsed
)
SELECT *,
       -- within the file the last row of an incident wins, as in the canonical format
       row_number() OVER (PARTITION BY incident, problem IS NULL ORDER BY ordinal DESC) AS recency,
       coalesce(ended, status IS NULL AND coalesce(resolved, closed) IS NOT NULL) AS has_ended
FROM checked;

CREATE OR REPLACE TEMP TABLE eqa_adapter_rejects AS
SELECT line, problem.field AS field, problem.value AS value, problem.reason AS reason
FROM eqa_sn_incident WHERE problem IS NOT NULL
UNION ALL
SELECT line, 'number', number, 'duplicate number: superseded by a later row of the same file'
FROM eqa_sn_incident WHERE problem IS NULL AND recency > 1;

DELETE FROM eqa_sn_incident WHERE problem IS NOT NULL OR recency > 1;

CREATE OR REPLACE TEMP TABLE eqa_stage_tickets AS
SELECT ordinal, line,
       incident AS ticket_id,
       eqa_iso(opened) AS created_at,
       eqa_iso(coalesce(resolved, CASE WHEN has_ended THEN closed END)) AS resolved_at,
       eqa_blank(caller_id) AS customer_id,
       -- contact_type's choices, lower-cased; self-service is the web portal
       CASE lower(eqa_blank(contact_type))
         WHEN 'self-service' THEN 'web'
         ELSE replace(replace(lower(eqa_blank(contact_type)), ' ', '_'), '-', '_')
       END AS channel,
       eqa_blank(category) AS category,
       NULL::VARCHAR AS policy,
       priority_label AS priority,
       status,
       -- an incident list carries no survey answer: not surveyed, never zero
       NULL::VARCHAR AS csat,
       outcome
FROM eqa_sn_incident;

CREATE OR REPLACE TEMP TABLE eqa_stage_events AS
SELECT ordinal * 3 AS ordinal, line, incident AS ticket_id, eqa_iso(opened) AS "at", 'created' AS type,
       NULL::VARCHAR AS level, NULL::VARCHAR AS department, NULL::VARCHAR AS agent_id,
       NULL::VARCHAR AS escalation_type, NULL::VARCHAR AS note, 'new' AS status, NULL::VARCHAR AS value
FROM eqa_sn_incident
UNION ALL
-- The current group is all the list shows: when it took the incident is unknown, so the assignment is
-- dated at opening. A group of level 2 or more becomes an entry step, never an escalation out of level 1.
SELECT ordinal * 3 + 1, line, incident, eqa_iso(opened), 'assigned',
       group_level::VARCHAR, eqa_blank(assignment_group), eqa_blank(assigned_to),
       NULL, NULL, NULL, NULL
FROM eqa_sn_incident WHERE eqa_blank(assignment_group) IS NOT NULL
UNION ALL
SELECT ordinal * 3 + 2, line, incident, eqa_iso(coalesce(resolved, closed)), 'resolved',
       NULL, eqa_blank(assignment_group), eqa_blank(resolved_by),
       NULL, close_notes, CASE WHEN status = 'closed' THEN 'closed' ELSE 'solved' END, NULL
FROM eqa_sn_incident WHERE has_ended;

DROP TABLE eqa_sn_incident;
DROP TABLE eqa_sn_priority;
DROP TABLE eqa_sn_state;
DROP TABLE eqa_sn_outcome;
DROP TABLE eqa_vendor_csv;
