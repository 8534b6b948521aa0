-- What each tier carries (issue 9, the Load page), rebuilt whole by every scoring run
-- (load/tier-load.sql) because "settled within a lower tier's authority" needs the rubric's authority
-- matrix. Created empty here so that readers never meet a missing table on a fresh store.
--
-- A stint is one continuous stay of an open case at one level: it starts when the case arrives at the
-- level (new, escalated up to it, returned to it by a de-escalation, or reopened at it) and ends when
-- the case leaves it (resolved there, escalated above it, de-escalated below it); NULL while open.
CREATE TABLE tier_stints (
  ticket_id VARCHAR NOT NULL,
  level INTEGER NOT NULL,
  started_at TIMESTAMP NOT NULL,
  ended_at TIMESTAMP,
  -- new | escalated | returned | reopened
  arrival VARCHAR NOT NULL,
  -- resolved | escalated | de_escalated; NULL: still open at the data's end
  departure VARCHAR,
  -- the case's outcome is upheld: the company's first answer stood unchanged
  upheld BOOLEAN NOT NULL,
  -- the case was settled with an offer that a lower level than this one could have granted on its own
  within_lower_authority BOOLEAN NOT NULL
);

-- Per ISO week (Monday, UTC) and level. Flows are dated by when they happened; the open count and its
-- ages are taken at the week's end (ages at the data's end for the last, cut week).
CREATE TABLE tier_weekly_load (
  week DATE NOT NULL,
  level INTEGER NOT NULL,
  arrived_new BIGINT NOT NULL,
  arrived_escalated BIGINT NOT NULL,
  arrived_returned BIGINT NOT NULL,
  arrived_reopened BIGINT NOT NULL,
  resolved BIGINT NOT NULL,
  escalated_up BIGINT NOT NULL,
  de_escalated BIGINT NOT NULL,
  open_at_end BIGINT NOT NULL,
  -- days at this level of what is open at the week's end
  open_age_median_days DOUBLE,
  open_age_p90_days DOUBLE,
  open_over_30_days BIGINT NOT NULL,
  -- calls answered at this level (with an agent), and their handling minutes (answer to end)
  calls BIGINT NOT NULL,
  call_minutes DOUBLE NOT NULL,
  -- hours open cases spent at this level while not waiting on the customer or a third party
  active_hours DOUBLE NOT NULL,
  call_minutes_upheld DOUBLE NOT NULL,
  call_minutes_within_authority DOUBLE NOT NULL,
  -- upheld, or within a lower level's authority, or both (counted once)
  call_minutes_either DOUBLE NOT NULL,
  active_hours_upheld DOUBLE NOT NULL,
  active_hours_within_authority DOUBLE NOT NULL,
  active_hours_either DOUBLE NOT NULL
);

-- When the tables above were last built: a store whose data changed since (or that never had them
-- built, such as one made before this migration or holding calls only) is rescored (scoresAreStale).
CREATE TABLE tier_load_facts (built_at TIMESTAMP NOT NULL);
