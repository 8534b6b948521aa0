-- Scoring, part 1: the facts the four standards are judged on, for every case with an escalation step
-- (entry steps included). The rubric arrives as the temp tables and macros of rubric-tables.ts.

-- A number as evidence shows it: 72, not 72.0; 2.5 with one decimal.
CREATE OR REPLACE TEMP MACRO eqa_num(x) AS
  CASE WHEN x = round(x) THEN printf('%d', x::BIGINT) ELSE printf('%.1f', x) END;

CREATE OR REPLACE TEMP TABLE eqa_scored_tickets AS SELECT DISTINCT ticket_id FROM escalation_steps;

-- Waits that may pause a clock: each pending or on_hold status lasts until the ticket's next status.
CREATE OR REPLACE TEMP TABLE eqa_pauses AS
SELECT ticket_id, status, "at" AS from_at, coalesce(next_at, (SELECT data_end FROM store_facts)) AS to_at
FROM (
  SELECT ticket_id, "at", status, lead("at") OVER (PARTITION BY ticket_id ORDER BY "at", seq) AS next_at
  FROM events
  WHERE status IS NOT NULL AND ticket_id IN (SELECT ticket_id FROM eqa_scored_tickets)
)
WHERE status IN ('pending', 'on_hold') AND to_at > from_at;

-- The first time an agent acted on the case: a note, a move, a resolution, or a call.
CREATE OR REPLACE TEMP TABLE eqa_agent_actions AS
SELECT ticket_id, "at", agent_id FROM events
WHERE agent_id IS NOT NULL AND type IN ('note', 'escalated', 'de-escalated', 'resolved')
  AND ticket_id IN (SELECT ticket_id FROM eqa_scored_tickets)
UNION ALL
SELECT l.ticket_id, c.started_at, c.agent_id
FROM call_links l JOIN calls c USING (call_id)
WHERE c.agent_id IS NOT NULL AND l.ticket_id IN (SELECT ticket_id FROM eqa_scored_tickets);

CREATE OR REPLACE TEMP TABLE eqa_case_base AS
SELECT f.ticket_id, f.first_contact_at, f.resolved_at, f.is_resolved, f.escalations, f.max_level,
       t.category, t.policy, t.priority, t.channel,
       eqa_clock_of(t.category, t.policy) AS clock_id,
       (SELECT min(a."at") FROM eqa_agent_actions a WHERE a.ticket_id = f.ticket_id) AS first_response_at,
       sf.data_end
FROM case_facts f
JOIN eqa_scored_tickets USING (ticket_id)
LEFT JOIN tickets t USING (ticket_id)
CROSS JOIN store_facts sf;

