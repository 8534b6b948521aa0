-- Salesforce's vocabularies, mapped once for the Case and the CaseHistory mapping.

-- Salesforce writes 2024-03-05T14:22:10.000+0000 (Data Loader) or …Z (Data Export). The offset gets
-- its colon (+00:00), the ISO 8601 form every reader of the staged text accepts.
CREATE OR REPLACE TEMP MACRO eqa_sf_iso(v) AS (regexp_replace(v, '([+-]\d{2})(\d{2})$', '\1:\2'));

CREATE OR REPLACE TEMP MACRO eqa_sf_time(v) AS (
  CASE WHEN regexp_full_match(v, '\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})')
       THEN try_cast(eqa_sf_iso(v) AS TIMESTAMPTZ) END
);

CREATE OR REPLACE TEMP MACRO eqa_sf_time_problem(v) AS eqa_time_problem(
  v, eqa_sf_time(v) AT TIME ZONE 'UTC', 'not a Salesforce datetime (such as 2024-03-05T14:22:10.000+0000)'
);

-- Case Status: the standard picklist (New, Working, Escalated, Closed) and the values orgs commonly
-- add. Escalated is an open status (the escalation itself is an event); NULL = not known, a reject.
CREATE OR REPLACE TEMP MACRO eqa_sf_status(s) AS (
  CASE lower(trim(s))
    WHEN 'new' THEN 'new' WHEN 'working' THEN 'open' WHEN 'in progress' THEN 'open'
    WHEN 'escalated' THEN 'open' WHEN 'on hold' THEN 'on_hold' WHEN 'waiting on customer' THEN 'pending'
    WHEN 'pending' THEN 'pending' WHEN 'resolved' THEN 'solved' WHEN 'closed' THEN 'closed'
  END
);

CREATE OR REPLACE TEMP MACRO eqa_sf_statuses() AS
  'New, Working, In Progress, Escalated, On Hold, Waiting on Customer, Pending, Resolved, Closed';

-- Origin is free text in the canonical format: the standard values become the product's, others stay
-- as exported. (Priority is the shared eqa_priority: Medium = normal.)
CREATE OR REPLACE TEMP MACRO eqa_sf_channel(o) AS (
  CASE lower(trim(o)) WHEN 'phone' THEN 'phone' WHEN 'email' THEN 'email' WHEN 'web' THEN 'web'
                      WHEN 'chat' THEN 'chat' ELSE lower(trim(o)) END
);

CREATE OR REPLACE TEMP MACRO eqa_sf_true(v) AS (lower(trim(v)) IN ('true', '1'));

-- A user (005…) or queue (00G…) Id, 15 or 18 characters: a CaseHistory owner row's API-only twin.
CREATE OR REPLACE TEMP MACRO eqa_sf_owner_id(v) AS (
  regexp_full_match(v, '(005|00G)[a-zA-Z0-9]{12}([a-zA-Z0-9]{3})?')
);
