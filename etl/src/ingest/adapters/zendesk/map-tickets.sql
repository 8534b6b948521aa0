-- Zendesk tickets (Tickets API objects) → canonical tickets, plus the events a snapshot can tell:
-- `created`, `resolved` (status solved or closed) and `survey` (a good or bad satisfaction_rating).
-- Reads eqa_zd_records, eqa_zd_groups, eqa_zd_metric_sets; writes eqa_stage_tickets,
-- eqa_stage_events and eqa_adapter_rejects (line, field, value, reason).

CREATE OR REPLACE TEMP TABLE eqa_zd_ticket_fields AS
SELECT r.ordinal, r.line, r.raw, r.doc IS NULL AS malformed,
       json_transform(r.doc, '{"id": "VARCHAR", "created_at": "VARCHAR", "updated_at": "VARCHAR",
         "status": "VARCHAR", "priority": "VARCHAR", "type": "VARCHAR", "via": {"channel": "VARCHAR"},
         "group_id": "VARCHAR", "requester_id": "VARCHAR",
         "satisfaction_rating": {"score": "VARCHAR", "comment": "VARCHAR", "created_at": "VARCHAR",
                                 "updated_at": "VARCHAR"}}') AS t
FROM eqa_zd_records r;

CREATE OR REPLACE TEMP TABLE eqa_zd_ticket_checked AS
WITH parsed AS (
  SELECT f.ordinal, f.line, f.raw, f.malformed,
         nullif(trim(f.t.id), '') AS id,
         nullif(trim(f.t.created_at), '') AS created_at,
         nullif(trim(f.t.updated_at), '') AS updated_at,
         nullif(lower(trim(f.t.status)), '') AS status,
         nullif(lower(trim(f.t.priority)), '') AS priority,
         nullif(trim(f.t.type), '') AS type,
         nullif(trim(f.t.via.channel), '') AS channel,
         nullif(trim(f.t.group_id), '') AS group_id,
         nullif(trim(f.t.requester_id), '') AS requester_id,
         nullif(lower(trim(f.t.satisfaction_rating.score)), '') AS score,
         nullif(trim(f.t.satisfaction_rating.comment, ' ' || chr(9) || chr(10) || chr(13)), '') AS score_comment,
         nullif(trim(coalesce(f.t.satisfaction_rating.updated_at, f.t.satisfaction_rating.created_at)), '') AS rated_at,
         nullif(trim(m.solved_at), '') AS solved_at
  FROM eqa_zd_ticket_fields f
  LEFT JOIN eqa_zd_metric_sets m ON m.ticket_id = f.t.id
),
timed AS (
  -- Without a side-loaded metric set the export has no solve time: updated_at is its upper bound.
  SELECT *, CASE WHEN status IN ('solved', 'closed') THEN coalesce(solved_at, updated_at) END AS resolved_at
  FROM parsed
)
SELECT *, CASE
  WHEN malformed THEN {'field': 'record', 'value': raw, 'reason': 'not valid JSON'}
  WHEN id IS NULL THEN {'field': 'id', 'value': NULL::VARCHAR, 'reason': 'missing required value'}
  WHEN created_at IS NULL THEN {'field': 'created_at', 'value': NULL::VARCHAR, 'reason': 'missing required value'}
  WHEN eqa_zd_time_problem(created_at) IS NOT NULL
    THEN {'field': 'created_at', 'value': created_at, 'reason': eqa_zd_time_problem(created_at)}
  WHEN eqa_zd_time_problem(updated_at) IS NOT NULL
    THEN {'field': 'updated_at', 'value': updated_at, 'reason': eqa_zd_time_problem(updated_at)}
  WHEN eqa_zd_time_problem(solved_at) IS NOT NULL
    THEN {'field': 'metric_sets.solved_at', 'value': solved_at, 'reason': eqa_zd_time_problem(solved_at)}
  WHEN eqa_zd_time_problem(rated_at) IS NOT NULL
    THEN {'field': 'satisfaction_rating.updated_at', 'value': rated_at, 'reason': eqa_zd_time_problem(rated_at)}
  WHEN status IS NOT NULL AND eqa_zd_status(status) IS NULL
    THEN {'field': 'status', 'value': status, 'reason': 'not a Zendesk status (new, open, pending, hold, solved, closed)'}
  WHEN score IS NOT NULL AND score NOT IN ('good', 'bad', 'offered', 'unoffered')
    THEN {'field': 'satisfaction_rating.score', 'value': score,
          'reason': 'not a Zendesk satisfaction score (good, bad, offered, unoffered)'}
  WHEN eqa_zd_time(resolved_at) < eqa_zd_time(created_at)
    THEN {'field': CASE WHEN solved_at IS NULL THEN 'updated_at' ELSE 'metric_sets.solved_at' END,
          'value': resolved_at, 'reason': 'resolved before created'}
