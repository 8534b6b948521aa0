-- Scoring, part 2: the four standards per step and per case, their evidence, and the daily sums the
-- Overview and `eqa summary` read. Needs prepare-scoring.sql and the detectors' eqa_detected table.
-- eqa_run holds the rubric's version and hash, recorded on every score row.

-- Right department and assessment quality: the step's own standards.
CREATE OR REPLACE TEMP TABLE eqa_step_core AS
WITH alternatives AS (
  SELECT category, level, list(department) AS departments FROM eqa_rubric_alternatives GROUP BY ALL
),
joined AS (
  SELECT s.*, b.category, b.channel, b.priority, b.first_contact_at, b.first_response_at, b.data_end,
         a.team, a.department AS from_department,
         rt.department AS expected_department,
         coalesce(alt.departments, []::VARCHAR[]) AS alternative_departments,
         dv.visited,
         d.problem, d.customer_ask, d.already_tried, d.dispute_source, d.timeline, d.severity, d.customer_repeated,
         d.evidence AS detector_evidence,
         h.notes_exported,
         nc.call_id AS next_call_id,
         na.acted_at,
         sla.res_seconds, sla.res_business, sla.res_hours, sla.res_time,
         sla.fr_seconds, sla.fr_business, sla.fr_hours, sla.fr_time,
         wp.pending_cal, wp.on_hold_cal, wp.pending_bus, wp.on_hold_bus
  FROM escalation_steps s
  JOIN eqa_case_base b USING (ticket_id)
  LEFT JOIN agents a ON a.agent_id = s.agent_id
  LEFT JOIN routing rt ON rt.category = b.category AND rt.level = s.to_level
  LEFT JOIN alternatives alt ON alt.category = b.category AND alt.level = s.to_level
  LEFT JOIN eqa_step_departments dv USING (ticket_id, step_no)
  LEFT JOIN eqa_detected d ON d.step_key = s.ticket_id || '#' || s.step_no
  LEFT JOIN eqa_handover_source h USING (ticket_id, step_no)
  LEFT JOIN eqa_next_contact nc USING (ticket_id, step_no)
  LEFT JOIN eqa_next_action na USING (ticket_id, step_no)
  LEFT JOIN eqa_rubric_sla sla ON sla.priority = b.priority
  LEFT JOIN eqa_window_pauses wp ON wp.ticket_id = s.ticket_id AND wp.step_no = s.step_no AND wp.wkey = 'step'
),
measured AS (
  SELECT j.*,
         list_position(
           list_transform(j.visited, lambda x: x = j.expected_department OR list_contains(j.alternative_departments, x)),
           true) AS right_position,
         -- an SLA already missed when the case went up makes the step automatic (issue 4)
         j.res_seconds IS NOT NULL
           AND eqa_elapsed(j.first_contact_at, j."at", j.res_business)
               - eqa_paused(j, j.res_business, r.sla_pause_pending, r.sla_pause_on_hold) > j.res_seconds AS resolution_sla_missed,
         j.fr_seconds IS NOT NULL AND (j.first_response_at IS NULL OR j.first_response_at >= j."at")
           AND eqa_elapsed(j.first_contact_at, j."at", j.fr_business)
               - eqa_paused(j, j.fr_business, r.sla_pause_pending, r.sla_pause_on_hold) > j.fr_seconds AS first_response_sla_missed,
         eqa_elapsed(j."at", coalesce(j.acted_at, j.data_end), r.next_tier_business) AS next_tier_seconds_taken
  FROM joined j CROSS JOIN eqa_rubric r
)
SELECT m.*,
       coalesce(m.resolution_sla_missed OR m.first_response_sla_missed, false) AS sla_missed_before,
       m.next_tier_seconds_taken / 3600 AS next_tier_hours,
       m.next_tier_seconds_taken > r.next_tier_seconds AS next_tier_late,
       len(m.skipped_levels) > 0 AND NOT coalesce(m.severity, false) AS unexplained_skip,
       CASE
         WHEN m.expected_department IS NULL OR m.visited IS NULL OR len(m.visited) = 0 THEN NULL
         ELSE greatest(0, least(100,
                CASE WHEN m.right_position IS NULL OR m.right_position = 0 THEN 0
                     ELSE 100 - r.reassignment_cost * (m.right_position - 1) END
                - CASE WHEN len(m.skipped_levels) > 0 AND NOT coalesce(m.severity, false) THEN r.skipped_level_cost ELSE 0 END))
       END::DOUBLE AS right_department,
       CASE WHEN NOT coalesce(m.notes_exported, false) THEN NULL ELSE greatest(0, least(100,
         100 * (r.w_problem * coalesce(m.problem, false)::INTEGER
              + r.w_customer_ask * coalesce(m.customer_ask, false)::INTEGER
              + r.w_already_tried * coalesce(m.already_tried, false)::INTEGER
              + r.w_dispute_source * coalesce(m.dispute_source, false)::INTEGER
              + r.w_timeline * coalesce(m.timeline, false)::INTEGER
              + r.w_severity * coalesce(m.severity, false)::INTEGER)
         - r.repeat_cost * coalesce(m.customer_repeated, false)::INTEGER
         - CASE WHEN m.next_tier_seconds_taken > r.next_tier_seconds THEN r.next_tier_late_cost ELSE 0 END)) END::DOUBLE AS assessment_quality
