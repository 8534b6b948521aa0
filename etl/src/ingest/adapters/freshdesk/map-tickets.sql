-- Freshdesk tickets export → canonical tickets and the events a snapshot can tell: `created`,
-- `assigned` to the ticket's group (level from its name; at creation, the only time the export
-- gives — so a ticket sitting in a level 2–4 group is an entry step, not an escalation: moves between
-- groups are not in this export), `resolved` and `survey`.
-- Reads eqa_vendor_csv; writes eqa_stage_tickets, eqa_stage_events and eqa_adapter_rejects.

CREATE OR REPLACE TEMP TABLE eqa_fd_checked AS
WITH parsed AS (
  SELECT ordinal, line,
         nullif(trim(ticket_id), '') AS ticket_id,
         nullif(trim(status), '') AS status,
         nullif(trim(priority), '') AS priority,
         nullif(trim(source), '') AS source,
         nullif(trim(type), '') AS type,
         nullif(trim(agent), '') AS agent,
         nullif(trim(group_name), '') AS group_name,
         nullif(trim(created_time), '') AS created_time,
         nullif(trim(resolved_time), '') AS resolved_time,
         nullif(trim(closed_time), '') AS closed_time,
         nullif(trim(last_update_time), '') AS last_update_time,
         nullif(trim(survey_result), '') AS survey_result,
         nullif(trim(contact_id), '') AS contact_id
  FROM eqa_vendor_csv
)
SELECT *, coalesce(resolved_time, closed_time) AS resolved_at, CASE
  WHEN ticket_id IS NULL THEN {'field': 'Ticket ID', 'value': NULL::VARCHAR, 'reason': 'missing required value'}
  WHEN created_time IS NULL THEN {'field': 'Created time', 'value': NULL::VARCHAR, 'reason': 'missing required value'}
  WHEN eqa_fd_time_problem(created_time) IS NOT NULL
    THEN {'field': 'Created time', 'value': created_time, 'reason': eqa_fd_time_problem(created_time)}
  WHEN eqa_fd_time_problem(resolved_time) IS NOT NULL
    THEN {'field': 'Resolved time', 'value': resolved_time, 'reason': eqa_fd_time_problem(resolved_time)}
  WHEN eqa_fd_time_problem(closed_time) IS NOT NULL
    THEN {'field': 'Closed time', 'value': closed_time, 'reason': eqa_fd_time_problem(closed_time)}
  WHEN eqa_fd_time_problem(last_update_time) IS NOT NULL
    THEN {'field': 'Last update time', 'value': last_update_time, 'reason': eqa_fd_time_problem(last_update_time)}
  WHEN status IS NOT NULL AND eqa_fd_status(status) IS NULL
    THEN {'field': 'Status', 'value': status, 'reason': 'not a known Freshdesk status (' || eqa_fd_statuses() || ')'}
  WHEN survey_result IS NOT NULL AND eqa_fd_csat(survey_result) IS NULL
    THEN {'field': 'Survey results', 'value': survey_result,
          'reason': 'not a known Freshdesk survey answer (Awesome, Just Okay, Not Good, or a seven-point answer from Extremely Happy to Extremely Unhappy)'}
  WHEN eqa_fd_status(status) IN ('solved', 'closed') AND coalesce(resolved_time, closed_time) IS NULL
    THEN {'field': 'Resolved time', 'value': NULL::VARCHAR, 'reason': 'a resolved or closed ticket without a Resolved or Closed time'}
  WHEN eqa_fd_time(coalesce(resolved_time, closed_time)) < eqa_fd_time(created_time)
    THEN {'field': CASE WHEN resolved_time IS NULL THEN 'Closed time' ELSE 'Resolved time' END,
          'value': coalesce(resolved_time, closed_time), 'reason': 'resolved before created'}
END AS problem
FROM parsed;

-- A ticket exported twice: the last record wins.
CREATE OR REPLACE TEMP TABLE eqa_fd_ranked AS
SELECT *, row_number() OVER (PARTITION BY ticket_id ORDER BY ordinal DESC) AS key_rank
FROM eqa_fd_checked WHERE problem IS NULL;

CREATE OR REPLACE TEMP TABLE eqa_adapter_rejects AS
SELECT line, problem.field AS field, problem.value AS value, problem.reason AS reason
FROM eqa_fd_checked WHERE problem IS NOT NULL
UNION ALL
SELECT line, 'Ticket ID', ticket_id, 'duplicate Ticket ID: superseded by a later record of the same ticket'
FROM eqa_fd_ranked WHERE key_rank > 1;

CREATE OR REPLACE TEMP TABLE eqa_fd_good AS SELECT * FROM eqa_fd_ranked WHERE key_rank = 1;

-- resolved_at is the export's snapshot (Resolved time, else Closed time), kept even for a ticket open
-- again: the events decide whether it is resolved now.
CREATE OR REPLACE TEMP TABLE eqa_stage_tickets AS
SELECT ordinal, line,
       ticket_id, eqa_fd_iso(created_time) AS created_at, eqa_fd_iso(resolved_at) AS resolved_at,
       contact_id AS customer_id, eqa_fd_channel(source) AS channel, type AS category,
       NULL::VARCHAR AS policy, eqa_priority(priority) AS priority, eqa_fd_status(status) AS status,
       eqa_fd_csat(survey_result)::VARCHAR AS csat, NULL::VARCHAR AS outcome
FROM eqa_fd_good;

CREATE OR REPLACE TEMP TABLE eqa_stage_events AS
SELECT row_number() OVER (ORDER BY ordinal, rank) AS ordinal, line, ticket_id, "at", type,
       level::VARCHAR AS level, department, agent_id, NULL::VARCHAR AS escalation_type,
       NULL::VARCHAR AS note, status, value
FROM (
  SELECT ordinal, line, 1 AS rank, ticket_id, eqa_fd_iso(created_time) AS "at", 'created' AS type,
         NULL::INTEGER AS level, NULL::VARCHAR AS department, NULL::VARCHAR AS agent_id, 'open' AS status,
         NULL::VARCHAR AS value
  FROM eqa_fd_good
  UNION ALL
  SELECT ordinal, line, 2, ticket_id, eqa_fd_iso(created_time), 'assigned',
         eqa_group_level(group_name), group_name, agent, 'open', NULL
  FROM eqa_fd_good WHERE group_name IS NOT NULL OR agent IS NOT NULL
  UNION ALL
  SELECT ordinal, line, 3, ticket_id, eqa_fd_iso(resolved_at), 'resolved',
         eqa_group_level(group_name), group_name, agent, eqa_fd_status(status), NULL
  FROM eqa_fd_good WHERE eqa_fd_status(status) IN ('solved', 'closed')
  UNION ALL
  -- The export gives no time for the answer: the ticket's last update bounds it.
  SELECT ordinal, line, 4, ticket_id, eqa_fd_iso(coalesce(last_update_time, resolved_at, created_time)), 'survey',
         NULL, NULL, NULL, eqa_fd_status(status), survey_result
  FROM eqa_fd_good WHERE survey_result IS NOT NULL
);
