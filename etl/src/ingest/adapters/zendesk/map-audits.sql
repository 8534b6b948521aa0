-- Zendesk ticket audits → canonical events. An audit is one update of a ticket (one agent's submit, one
-- automation run); its events (Create, Change, Comment, SatisfactionRating, …) are read together:
--   Create                      → `created`, with the group, assignee and status set at creation, and
--                                 a private comment of the same audit as its note (an entry step's
--                                 handover; the public one is the customer's own description);
--   Change group_id             → `escalated` / `de-escalated` when the group's level rises / falls,
--                                 else `assigned` (a reassignment: same level, or a group of unknown level);
--   Change assignee_id alone    → `assigned` at the current group and level;
--   private Comment             → the handover `note` of a group change in the same audit, or in the
--                                 audit just before it (same author, within 30 minutes); else a `note`;
--   public Comment by requester → `customer_reply`; public agent replies have no canonical event;
--   Change status               → `resolved` (to solved, or to closed from an open status), `reopened`
--                                 (from solved/closed to an open status); every event carries the status
--                                 after its audit, and a status change with nothing else is a `note`
--                                 without text (how the canonical format records a wait starting);
--   satisfaction_score good/bad → `survey`, value as exported, satisfaction_comment as its note.
-- An escalation's type comes from a tag added in the same audit (escalation_expertise, _automatic,
-- _hierarchical, _customer), else `automatic` when an automation (via.source.rel) made the move.
-- Reads eqa_zd_records, eqa_zd_groups, eqa_zd_users; writes eqa_stage_events, eqa_adapter_rejects.

CREATE OR REPLACE TEMP TABLE eqa_zd_audit_fields AS
SELECT r.ordinal, r.line, r.raw, r.doc IS NULL AS malformed,
       json_transform(r.doc, '{"id": "VARCHAR", "ticket_id": "VARCHAR", "created_at": "VARCHAR",
         "author_id": "VARCHAR", "via": {"channel": "VARCHAR", "source": {"rel": "VARCHAR"}},
         "events": [{"id": "VARCHAR", "type": "VARCHAR", "field_name": "VARCHAR", "value": "JSON",
                     "previous_value": "JSON", "body": "VARCHAR", "public": "VARCHAR", "score": "VARCHAR"}]}') AS a
FROM eqa_zd_records r;

-- One row per audit event; values as text (a list, such as tags, stays JSON).
CREATE OR REPLACE TEMP TABLE eqa_zd_changes AS
SELECT audit_ord, ev_no, ev.type AS ev_type, ev.field_name AS field,
       nullif(trim(json_extract_string(ev.value, '$')), '') AS value,
       nullif(trim(json_extract_string(ev.previous_value, '$')), '') AS previous_value,
       nullif(trim(ev.body, ' ' || chr(9) || chr(10) || chr(13)), '') AS body,
       lower(ev.public) = 'true' AS is_public,
       lower(ev.score) AS rating_score,
       CASE WHEN ev.field_name = 'tags' THEN list_filter(
              coalesce(json_transform(ev.value, '["VARCHAR"]'), []),
              x -> NOT list_contains(coalesce(json_transform(ev.previous_value, '["VARCHAR"]'), []), x)
                   AND regexp_full_match(lower(x), 'escalation_(expertise|automatic|hierarchical|customer)'))[1]
       END AS escalation_tag
FROM (SELECT ordinal AS audit_ord, unnest(a.events) AS ev, generate_subscripts(a.events, 1) AS ev_no
      FROM eqa_zd_audit_fields WHERE NOT malformed);

