import type { DuckDbStore } from '../store/duckdb-store.js';

/** The sampling rules a QA lead sets for one month; a rule with a zero/absent value picks nothing. */
export interface SamplingRules {
  /** Calendar month of the case's first contact, `YYYY-MM` (UTC). */
  month: string;
  /** Random cases per agent × channel, spread over the month's weeks (days 1–7, 8–14, … of the month). */
  randomPerAgentChannel: number;
  /** The N cases with the lowest automatic overall score. */
  lowestOverall: number;
  /** Every case that reached level 4. */
  level4: boolean;
  /** Cases whose satisfaction is below this (0–100); null switches the rule off. */
  dissatisfiedBelow: number | null;
  /** Cases whose overall is more than this many SD below their agent's monthly mean; null = off. */
  outlierSd: number | null;
  /** Seed of the random quota: the same seed and data pick the same cases. */
  seed: number;
}

export type SamplingRule = 'level4' | 'dissatisfied' | 'outlier' | 'lowest_overall' | 'random_quota';

/** A case one rule picked, with the agent and channel it was stratified by. */
export interface ReviewCandidate {
  ticket_id: string;
  rule: SamplingRule;
  agent_id: string | null;
  channel: string | null;
  overall: number | null;
  /** Week of the month the case's first contact fell in (1 = days 1–7 … 5 = days 29–31). */
  week: number;
}

/** Rules in priority order: a case several rules pick is attributed to the first. */
export const SAMPLING_RULES: readonly SamplingRule[] = [
  'level4',
  'dissatisfied',
  'outlier',
  'lowest_overall',
  'random_quota',
];

// The month's cases with their agent (who made the first escalation; for a case that entered at a level
// without one, that step's agent) and week of the month.
const monthCases = `
  month_cases AS (
    SELECT c.ticket_id, c.channel, c.overall, c.satisfaction, c.max_level,
           (SELECT s.agent_id FROM step_scores s WHERE s.ticket_id = c.ticket_id AND s.agent_id IS NOT NULL
            ORDER BY s.is_entry, s.step_no LIMIT 1) AS agent_id,
           (date_part('day', c.first_contact_at)::INTEGER - 1) // 7 + 1 AS week
    FROM case_scores c
    WHERE strftime(c.first_contact_at, '%Y-%m') = $month
  )`;

const ruleSql: Record<SamplingRule, string> = {
  level4: `WITH ${monthCases}
    SELECT ticket_id, 'level4' AS rule, agent_id, channel, overall, week FROM month_cases
    WHERE max_level >= 4 AND $level4 ORDER BY ticket_id`,
  dissatisfied: `WITH ${monthCases}
    SELECT ticket_id, 'dissatisfied' AS rule, agent_id, channel, overall, week FROM month_cases
    WHERE satisfaction < $below ORDER BY satisfaction, ticket_id`,
  outlier: `WITH ${monthCases},
    stats AS (SELECT agent_id, avg(overall) AS mean, stddev_samp(overall) AS sd, count(overall) AS n
              FROM month_cases GROUP BY agent_id)
    SELECT m.ticket_id, 'outlier' AS rule, m.agent_id, m.channel, m.overall, m.week
    FROM month_cases m JOIN stats s USING (agent_id)
    WHERE s.n >= 3 AND s.sd > 0 AND m.overall < s.mean - $sd * s.sd
    ORDER BY (m.overall - s.mean) / s.sd, m.ticket_id`,
  lowest_overall: `WITH ${monthCases}
    SELECT ticket_id, 'lowest_overall' AS rule, agent_id, channel, overall, week FROM month_cases
    WHERE overall IS NOT NULL ORDER BY overall, ticket_id LIMIT $n`,
  // Within each agent × channel, each week's cases are shuffled by a seeded hash; picks then go round
  // the weeks (every week's first case before any week's second), so the quota spreads over the month.
  random_quota: `WITH ${monthCases},
    shuffled AS (
      SELECT *, row_number() OVER (PARTITION BY agent_id, channel, week
                                   ORDER BY md5(ticket_id || ':' || $seed::VARCHAR), ticket_id) AS in_week
      FROM month_cases),
    ranked AS (
      SELECT *, row_number() OVER (PARTITION BY agent_id, channel ORDER BY in_week, week) AS pick
      FROM shuffled)
    SELECT ticket_id, 'random_quota' AS rule, agent_id, channel, overall, week FROM ranked
    WHERE pick <= $n ORDER BY agent_id, channel, pick`,
};

function paramsFor(rule: SamplingRule, r: SamplingRules): Record<string, string | number | boolean> | null {
  const month = r.month;
  switch (rule) {
    case 'level4':
      return r.level4 ? { month, level4: true } : null;
    case 'dissatisfied':
      return r.dissatisfiedBelow === null ? null : { month, below: r.dissatisfiedBelow };
    case 'outlier':
      return r.outlierSd === null ? null : { month, sd: r.outlierSd };
    case 'lowest_overall':
      return r.lowestOverall > 0 ? { month, n: Math.floor(r.lowestOverall) } : null;
    case 'random_quota':
      return r.randomPerAgentChannel > 0
        ? { month, n: Math.floor(r.randomPerAgentChannel), seed: r.seed }
        : null;
  }
}

/** What one rule picks on its own (one SQL per rule), before de-duplication against other rules. */
export async function ruleCandidates(
  store: DuckDbStore,
  rule: SamplingRule,
  rules: SamplingRules,
): Promise<ReviewCandidate[]> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(rules.month)) {
    throw new Error(`month must be YYYY-MM, got "${rules.month}"`);
  }
  const params = paramsFor(rule, rules);
  if (!params) {
    return [];
  }
  const rows = await store.all<ReviewCandidate & { week: number | bigint }>(ruleSql[rule], params);
  return rows.map((row) => ({ ...row, week: Number(row.week) }));
}

/**
 * The cases to queue for a month: each enabled rule's picks, in rule priority order, each case once
 * (attributed to the first rule that picked it) and none of `alreadyQueued`.
 */
export async function reviewCandidates(
  store: DuckDbStore,
  rules: SamplingRules,
  alreadyQueued: ReadonlySet<string> = new Set(),
): Promise<ReviewCandidate[]> {
  const seen = new Set(alreadyQueued);
  const out: ReviewCandidate[] = [];
  for (const rule of SAMPLING_RULES) {
    for (const candidate of await ruleCandidates(store, rule, rules)) {
      if (!seen.has(candidate.ticket_id)) {
        seen.add(candidate.ticket_id);
        out.push(candidate);
      }
    }
  }
  return out;
}
