-- Salesforce Case.csv → canonical tickets, plus the events a snapshot can tell: `created` and, for a
-- closed case, `resolved` at ClosedDate. Levels come from CaseHistory's queue moves, not from here.
-- Reads eqa_vendor_csv; writes eqa_stage_tickets, eqa_stage_events and eqa_adapter_rejects.

CREATE OR REPLACE TEMP TABLE eqa_sf_case_checked AS
WITH parsed AS (
  SELECT ordinal, line,
         nullif(trim(id), '') AS id,
         nullif(trim(is_deleted), '') AS is_deleted,
         nullif(trim(contact_id), '') AS contact_id,
         nullif(trim(account_id), '') AS account_id,
         nullif(trim(type), '') AS type,
         nullif(trim(status), '') AS status,
         nullif(trim(origin), '') AS origin,
         nullif(trim(priority), '') AS priority,
         nullif(trim(created_date), '') AS created_date,
         nullif(trim(closed_date), '') AS closed_date,
         eqa_sf_true(is_closed) OR eqa_sf_status(status) IN ('closed', 'solved') AS closed
  FROM eqa_vendor_csv
)
SELECT *, CASE
  WHEN id IS NULL THEN {'field': 'Id', 'value': NULL::VARCHAR, 'reason': 'missing required value'}
  WHEN eqa_sf_true(is_deleted)
    THEN {'field': 'IsDeleted', 'value': is_deleted, 'reason': 'deleted in Salesforce (in the Recycle Bin)'}
  WHEN created_date IS NULL THEN {'field': 'CreatedDate', 'value': NULL::VARCHAR, 'reason': 'missing required value'}
  WHEN eqa_sf_time_problem(created_date) IS NOT NULL
    THEN {'field': 'CreatedDate', 'value': created_date, 'reason': eqa_sf_time_problem(created_date)}
  WHEN eqa_sf_time_problem(closed_date) IS NOT NULL
    THEN {'field': 'ClosedDate', 'value': closed_date, 'reason': eqa_sf_time_problem(closed_date)}
  WHEN status IS NOT NULL AND eqa_sf_status(status) IS NULL
    THEN {'field': 'Status', 'value': status, 'reason': 'not a known Salesforce case status (' || eqa_sf_statuses() || ')'}
  WHEN closed AND closed_date IS NULL
    THEN {'field': 'ClosedDate', 'value': NULL::VARCHAR, 'reason': 'a closed case without a ClosedDate'}
  WHEN eqa_sf_time(closed_date) < eqa_sf_time(created_date)
    THEN {'field': 'ClosedDate', 'value': closed_date, 'reason': 'resolved before created'}
END AS problem
FROM parsed;

-- A case exported twice: the last record wins.
CREATE OR REPLACE TEMP TABLE eqa_sf_case_ranked AS
SELECT *, row_number() OVER (PARTITION BY id ORDER BY ordinal DESC) AS key_rank
FROM eqa_sf_case_checked WHERE problem IS NULL;

CREATE OR REPLACE TEMP TABLE eqa_adapter_rejects AS
SELECT line, problem.field AS field, problem.value AS value, problem.reason AS reason
FROM eqa_sf_case_checked WHERE problem IS NOT NULL
UNION ALL
SELECT line, 'Id', id, 'duplicate Id: superseded by a later record of the same case'
FROM eqa_sf_case_ranked WHERE key_rank > 1;

-- The ticket is the case's 18-character Id, the key CaseHistory refers to (CaseNumber is not in it).
-- The customer is the contact, else the account. Salesforce cases carry no satisfaction score.
CREATE OR REPLACE TEMP TABLE eqa_stage_tickets AS
SELECT ordinal, line,
       id AS ticket_id, eqa_sf_iso(created_date) AS created_at,
       CASE WHEN closed THEN eqa_sf_iso(closed_date) END AS resolved_at,
       coalesce(contact_id, account_id) AS customer_id,
       eqa_sf_channel(origin) AS channel, type AS category, NULL::VARCHAR AS policy,
       eqa_priority(priority) AS priority, eqa_sf_status(status) AS status,
       NULL::VARCHAR AS csat, NULL::VARCHAR AS outcome
FROM eqa_sf_case_ranked WHERE key_rank = 1;

CREATE OR REPLACE TEMP TABLE eqa_stage_events AS
SELECT row_number() OVER (ORDER BY ordinal, rank) AS ordinal, line, ticket_id, "at", type,
       NULL::VARCHAR AS level, NULL::VARCHAR AS department, NULL::VARCHAR AS agent_id,
       NULL::VARCHAR AS escalation_type, NULL::VARCHAR AS note, status, NULL::VARCHAR AS value
FROM (
  SELECT ordinal, line, 1 AS rank, id AS ticket_id, eqa_sf_iso(created_date) AS "at", 'created' AS type, 'new' AS status
  FROM eqa_sf_case_ranked WHERE key_rank = 1
  UNION ALL
  SELECT ordinal, line, 2, id, eqa_sf_iso(closed_date), 'resolved',
         CASE WHEN eqa_sf_status(status) = 'solved' THEN 'solved' ELSE 'closed' END
  FROM eqa_sf_case_ranked WHERE key_rank = 1 AND closed
);