CREATE OR REPLACE TEMP TABLE eqa_zd_audit_checked AS
WITH event_problems AS (
  SELECT audit_ord, arg_min(problem, ev_no) AS problem
  FROM (
    SELECT audit_ord, ev_no, CASE
      WHEN field = 'status' AND ev_type IN ('Create', 'Change') AND value IS NOT NULL AND eqa_zd_status(value) IS NULL
        THEN {'field': 'events[' || (ev_no - 1) || '].value', 'value': value,
              'reason': 'not a Zendesk status (new, open, pending, hold, solved, closed)'}
      WHEN field = 'satisfaction_score' AND value IS NOT NULL
           AND lower(value) NOT IN ('good', 'bad', 'offered', 'unoffered')
        THEN {'field': 'events[' || (ev_no - 1) || '].value', 'value': value,
              'reason': 'not a Zendesk satisfaction score (good, bad, offered, unoffered)'}
    END AS problem
    FROM eqa_zd_changes
  )
  WHERE problem IS NOT NULL
  GROUP BY audit_ord
),
parsed AS (
  SELECT f.ordinal AS audit_ord, f.line, f.raw, f.malformed,
         nullif(trim(f.a.id), '') AS audit_id,
         nullif(trim(f.a.ticket_id), '') AS ticket_id,
         nullif(trim(f.a.created_at), '') AS created_at,
         nullif(trim(f.a.author_id), '') AS author_id,
         lower(f.a.via.source.rel) AS via_rel,
         p.problem AS event_problem
  FROM eqa_zd_audit_fields f LEFT JOIN event_problems p ON p.audit_ord = f.ordinal
)
SELECT * EXCLUDE (event_problem), CASE
  WHEN malformed THEN {'field': 'record', 'value': raw, 'reason': 'not valid JSON'}
  WHEN ticket_id IS NULL THEN {'field': 'ticket_id', 'value': NULL::VARCHAR, 'reason': 'missing required value'}
  WHEN created_at IS NULL THEN {'field': 'created_at', 'value': NULL::VARCHAR, 'reason': 'missing required value'}
  WHEN eqa_zd_time_problem(created_at) IS NOT NULL
    THEN {'field': 'created_at', 'value': created_at, 'reason': eqa_zd_time_problem(created_at)}
  ELSE event_problem
END AS problem
FROM parsed;

-- An audit exported twice (overlapping pages): the last copy wins.
CREATE OR REPLACE TEMP TABLE eqa_zd_audit_ranked AS
SELECT *, row_number() OVER (PARTITION BY coalesce(audit_id, audit_ord::VARCHAR) ORDER BY audit_ord DESC) AS key_rank
FROM eqa_zd_audit_checked WHERE problem IS NULL;

CREATE OR REPLACE TEMP TABLE eqa_adapter_rejects AS
SELECT line, problem.field AS field, problem.value AS value,
       problem.reason || eqa_zd_position('audits', line, audit_ord) AS reason
FROM eqa_zd_audit_checked WHERE problem IS NOT NULL
UNION ALL
SELECT line, 'id', audit_id,
       'duplicate audit id: superseded by a later record of the same audit' || eqa_zd_position('audits', line, audit_ord)
FROM eqa_zd_audit_ranked WHERE key_rank > 1;

