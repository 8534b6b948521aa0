-- Rebuilds practice_daily and practice_monthly (migration 007) from the tickets, the escalation
-- chains and the scores. Runs inside the scoring run's transaction, after case_scores is written.
--
-- A practice is the ticket's policy, or its category where it cites none; a ticket with neither is
-- the practice 'category:(none)'. A case whose events have no ticket row has no practice and is left
-- out. Tickets are dated by created_at; an escalated case (at least one escalation step, entry steps
-- not counted) by its first escalation step, as truth.json's planted periods are.
--
-- A repeat contact is the customer coming back after the case was handled: the ticket was reopened,
-- or it has more than one linked call (call_links). Both count, because a customer who phones twice
-- about one ticket has repeated the contact as much as one who reopens it.
DELETE FROM practice_daily;

INSERT INTO practice_daily
WITH practice_of AS (
  SELECT ticket_id, created_at, outcome,
         CASE WHEN nullif(trim(policy), '') IS NOT NULL THEN 'policy' ELSE 'category' END AS kind,
         coalesce(nullif(trim(policy), ''), nullif(trim(category), ''), '(none)') AS name
  FROM tickets
),
first_steps AS (
  SELECT ticket_id, min("at") AS first_at FROM escalation_steps WHERE NOT is_entry GROUP BY ticket_id
),
linked_calls AS (
  SELECT ticket_id, count(*) AS calls FROM call_links WHERE ticket_id IS NOT NULL GROUP BY ticket_id
),
reopened AS (
  SELECT DISTINCT ticket_id FROM events WHERE type = 'reopened'
),
escalated AS (
  SELECT p.kind, p.name, f.first_at::DATE AS day,
         count(*) AS escalated,
         count(*) FILTER (WHERE p.outcome IN ('upheld', 'overturned', 'partial')) AS decided,
         count(*) FILTER (WHERE p.outcome IN ('overturned', 'partial')) AS overturned_or_partial,
         count(*) FILTER (WHERE c.max_level >= 3) AS reached_l3,
         count(s.satisfaction) AS surveyed,
         count(*) FILTER (WHERE s.satisfaction < 50) AS dissatisfied,
         count(*) FILTER (WHERE coalesce(l.calls, 0) > 1 OR r.ticket_id IS NOT NULL) AS repeat_contact
  FROM case_facts c
  JOIN first_steps f USING (ticket_id)
  JOIN practice_of p USING (ticket_id)
  LEFT JOIN case_scores s USING (ticket_id)
  LEFT JOIN linked_calls l USING (ticket_id)
  LEFT JOIN reopened r USING (ticket_id)
  WHERE c.escalations > 0
  GROUP BY ALL
),
created AS (
  SELECT kind, name, created_at::DATE AS day, count(*) AS tickets
  FROM practice_of WHERE created_at IS NOT NULL
  GROUP BY ALL
)
SELECT kind || ':' || name AS practice, kind, day,
       coalesce(t.tickets, 0), coalesce(e.escalated, 0), coalesce(e.decided, 0),
       coalesce(e.overturned_or_partial, 0), coalesce(e.reached_l3, 0), coalesce(e.surveyed, 0),
       coalesce(e.dissatisfied, 0), coalesce(e.repeat_contact, 0)
FROM created t
FULL JOIN escalated e USING (kind, name, day);

DELETE FROM practice_monthly;

INSERT INTO practice_monthly
SELECT practice, kind, date_trunc('month', day)::DATE AS month,
       sum(tickets), sum(escalated), sum(decided), sum(overturned_or_partial), sum(reached_l3),
       sum(surveyed), sum(dissatisfied), sum(repeat_contact)
FROM practice_daily
GROUP BY ALL;
