-- Per case, what management time on it is weighed against (tier-load.sql):
--   upheld: the case's outcome is `upheld`, the company's first answer stood unchanged;
--   authority_level: the lowest level whose own authority (the rubric's authority matrix,
--     rubric_authority_limits, as offer_facts applied it) covers every offer granted in the case (its
--     decision is `granted`: approved, or offered on the offerer's own authority); NULL when the case
--     was not settled with an offer, 99 when no level may grant one of them on its own.
-- A stay at level L on a case whose authority_level is below L was spent on something a lower tier
-- could have settled on its own.
CREATE OR REPLACE TEMP TABLE eqa_load_case_flags AS
WITH per_case AS (
  -- offer_facts (offers/offer-facts.sql, rebuilt just before): one row per offer, its decision and
  -- the lowest level allowed to grant its amount; an offer without an amount in the matrix's currency
  -- cannot be weighed, and counts as beyond every level
  SELECT ticket_id,
         max(CASE WHEN in_currency AND amount IS NOT NULL THEN coalesce(lowest_level_allowed, 99) ELSE 99 END)
           AS authority_level
  FROM offer_facts
  WHERE decision = 'granted'
  GROUP BY ticket_id
)
-- Only the cases with a flag are kept: the others join to nothing, which the readers take as false.
SELECT coalesce(t.ticket_id, p.ticket_id) AS ticket_id,
       t.ticket_id IS NOT NULL AS upheld,
       p.authority_level
FROM (SELECT DISTINCT ticket_id FROM tickets WHERE outcome = 'upheld') t
FULL JOIN per_case p USING (ticket_id);