-- Per audit, what it changed: the last value of each field it set, its comments and its rating.
CREATE OR REPLACE TEMP TABLE eqa_zd_sets AS
SELECT a.audit_ord, a.line, a.ticket_id, a.created_at AS "at", eqa_zd_time(a.created_at) AS at_ts,
       a.author_id, a.via_rel,
       coalesce(bool_or(c.ev_type = 'Create'), false) AS is_create,
       arg_max(c.value, c.ev_no) FILTER (WHERE c.field = 'group_id' AND c.ev_type IN ('Create', 'Change')) AS group_value,
       coalesce(bool_or(c.field = 'group_id' AND c.ev_type = 'Change'), false) AS group_changed,
       arg_max(c.value, c.ev_no) FILTER (WHERE c.field = 'assignee_id' AND c.ev_type IN ('Create', 'Change')) AS assignee_value,
       coalesce(bool_or(c.field = 'assignee_id' AND c.ev_type = 'Change'), false) AS assignee_changed,
       arg_max(lower(c.value), c.ev_no) FILTER (WHERE c.field = 'status' AND c.ev_type IN ('Create', 'Change')) AS status_value,
       arg_max(lower(c.previous_value), c.ev_no) FILTER (WHERE c.field = 'status' AND c.ev_type = 'Change') AS status_previous,
       coalesce(bool_or(c.field = 'status' AND c.ev_type = 'Change'), false) AS status_changed,
       arg_max(c.value, c.ev_no) FILTER (WHERE c.field = 'requester_id' AND c.ev_type = 'Create') AS requester_value,
       arg_max(c.body, c.ev_no) FILTER (WHERE c.ev_type IN ('Comment', 'VoiceComment') AND NOT c.is_public) AS private_body,
       coalesce(bool_or(c.ev_type IN ('Comment', 'VoiceComment') AND c.is_public), false) AS public_comment,
       coalesce(
         arg_max(lower(c.value), c.ev_no) FILTER (WHERE c.field = 'satisfaction_score' AND lower(c.value) IN ('good', 'bad')),
         arg_max(c.rating_score, c.ev_no) FILTER (WHERE c.ev_type = 'SatisfactionRating' AND c.rating_score IN ('good', 'bad'))
       ) AS score,
       coalesce(
         arg_max(c.value, c.ev_no) FILTER (WHERE c.field = 'satisfaction_comment'),
         arg_max(c.body, c.ev_no) FILTER (WHERE c.ev_type = 'SatisfactionRating')
       ) AS score_comment,
       arg_max(regexp_extract(lower(c.escalation_tag), 'escalation_(\w+)', 1), c.ev_no)
         FILTER (WHERE c.escalation_tag IS NOT NULL) AS tagged_escalation_type
FROM eqa_zd_audit_ranked a LEFT JOIN eqa_zd_changes c USING (audit_ord)
WHERE a.key_rank = 1
GROUP BY a.audit_ord, a.line, a.ticket_id, a.created_at, a.author_id, a.via_rel;

-- Each audit in its ticket's timeline: the group, level, assignee and status in force after it.
-- level_code 0 marks a group of unknown level, so that "the current level" is NULL in such a group
-- while "the previous known level" skips it.
CREATE OR REPLACE TEMP TABLE eqa_zd_timeline AS
WITH named AS (
  SELECT s.*,
         CASE WHEN s.group_value IS NOT NULL THEN coalesce(g.name, s.group_value) END AS set_department,
         CASE WHEN s.group_value IS NOT NULL
              THEN coalesce(eqa_group_level(coalesce(g.name, s.group_value)), 0) END AS set_level_code
  FROM eqa_zd_sets s LEFT JOIN eqa_zd_groups g ON g.id = s.group_value
)
SELECT *,
       last_value(set_department IGNORE NULLS) OVER upto AS department,
       nullif(last_value(set_level_code IGNORE NULLS) OVER upto, 0) AS level,
       last_value(nullif(set_level_code, 0) IGNORE NULLS) OVER before AS previous_level,
       last_value(assignee_value IGNORE NULLS) OVER upto AS agent_id,
       last_value(status_value IGNORE NULLS) OVER upto AS status_now,
       coalesce(status_previous, last_value(status_value IGNORE NULLS) OVER before) AS status_before,
       max(requester_value) OVER (PARTITION BY ticket_id) AS requester_id,
       CASE WHEN group_changed THEN coalesce(private_body,
         CASE WHEN lag(private_body) OVER by_time IS NOT NULL AND NOT lag(group_changed) OVER by_time
                   AND NOT lag(is_create) OVER by_time AND lag(author_id) OVER by_time = author_id
                   AND at_ts - lag(at_ts) OVER by_time <= INTERVAL 30 MINUTE
              THEN lag(private_body) OVER by_time END) END AS handover_note,
       coalesce(private_body IS NOT NULL AND NOT group_changed AND NOT is_create
                AND lead(group_changed) OVER by_time AND lead(private_body) OVER by_time IS NULL
                AND lead(author_id) OVER by_time = author_id
                AND lead(at_ts) OVER by_time - at_ts <= INTERVAL 30 MINUTE, false) AS note_handed_over
