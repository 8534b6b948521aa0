-- Offers made to settle a case and the customers they were made to (issue 9, both files optional).
-- Like the core tables, natural keys (offer_id, customer_id) are enforced by the loader, not by indexes.
--
-- An offer row is one state of one offer: a first-line agent asking a manager to approve a refund is a
-- `requested` row at level 1 followed by an `approved` or `refused` row at the approver's level, all
-- sharing the ticket and the offer_id: offer_id names the offer, and offer_id + status one of its states.
CREATE TABLE offers (
  offer_id VARCHAR NOT NULL,
  ticket_id VARCHAR,
  "at" TIMESTAMP,
  level INTEGER,
  agent_id VARCHAR,
  -- refund, credit, goodwill, fee_waiver, replacement, other
  kind VARCHAR,
  amount DECIMAL(18, 2),
  currency VARCHAR,
  -- requested, approved, refused, offered, accepted, declined
  status VARCHAR,
  source_file VARCHAR NOT NULL
);

-- No names or contact data: only what the fairness analysis compares customers by.
CREATE TABLE customers (
  customer_id VARCHAR NOT NULL,
  since DATE,
  segment VARCHAR,
  annual_value DECIMAL(18, 2),
  source_file VARCHAR NOT NULL
);

-- The rubric's authority matrix as the last scoring run applied it (scoring/rubric-tables.ts): per kind
-- of offer and level, the most that level may grant without approval. max_amount NULL = no limit; a
-- kind and level with no row may grant nothing (every such offer needs approval).
CREATE TABLE rubric_authority_limits (
  kind VARCHAR NOT NULL,
  level INTEGER NOT NULL,
  max_amount DECIMAL(18, 2)
);

-- The rest of the rubric's offer settings the figures below were built with: one row.
CREATE TABLE rubric_offer_settings (
  currency VARCHAR,
  -- band edges, increasing: band 0 is under the first edge, band k is [edge k, edge k+1)
  amount_bands DECIMAL(18, 2)[] NOT NULL,
  flag_approval_share DOUBLE NOT NULL,
  max_difference DOUBLE NOT NULL,
  value_bands DECIMAL(18, 2)[] NOT NULL,
  minimum_volume INTEGER NOT NULL
);

-- One row per offer (offers/offer-facts.sql), rebuilt whole by every scoring run: what happened to it
-- and the case it was made in. Read by the Empowerment page, `eqa authority` and the Load page.
CREATE TABLE offer_facts (
  offer_id VARCHAR NOT NULL,
  ticket_id VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,
  amount DECIMAL(18, 2),
  currency VARCHAR,
  -- the amount is in the rubric's currency, so it is banded and summed
  in_currency BOOLEAN NOT NULL,
  -- 0 = under the first edge; NULL without an amount in the rubric's currency
  band_no INTEGER,
  -- the lowest level whose limit covers the amount (NULL: none may grant it on its own)
  lowest_level_allowed INTEGER,
  requested_at TIMESTAMP,
  requested_level INTEGER,
  requested_by VARCHAR,
  -- granted | refused | NULL (still waiting)
  decision VARCHAR,
  decision_level INTEGER,
  decided_at TIMESTAMP,
  decided_by VARCHAR,
  decided_team VARCHAR,
  -- accepted | declined | NULL
  answer VARCHAR,
  -- requested, and decided at a higher level than the request
  went_up BOOLEAN NOT NULL,
  -- decided with no request: on the decider's own authority
  own_decision BOOLEAN NOT NULL,
  -- an earlier offer of the same kind in the same case was refused (the customer asked again)
  redecision BOOLEAN NOT NULL,
  -- refused, then the customer pushed: a step of type customer after the refusal
  pushed BOOLEAN,
  -- refused, then the same kind was granted at a higher level afterwards
  granted_later BOOLEAN,
  -- escalation steps that went up for this offer's approval (authority_steps), the first one's time
  authority_steps INTEGER NOT NULL,
  first_authority_step_at TIMESTAMP,
  -- management time after the first authority step: level-3+ call minutes, and hours the case was
  -- open at level 3+ (waits on the customer or a third party left out), to resolution or data end
  management_call_minutes DOUBLE,
  management_open_hours DOUBLE,
  -- the case
  category VARCHAR,
  policy VARCHAR,
  outcome VARCHAR,
  channel VARCHAR,
  customer_id VARCHAR,
  segment VARCHAR,
  value_band_no INTEGER,
  max_level INTEGER NOT NULL,
  days_to_resolution DOUBLE,
  satisfaction DOUBLE
);

-- One row per escalation step that went up for an approval and was answered there: the step was
-- hierarchical or its handover asks for approval, and an offer requested at or below its starting
-- level was approved or refused at or above the level it reached.
CREATE TABLE authority_steps (
  ticket_id VARCHAR NOT NULL,
  step_no INTEGER NOT NULL,
  "at" TIMESTAMP NOT NULL,
  from_level INTEGER,
  to_level INTEGER NOT NULL,
  offer_id VARCHAR NOT NULL
);

-- One row per ticket: what the offer-consistency breakdown compares (offers/offer-facts.sql).
CREATE TABLE offer_cases (
  ticket_id VARCHAR NOT NULL,
  created_at TIMESTAMP,
  category VARCHAR,
  policy VARCHAR,
  outcome VARCHAR,
  channel VARCHAR,
  -- the team of the agent first assigned to the case
  team VARCHAR,
  max_level INTEGER NOT NULL,
  segment VARCHAR,
  value_band_no INTEGER,
  -- offers granted, and their total in the rubric's currency (NULL when none had an amount in it)
  granted_offers INTEGER NOT NULL,
  granted_amount DECIMAL(18, 2)
);
