-- Aircall call log (eqa_vendor_csv, one row per call) → canonical calls. Aircall's Call object gives
-- times as Unix seconds; a CSV written from its dashboard or a warehouse may carry ISO 8601 instead, so
-- both are read. A call that cannot be read is rejected whole with its first problem.

CREATE OR REPLACE TEMP MACRO eqa_aircall_time(v) AS
  CASE
    WHEN eqa_blank(v) IS NULL THEN NULL
    -- Unix seconds, or milliseconds when the number has 13 digits
    WHEN regexp_full_match(eqa_blank(v), '[0-9]{1,12}') THEN to_timestamp(eqa_blank(v)::BIGINT) AT TIME ZONE 'UTC'
    WHEN regexp_full_match(eqa_blank(v), '[0-9]{13}') THEN to_timestamp(eqa_blank(v)::BIGINT / 1000) AT TIME ZONE 'UTC'
    ELSE try_cast(eqa_blank(v) AS TIMESTAMPTZ) AT TIME ZONE 'UTC'
  END;

CREATE OR REPLACE TEMP TABLE eqa_aircall_call AS
SELECT *,
       eqa_aircall_time(started_at) AS started,
       eqa_aircall_time(ended_at) AS ended,
       -- a call can go to several teams; the first listed is the one it is counted against
       eqa_blank(split_part(teams, ',', 1)) AS team,
       CASE
         WHEN eqa_blank(started_at) IS NOT NULL AND eqa_aircall_time(started_at) IS NULL
           THEN {'field': 'started_at', 'value': started_at, 'reason': 'not a time (Unix seconds or ISO 8601)'}
         WHEN eqa_blank(ended_at) IS NOT NULL AND eqa_aircall_time(ended_at) IS NULL
           THEN {'field': 'ended_at', 'value': ended_at, 'reason': 'not a time (Unix seconds or ISO 8601)'}
         WHEN eqa_blank(answered_at) IS NOT NULL AND eqa_aircall_time(answered_at) IS NULL
           THEN {'field': 'answered_at', 'value': answered_at, 'reason': 'not a time (Unix seconds or ISO 8601)'}
       END AS problem
FROM eqa_vendor_csv;

CREATE OR REPLACE TEMP TABLE eqa_adapter_rejects AS
SELECT line, problem.field AS field, problem.value AS value, problem.reason AS reason
FROM eqa_aircall_call WHERE problem IS NOT NULL;

CREATE OR REPLACE TEMP TABLE eqa_stage_calls AS
SELECT ordinal, line,
       eqa_blank(id) AS call_id,
       -- Aircall's call object links no helpdesk ticket: calls are linked by customer and time window
       NULL::VARCHAR AS ticket_id,
       -- the other party's number, digits only, is the customer key until PII redaction decides
       nullif(regexp_replace(coalesce(raw_digits, ''), '[^0-9+]', '', 'g'), '') AS customer_id,
       eqa_blank(coalesce(eqa_blank(user_email), user_name)) AS agent_id,
       team AS department,
       eqa_group_level(team)::VARCHAR AS level,
       eqa_iso(started) AS started_at,
       eqa_iso(ended) AS ended_at,
       -- inbound / outbound as exported; anything else is rejected by the canonical check
       lower(eqa_blank(direction)) AS direction,
       CASE
         WHEN eqa_blank(transferred_to) IS NOT NULL THEN 'transferred'
         -- the caller waited for an agent and none answered: missed, as the staffing figures count
         -- it (canonical `abandoned`), whether or not a voicemail was left after
         WHEN lower(eqa_blank(missed_call_reason)) IN
              ('agents_did_not_answer', 'no_available_agent', 'short_abandoned', 'abandoned_in_classic')
           THEN 'abandoned'
         WHEN eqa_blank(voicemail) IS NOT NULL THEN 'voicemail'
         WHEN eqa_blank(missed_call_reason) IS NOT NULL THEN lower(eqa_blank(missed_call_reason))
         WHEN eqa_blank(answered_at) IS NOT NULL THEN 'answered'
         ELSE lower(eqa_blank(status))
       END AS disposition,
       eqa_blank(recording) AS recording_url,
       NULL::VARCHAR AS transcript,
       -- Aircall's started_at is when the call began ringing the line, answered_at when someone
       -- picked up (empty for a missed call): the caller's wait for the staffing figures. A call that
       -- ended in the voice menu or out of opening hours never reached an agent's queue: no queued_at,
       -- so it is not counted as offered.
       CASE WHEN lower(eqa_blank(missed_call_reason)) IN ('abandoned_in_ivr', 'out_of_opening_hours')
            THEN NULL ELSE eqa_iso(started) END AS queued_at,
       eqa_iso(eqa_aircall_time(answered_at)) AS answered_at
FROM eqa_aircall_call WHERE problem IS NULL;

DROP TABLE eqa_aircall_call;
DROP TABLE eqa_vendor_csv;
