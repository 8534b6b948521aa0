-- Rebuilds every derived table from the canonical ones. Runs in one transaction, so readers see the
-- old derived tables until the new ones are complete.

-- One escalation step per level increase (DECISIONS §2): L1 → L3 is one step to level 3 with level 2
-- recorded as skipped; a new increase after a de-escalation is a new step; a move between departments
-- of the same level is a reassignment, not a step. A case first seen above level 1 gets an entry step,
-- not counted as an escalation, unless its first event is itself `escalated`: the export says the case
-- arrived escalated (a regulator complaint is a level 4 escalation from its first row, DECISIONS §2).
--
-- One ordered pass over the events serves the steps and the reassignments alike (a sort of millions
-- of rows, done once): the level last known before each event, the department last known, and the
-- level of the last event that named a department (wrapped in a struct so that an unknown level
-- there is kept, not skipped).
-- Narrow on purpose: the notes of the few events that are steps are joined back afterwards.
CREATE OR REPLACE TEMP TABLE eqa_event_trail AS
SELECT ticket_id, seq, "at", type, level, department,
       lag(level IGNORE NULLS) OVER w AS prev_level,
       lag(department IGNORE NULLS) OVER w AS prev_department,
       lag(CASE WHEN department IS NOT NULL THEN {'level': level} END IGNORE NULLS) OVER w AS prev_department_event
FROM events
WHERE level IS NOT NULL OR department IS NOT NULL
WINDOW w AS (PARTITION BY ticket_id ORDER BY "at", seq);

CREATE OR REPLACE TABLE escalation_steps AS
WITH steps AS (
  SELECT ticket_id, seq, "at", type, level, department, prev_level,
         row_number() OVER (PARTITION BY ticket_id ORDER BY "at", seq)::INTEGER AS step_no
  FROM eqa_event_trail
  WHERE level IS NOT NULL
    AND ((prev_level IS NULL AND (level > 1 OR type = 'escalated')) OR level > prev_level)
)
SELECT s.ticket_id,
       s.step_no,
       s."at",
       s.prev_level AS from_level,
       s.level AS to_level,
       CASE WHEN s.prev_level IS NULL THEN []::INTEGER[] ELSE range(s.prev_level + 1, s.level)::INTEGER[] END AS skipped_levels,
       s.prev_level IS NULL AND s.type <> 'escalated' AS is_entry,
       s.department, e.agent_id, e.escalation_type, e.note, s.seq
FROM steps s
JOIN events e ON e.ticket_id = s.ticket_id AND e.seq = s.seq;

CREATE OR REPLACE TABLE store_facts AS
SELECT min(t) AS data_start, max(t) AS data_end, now()::TIMESTAMP AS rebuilt_at
FROM (
  SELECT "at" AS t FROM events
  UNION ALL SELECT started_at FROM calls
  UNION ALL SELECT ended_at FROM calls
);

-- Per case: first contact (earliest event or call), resolution derived from the events (the last of
-- resolved/reopened decides: a reopened ticket is open), and the 30-day status (DECISIONS §3).
CREATE OR REPLACE TABLE case_facts AS
WITH contacts AS (
  SELECT ticket_id, min(t) AS first_contact_at
  FROM (
    SELECT ticket_id, "at" AS t FROM events
    UNION ALL
    SELECT l.ticket_id, c.started_at FROM call_links l JOIN calls c USING (call_id) WHERE l.ticket_id IS NOT NULL
  )
  GROUP BY ticket_id
),
closing AS (
  SELECT ticket_id, type = 'resolved' AS is_resolved, "at" AS closed_at
  FROM (
    SELECT ticket_id, type, "at",
           row_number() OVER (PARTITION BY ticket_id ORDER BY "at" DESC, seq DESC) AS recency
    FROM events WHERE type IN ('resolved', 'reopened')
  )
  WHERE recency = 1
),
steps AS (
  SELECT ticket_id, count(*) FILTER (WHERE NOT is_entry)::INTEGER AS escalations, max(to_level) AS max_level
  FROM escalation_steps GROUP BY ticket_id
),
-- Moves between departments without a level increase: reassignments (ping-pong transfers are a QA
-- signal). Events with an unknown level count when their department changes.
moves AS (
  SELECT ticket_id,
         count(*) FILTER (WHERE prev_department IS NOT NULL AND department <> prev_department
                          AND coalesce(level = prev_department_event.level, true))::INTEGER AS reassignments
  FROM eqa_event_trail WHERE department IS NOT NULL
  GROUP BY ticket_id
)
SELECT c.ticket_id,
       c.first_contact_at,
       CASE WHEN k.is_resolved THEN k.closed_at END AS resolved_at,
       coalesce(k.is_resolved, false) AS is_resolved,
       coalesce(s.escalations, 0) AS escalations,
       s.max_level,
       coalesce(m.reassignments, 0) AS reassignments,
       CASE
         WHEN k.is_resolved AND epoch(k.closed_at) - epoch(c.first_contact_at) <= 30 * 86400 THEN 'within_30_days'
         WHEN k.is_resolved THEN 'late'
         WHEN epoch(f.data_end) - epoch(c.first_contact_at) < 30 * 86400 THEN 'not_yet_due'
         ELSE 'overdue_open'
       END AS resolution_status
FROM contacts c
LEFT JOIN closing k USING (ticket_id)
LEFT JOIN steps s USING (ticket_id)
LEFT JOIN moves m USING (ticket_id)
CROSS JOIN store_facts f;

-- What the Overview reads: daily counts, summed into weeks at query time (a range may cut a week).
CREATE OR REPLACE TABLE overview_daily_escalations AS
SELECT "at"::DATE AS day, to_level AS level, count(*) AS escalations
FROM escalation_steps WHERE NOT is_entry
GROUP BY ALL;

CREATE OR REPLACE TABLE overview_daily_resolution AS
SELECT first_contact_at::DATE AS day,
       count(*) AS escalated_cases,
       count(*) FILTER (WHERE resolution_status <> 'not_yet_due') AS due,
       count(*) FILTER (WHERE resolution_status = 'within_30_days') AS resolved_within_30_days,
       count(*) FILTER (WHERE resolution_status = 'not_yet_due') AS not_yet_due
FROM case_facts WHERE escalations > 0
GROUP BY ALL;
