-- Zendesk's vocabularies, mapped once for the tickets and the audits mapping.

-- Zendesk writes ISO 8601 UTC times (2024-03-05T14:22:10Z); anything else is a reject, not a guess.
CREATE OR REPLACE TEMP MACRO eqa_zd_time(v) AS (
  CASE WHEN regexp_full_match(v, '\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})')
       THEN try_cast(v AS TIMESTAMPTZ) END
);

-- Why a present time cannot be loaded, or NULL.
CREATE OR REPLACE TEMP MACRO eqa_zd_time_problem(v) AS eqa_time_problem(
  v, eqa_zd_time(v) AT TIME ZONE 'UTC', 'not a Zendesk timestamp (ISO 8601, such as 2024-03-05T14:22:10Z)'
);

-- Ticket statuses (custom statuses keep one of these as their category). hold = waiting on a third
-- party = canonical on_hold. NULL for anything else, which the mappings reject.
CREATE OR REPLACE TEMP MACRO eqa_zd_status(s) AS (
  CASE lower(s) WHEN 'new' THEN 'new' WHEN 'open' THEN 'open' WHEN 'pending' THEN 'pending'
                WHEN 'hold' THEN 'on_hold' WHEN 'solved' THEN 'solved' WHEN 'closed' THEN 'closed' END
);

-- via.channel onto the product's channels where the meaning is the same; channel is free text, so
-- the other channels (api, twitter, any_channel, …) stay as exported.
CREATE OR REPLACE TEMP MACRO eqa_zd_channel(c) AS (
  CASE WHEN lower(c) = 'email' THEN 'email'
       WHEN lower(c) IN ('voice', 'phone') THEN 'phone'
       WHEN lower(c) IN ('chat', 'native_messaging', 'messaging') THEN 'chat'
       WHEN lower(c) IN ('web', 'web_form', 'web_widget', 'help_center', 'helpcenter', 'mobile') THEN 'web'
       ELSE lower(c)
  END
);

-- Where an API page's record sits, for rejects of files whose records share lines.
CREATE OR REPLACE TEMP MACRO eqa_zd_position(kind, line, ordinal) AS (
  CASE WHEN line IS NULL THEN ' (' || kind || '[' || (ordinal - 1) || '])' ELSE '' END
);
