-- Macros the vendor adapters (servicenow, amazon-connect, call-log-csv) share. Temporary: they live on the
-- ingest's connection only.

-- Blank means only spaces, tabs and line breaks, as in the canonical loader.
CREATE OR REPLACE TEMP MACRO eqa_blank(v) AS nullif(trim(v, ' ' || chr(9) || chr(13) || chr(10)), '');

-- A group's or queue's escalation level from its name. Explicit tiers win over subject words ("Tier 1
-- Network" is level 1); then managers and major-incident teams (3), then expert teams (2), then the
-- first line (1). No match is an unknown level (NULL): moves into or out of such a group are
-- reassignments, never escalation steps (DECISIONS §2). Word boundaries keep "l1" from matching inside
-- other words.
CREATE OR REPLACE TEMP MACRO eqa_group_level(name) AS
  CASE
    WHEN eqa_blank(name) IS NULL THEN NULL
    WHEN regexp_matches(name, '(?i)\btier ?3\b|\bl3\b') THEN 3
    WHEN regexp_matches(name, '(?i)\btier ?2\b|\bl2\b') THEN 2
    WHEN regexp_matches(name, '(?i)\btier ?1\b|\bl1\b') THEN 1
    WHEN regexp_matches(name, '(?i)manager|major incident') THEN 3
    WHEN regexp_matches(name, '(?i)expert|specialist|network|database|application') THEN 2
    WHEN regexp_matches(name, '(?i)service ?desk|help ?desk|\bfirst\b') THEN 1
    ELSE NULL
  END;

-- ISO 8601 text of a timestamp, as the canonical loader reads it (UTC, explicit Z).
CREATE OR REPLACE TEMP MACRO eqa_iso(ts) AS strftime(ts, '%Y-%m-%dT%H:%M:%SZ');