-- The windows whose paused time matters: to the resolution (or the data's end), to the first response,
-- and to each step (was an SLA already missed when the case went up?).
CREATE OR REPLACE TEMP TABLE eqa_windows AS
SELECT ticket_id, 0 AS step_no, 'resolution' AS wkey, first_contact_at AS from_at, coalesce(resolved_at, data_end) AS to_at
FROM eqa_case_base
UNION ALL
SELECT ticket_id, 0, 'first_response', first_contact_at, coalesce(first_response_at, data_end) FROM eqa_case_base
UNION ALL
SELECT s.ticket_id, s.step_no, 'step', b.first_contact_at, s."at"
FROM escalation_steps s JOIN eqa_case_base b USING (ticket_id);

CREATE OR REPLACE TEMP TABLE eqa_window_pauses AS
SELECT w.ticket_id, w.step_no, w.wkey,
       sum(CASE WHEN p.status = 'pending' THEN epoch(least(p.to_at, w.to_at)) - epoch(greatest(p.from_at, w.from_at)) ELSE 0 END) AS pending_cal,
       sum(CASE WHEN p.status = 'on_hold' THEN epoch(least(p.to_at, w.to_at)) - epoch(greatest(p.from_at, w.from_at)) ELSE 0 END) AS on_hold_cal,
       sum(CASE WHEN p.status = 'pending' THEN eqa_business_at(least(p.to_at, w.to_at)) - eqa_business_at(greatest(p.from_at, w.from_at)) ELSE 0 END) AS pending_bus,
       sum(CASE WHEN p.status = 'on_hold' THEN eqa_business_at(least(p.to_at, w.to_at)) - eqa_business_at(greatest(p.from_at, w.from_at)) ELSE 0 END) AS on_hold_bus
FROM eqa_windows w
JOIN eqa_pauses p ON p.ticket_id = w.ticket_id AND p.from_at < w.to_at AND p.to_at > w.from_at
GROUP BY ALL;

-- Paused seconds of a window for a clock that pauses on the given statuses.
CREATE OR REPLACE TEMP MACRO eqa_paused(p, business, on_pending, on_hold) AS
  CASE WHEN business
       THEN (CASE WHEN on_pending THEN coalesce(p.pending_bus, 0) ELSE 0 END) + (CASE WHEN on_hold THEN coalesce(p.on_hold_bus, 0) ELSE 0 END)
       ELSE (CASE WHEN on_pending THEN coalesce(p.pending_cal, 0) ELSE 0 END) + (CASE WHEN on_hold THEN coalesce(p.on_hold_cal, 0) ELSE 0 END)
  END;

-- Every survey answer with its time (DECISIONS §1: a survey event without a value takes the ticket's
-- csat; a ticket with no survey event at all keeps its snapshot csat as its one answer).
CREATE OR REPLACE TABLE survey_answers AS
WITH answers AS (
  SELECT e.ticket_id, e."at", e.seq, coalesce(nullif(trim(e.value), ''), t.csat::VARCHAR) AS raw_value, 'event' AS source
  FROM events e LEFT JOIN tickets t USING (ticket_id)
  WHERE e.type = 'survey'
  UNION ALL
  SELECT t.ticket_id, coalesce(t.resolved_at, t.created_at), NULL, t.csat::VARCHAR, 'ticket_snapshot'
  FROM tickets t ANTI JOIN (SELECT DISTINCT ticket_id FROM events WHERE type = 'survey') s USING (ticket_id)
  WHERE t.csat IS NOT NULL
),
scaled AS (
  SELECT a.*,
         coalesce(try_cast(try_cast(a.raw_value AS INTEGER) AS VARCHAR), lower(trim(a.raw_value))) AS answer,
         CASE
           WHEN lower(trim(a.raw_value)) IN ('up', 'down') THEN 'thumbs'
           WHEN lower(trim(a.raw_value)) IN ('good', 'bad') THEN 'good_bad'
           WHEN try_cast(a.raw_value AS INTEGER) BETWEEN 1 AND 5 AND r.numeric_scale = 'csat' THEN 'csat'
           WHEN try_cast(a.raw_value AS INTEGER) BETWEEN 0 AND 10 THEN 'nps'
         END AS scale
  FROM answers a CROSS JOIN eqa_rubric r
  WHERE a.raw_value IS NOT NULL
)
SELECT s.ticket_id, s."at", s.seq, s.raw_value, s.scale, k.points::DOUBLE AS points, s.source
FROM scaled s LEFT JOIN eqa_rubric_scale k ON k.scale = s.scale AND k.answer = s.answer;

-- Everyone who handled a scored case: satisfaction and resolution are credited to all of them.
CREATE OR REPLACE TABLE case_agents AS
SELECT DISTINCT x.ticket_id, x.agent_id, a.team, a.department
FROM (
  SELECT ticket_id, agent_id FROM events
  WHERE agent_id IS NOT NULL AND ticket_id IN (SELECT ticket_id FROM eqa_scored_tickets)
  UNION ALL
  SELECT ticket_id, agent_id FROM eqa_agent_actions
) x
LEFT JOIN agents a USING (agent_id);

-- The next contact after each handover: the first linked call with a transcript.
CREATE OR REPLACE TEMP TABLE eqa_next_contact AS
SELECT s.ticket_id, s.step_no,
       arg_min(c.call_id, c.started_at) AS call_id,
       arg_min(c.transcript, c.started_at) AS transcript
FROM escalation_steps s
JOIN call_links l ON l.ticket_id = s.ticket_id
JOIN calls c ON c.call_id = l.call_id
WHERE c.started_at > s."at" AND c.transcript IS NOT NULL AND trim(c.transcript) <> ''
GROUP BY s.ticket_id, s.step_no;

-- A step can only be judged on its handover when its export carries notes at all: a file without any
-- note (many service-desk exports) leaves assessment quality unscored rather than 0.
CREATE OR REPLACE TEMP TABLE eqa_files_with_notes AS
SELECT DISTINCT source_file FROM events WHERE note IS NOT NULL AND trim(note) <> '';

CREATE OR REPLACE TEMP TABLE eqa_handover_source AS
SELECT s.ticket_id || '#' || s.step_no AS step_key, s.ticket_id, s.step_no,
       CASE WHEN trim(s.note) <> '' THEN s.note END AS note, n.transcript AS next_contact,
       e.source_file IN (SELECT source_file FROM eqa_files_with_notes) AS notes_exported
FROM escalation_steps s
JOIN events e ON e.ticket_id = s.ticket_id AND e.seq = s.seq
LEFT JOIN eqa_next_contact n ON n.ticket_id = s.ticket_id AND n.step_no = s.step_no;

-- When the next tier first acted after the handover (someone other than the agent who handed over).
CREATE OR REPLACE TEMP TABLE eqa_next_action AS
SELECT s.ticket_id, s.step_no, min(a."at") AS acted_at
FROM escalation_steps s
JOIN eqa_agent_actions a ON a.ticket_id = s.ticket_id AND a."at" > s."at" AND a.agent_id IS DISTINCT FROM s.agent_id
GROUP BY s.ticket_id, s.step_no;

-- The departments a step visited at its level, in order, until the level changed: a step is numbered
-- by the running count of step events along the ticket's trail (the same order that numbered them).
CREATE OR REPLACE TEMP TABLE eqa_step_departments AS
WITH trail AS (
  SELECT e.ticket_id, e."at", e.seq, e.level, e.department,
         sum(CASE WHEN st.seq IS NULL THEN 0 ELSE 1 END)
           OVER (PARTITION BY e.ticket_id ORDER BY e."at", e.seq ROWS UNBOUNDED PRECEDING) AS step_no
  FROM events e
  LEFT JOIN escalation_steps st ON st.ticket_id = e.ticket_id AND st.seq = e.seq
  WHERE e.level IS NOT NULL AND e.ticket_id IN (SELECT ticket_id FROM eqa_scored_tickets)
),
at_level AS (
  SELECT t.ticket_id, t.step_no, t."at", t.seq, t.department,
         t.department IS DISTINCT FROM lag(t.department) OVER (PARTITION BY t.ticket_id, t.step_no ORDER BY t."at", t.seq) AS changed
  FROM trail t
  JOIN escalation_steps st ON st.ticket_id = t.ticket_id AND st.step_no = t.step_no
  WHERE t.level = st.to_level AND t.department IS NOT NULL
)
SELECT ticket_id, step_no, list(department ORDER BY "at", seq) FILTER (WHERE changed) AS visited
FROM at_level
GROUP BY ticket_id, step_no;