FROM measured m CROSS JOIN eqa_rubric r;

-- Resolution: the rubric's clock for the case (first matching override, else its own) and the SLA of
-- its priority, each net of the statuses that pause it.
CREATE OR REPLACE TEMP TABLE eqa_case_clock AS
WITH timed AS (
  SELECT b.*, k.name AS clock_name, k.days AS clock_days, k.time AS clock_time, k.limit_seconds,
         k.response_seconds, k.response_days,
         eqa_elapsed(b.first_contact_at, coalesce(b.resolved_at, b.data_end), k.business)
           - eqa_paused(rp, k.business, k.pause_pending, k.pause_on_hold) AS clock_seconds,
         eqa_paused(rp, k.business, k.pause_pending, k.pause_on_hold) AS clock_paused_seconds,
         k.business AS clock_business,
         CASE WHEN k.response_seconds IS NOT NULL THEN
           eqa_elapsed(b.first_contact_at, coalesce(b.first_response_at, b.data_end), k.response_business)
             - eqa_paused(fp, k.response_business, k.pause_pending, k.pause_on_hold) END AS response_clock_seconds,
         sla.priority AS sla_priority, sla.fr_seconds, sla.fr_hours, sla.fr_time, sla.res_seconds, sla.res_hours, sla.res_time,
         eqa_elapsed(b.first_contact_at, coalesce(b.first_response_at, b.data_end), sla.fr_business)
           - eqa_paused(fp, sla.fr_business, r.sla_pause_pending, r.sla_pause_on_hold) AS fr_taken,
         eqa_elapsed(b.first_contact_at, coalesce(b.resolved_at, b.data_end), sla.res_business)
           - eqa_paused(rp, sla.res_business, r.sla_pause_pending, r.sla_pause_on_hold) AS res_taken
  FROM eqa_case_base b
  JOIN eqa_rubric_clocks k USING (clock_id)
  LEFT JOIN eqa_rubric_sla sla ON sla.priority = b.priority
  LEFT JOIN eqa_window_pauses rp ON rp.ticket_id = b.ticket_id AND rp.wkey = 'resolution'
  LEFT JOIN eqa_window_pauses fp ON fp.ticket_id = b.ticket_id AND fp.wkey = 'first_response'
  CROSS JOIN eqa_rubric r
)
SELECT t.*,
       coalesce(t.response_clock_seconds > t.response_seconds, false) AS response_breached,
       CASE
         WHEN t.clock_seconds > t.limit_seconds OR coalesce(t.response_clock_seconds > t.response_seconds, false) THEN 'breached'
         WHEN t.is_resolved THEN 'within'
         ELSE 'not_yet_due'
       END AS clock_status,
       CASE WHEN t.sla_priority IS NULL THEN NULL
            WHEN t.fr_taken > t.fr_seconds THEN false
            WHEN t.first_response_at IS NOT NULL THEN true END AS sla_first_response_met,
       CASE WHEN t.sla_priority IS NULL THEN NULL
            WHEN t.res_taken > t.res_seconds THEN false
            WHEN t.is_resolved THEN true END AS sla_resolution_met
FROM timed t;

