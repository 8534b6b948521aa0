-- The escalation level (1–4) of a group, queue or team, from its name, for the exports that carry no
-- levels: Zendesk and Freshdesk groups, Salesforce queues, ServiceNow assignment groups, Amazon Connect
-- queues and Aircall teams. NULL = unknown level: moves into or out of such a group are reassignments,
-- never escalation steps (DECISIONS §2). A mapping file overrides it where a company's names mislead.
-- Checked in this order, the first match winning:
--   1. an explicit tier: `tier N`, `level N`, `lvl N`, `lN` (N = 1–4; a space, `_` or `-` between) → N,
--      whatever the subject words say ("Tier 1 Network" is 1, "Tier 3 Escalations" 3);
--   2. the most senior keyword: executive, legal, complaints board / office → 4; supervisor, manager,
--      escalation, major incident → 3; expert, specialist, technical, network, database, application → 2;
--      first, frontline, service desk, help desk, a name ending in "support" (Zendesk's default group is
--      "Support") → 1. So "Technical Support" and "Application Support" are 2, "Executive Escalations" 4.
-- Word boundaries keep "l1" and "tier 2" from matching inside other words.
CREATE OR REPLACE TEMP MACRO eqa_group_level(name) AS (
  CASE
    WHEN regexp_matches(name, '\b(tier|level|lvl|l)[ _-]?[1-4]\b', 'i')
      THEN CAST(regexp_extract(name, '\b(?:tier|level|lvl|l)[ _-]?([1-4])\b', 1, 'i') AS INTEGER)
    WHEN regexp_matches(name, 'executive|legal|complaints? ?(board|office)', 'i') THEN 4
    WHEN regexp_matches(name, 'supervisor|manager|escalation|major incident', 'i') THEN 3
    WHEN regexp_matches(name, 'expert|specialist|technical|network|database|application', 'i') THEN 2
    WHEN regexp_matches(name, 'first|frontline|service ?desk|help ?desk|support\s*$', 'i') THEN 1
  END
);