END AS problem
FROM timed;

-- A ticket exported twice (incremental exports repeat updated tickets): the last record wins.
CREATE OR REPLACE TEMP TABLE eqa_zd_ticket_ranked AS
SELECT *, row_number() OVER (PARTITION BY id ORDER BY ordinal DESC) AS key_rank
FROM eqa_zd_ticket_checked WHERE problem IS NULL;

CREATE OR REPLACE TEMP TABLE eqa_adapter_rejects AS
SELECT line, problem.field AS field, problem.value AS value,
       problem.reason || eqa_zd_position('tickets', line, ordinal) AS reason
FROM eqa_zd_ticket_checked WHERE problem IS NOT NULL
UNION ALL
SELECT line, 'id', id,
       'duplicate id: superseded by a later record of the same ticket' || eqa_zd_position('tickets', line, ordinal)
FROM eqa_zd_ticket_ranked WHERE key_rank > 1;

CREATE OR REPLACE TEMP TABLE eqa_zd_ticket_good AS
SELECT k.*, coalesce(g.name, k.group_id) AS department
FROM eqa_zd_ticket_ranked k LEFT JOIN eqa_zd_groups g ON g.id = k.group_id
WHERE k.key_rank = 1;

-- satisfaction_rating.score: good = 5, bad = 1 on the canonical 1–5 csat (Zendesk's legacy CSAT is
-- two-valued, so its ends); offered/unoffered = not answered = no csat.
CREATE OR REPLACE TEMP TABLE eqa_stage_tickets AS
SELECT ordinal, line,
       id AS ticket_id, created_at, resolved_at, requester_id AS customer_id,
       eqa_zd_channel(channel) AS channel, type AS category, NULL::VARCHAR AS policy, priority,
       eqa_zd_status(status) AS status,
       CASE score WHEN 'good' THEN '5' WHEN 'bad' THEN '1' END AS csat,
       NULL::VARCHAR AS outcome
FROM eqa_zd_ticket_good;

-- The snapshot's events carry no level: the current group is where the ticket ended, not where it was
-- created, and a level on it would invent an entry step. The resolved event names the final group.
CREATE OR REPLACE TEMP TABLE eqa_stage_events AS
SELECT row_number() OVER (ORDER BY ordinal, rank) AS ordinal, line, ticket_id, "at", type,
       NULL::VARCHAR AS level, department, NULL::VARCHAR AS agent_id, NULL::VARCHAR AS escalation_type,
       note, status, value
FROM (
  SELECT ordinal, line, 1 AS rank, id AS ticket_id, created_at AS "at", 'created' AS type,
         NULL::VARCHAR AS department, NULL::VARCHAR AS note, 'new' AS status, NULL::VARCHAR AS value
  FROM eqa_zd_ticket_good
  UNION ALL
  SELECT ordinal, line, 2, id, resolved_at, 'resolved', department, NULL, eqa_zd_status(status), NULL
  FROM eqa_zd_ticket_good WHERE resolved_at IS NOT NULL
  UNION ALL
  -- The embedded rating has no time of its own in most exports: the ticket's last update bounds it.
  SELECT ordinal, line, 3, id, coalesce(rated_at, updated_at), 'survey', NULL, score_comment,
         eqa_zd_status(status), score
  FROM eqa_zd_ticket_good WHERE score IN ('good', 'bad') AND coalesce(rated_at, updated_at) IS NOT NULL
);
