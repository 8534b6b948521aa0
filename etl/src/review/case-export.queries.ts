import type { DuckDbStore, SqlParams } from '../store/duckdb-store.js';

/** Which escalated cases to export: first contact in [from, to] (UTC days), a category, handled by a department or team. */
export interface CaseExportFilter {
  /** YYYY-MM-DD, inclusive; null: from the first day of the data. */
  from: string | null;
  /** YYYY-MM-DD, inclusive; null: to the last day of the data. */
  to: string | null;
  category: string | null;
  /** Cases that an agent of this department handled (as the Overview's breakdown credits them). */
  department: string | null;
  /** Cases that an agent of this team handled. */
  team: string | null;
  /** true: reviewed cases only; false: not reviewed; null: all. */
  reviewed: boolean | null;
}

/** A submitted human review of one case, as PostgreSQL holds it, handed to the export's SQL. */
export interface CaseReviewRow {
  ticket_id: string;
  /** The sampling rule that queued the case. */
  rule: string;
  reviewer: string;
  /** ISO timestamp. */
  submitted_at: string;
  right_department: number | null;
  assessment_quality: number | null;
  satisfaction: number | null;
  resolution: number | null;
  overrides: number;
  comments: string;
}

/** The columns of the per-case export, in order: the CSV header. */
export const caseExportColumns = [
  'ticket_id',
  'category',
  'policy',
  'channel',
  'priority',
  'outcome',
  'departments',
  'teams',
  'agents',
  'first_contact_at',
  'first_escalation_at',
  'resolved_at',
  'days_to_resolve',
  'resolution_status',
  'escalations',
  'max_level',
  'levels_reached',
  'right_department',
  'assessment_quality',
  'satisfaction',
  'resolution',
  'overall',
  'critical_failure',
  'survey_status',
  'survey_answer',
  'rubric_version',
  'reviewed',
  'review_rule',
  'reviewer',
  'reviewed_at',
  'review_right_department',
  'review_assessment_quality',
  'review_satisfaction',
  'review_resolution',
  'review_overrides',
  'review_comments',
] as const;

export type CaseExportColumn = (typeof caseExportColumns)[number];

/** One exported case: text, numbers (scores to 2 decimals, days to 2 decimals), booleans or null. */
export type CaseExportRow = Record<CaseExportColumn, string | number | boolean | null>;

// The reviews arrive as one JSON parameter, read by DuckDB's json functions: bound, never spliced in.
const reviewShape = JSON.stringify([
  {
    ticket_id: 'VARCHAR',
    rule: 'VARCHAR',
    reviewer: 'VARCHAR',
    submitted_at: 'VARCHAR',
    right_department: 'DOUBLE',
    assessment_quality: 'DOUBLE',
    satisfaction: 'DOUBLE',
    resolution: 'DOUBLE',
    overrides: 'INTEGER',
    comments: 'VARCHAR',
  },
]);

const iso = (column: string) => `strftime(${column}, '%Y-%m-%dT%H:%M:%SZ')`;

