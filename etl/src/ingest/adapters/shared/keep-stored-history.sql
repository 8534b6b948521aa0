-- A snapshot export (Zendesk tickets, Salesforce Case) tells only a ticket's created, resolved and
-- survey events. Events are replaced per ticket, so staging them where the ticket's full history is
-- already stored (from an events-only file: Zendesk audits, Salesforce CaseHistory, canonical
-- events.csv) would erase that history. They are rejected instead, naming the file holding it; loaded
-- the other way round, the history file replaces the snapshot's events, so both orders end the same.
CREATE OR REPLACE TEMP TABLE eqa_history_owners AS
SELECT e.ticket_id, regexp_replace(any_value(e.source_file), '^.*[\\/]', '') AS history_file
FROM events e
JOIN loaded_files f ON f.file = e.source_file AND f.kind = 'events'
WHERE e.ticket_id IN (SELECT ticket_id FROM eqa_stage_events)
GROUP BY e.ticket_id;

INSERT INTO eqa_adapter_rejects (line, field, value, reason)
SELECT s.line, 'type', s.type,
       'not loaded: ticket ' || s.ticket_id || ' already has its event history from ' || h.history_file
         || ', which this snapshot''s ' || s.type || ' event would replace'
FROM eqa_stage_events s JOIN eqa_history_owners h USING (ticket_id);

DELETE FROM eqa_stage_events WHERE ticket_id IN (SELECT ticket_id FROM eqa_history_owners);
