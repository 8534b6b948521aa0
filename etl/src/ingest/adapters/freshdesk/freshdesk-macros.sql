-- Freshdesk's vocabularies for the tickets export.

-- The export writes 2024-03-05 14:22:10 without a zone, in the account's time zone; it is taken as
-- UTC (set the account to UTC before exporting, or convert with a mapping file).
CREATE OR REPLACE TEMP MACRO eqa_fd_time(v) AS (try_strptime(v, ['%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M']));

CREATE OR REPLACE TEMP MACRO eqa_fd_iso(v) AS eqa_iso(eqa_fd_time(v));

CREATE OR REPLACE TEMP MACRO eqa_fd_time_problem(v) AS eqa_time_problem(
  v, eqa_fd_time(v), 'not a Freshdesk time (YYYY-MM-DD HH:MM:SS, taken as UTC)'
);

-- Freshdesk's four built-in statuses and the two custom ones most accounts add. Waiting on a customer
-- is pending, on a third party on_hold (the two waits that may pause an SLA clock). NULL = a reject.
CREATE OR REPLACE TEMP MACRO eqa_fd_status(s) AS (
  CASE lower(trim(s))
    WHEN 'open' THEN 'open' WHEN 'pending' THEN 'pending' WHEN 'resolved' THEN 'solved'
    WHEN 'closed' THEN 'closed' WHEN 'waiting on customer' THEN 'pending'
    WHEN 'waiting on third party' THEN 'on_hold'
  END
);

CREATE OR REPLACE TEMP MACRO eqa_fd_statuses() AS
  'Open, Pending, Resolved, Closed, Waiting on Customer, Waiting on Third Party';

-- Source is free text in the canonical format: Freshdesk's own values become the product's (Portal and
-- the feedback widget are the web), others stay as exported. (Priority is the shared eqa_priority.)
CREATE OR REPLACE TEMP MACRO eqa_fd_channel(s) AS (
  CASE WHEN lower(trim(s)) IN ('email', 'outbound email') THEN 'email'
       WHEN lower(trim(s)) = 'phone' THEN 'phone'
       WHEN lower(trim(s)) = 'chat' THEN 'chat'
       WHEN lower(trim(s)) IN ('portal', 'feedback widget', 'feedback form') THEN 'web'
       ELSE lower(trim(s))
  END
);

-- Survey results onto the canonical 1–5 csat. Classic survey: Awesome 5, Just Okay / Neutral 3, Not
-- Good 1. Custom surveys' seven points (API codes 103 … -103): Extremely Happy 5, Very Happy and Happy
-- 4, Neutral 3, Unhappy and Very Unhappy 2, Extremely Unhappy 1 (3 + 2/3 of the -3…3 point, rounded).
-- The answer itself is kept as exported in the survey event's value. NULL = not a known answer.
CREATE OR REPLACE TEMP MACRO eqa_fd_csat(v) AS (
  CASE lower(trim(v))
    WHEN 'awesome' THEN 5 WHEN 'extremely happy' THEN 5 WHEN '103' THEN 5
    WHEN 'very happy' THEN 4 WHEN '102' THEN 4 WHEN 'happy' THEN 4 WHEN '101' THEN 4
    WHEN 'just okay' THEN 3 WHEN 'neutral' THEN 3 WHEN '100' THEN 3
    WHEN 'unhappy' THEN 2 WHEN '-101' THEN 2 WHEN 'very unhappy' THEN 2 WHEN '-102' THEN 2
    WHEN 'not good' THEN 1 WHEN 'extremely unhappy' THEN 1 WHEN '-103' THEN 1
  END
);