FROM named
WINDOW by_time AS (PARTITION BY ticket_id ORDER BY at_ts, audit_ord),
       upto AS (PARTITION BY ticket_id ORDER BY at_ts, audit_ord ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW),
       before AS (PARTITION BY ticket_id ORDER BY at_ts, audit_ord ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING);

CREATE OR REPLACE TEMP TABLE eqa_zd_emitted AS
SELECT t.*,
       NOT is_create AND (group_changed OR assignee_changed) AS emits_move,
       NOT is_create AND NOT group_changed AND private_body IS NOT NULL AND NOT note_handed_over AS emits_note,
       NOT is_create AND public_comment AND (author_id = requester_id OR u.role = 'end-user') AS emits_reply,
       NOT is_create AND status_changed AND (
         (status_value = 'solved' AND coalesce(status_before, '') <> 'solved')
         OR (status_value = 'closed' AND coalesce(status_before, '') NOT IN ('solved', 'closed'))
         OR (status_before IN ('solved', 'closed') AND status_value IN ('new', 'open', 'pending', 'hold'))
       ) AS emits_closing,
       score IS NOT NULL AS emits_survey
FROM eqa_zd_timeline t LEFT JOIN eqa_zd_users u ON u.id = t.author_id;

CREATE OR REPLACE TEMP TABLE eqa_stage_events AS
SELECT row_number() OVER (ORDER BY ticket_id, at_ts, audit_ord, rank) AS ordinal, line, ticket_id, "at", type,
       level::VARCHAR AS level, department, agent_id,
       CASE WHEN type = 'escalated'
            THEN coalesce(tagged_escalation_type, CASE WHEN via_rel = 'automation' THEN 'automatic' END)
       END AS escalation_type,
       note, eqa_zd_status(status_now) AS status, value
FROM (
  SELECT *, 1 AS rank, 'created' AS type, private_body AS note, NULL AS value
  FROM eqa_zd_emitted WHERE is_create
  UNION ALL BY NAME
  SELECT *, 2 AS rank,
         CASE WHEN group_changed AND level > previous_level THEN 'escalated'
              WHEN group_changed AND level < previous_level THEN 'de-escalated'
              ELSE 'assigned' END AS type,
         handover_note AS note, NULL AS value
  FROM eqa_zd_emitted WHERE emits_move
  UNION ALL BY NAME
  SELECT * REPLACE (NULL AS level, NULL AS department, author_id AS agent_id), 3 AS rank, 'note' AS type,
         private_body AS note, NULL AS value
  FROM eqa_zd_emitted WHERE emits_note
  UNION ALL BY NAME
  SELECT * REPLACE (NULL AS level, NULL AS department, NULL AS agent_id), 4 AS rank, 'customer_reply' AS type,
         NULL AS note, NULL AS value
  FROM eqa_zd_emitted WHERE emits_reply
  UNION ALL BY NAME
  SELECT *, 5 AS rank, CASE WHEN status_value IN ('solved', 'closed') THEN 'resolved' ELSE 'reopened' END AS type,
         NULL AS note, NULL AS value
  FROM eqa_zd_emitted WHERE emits_closing
  UNION ALL BY NAME
  SELECT * REPLACE (NULL AS level, NULL AS department, NULL AS agent_id), 6 AS rank, 'survey' AS type,
         score_comment AS note, score AS value
  FROM eqa_zd_emitted WHERE emits_survey
  UNION ALL BY NAME
  SELECT * REPLACE (NULL AS level, NULL AS department, NULL AS agent_id), 7 AS rank, 'note' AS type,
         NULL AS note, NULL AS value
  FROM eqa_zd_emitted
  WHERE status_changed AND NOT is_create
    AND NOT (emits_move OR emits_note OR emits_reply OR emits_closing OR emits_survey)
);
