-- The level of a helpdesk group or queue, from its name, for exports that carry no levels (Zendesk
-- groups, Salesforce queues, Freshdesk groups). NULL = unknown level: moves into such a group are
-- reassignments, never escalation steps (DECISIONS §2). Order matters: an explicit tier number wins,
-- then the most senior keyword, so "Technical Support" is level 2 and "Executive Escalations" level 4.
CREATE OR REPLACE TEMP MACRO eqa_group_level(name) AS (
  CASE
    WHEN regexp_matches(name, '\b(tier|level|lvl|l)[ _-]?[1-4]\b', 'i')
      THEN CAST(regexp_extract(name, '\b(?:tier|level|lvl|l)[ _-]?([1-4])\b', 1, 'i') AS INTEGER)
    WHEN regexp_matches(name, 'executive|legal|complaints? ?(board|office)', 'i') THEN 4
    WHEN regexp_matches(name, 'supervisor|manager|escalation', 'i') THEN 3
    WHEN regexp_matches(name, 'expert|specialist|technical', 'i') THEN 2
    WHEN regexp_matches(name, 'first|frontline|support\s*$', 'i') THEN 1
  END
);
