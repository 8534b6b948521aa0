-- Macros every vendor adapter's mapping SQL may use, defined before it runs (run-mapping-sql.ts).
-- Temporary: they live on the ingest's connection only. Vendor vocabularies stay in each vendor's folder.

-- Blank means only spaces, tabs and line breaks, as in the canonical loader.
CREATE OR REPLACE TEMP MACRO eqa_blank(v) AS nullif(trim(v, ' ' || chr(9) || chr(13) || chr(10)), '');

-- ISO 8601 text of a UTC wall-clock timestamp, as the canonical loader reads it (explicit Z).
CREATE OR REPLACE TEMP MACRO eqa_iso(ts) AS strftime(ts, '%Y-%m-%dT%H:%M:%SZ');

-- Why a present time `v` cannot be loaded, or NULL. `ts` is `v` parsed by the vendor's rule as a UTC
-- wall-clock TIMESTAMP (NULL when it does not parse), `expected` the vendor's format for the reject.
-- The range is the one the canonical loader enforces.
CREATE OR REPLACE TEMP MACRO eqa_time_problem(v, ts, expected) AS (
  CASE WHEN v IS NULL THEN NULL
       WHEN ts IS NULL THEN expected
       WHEN NOT year(ts) BETWEEN 1970 AND 2100 THEN 'impossible date (before 1970 or after 2100)'
  END
);

-- Priority is free text in the canonical format: lower-cased, with the common Medium as the product's
-- normal; other values stay as exported.
CREATE OR REPLACE TEMP MACRO eqa_priority(p) AS (
  CASE lower(trim(p)) WHEN 'medium' THEN 'normal' ELSE lower(trim(p)) END
);