CREATE OR REPLACE TABLE case_scores AS
WITH steps AS (
  SELECT ticket_id, avg(right_department) AS right_department, avg(assessment_quality) AS assessment_quality
  FROM eqa_step_core GROUP BY ticket_id
),
-- the case's satisfaction is its latest answer on a scale; earlier answers stay in survey_answers
latest AS (
  SELECT ticket_id, last(points ORDER BY "at", seq) AS satisfaction
  FROM survey_answers WHERE points IS NOT NULL GROUP BY ticket_id
),
standards AS (
  SELECT c.*, s.right_department, s.assessment_quality, l.satisfaction,
         CASE c.clock_status
           WHEN 'not_yet_due' THEN NULL
           WHEN 'breached' THEN 0
           ELSE greatest(0, 100 - CASE WHEN c.sla_first_response_met = false THEN r.first_response_cost ELSE 0 END
                               - CASE WHEN c.sla_resolution_met = false THEN r.resolution_cost ELSE 0 END)
         END::DOUBLE AS resolution
  FROM eqa_case_clock c
  JOIN steps s USING (ticket_id)
  LEFT JOIN latest l USING (ticket_id)
  CROSS JOIN eqa_rubric r
),
judged AS (
  SELECT x.*,
         CASE
           WHEN r.rd_critical AND x.right_department < r.rd_pass THEN 'right_department'
           WHEN r.aq_critical AND x.assessment_quality < r.aq_pass THEN 'assessment_quality'
           WHEN r.sat_critical AND x.satisfaction < r.sat_pass THEN 'satisfaction'
           WHEN r.res_critical AND x.resolution < r.res_pass THEN 'resolution'
         END AS critical_failure,
         -- a standard without a score (not surveyed, not yet due, no routing rule) is left out and the
         -- others' weights are scaled up; it never counts as zero
         (coalesce(r.rd_weight * x.right_department, 0) + coalesce(r.aq_weight * x.assessment_quality, 0)
          + coalesce(r.sat_weight * x.satisfaction, 0) + coalesce(r.res_weight * x.resolution, 0))
         / nullif((CASE WHEN x.right_department IS NULL THEN 0 ELSE r.rd_weight END)
                + (CASE WHEN x.assessment_quality IS NULL THEN 0 ELSE r.aq_weight END)
                + (CASE WHEN x.satisfaction IS NULL THEN 0 ELSE r.sat_weight END)
                + (CASE WHEN x.resolution IS NULL THEN 0 ELSE r.res_weight END), 0) AS weighted
  FROM standards x CROSS JOIN eqa_rubric r
)
SELECT ticket_id, first_contact_at, resolved_at, category, policy, priority, channel, escalations, max_level,
       clock_name AS clock, clock_status, sla_first_response_met, sla_resolution_met,
       CASE WHEN satisfaction IS NULL THEN 'not_surveyed' ELSE 'surveyed' END AS survey_status,
       right_department, assessment_quality, satisfaction, resolution,
       CASE WHEN critical_failure IS NOT NULL THEN 0 ELSE weighted END::DOUBLE AS overall,
       critical_failure,
       v.rubric_version, v.rubric_hash
FROM judged CROSS JOIN eqa_run v;

CREATE OR REPLACE TABLE step_scores AS
SELECT s.ticket_id, s.step_no, s."at", s.is_entry, s.from_level, s.to_level, s.category, s.channel,
       s.agent_id, s.team, s.from_department, s.department, s.expected_department,
       s.escalation_type AS exported_type,
       CASE WHEN s.sla_missed_before THEN 'automatic' ELSE s.escalation_type END AS escalation_type,
       s.sla_missed_before AND s.escalation_type IS DISTINCT FROM 'automatic' AS type_inferred,
       coalesce(s.problem, false) AS problem, coalesce(s.customer_ask, false) AS customer_ask,
       coalesce(s.already_tried, false) AS already_tried, coalesce(s.dispute_source, false) AS dispute_source,
       coalesce(s.timeline, false) AS timeline, coalesce(s.severity, false) AS severity,
       coalesce(s.customer_repeated, false) AS customer_repeated,
       s.next_tier_hours,
       s.right_department, s.assessment_quality, c.satisfaction, c.resolution,
       c.rubric_version, c.rubric_hash
FROM eqa_step_core s
JOIN case_scores c USING (ticket_id);
