-- Scoring, part 3: why each score is what it is, in the words a reviewer reads first. One row per rule
-- that fired (or failed): short, exact, with the span of the note or transcript and the timestamps.
-- Absent handover elements have no row: step_scores says which are absent.

CREATE OR REPLACE TABLE score_evidence AS
-- right department: where the step went against routing.csv (and the rubric's alternatives)
SELECT ticket_id, step_no, 'right_department' AS standard,
       CASE WHEN expected_department IS NULL THEN 'routing.no_rule'
            WHEN visited IS NULL OR len(visited) = 0 THEN 'routing.no_department'
            ELSE 'routing.expected' END AS rule,
       CASE WHEN expected_department IS NULL OR visited IS NULL OR len(visited) = 0 THEN NULL
            ELSE coalesce(right_position, 0) = 1 END AS passed,
       CASE
         WHEN expected_department IS NULL
           THEN format('no routing rule for {} at level {}: not scored', coalesce(category, '(no category)'), to_level)
         WHEN visited IS NULL OR len(visited) = 0 THEN format('the step names no department at level {}: not scored', to_level)
         WHEN visited[1] = expected_department
           THEN format('sent to {}, as routing.csv expects for {} at level {}', visited[1], category, to_level)
         WHEN right_position = 1
           THEN format('sent to {}, an allowed alternative to {} for {} at level {}', visited[1], expected_department, category, to_level)
         ELSE format('sent to {}; routing.csv expects {} for {} at level {}', visited[1], expected_department, category, to_level)
       END AS detail,
       'routing' AS source, NULL::VARCHAR AS call_id, NULL::INTEGER AS span_start, NULL::INTEGER AS span_length,
       NULL::VARCHAR AS excerpt, "at"
FROM eqa_step_core
UNION ALL
SELECT ticket_id, step_no, 'right_department', 'routing.reassigned', false,
       CASE WHEN right_position > 0
            THEN format('reached the right department after {} move(s) at level {}: {}', right_position - 1, to_level,
                        array_to_string(visited[1:right_position], ' → '))
            ELSE format('never reached {} at level {}: {}', expected_department, to_level, array_to_string(visited, ' → ')) END,
       'events', NULL, NULL, NULL, NULL, "at"
FROM eqa_step_core
WHERE expected_department IS NOT NULL AND len(visited) > 1 AND coalesce(right_position, 0) <> 1
UNION ALL
SELECT ticket_id, step_no, 'right_department', 'routing.skipped_level', NOT unexplained_skip,
       CASE WHEN unexplained_skip
            THEN format('skipped level {} without a stated reason', array_to_string(skipped_levels, ', '))
            ELSE format('skipped level {}; the handover states severity', array_to_string(skipped_levels, ', ')) END,
       'events', NULL, NULL, NULL, NULL, "at"
FROM eqa_step_core
WHERE len(skipped_levels) > 0
UNION ALL
-- assessment quality: each element the detectors found, with its span
-- (a repeat found costs points: it is a failed check, not a passed one)
SELECT s.ticket_id, s.step_no, 'assessment_quality', 'element.' || ev.element || ': ' || ev.rule,
       ev.element <> 'customer_repeated',
       format('{} found in the {}', replace(ev.element, '_', ' '), CASE ev.source WHEN 'note' THEN 'handover note' ELSE 'next call' END),
       CASE ev.source WHEN 'note' THEN 'note' ELSE 'transcript' END,
       CASE ev.source WHEN 'note' THEN NULL ELSE s.next_call_id END,
       ev."start", ev.length, ev.excerpt, s."at"
FROM (SELECT ticket_id, step_no, next_call_id, "at", unnest(detector_evidence) AS ev FROM eqa_step_core) s
UNION ALL
SELECT ticket_id, step_no, 'assessment_quality',
       CASE WHEN notes_exported THEN 'handover.no_note' ELSE 'handover.not_exported' END,
       CASE WHEN notes_exported THEN false END,
       CASE WHEN NOT notes_exported THEN 'the export carries no notes: assessment quality not scored'
            WHEN is_entry THEN 'the case entered at this level with no handover note'
            ELSE 'no handover note' END,
       'note', NULL, NULL, NULL, NULL, "at"
FROM eqa_step_core s
WHERE NOT notes_exported
   OR NOT EXISTS (SELECT 1 FROM eqa_handover_source h WHERE h.step_key = s.ticket_id || '#' || s.step_no AND h.note IS NOT NULL)
UNION ALL
SELECT s.ticket_id, s.step_no, 'assessment_quality', 'next_tier.first_action', NOT s.next_tier_late,
       CASE WHEN s.acted_at IS NULL
            THEN format('the next tier has not acted: {} {} h so far (target {} {} h)', printf('%.1f', s.next_tier_hours), r.next_tier_time, eqa_num(r.next_tier_hours), r.next_tier_time)
            ELSE format('the next tier first acted {} {} h after the handover (target {} {} h)', printf('%.1f', s.next_tier_hours), r.next_tier_time, eqa_num(r.next_tier_hours), r.next_tier_time) END,
       'events', NULL, NULL, NULL, NULL, coalesce(s.acted_at, s."at")
FROM eqa_step_core s CROSS JOIN eqa_rubric r
UNION ALL
-- an SLA missed before the step: recorded as automatic even when the export did not say so
SELECT ticket_id, step_no, 'resolution', 'escalation.automatic_inferred', false,
       format('the {} SLA ({} {} h for {}) was already missed when the case went up: recorded as automatic',
              CASE WHEN resolution_sla_missed THEN 'resolution' ELSE 'first response' END,
              eqa_num(CASE WHEN resolution_sla_missed THEN res_hours ELSE fr_hours END),
              CASE WHEN resolution_sla_missed THEN res_time ELSE fr_time END, priority),
       'events', NULL, NULL, NULL, NULL, "at"
FROM eqa_step_core
WHERE sla_missed_before AND escalation_type IS DISTINCT FROM 'automatic'
UNION ALL
-- satisfaction: every answer with its time, or "not surveyed"
SELECT a.ticket_id, NULL, 'satisfaction', 'survey.answer', a.points IS NOT NULL,
       CASE WHEN a.points IS NULL THEN format('answer "{}" is on no scale of the rubric: left out', a.raw_value)
            ELSE format('{} {} → {} points{}', upper(a.scale), a.raw_value, a.points::INTEGER,
                        CASE WHEN a.source = 'ticket_snapshot' THEN ' (from the ticket export)' ELSE '' END) END,
       'survey', NULL, NULL, NULL, NULL, a."at"
FROM survey_answers a SEMI JOIN case_scores c USING (ticket_id)
UNION ALL
SELECT ticket_id, NULL, 'satisfaction', 'survey.none', NULL, 'not surveyed: left out of the averages, never counted as 0',
       'survey', NULL, NULL, NULL, NULL, NULL
FROM case_scores WHERE survey_status = 'not_surveyed'
UNION ALL
-- resolution: the clock and the SLA of the priority
SELECT ticket_id, NULL, 'resolution', 'clock.' || clock_name,
       CASE clock_status WHEN 'within' THEN true WHEN 'breached' THEN false END,
       format('{} {} {} days {} first contact{}; clock {}: {} {} days{}',
              CASE WHEN is_resolved THEN 'resolved' ELSE 'open' END,
              printf('%.1f', clock_seconds / CASE WHEN clock_business THEN r.business_day_seconds ELSE 86400 END),
              clock_time, CASE WHEN is_resolved THEN 'after' ELSE 'since' END,
              CASE WHEN clock_paused_seconds > 0
                   THEN format(' ({} h paused)', printf('%.1f', clock_paused_seconds / 3600)) ELSE '' END,
              clock_name, clock_days, clock_time,
              CASE clock_status WHEN 'not_yet_due' THEN ' (not yet due)' ELSE '' END),
       'events', NULL, NULL, NULL, NULL, coalesce(resolved_at, data_end)
FROM eqa_case_clock CROSS JOIN eqa_rubric r
UNION ALL
SELECT ticket_id, NULL, 'resolution', 'clock.response', NOT response_breached,
       format('first response after {} days; the {} clock asks for one within {} days',
              printf('%.1f', response_clock_seconds / 86400), clock_name, response_days),
       'events', NULL, NULL, NULL, NULL, first_response_at
FROM eqa_case_clock WHERE response_seconds IS NOT NULL
UNION ALL
SELECT ticket_id, NULL, 'resolution', 'sla.first_response', sla_first_response_met,
       format('first response {} {} {} h after first contact; target {} {} h for {}',
              CASE WHEN first_response_at IS NULL THEN 'still missing,' ELSE 'came' END,
              printf('%.1f', fr_taken / 3600), fr_time, eqa_num(fr_hours), fr_time, sla_priority),
       'events', NULL, NULL, NULL, NULL, first_response_at
FROM eqa_case_clock WHERE sla_priority IS NOT NULL
UNION ALL
SELECT ticket_id, NULL, 'resolution', 'sla.resolution', sla_resolution_met,
       format('{} {} {} h after first contact; target {} {} h for {}',
              CASE WHEN is_resolved THEN 'resolved' ELSE 'open for' END,
              printf('%.1f', res_taken / 3600), res_time, eqa_num(res_hours), res_time, sla_priority),
       'events', NULL, NULL, NULL, NULL, coalesce(resolved_at, data_end)
FROM eqa_case_clock WHERE sla_priority IS NOT NULL
UNION ALL
SELECT ticket_id, NULL, 'resolution', 'sla.none', NULL,
       format('no SLA target for priority {}', coalesce(priority, '(none)')),
       'events', NULL, NULL, NULL, NULL, NULL
FROM eqa_case_clock WHERE sla_priority IS NULL
UNION ALL
-- a critical standard that failed sets the case to 0
SELECT c.ticket_id, NULL, c.critical_failure, 'critical.' || c.critical_failure, false,
       format('{} is critical and scored {}, below its pass mark {}: the case scores 0',
              replace(c.critical_failure, '_', ' '),
              printf('%.0f', CASE c.critical_failure WHEN 'right_department' THEN c.right_department
                                 WHEN 'assessment_quality' THEN c.assessment_quality
                                 WHEN 'satisfaction' THEN c.satisfaction ELSE c.resolution END),
              CASE c.critical_failure WHEN 'right_department' THEN r.rd_pass WHEN 'assessment_quality' THEN r.aq_pass
                   WHEN 'satisfaction' THEN r.sat_pass ELSE r.res_pass END),
       'events', NULL, NULL, NULL, NULL, NULL
FROM case_scores c CROSS JOIN eqa_rubric r
WHERE c.critical_failure IS NOT NULL;

-- The Overview's and the summary's sums per day and dimension. Steps are dated by when they happened and
-- credited to the agent who handed over; cases are dated by first contact and credited to everyone who
-- handled them, once per key.
CREATE OR REPLACE TABLE standards_daily AS
WITH step_rows AS (
  SELECT "at"::DATE AS day, right_department, assessment_quality,
         unnest([{'dimension': 'all', 'key': 'all'}, {'dimension': 'category', 'key': category},
                 {'dimension': 'department', 'key': from_department}, {'dimension': 'team', 'key': team},
                 {'dimension': 'agent', 'key': agent_id}], recursive := true)
  FROM step_scores
),
step_sums AS (
  SELECT day, dimension, "key", count(*) AS steps,
         coalesce(sum(right_department), 0) AS right_department_sum, count(right_department) AS right_department_n,
         coalesce(sum(assessment_quality), 0) AS assessment_quality_sum, count(assessment_quality) AS assessment_quality_n
  FROM step_rows WHERE "key" IS NOT NULL GROUP BY ALL
),
case_keys AS (
  SELECT ticket_id, 'all' AS dimension, 'all' AS "key" FROM case_scores
  UNION ALL SELECT ticket_id, 'category', category FROM case_scores WHERE category IS NOT NULL
  UNION ALL SELECT DISTINCT ticket_id, 'department', department FROM case_agents WHERE department IS NOT NULL
  UNION ALL SELECT DISTINCT ticket_id, 'team', team FROM case_agents WHERE team IS NOT NULL
  UNION ALL SELECT DISTINCT ticket_id, 'agent', agent_id FROM case_agents
),
case_sums AS (
  SELECT c.first_contact_at::DATE AS day, k.dimension, k."key", count(*) AS cases,
         coalesce(sum(c.satisfaction), 0) AS satisfaction_sum, count(c.satisfaction) AS satisfaction_n,
         coalesce(sum(c.resolution), 0) AS resolution_sum, count(c.resolution) AS resolution_n,
         coalesce(sum(c.overall), 0) AS overall_sum, count(c.overall) AS overall_n
  FROM case_keys k JOIN case_scores c USING (ticket_id)
  GROUP BY ALL
)
SELECT day, dimension, "key",
       coalesce(s.steps, 0) AS steps,
       coalesce(s.right_department_sum, 0) AS right_department_sum, coalesce(s.right_department_n, 0) AS right_department_n,
       coalesce(s.assessment_quality_sum, 0) AS assessment_quality_sum, coalesce(s.assessment_quality_n, 0) AS assessment_quality_n,
       coalesce(c.cases, 0) AS cases,
       coalesce(c.satisfaction_sum, 0) AS satisfaction_sum, coalesce(c.satisfaction_n, 0) AS satisfaction_n,
       coalesce(c.resolution_sum, 0) AS resolution_sum, coalesce(c.resolution_n, 0) AS resolution_n,
       coalesce(c.overall_sum, 0) AS overall_sum, coalesce(c.overall_n, 0) AS overall_n
FROM step_sums s FULL JOIN case_sums c USING (day, dimension, "key");
