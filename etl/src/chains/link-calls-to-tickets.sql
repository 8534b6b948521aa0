-- Links every call to its ticket, recording how: by the ticket id the export gave ('ticket_id'), else
-- by the same customer's ticket created nearest in time within $window_hours either side
-- ('customer_window'), else not at all (NULL). Runs before the case facts, which count linked calls
-- as contacts.
CREATE OR REPLACE TABLE call_links AS
WITH by_window AS (
  SELECT c.call_id, t.ticket_id,
         abs(epoch(c.started_at) - epoch(t.created_at)) / 3600 AS hours_apart,
         row_number() OVER (PARTITION BY c.call_id ORDER BY abs(epoch(c.started_at) - epoch(t.created_at)), t.ticket_id) AS nearest
  FROM calls c
  JOIN tickets t ON t.customer_id = c.customer_id
  WHERE c.ticket_id IS NULL AND c.customer_id IS NOT NULL
    AND t.created_at BETWEEN c.started_at - to_hours($window_hours::BIGINT) AND c.started_at + to_hours($window_hours::BIGINT)
)
SELECT c.call_id,
       coalesce(c.ticket_id, w.ticket_id) AS ticket_id,
       CASE WHEN c.ticket_id IS NOT NULL THEN 'ticket_id' WHEN w.ticket_id IS NOT NULL THEN 'customer_window' END AS link_method,
       w.hours_apart::DOUBLE AS hours_apart
FROM calls c
LEFT JOIN by_window w ON w.call_id = c.call_id AND w.nearest = 1;
