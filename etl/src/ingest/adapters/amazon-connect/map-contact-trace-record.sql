-- Amazon Connect contact records (eqa_ac_lines: line, text; one JSON object per line, as Kinesis Firehose
-- writes them) → canonical calls. The fields are those of Connect's contact record data model;
-- json_transform reads each with an explicit type, and a field missing from a record is NULL.

CREATE OR REPLACE TEMP TABLE eqa_ac_parsed AS
SELECT line, j,
       coalesce(CASE WHEN json_valid(j) THEN json_type(j) END = 'OBJECT', false) AS is_object,
       CASE WHEN json_valid(j) AND json_type(j) = 'OBJECT' THEN json_transform(j, '{
         "ContactId": "VARCHAR", "InitialContactId": "VARCHAR", "PreviousContactId": "VARCHAR",
         "Channel": "VARCHAR", "InitiationMethod": "VARCHAR",
         "InitiationTimestamp": "VARCHAR", "DisconnectTimestamp": "VARCHAR", "LastUpdateTimestamp": "VARCHAR",
         "DisconnectReason": "VARCHAR", "TransferCompletedTimestamp": "VARCHAR",
         "CustomerEndpoint": {"Address": "VARCHAR"},
         "Agent": {"Username": "VARCHAR", "ConnectedToAgentTimestamp": "VARCHAR"},
         "Queue": {"Name": "VARCHAR", "EnqueueTimestamp": "VARCHAR"},
         "Recording": {"Location": "VARCHAR"},
         "Recordings": [{"Location": "VARCHAR"}],
         "Attributes": "JSON"
       }') END AS r
FROM (SELECT line, text AS j FROM eqa_ac_lines)
WHERE eqa_blank(j) IS NOT NULL;

