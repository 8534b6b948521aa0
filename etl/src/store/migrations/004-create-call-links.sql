-- How each call is tied to its ticket (chains/link-calls-to-tickets.sql); rebuilt after every ingest.
CREATE TABLE call_links (call_id VARCHAR NOT NULL, ticket_id VARCHAR, link_method VARCHAR, hours_apart DOUBLE);
