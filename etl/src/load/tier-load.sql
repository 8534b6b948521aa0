-- Rebuilds tier_stints and tier_weekly_load (migration 011): what each level carries, week by week.
-- Runs inside the scoring run's transaction, after eqa_load_case_flags (ticket_id, upheld,
-- authority_level: the lowest level whose authority covers every offer granted in the case, NULL
-- when none was) has been written by rebuild-tier-load.ts.
--
-- State comes from the events (DECISIONS §1). Walking a case's events in order (at, seq):
--   * its level is the last level any event named;
--   * it is open from `created`, and again from `reopened` (or any `escalated`, `de-escalated` or
--     `assigned`, which only happen to a case someone is working), and closed from `resolved`;
--   * it waits while its last status is pending or on_hold (events' optional status column).
-- An open case sits at its level: that is its tier. A stint is one unbroken stay at one tier.
-- A stint's arrival is `escalated` exactly when its first event is an escalation step as
-- escalation_steps counts them (the level rose above the last one named, or the case's first leveled
-- event is itself `escalated`), so the escalations arriving per week match the Overview's.

CREATE OR REPLACE TEMP TABLE eqa_load_segments AS
-- Each state "so far" is the event's own value, else the last one before it: lag(… IGNORE NULLS) over
-- one ordering gives both, in a single pass (as rebuild-derived.sql walks the events).
WITH walked AS (
  SELECT ticket_id, seq, "at", type,
         coalesce(level, prev_level) AS level_now, prev_level,
         coalesce(open_flag, prev_open, true) AS is_open, coalesce(prev_open, true) AS prev_open,
         coalesce(coalesce(status, prev_status) IN ('pending', 'on_hold'), false) AS waiting,
         coalesce(prev_status IN ('pending', 'on_hold'), false) AS prev_waiting
  FROM (
    SELECT ticket_id, seq, "at", type, level, status, open_flag,
           lag(level IGNORE NULLS) OVER w AS prev_level,
           lag(open_flag IGNORE NULLS) OVER w AS prev_open,
           lag(status IGNORE NULLS) OVER w AS prev_status
    FROM (
      SELECT ticket_id, seq, "at", type, level, status,
             CASE WHEN type = 'resolved' THEN false
                  WHEN type IN ('created', 'reopened', 'escalated', 'de-escalated', 'assigned') THEN true END AS open_flag
      FROM events
    )
    WINDOW w AS (PARTITION BY ticket_id ORDER BY "at", seq)
  )
),
trail AS (
  SELECT ticket_id, seq, "at", type = 'escalated' AS is_escalation_event, level_now, prev_level, tier, prev_tier,
         waiting, tier IS DISTINCT FROM prev_tier AS tier_changed
  FROM (
    SELECT ticket_id, seq, "at", type, level_now, prev_level,
           CASE WHEN is_open THEN level_now END AS tier,
           CASE WHEN prev_open THEN prev_level END AS prev_tier,
           is_open AND waiting AS waiting,
           prev_open AND prev_waiting AS prev_waiting
    FROM walked
  )
  -- only the events where the tier or the waiting changes matter from here on (a case's first event
  -- has no tier before it, so it is kept when it has one)
  WHERE tier IS DISTINCT FROM prev_tier OR waiting IS DISTINCT FROM prev_waiting
)
-- One pass over those changes serves both: each runs until the case's next change (a segment, for the
-- hours not waiting), and each change of tier until the next change of tier (a stint).
SELECT t.*,
       lead("at") OVER w AS next_at,
       lead(CASE WHEN tier_changed THEN "at" END IGNORE NULLS) OVER w AS tier_ended_at,
       lead(CASE WHEN tier_changed THEN {'tier': tier} END IGNORE NULLS) OVER w AS next_tier
FROM trail t
WINDOW w AS (PARTITION BY ticket_id ORDER BY "at", seq);