-- How each initiation method maps to a direction (the customer's point of view: who started it).
-- CALLBACK is inbound: the customer asked for it while queued and it keeps its place in the queue; the
-- dial-out is mechanics. TRANSFER, QUEUE_TRANSFER and DISCONNECT continue an earlier contact and take the
-- direction of the chain's initial contact (NULL when that contact is not in the file). API depends on the
-- channel: StartOutboundVoiceContact (VOICE) is outbound, StartChatContact (CHAT) is the customer's chat.
-- MONITOR is a supervisor listening in, not a contact with the customer.
CREATE OR REPLACE TEMP TABLE eqa_ac_method (method VARCHAR, direction VARCHAR, rule VARCHAR);
INSERT INTO eqa_ac_method VALUES
  ('INBOUND', 'inbound', 'fixed'),
  ('OUTBOUND', 'outbound', 'fixed'),
  ('EXTERNAL_OUTBOUND', 'outbound', 'fixed'),
  ('CALLBACK', 'inbound', 'fixed'),
  ('WEBRTC_API', 'inbound', 'fixed'),
  ('AGENT_REPLY', 'outbound', 'fixed'),
  ('FLOW', 'outbound', 'fixed'),
  ('CAMPAIGN_PREVIEW', 'outbound', 'fixed'),
  ('API', NULL, 'by_channel'),
  ('TRANSFER', NULL, 'initial'),
  ('QUEUE_TRANSFER', NULL, 'initial'),
  ('DISCONNECT', NULL, 'initial'),
  ('MONITOR', NULL, 'reject');

CREATE OR REPLACE TEMP TABLE eqa_ac_contact AS
WITH checked AS (
  SELECT p.line, p.j, p.r, m.rule,
         CASE m.rule
           WHEN 'fixed' THEN m.direction
           WHEN 'by_channel' THEN CASE p.r.Channel WHEN 'VOICE' THEN 'outbound' WHEN 'CHAT' THEN 'inbound' END
         END AS own_direction,
         CASE
           WHEN NOT p.is_object THEN {'field': 'record', 'value': left(p.j, 200), 'reason': 'not a JSON object: one contact record per line is expected'}
           WHEN m.rule IS NULL THEN {'field': 'InitiationMethod', 'value': p.r.InitiationMethod, 'reason': 'not a known Amazon Connect InitiationMethod'}
           WHEN m.rule = 'reject' THEN {'field': 'InitiationMethod', 'value': p.r.InitiationMethod, 'reason': 'a supervisor monitoring a contact, not a contact with the customer'}
           WHEN p.r.Channel = 'TASK' THEN {'field': 'Channel', 'value': p.r.Channel, 'reason': 'a task (an agent work item), not a conversation with the customer'}
           WHEN p.r.Channel IS NULL OR p.r.Channel NOT IN ('VOICE', 'CHAT', 'EMAIL') THEN {'field': 'Channel', 'value': p.r.Channel, 'reason': 'not a known Amazon Connect Channel (VOICE, CHAT, EMAIL, TASK)'}
         END AS problem
  FROM eqa_ac_parsed p
  LEFT JOIN eqa_ac_method m ON m.method = p.r.InitiationMethod
)
SELECT *,
       -- Connect delivers a record at least once, again after an update: the copy with the latest
       -- LastUpdateTimestamp is the contact (Connect's own advice for deduplicating the stream)
       row_number() OVER newest AS recency,
       first_value(line) OVER newest AS newest_line
FROM checked
WINDOW newest AS (PARTITION BY r.ContactId, problem IS NULL
                  ORDER BY try_cast(r.LastUpdateTimestamp AS TIMESTAMPTZ) DESC NULLS LAST, line DESC);

CREATE OR REPLACE TEMP TABLE eqa_adapter_rejects AS
SELECT line, problem.field AS field, problem.value AS value, problem.reason AS reason
FROM eqa_ac_contact WHERE problem IS NOT NULL
UNION ALL
SELECT line, 'ContactId', r.ContactId,
       'an older copy of this contact record: the copy on line ' || newest_line || ' has a later LastUpdateTimestamp'
FROM eqa_ac_contact WHERE problem IS NULL AND recency > 1 AND r.ContactId IS NOT NULL;

-- Every well-formed record counts as evidence of a transfer, even one rejected above.
CREATE OR REPLACE TEMP TABLE eqa_ac_transferred AS
SELECT DISTINCT r.PreviousContactId AS contact_id
FROM eqa_ac_parsed
WHERE is_object AND r.InitiationMethod IN ('TRANSFER', 'QUEUE_TRANSFER') AND r.PreviousContactId IS NOT NULL;

DELETE FROM eqa_ac_contact WHERE problem IS NOT NULL OR (recency > 1 AND r.ContactId IS NOT NULL);

CREATE OR REPLACE TEMP TABLE eqa_stage_calls AS
SELECT c.line AS ordinal, c.line,
       c.r.ContactId AS call_id,
       eqa_blank(coalesce(
         json_extract_string(c.r.Attributes, '$.ticket_id'),
         json_extract_string(c.r.Attributes, '$.TicketId'),
         json_extract_string(c.r.Attributes, '$.caseId'))) AS ticket_id,
       -- the caller's number is the customer key until PII redaction decides how to keep it
       eqa_blank(c.r.CustomerEndpoint.Address) AS customer_id,
       eqa_blank(c.r.Agent.Username) AS agent_id,
       eqa_blank(c.r.Queue.Name) AS department,
       eqa_group_level(c.r.Queue.Name)::VARCHAR AS level,
       c.r.InitiationTimestamp AS started_at,
       c.r.DisconnectTimestamp AS ended_at,
       CASE WHEN c.rule = 'initial' THEN i.own_direction ELSE c.own_direction END AS direction,
       CASE
         WHEN t.contact_id IS NOT NULL OR c.r.TransferCompletedTimestamp IS NOT NULL THEN 'transferred'
         -- queued, never reached an agent, and the customer hung up: Connect's abandoned contact
         WHEN c.r.Queue IS NOT NULL AND c.r.Agent IS NULL AND c.r.DisconnectReason = 'CUSTOMER_DISCONNECT' THEN 'abandoned'
         ELSE lower(c.r.DisconnectReason)
       END AS disposition,
       -- Location is an S3 path without a scheme
       CASE
         WHEN regexp_matches(loc, '^[A-Za-z][A-Za-z0-9+.-]*://') THEN loc
         ELSE 's3://' || loc
       END AS recording_url,
       NULL::VARCHAR AS transcript,
       -- the caller's wait in the queue, for the staffing figures: enqueued, then connected to an agent
       c.r.Queue.EnqueueTimestamp AS queued_at,
       c.r.Agent.ConnectedToAgentTimestamp AS answered_at
FROM (SELECT *, eqa_blank(coalesce(r.Recording.Location, r.Recordings[1].Location)) AS loc FROM eqa_ac_contact) c
LEFT JOIN eqa_ac_contact i
  ON i.r.ContactId = c.r.InitialContactId AND i.r.ContactId <> c.r.ContactId AND i.rule <> 'initial'
LEFT JOIN eqa_ac_transferred t ON t.contact_id = c.r.ContactId;

DROP TABLE eqa_ac_contact;
DROP TABLE eqa_ac_transferred;
DROP TABLE eqa_ac_method;
DROP TABLE eqa_ac_parsed;
DROP TABLE eqa_ac_lines;
