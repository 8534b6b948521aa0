-- Offer facts, rebuilt whole by every scoring run in its transaction (offers/rebuild-offer-facts.ts),
-- after rubric_authority_limits and rubric_offer_settings were written. Reads offers, tickets,
-- customers, events, escalation steps, calls and survey answers; writes offer_facts, authority_steps
-- and offer_cases (migration 009 documents every column).

-- Each offer's states collapsed into one row: its request, its decision, what the customer answered.
CREATE OR REPLACE TEMP TABLE eqa_offer_states AS
SELECT offer_id,
       arg_max(ticket_id, "at") AS ticket_id,
       arg_max(kind, "at") AS kind,
       arg_max(amount, "at") FILTER (WHERE amount IS NOT NULL) AS amount,
       arg_max(currency, "at") FILTER (WHERE amount IS NOT NULL) AS currency,
       min("at") FILTER (WHERE status = 'requested') AS requested_at,
       arg_min(level, "at") FILTER (WHERE status = 'requested') AS requested_level,
       arg_min(agent_id, "at") FILTER (WHERE status = 'requested') AS requested_by,
       -- the latest answer to a request wins (a refusal reconsidered and approved is approved)
       arg_max(status, "at") FILTER (WHERE status IN ('approved', 'refused')) AS answer_status,
       arg_max(level, "at") FILTER (WHERE status IN ('approved', 'refused')) AS answer_level,
       max("at") FILTER (WHERE status IN ('approved', 'refused')) AS answer_at,
       arg_max(agent_id, "at") FILTER (WHERE status IN ('approved', 'refused')) AS answer_by,
       min("at") FILTER (WHERE status = 'offered') AS offered_at,
       arg_min(level, "at") FILTER (WHERE status = 'offered') AS offered_level,
       arg_min(agent_id, "at") FILTER (WHERE status = 'offered') AS offered_by,
       arg_max(status, "at") FILTER (WHERE status IN ('accepted', 'declined')) AS answer
FROM offers
GROUP BY offer_id;

-- The decision: an approval or refusal where there is one, else an offer made on the offerer's own
-- authority; nothing yet while a request waits.
CREATE OR REPLACE TEMP TABLE eqa_offer_decided AS
SELECT s.*,
       CASE WHEN answer_status = 'approved' THEN 'granted' WHEN answer_status = 'refused' THEN 'refused'
            WHEN offered_at IS NOT NULL THEN 'granted' END AS decision,
       CASE WHEN answer_status IS NOT NULL THEN answer_level ELSE offered_level END AS decision_level,
       CASE WHEN answer_status IS NOT NULL THEN answer_at ELSE offered_at END AS decided_at,
       CASE WHEN answer_status IS NOT NULL THEN answer_by ELSE offered_by END AS decided_by,
       coalesce(s.currency = r.currency, false) AS in_currency
FROM eqa_offer_states s CROSS JOIN rubric_offer_settings r;

-- The authority-driven steps: a step that went up for an approval (hierarchical, or its handover asks
-- for one) matched to the offer requested at or below where it started and answered at or above where
-- it went, requested before the step (or within the hour after it, as the handover is written) and
-- answered after it; the latest such request when there are several.
CREATE OR REPLACE TABLE authority_steps AS
SELECT s.ticket_id, s.step_no, s."at", s.from_level, s.to_level, o.offer_id
FROM escalation_steps s
JOIN eqa_offer_decided o
  ON o.ticket_id = s.ticket_id
 AND o.requested_at IS NOT NULL AND o.decision IS NOT NULL
 AND o.decision_level > o.requested_level
 AND o.requested_level <= coalesce(s.from_level, s.to_level)
 AND o.decision_level >= s.to_level
 AND o.requested_at <= s."at" + INTERVAL 1 HOUR
 AND o.decided_at >= s."at"
WHERE NOT s.is_entry
  AND (s.escalation_type = 'hierarchical' OR eqa_asks_approval(s.note))
QUALIFY row_number() OVER (PARTITION BY s.ticket_id, s.step_no ORDER BY o.requested_at DESC, o.offer_id) = 1;

CREATE OR REPLACE TEMP TABLE eqa_offer_authority AS
SELECT offer_id, any_value(ticket_id) AS ticket_id, count(*)::INTEGER AS steps, min("at") AS first_step_at
FROM authority_steps GROUP BY offer_id;