DELETE FROM tier_stints;
INSERT INTO tier_stints
SELECT s.ticket_id, s.tier AS level, "at" AS started_at, tier_ended_at AS ended_at,
       CASE
         WHEN (prev_level IS NOT NULL AND level_now > prev_level) OR (prev_level IS NULL AND is_escalation_event) THEN 'escalated'
         WHEN prev_level IS NULL THEN 'new'
         WHEN prev_tier IS NULL THEN 'reopened'
         ELSE 'returned'
       END AS arrival,
       -- the next change of tier: none (still open), closed (resolved), or another level
       CASE
         WHEN next_tier IS NULL THEN NULL
         WHEN next_tier.tier IS NULL THEN 'resolved'
         WHEN next_tier.tier > tier THEN 'escalated'
         ELSE 'de_escalated'
       END AS departure,
       coalesce(f.upheld, false),
       coalesce(f.authority_level < s.tier, false)
FROM eqa_load_segments s
LEFT JOIN eqa_load_case_flags f USING (ticket_id)
WHERE s.tier_changed AND s.tier IS NOT NULL;

-- Every ISO week of the data, and every level seen at a tier or on a call.
CREATE OR REPLACE TEMP TABLE eqa_load_weeks AS
SELECT w.week::DATE AS week, w.week::TIMESTAMP AS week_start, (w.week + INTERVAL 7 DAY)::TIMESTAMP AS week_end,
       least((w.week + INTERVAL 7 DAY)::TIMESTAMP, w.data_end) AS age_point
FROM (
  SELECT unnest(generate_series(date_trunc('week', data_start), date_trunc('week', data_end), INTERVAL 7 DAY)) AS week,
         data_end
  FROM store_facts WHERE data_start IS NOT NULL
) w;

CREATE OR REPLACE TEMP TABLE eqa_load_grid AS
SELECT w.*, l.level
FROM eqa_load_weeks w
CROSS JOIN (SELECT DISTINCT level FROM tier_stints UNION SELECT DISTINCT level FROM calls WHERE level IS NOT NULL) l;

-- Calls handled at a level: an agent took them; minutes from the answer (else the start) to the end.
CREATE OR REPLACE TEMP TABLE eqa_load_calls AS
SELECT c.level,
       date_trunc('week', coalesce(c.answered_at, c.started_at))::DATE AS week,
       greatest(epoch(c.ended_at) - epoch(coalesce(c.answered_at, c.started_at)), 0) / 60 AS minutes,
       coalesce(f.upheld, false) AS upheld,
       coalesce(f.authority_level < c.level, false) AS within_authority
FROM calls c
LEFT JOIN call_links l USING (call_id)
LEFT JOIN eqa_load_case_flags f ON f.ticket_id = coalesce(c.ticket_id, l.ticket_id)
WHERE c.level IS NOT NULL AND c.agent_id IS NOT NULL AND c.ended_at IS NOT NULL
  AND coalesce(c.disposition, '') <> 'abandoned';

-- Hours at a tier while not waiting, cut at week boundaries: each segment is spread over the weeks it
-- touches (almost always one), which is cheaper than joining every segment against every week.
CREATE OR REPLACE TEMP TABLE eqa_load_active AS
SELECT week::DATE AS week, level,
       sum(seconds) / 3600 AS hours,
       coalesce(sum(seconds) FILTER (WHERE upheld), 0) / 3600 AS hours_upheld,
       coalesce(sum(seconds) FILTER (WHERE within_authority), 0) / 3600 AS hours_within,
       coalesce(sum(seconds) FILTER (WHERE upheld OR within_authority), 0) / 3600 AS hours_either
FROM (
  SELECT week, level, upheld, within_authority,
         epoch(least(seg_end, week + INTERVAL 7 DAY)) - epoch(greatest(seg_start, week)) AS seconds
  FROM (
    SELECT s.tier AS level, s."at" AS seg_start, coalesce(s.next_at, f.data_end) AS seg_end,
           coalesce(c.upheld, false) AS upheld,
           coalesce(c.authority_level < s.tier, false) AS within_authority,
           unnest(generate_series(date_trunc('week', s."at"), date_trunc('week', coalesce(s.next_at, f.data_end)),
                                  INTERVAL 7 DAY)) AS week
    FROM eqa_load_segments s
    CROSS JOIN store_facts f
    LEFT JOIN eqa_load_case_flags c USING (ticket_id)
    WHERE s.tier IS NOT NULL AND NOT s.waiting
  )
)
WHERE seconds > 0
GROUP BY ALL;