/** The export's statement and its parameters for a filter; the filters that are set become predicates. */
function exportQuery(
  filter: CaseExportFilter,
  reviews: readonly CaseReviewRow[],
): { sql: string; params: SqlParams } {
  const params: Record<string, string> = { reviews: JSON.stringify(reviews), shape: reviewShape };
  const where = ['f.escalations > 0'];
  if (filter.from !== null) {
    params.from = filter.from;
    where.push('f.first_contact_at >= $from::DATE');
  }
  if (filter.to !== null) {
    params.to = filter.to;
    // Inclusive of the whole last day.
    where.push('f.first_contact_at < $to::DATE + INTERVAL 1 DAY');
  }
  if (filter.category !== null) {
    params.category = filter.category;
    where.push('t.category = $category');
  }
  if (filter.department !== null) {
    params.department = filter.department;
    where.push('f.ticket_id IN (SELECT ticket_id FROM case_agents WHERE department = $department)');
  }
  if (filter.team !== null) {
    params.team = filter.team;
    where.push('f.ticket_id IN (SELECT ticket_id FROM case_agents WHERE team = $team)');
  }
  if (filter.reviewed !== null) {
    where.push(filter.reviewed ? 'r.ticket_id IS NOT NULL' : 'r.ticket_id IS NULL');
  }
  const sql = `
    WITH reviews AS (
      SELECT unnest(from_json($reviews::JSON, $shape), recursive := true)
    ),
    handled AS (
      SELECT ticket_id,
             string_agg(DISTINCT department, ';' ORDER BY department) AS departments,
             string_agg(DISTINCT team, ';' ORDER BY team) AS teams,
             string_agg(DISTINCT agent_id, ';' ORDER BY agent_id) AS agents
      FROM case_agents GROUP BY ticket_id
    ),
    -- The levels a case was at, in the order it reached them: where it started, then each step's level.
    levels AS (
      SELECT ticket_id,
             min("at") FILTER (WHERE NOT is_entry) AS first_escalation_at,
             array_to_string(
               list_prepend(
                 coalesce(arg_min(from_level, step_no) FILTER (WHERE NOT is_entry), arg_min(to_level, step_no)),
                 list(to_level ORDER BY step_no) FILTER (WHERE NOT is_entry)),
               '>') AS levels_reached
      FROM escalation_steps GROUP BY ticket_id
    ),
    answers AS (
      SELECT ticket_id, last(raw_value ORDER BY "at", seq) AS survey_answer
      FROM survey_answers WHERE points IS NOT NULL GROUP BY ticket_id
    )
    SELECT f.ticket_id, t.category, t.policy, t.channel, t.priority, t.outcome,
           h.departments, h.teams, h.agents,
           ${iso('f.first_contact_at')} AS first_contact_at,
           ${iso('l.first_escalation_at')} AS first_escalation_at,
           ${iso('f.resolved_at')} AS resolved_at,
           round(date_diff('second', f.first_contact_at, f.resolved_at) / 86400.0, 2)::DOUBLE AS days_to_resolve,
           f.resolution_status, f.escalations::INTEGER AS escalations, f.max_level::INTEGER AS max_level,
           l.levels_reached,
           round(c.right_department, 2)::DOUBLE AS right_department,
           round(c.assessment_quality, 2)::DOUBLE AS assessment_quality,
           round(c.satisfaction, 2)::DOUBLE AS satisfaction,
           round(c.resolution, 2)::DOUBLE AS resolution,
           round(c.overall, 2)::DOUBLE AS overall,
           c.critical_failure, c.survey_status, a.survey_answer, c.rubric_version,
           r.ticket_id IS NOT NULL AS reviewed, r.rule AS review_rule, r.reviewer, r.submitted_at AS reviewed_at,
           round(r.right_department, 2)::DOUBLE AS review_right_department,
           round(r.assessment_quality, 2)::DOUBLE AS review_assessment_quality,
           round(r.satisfaction, 2)::DOUBLE AS review_satisfaction,
           round(r.resolution, 2)::DOUBLE AS review_resolution,
           r.overrides AS review_overrides, r.comments AS review_comments
    FROM case_facts f
    JOIN tickets t USING (ticket_id)
    LEFT JOIN case_scores c USING (ticket_id)
    LEFT JOIN handled h USING (ticket_id)
    LEFT JOIN levels l USING (ticket_id)
    LEFT JOIN answers a USING (ticket_id)
    LEFT JOIN reviews r USING (ticket_id)
    WHERE ${where.join(' AND ')}
    ORDER BY f.first_contact_at, f.ticket_id`;
  return { sql, params };
}

/**
 * Every escalated case (case_facts.escalations > 0) that the filter keeps, one row each with its
 * automatic scores, the human review where there is one, satisfaction and timings, handed to `onRows`
 * a DuckDB chunk (≤ 2048 rows) at a time as the query streams, so that a large export never sits in
 * memory whole. `onRows` may be slow (a network write): the next chunk waits for it.
 */
export async function streamCaseExport(
  store: DuckDbStore,
  filter: CaseExportFilter,
  reviews: readonly CaseReviewRow[],
  onRows: (rows: CaseExportRow[]) => Promise<void>,
): Promise<number> {
  const { sql, params } = exportQuery(filter, reviews);
  return store.withSession(async (session) => {
    const result = await session.connection.stream(sql, params);
    let count = 0;
    for await (const rows of result.yieldRowObjectJs()) {
      count += rows.length;
      await onRows(rows as CaseExportRow[]);
    }
    return count;
  });
}
