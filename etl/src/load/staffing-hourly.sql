-- Calls per tier (the call's level) and hour of the range [$from, $to], for the Erlang C comparison
-- (staffing.queries.ts). Parameters: $from, $to (days, inclusive), $target_seconds.
--
-- Offered: inbound calls (or of unknown direction) that reached the agents' queue. Where a call's
--   export carries queue times (any call of its source file has queued_at), only calls with a
--   queued_at were offered: one that hung up in the voice menu never reached an agent. Where it
--   carries none, every inbound call counts, at its start.
-- Answered: an agent took it and it is not marked abandoned. AHT: answer (else start) to end.
-- Measured: calls whose wait is known, answered with an answer time or abandoned; within target:
--   answered no later than $target_seconds after joining the queue (a wait below zero, from two
--   systems' clocks, counts as none). Abandoned calls are missed, however soon they hung up.
-- Agents observed: agents busy on a call of the tier (inbound or outbound) at any moment of the hour
--   (a call that ends at 11:00:00 sharp ends in the 10 o'clock hour).
WITH queue_files AS (
  SELECT source_file, bool_or(queued_at IS NOT NULL) AS has_queue FROM calls GROUP BY source_file
),
offered AS (
  SELECT c.level,
         date_trunc('hour', coalesce(c.queued_at, c.started_at)) AS hour,
         c.agent_id IS NOT NULL AND coalesce(c.disposition, '') <> 'abandoned' AS answered,
         coalesce(c.disposition, '') = 'abandoned' AS abandoned,
         CASE WHEN c.ended_at IS NOT NULL
              THEN greatest(epoch(c.ended_at) - epoch(coalesce(c.answered_at, c.started_at)), 0) END AS handling,
         q.has_queue,
         c.queued_at, c.answered_at
  FROM calls c JOIN queue_files q USING (source_file)
  WHERE c.level IS NOT NULL
    AND coalesce(c.direction, 'inbound') = 'inbound'
    AND (NOT q.has_queue OR c.queued_at IS NOT NULL)
    AND coalesce(c.queued_at, c.started_at) >= $from::DATE
    AND coalesce(c.queued_at, c.started_at) < $to::DATE + INTERVAL 1 DAY
),
per_hour AS (
  SELECT level, hour,
         count(*) AS offered,
         count(*) FILTER (WHERE answered) AS answered,
         count(*) FILTER (WHERE abandoned) AS abandoned,
         sum(handling) FILTER (WHERE answered) AS handling_seconds,
         count(handling) FILTER (WHERE answered) AS handled_with_time,
         count(*) FILTER (WHERE has_queue AND (abandoned OR (answered AND answered_at IS NOT NULL))) AS measured,
         count(*) FILTER (WHERE has_queue AND answered AND NOT abandoned AND answered_at IS NOT NULL
                          AND greatest(epoch(answered_at) - epoch(queued_at), 0) <= $target_seconds) AS within_target
  FROM offered GROUP BY ALL
),
busy AS (
  SELECT c.level, c.agent_id, coalesce(c.answered_at, c.started_at) AS busy_from, c.ended_at AS busy_to
  FROM calls c
  WHERE c.level IS NOT NULL AND c.agent_id IS NOT NULL AND c.ended_at IS NOT NULL
    AND coalesce(c.disposition, '') <> 'abandoned'
    AND c.ended_at >= $from::DATE AND coalesce(c.answered_at, c.started_at) < $to::DATE + INTERVAL 1 DAY
),
agents AS (
  SELECT level, hour, count(DISTINCT agent_id) AS agents
  FROM (
    SELECT level, agent_id,
           unnest(generate_series(date_trunc('hour', busy_from), date_trunc('hour', greatest(busy_to - INTERVAL 1 MICROSECOND, busy_from)),
                                  INTERVAL 1 HOUR)) AS hour
    FROM busy
  )
  WHERE hour >= $from::DATE AND hour < $to::DATE + INTERVAL 1 DAY
  GROUP BY ALL
)
SELECT coalesce(p.level, a.level)::INTEGER AS level,
       strftime(coalesce(p.hour, a.hour), '%Y-%m-%dT%H:%M:%SZ') AS hour,
       coalesce(p.offered, 0)::INTEGER AS offered,
       coalesce(p.answered, 0)::INTEGER AS answered,
       coalesce(p.abandoned, 0)::INTEGER AS abandoned,
       coalesce(p.handling_seconds, 0)::DOUBLE AS handling_seconds,
       coalesce(p.handled_with_time, 0)::INTEGER AS handled_with_time,
       coalesce(p.measured, 0)::INTEGER AS measured,
       coalesce(p.within_target, 0)::INTEGER AS within_target,
       coalesce(a.agents, 0)::INTEGER AS agents
FROM per_hour p
FULL JOIN agents a ON a.level = p.level AND a.hour = p.hour
ORDER BY level, hour