-- What is open at each week's end, and for how long it has been at its level.
CREATE OR REPLACE TEMP TABLE eqa_load_open AS
SELECT w.week, s.level,
       count(*) AS open_at_end,
       median((epoch(w.age_point) - epoch(s.started_at)) / 86400) AS age_median,
       quantile_cont((epoch(w.age_point) - epoch(s.started_at)) / 86400, 0.9) AS age_p90,
       count(*) FILTER (WHERE epoch(w.age_point) - epoch(s.started_at) > 30 * 86400) AS over_30
FROM tier_stints s
JOIN eqa_load_weeks w ON s.started_at < w.week_end AND coalesce(s.ended_at, TIMESTAMP '9999-12-31') >= w.week_end
GROUP BY ALL;

DELETE FROM tier_weekly_load;
INSERT INTO tier_weekly_load
WITH arrived AS (
  SELECT date_trunc('week', started_at)::DATE AS week, level,
         count(*) FILTER (WHERE arrival = 'new') AS arrived_new,
         count(*) FILTER (WHERE arrival = 'escalated') AS arrived_escalated,
         count(*) FILTER (WHERE arrival = 'returned') AS arrived_returned,
         count(*) FILTER (WHERE arrival = 'reopened') AS arrived_reopened
  FROM tier_stints GROUP BY ALL
),
departed AS (
  SELECT date_trunc('week', ended_at)::DATE AS week, level,
         count(*) FILTER (WHERE departure = 'resolved') AS resolved,
         count(*) FILTER (WHERE departure = 'escalated') AS escalated_up,
         count(*) FILTER (WHERE departure = 'de_escalated') AS de_escalated
  FROM tier_stints WHERE ended_at IS NOT NULL GROUP BY ALL
),
called AS (
  SELECT week, level, count(*) AS calls, sum(minutes) AS minutes,
         coalesce(sum(minutes) FILTER (WHERE upheld), 0) AS minutes_upheld,
         coalesce(sum(minutes) FILTER (WHERE within_authority), 0) AS minutes_within,
         coalesce(sum(minutes) FILTER (WHERE upheld OR within_authority), 0) AS minutes_either
  FROM eqa_load_calls GROUP BY ALL
)
SELECT g.week, g.level,
       coalesce(a.arrived_new, 0), coalesce(a.arrived_escalated, 0), coalesce(a.arrived_returned, 0),
       coalesce(a.arrived_reopened, 0),
       coalesce(d.resolved, 0), coalesce(d.escalated_up, 0), coalesce(d.de_escalated, 0),
       coalesce(o.open_at_end, 0), o.age_median, o.age_p90, coalesce(o.over_30, 0),
       coalesce(c.calls, 0), coalesce(c.minutes, 0), coalesce(v.hours, 0),
       coalesce(c.minutes_upheld, 0), coalesce(c.minutes_within, 0), coalesce(c.minutes_either, 0),
       coalesce(v.hours_upheld, 0), coalesce(v.hours_within, 0), coalesce(v.hours_either, 0)
FROM eqa_load_grid g
LEFT JOIN arrived a USING (week, level)
LEFT JOIN departed d USING (week, level)
LEFT JOIN eqa_load_open o USING (week, level)
LEFT JOIN called c USING (week, level)
LEFT JOIN eqa_load_active v USING (week, level)
ORDER BY g.week, g.level;

DROP TABLE eqa_load_segments;
DROP TABLE eqa_load_weeks;
DROP TABLE eqa_load_grid;
DROP TABLE eqa_load_calls;
DROP TABLE eqa_load_active;
DROP TABLE eqa_load_open;