-- Management time after the case's first authority step: calls at level 3 and above, and the hours the
-- case sat open at level 3 and above (waits on the customer or a third party, and closed spells, left
-- out). A case with several offers that went up for approval shares that time equally between them, so
-- that a sum over offers (the what-if's hours saved) counts each hour once.
CREATE OR REPLACE TEMP TABLE eqa_offer_management AS
WITH authority_cases AS (
  SELECT ticket_id, min(first_step_at) AS first_step_at, count(*) AS offers
  FROM eqa_offer_authority GROUP BY ticket_id
),
calls_after AS (
  SELECT a.ticket_id,
         sum(coalesce(epoch(c.ended_at) - epoch(c.started_at), 0)) / 60.0 AS call_minutes
  FROM authority_cases a
  JOIN call_links l ON l.ticket_id = a.ticket_id
  JOIN calls c ON c.call_id = l.call_id
  WHERE c.level >= 3 AND c.started_at >= a.first_step_at
  GROUP BY a.ticket_id
),
trail AS (
  SELECT e.ticket_id, e."at",
         last_value(e.level IGNORE NULLS) OVER w AS level_now,
         -- a resolved or reopened event that gives no status of its own still closes or opens the case
         last_value(coalesce(e.status, CASE e.type WHEN 'resolved' THEN 'solved' WHEN 'reopened' THEN 'open' END)
                    IGNORE NULLS) OVER w AS status_now,
         lead(e."at") OVER (PARTITION BY e.ticket_id ORDER BY e."at", e.seq) AS next_at
  FROM events e
  WHERE e.ticket_id IN (SELECT ticket_id FROM authority_cases)
  WINDOW w AS (PARTITION BY e.ticket_id ORDER BY e."at", e.seq ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
),
spells AS (
  SELECT t.*,
         coalesce(t.status_now NOT IN ('pending', 'on_hold', 'solved', 'closed'), true) AS open_now
  FROM trail t
),
open_hours AS (
  SELECT a.ticket_id,
         sum(greatest(0, epoch(coalesce(s.next_at, f.data_end)) - epoch(greatest(s."at", a.first_step_at)))) / 3600.0
           AS open_hours
  FROM authority_cases a
  JOIN spells s ON s.ticket_id = a.ticket_id
  CROSS JOIN store_facts f
  WHERE s.open_now AND s.level_now >= 3 AND coalesce(s.next_at, f.data_end) > a.first_step_at
  GROUP BY a.ticket_id
)
SELECT o.offer_id,
       coalesce(c.call_minutes, 0) / a.offers AS call_minutes,
       coalesce(h.open_hours, 0) / a.offers AS open_hours
FROM eqa_offer_authority o
JOIN authority_cases a USING (ticket_id)
LEFT JOIN calls_after c USING (ticket_id)
LEFT JOIN open_hours h USING (ticket_id);

CREATE OR REPLACE TEMP TABLE eqa_latest_satisfaction AS
SELECT ticket_id, last(points ORDER BY "at", seq) AS satisfaction
FROM survey_answers
WHERE points IS NOT NULL AND ticket_id IN (SELECT ticket_id FROM eqa_offer_states)
GROUP BY ticket_id;

CREATE OR REPLACE TABLE offer_facts AS
-- For each offer, whether the same kind was refused earlier in its case (the earliest refusal of the
-- kind in the case came before it), and for each refusal what came after it: the customer pushing (a
-- step of type customer after it) and the same kind granted higher up afterwards. Windows and one
-- join on the refusals rather than a correlated subquery per offer.
WITH ordered AS (
  SELECT o.*, min(o.decided_at) FILTER (WHERE o.decision = 'refused')
                OVER (PARTITION BY o.ticket_id, o.kind) AS first_refused_at
  FROM eqa_offer_decided o
),
pushes AS (
  SELECT ticket_id, max("at") AS last_push_at
  FROM escalation_steps
  WHERE NOT is_entry AND escalation_type = 'customer' AND ticket_id IN (SELECT ticket_id FROM eqa_offer_decided)
  GROUP BY ticket_id
),
later AS (
  SELECT r.offer_id, true AS granted_later
  FROM eqa_offer_decided r
  JOIN eqa_offer_decided g
    ON g.ticket_id = r.ticket_id AND g.kind = r.kind AND g.decision = 'granted'
   AND g.decision_level > r.decision_level AND g.decided_at > r.decided_at
  WHERE r.decision = 'refused'
  GROUP BY r.offer_id
),
refusals AS (
  SELECT o.offer_id,
         coalesce(o.first_refused_at < o.decided_at, false) AS redecision,
         CASE WHEN o.decision = 'refused' THEN coalesce(p.last_push_at > o.decided_at, false) END AS pushed,
         CASE WHEN o.decision = 'refused' THEN coalesce(l.granted_later, false) END AS granted_later
  FROM ordered o
  LEFT JOIN pushes p USING (ticket_id)
  LEFT JOIN later l USING (offer_id)
)
SELECT o.offer_id, o.ticket_id, o.kind, o.amount, o.currency, o.in_currency,
       CASE WHEN o.in_currency THEN len(list_filter(r.amount_bands, e -> e <= o.amount))::INTEGER END AS band_no,
       CASE WHEN o.in_currency THEN (
         SELECT min(l.level) FROM rubric_authority_limits l
         WHERE l.kind = o.kind AND (l.max_amount IS NULL OR o.amount <= l.max_amount)) END AS lowest_level_allowed,
       o.requested_at, o.requested_level, o.requested_by,
       o.decision, o.decision_level, o.decided_at, o.decided_by, ag.team AS decided_team, o.answer,
       coalesce(o.requested_at IS NOT NULL AND o.decision IS NOT NULL AND o.decision_level > o.requested_level,
                false) AS went_up,
       (o.requested_at IS NULL AND o.decision IS NOT NULL) AS own_decision,
       x.redecision, x.pushed, x.granted_later,
       coalesce(a.steps, 0) AS authority_steps, a.first_step_at AS first_authority_step_at,
       m.call_minutes AS management_call_minutes, m.open_hours AS management_open_hours,
       t.category, t.policy, t.outcome, t.channel, t.customer_id, cu.segment,
       CASE WHEN cu.annual_value IS NOT NULL THEN len(list_filter(r.value_bands, e -> e <= cu.annual_value))::INTEGER END
         AS value_band_no,
       coalesce(cf.max_level, 1) AS max_level,
       CASE WHEN cf.is_resolved THEN (epoch(cf.resolved_at) - epoch(cf.first_contact_at)) / 86400.0 END
         AS days_to_resolution,
       ls.satisfaction
FROM eqa_offer_decided o
CROSS JOIN rubric_offer_settings r
JOIN refusals x USING (offer_id)
LEFT JOIN agents ag ON ag.agent_id = o.decided_by
LEFT JOIN eqa_offer_authority a USING (offer_id)
LEFT JOIN eqa_offer_management m USING (offer_id)
LEFT JOIN tickets t ON t.ticket_id = o.ticket_id
LEFT JOIN customers cu ON cu.customer_id = t.customer_id
LEFT JOIN case_facts cf ON cf.ticket_id = o.ticket_id
LEFT JOIN eqa_latest_satisfaction ls ON ls.ticket_id = o.ticket_id;

-- Per ticket, what the offer-consistency breakdown compares. Without any offer on record there is
-- nothing to compare, and the table stays empty rather than costing a pass over every ticket.
CREATE OR REPLACE TABLE offer_cases AS
WITH first_assigned AS (
  SELECT ticket_id, arg_min(agent_id, ("at", seq)) AS agent_id
  FROM events
  WHERE type = 'assigned' AND agent_id IS NOT NULL AND EXISTS (SELECT 1 FROM offers)
  GROUP BY ticket_id
),
granted AS (
  SELECT ticket_id, count(*)::INTEGER AS granted_offers,
         sum(amount) FILTER (WHERE in_currency) AS granted_amount
  FROM offer_facts WHERE decision = 'granted'
  GROUP BY ticket_id
)
SELECT t.ticket_id, t.created_at, t.category, t.policy, t.outcome, t.channel, ag.team,
       coalesce(cf.max_level, 1) AS max_level, cu.segment,
       CASE WHEN cu.annual_value IS NOT NULL THEN len(list_filter(r.value_bands, e -> e <= cu.annual_value))::INTEGER END
         AS value_band_no,
       coalesce(g.granted_offers, 0) AS granted_offers, g.granted_amount::DECIMAL(18, 2) AS granted_amount
FROM tickets t
CROSS JOIN rubric_offer_settings r
LEFT JOIN case_facts cf USING (ticket_id)
LEFT JOIN first_assigned fa USING (ticket_id)
LEFT JOIN agents ag ON ag.agent_id = fa.agent_id
LEFT JOIN customers cu ON cu.customer_id = t.customer_id
LEFT JOIN granted g USING (ticket_id)
WHERE EXISTS (SELECT 1 FROM offers);
