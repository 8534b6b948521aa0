-- Practices (a ticket's policy, or its category where it cites none) and how their escalations end
-- (practices/practice-monthly.sql), rebuilt whole by every scoring run because dissatisfaction needs
-- the scores. Created empty here so that readers never meet a missing table on a fresh store.
--
-- practice_daily is the grain the reports read: any date range is an exact sum of days, so a period
-- such as "the 30 days before an FAQ update" never has to be rounded to whole months.
-- practice_monthly is the same figures summed by calendar month (UTC), for the dashboard's charts.
-- `tickets` are dated by created_at; every other column counts escalated cases (at least one
-- escalation step), dated by their first escalation step.
CREATE TABLE practice_daily (
  -- 'policy:<policy>' or 'category:<category>'
  practice VARCHAR NOT NULL,
  -- policy | category
  kind VARCHAR NOT NULL,
  day DATE NOT NULL,
  tickets BIGINT NOT NULL,
  escalated BIGINT NOT NULL,
  -- upheld + overturned + partial (withdrawn is not a decision)
  decided BIGINT NOT NULL,
  -- the customer's position accepted, in full or in part (ombudsmen's "uphold rate")
  overturned_or_partial BIGINT NOT NULL,
  reached_l3 BIGINT NOT NULL,
  -- with a satisfaction score; the rest are "not surveyed"
  surveyed BIGINT NOT NULL,
  -- satisfaction below 50 of 100
  dissatisfied BIGINT NOT NULL,
  -- reopened, or more than one linked call
  repeat_contact BIGINT NOT NULL
);

CREATE TABLE practice_monthly (
  practice VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,
  -- the first day of the month
  month DATE NOT NULL,
  tickets BIGINT NOT NULL,
  escalated BIGINT NOT NULL,
  decided BIGINT NOT NULL,
  overturned_or_partial BIGINT NOT NULL,
  reached_l3 BIGINT NOT NULL,
  surveyed BIGINT NOT NULL,
  dissatisfied BIGINT NOT NULL,
  repeat_contact BIGINT NOT NULL
);
