import type { DuckDbStore } from '../store/duckdb-store.js';
import { type RangeFilter, resolveRange } from './overview.queries.js';
import type { DateRange } from './overview.types.js';
import {
  type ComparedFigures,
  type KeyedStandardFigures,
  type ScoredWith,
  type StandardDimension,
  type StandardFigures,
  type StandardsOverview,
  type StandardsSummary,
  standardDimensions,
  type WeeklyStandards,
} from './standards.types.js';

// Every figure here is read from standards_daily (scoring/sql/evidence.sql), the one place the sums
// behind the means are made; a range is a sum of days.

interface FigureRow {
  dimension: string;
  key: string;
  steps: number;
  cases: number;
  right_department: number | null;
  assessment_quality: number | null;
  satisfaction: number | null;
  resolution: number | null;
  overall: number | null;
  routed: number;
  assessed: number;
  surveyed: number;
  due: number;
}

const figuresSql = `
  SELECT dimension, "key",
         sum(steps)::INTEGER AS steps, sum(cases)::INTEGER AS cases,
         sum(right_department_sum) / nullif(sum(right_department_n), 0) AS right_department,
         sum(assessment_quality_sum) / nullif(sum(assessment_quality_n), 0) AS assessment_quality,
         sum(satisfaction_sum) / nullif(sum(satisfaction_n), 0) AS satisfaction,
         sum(resolution_sum) / nullif(sum(resolution_n), 0) AS resolution,
         sum(overall_sum) / nullif(sum(overall_n), 0) AS overall,
         sum(right_department_n)::INTEGER AS routed, sum(assessment_quality_n)::INTEGER AS assessed,
         sum(satisfaction_n)::INTEGER AS surveyed, sum(resolution_n)::INTEGER AS due
  FROM standards_daily
  WHERE day BETWEEN $from::DATE AND $to::DATE
  GROUP BY ALL
  ORDER BY dimension, "key"`;

const emptyFigures: StandardFigures = {
  steps: 0,
  cases: 0,
  rightDepartment: null,
  assessmentQuality: null,
  satisfaction: null,
  resolution: null,
  overall: null,
  routed: 0,
  assessed: 0,
  surveyed: 0,
  due: 0,
};

function figuresOf(row: FigureRow | undefined): StandardFigures {
  if (!row) {
    return emptyFigures;
  }
  return {
    steps: row.steps,
    cases: row.cases,
    rightDepartment: row.right_department,
    assessmentQuality: row.assessment_quality,
    satisfaction: row.satisfaction,
    resolution: row.resolution,
    overall: row.overall,
    routed: row.routed,
    assessed: row.assessed,
    surveyed: row.surveyed,
    due: row.due,
  };
}

async function figuresByDimension(store: DuckDbStore, range: DateRange | null): Promise<FigureRow[]> {
  if (!range) {
    return [];
  }
  return store.all<FigureRow>(figuresSql, { from: range.from, to: range.to });
}

/** The rubric of the last scoring run, or null when the store was never scored. */
export async function scoredWith(store: DuckDbStore): Promise<ScoredWith | null> {
  const [row] = await store.all<{ version: string; hash: string; file: string; scored_at: string }>(
    `SELECT rubric_version AS version, rubric_hash AS hash, rubric_file AS file,
            strftime(scored_at, '%Y-%m-%dT%H:%M:%SZ') AS scored_at
     FROM score_runs ORDER BY scored_at DESC LIMIT 1`,
  );
  return row ? { version: row.version, hash: row.hash, file: row.file, scoredAt: row.scored_at } : null;
}

const dimensionKey: Record<StandardDimension, keyof StandardsSummary> = {
  category: 'byCategory',
  department: 'byDepartment',
  team: 'byTeam',
  agent: 'byAgent',
};

/** The four standards' means for the whole store and per category, department, team and agent. */
export async function standardsSummary(store: DuckDbStore, filter: RangeFilter): Promise<StandardsSummary> {
  const { range } = await resolveRange(store, filter);
  const rows = await figuresByDimension(store, range);
  const keyed = (dimension: StandardDimension): KeyedStandardFigures[] =>
    rows.filter((r) => r.dimension === dimension).map((r) => ({ key: r.key, ...figuresOf(r) }));
  const summary: StandardsSummary = {
    range,
    scoredWith: await scoredWith(store),
    total: figuresOf(rows.find((r) => r.dimension === 'all')),
    byCategory: [],
    byDepartment: [],
    byTeam: [],
    byAgent: [],
  };
  for (const dimension of standardDimensions) {
    (summary[dimensionKey[dimension]] as KeyedStandardFigures[]) = keyed(dimension);
  }
  return summary;
}

/** The period of the same number of days that ends the day before `range` starts. */
export function previousRangeOf(range: DateRange): DateRange {
  const day = 86_400_000;
  const from = Date.parse(`${range.from}T00:00:00Z`);
  const to = Date.parse(`${range.to}T00:00:00Z`);
  const length = to - from + day;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: iso(from - length), to: iso(from - day) };
}

/** The Overview's standards panel: this period against the previous one, the weekly trend, breakdowns. */
export async function standardsOverview(store: DuckDbStore, filter: RangeFilter): Promise<StandardsOverview> {
  const { range } = await resolveRange(store, filter);
  const previousRange = range ? previousRangeOf(range) : null;
  const [current, previous] = await Promise.all([
    figuresByDimension(store, range),
    figuresByDimension(store, previousRange),
  ]);
  const breakdown = {} as Record<StandardDimension, ComparedFigures[]>;
  for (const dimension of standardDimensions) {
    const before = new Map(previous.filter((r) => r.dimension === dimension).map((r) => [r.key, r]));
    breakdown[dimension] = current
      .filter((r) => r.dimension === dimension)
      .map((r) => ({ key: r.key, current: figuresOf(r), previous: figuresOf(before.get(r.key)) }));
  }
  const params = { from: range?.from ?? '1970-01-01', to: range?.to ?? '1970-01-01' };
  const weekly = await store.all<{
    week: string;
    right_department: number | null;
    assessment_quality: number | null;
    satisfaction: number | null;
    resolution: number | null;
    routed: number;
    assessed: number;
    surveyed: number;
    due: number;
  }>(
    `SELECT strftime(date_trunc('week', day), '%Y-%m-%d') AS week,
            sum(right_department_n)::INTEGER AS routed, sum(assessment_quality_n)::INTEGER AS assessed,
            sum(satisfaction_n)::INTEGER AS surveyed, sum(resolution_n)::INTEGER AS due,
            sum(right_department_sum) / nullif(sum(right_department_n), 0) AS right_department,
            sum(assessment_quality_sum) / nullif(sum(assessment_quality_n), 0) AS assessment_quality,
            sum(satisfaction_sum) / nullif(sum(satisfaction_n), 0) AS satisfaction,
            sum(resolution_sum) / nullif(sum(resolution_n), 0) AS resolution
     FROM standards_daily
     WHERE dimension = 'all' AND day BETWEEN $from::DATE AND $to::DATE
     GROUP BY ALL ORDER BY week`,
    params,
  );
  const lowest = await store.all<{
    ticket_id: string;
    overall: number;
    category: string | null;
    first: string;
  }>(
    `SELECT ticket_id, overall, category, strftime(first_contact_at, '%Y-%m-%dT%H:%M:%SZ') AS first
     FROM case_scores
     WHERE overall IS NOT NULL AND first_contact_at::DATE BETWEEN $from::DATE AND $to::DATE
     ORDER BY overall, first_contact_at, ticket_id LIMIT 10`,
    params,
  );
  return {
    range,
    previousRange,
    scoredWith: await scoredWith(store),
    current: figuresOf(current.find((r) => r.dimension === 'all')),
    previous: figuresOf(previous.find((r) => r.dimension === 'all')),
    weekly: weekly.map(
      (w): WeeklyStandards => ({
        week: w.week,
        routed: w.routed,
        assessed: w.assessed,
        surveyed: w.surveyed,
        due: w.due,
        rightDepartment: w.right_department,
        assessmentQuality: w.assessment_quality,
        satisfaction: w.satisfaction,
        resolution: w.resolution,
      }),
    ),
    breakdown,
    lowestCases: lowest.map((c) => ({
      ticketId: c.ticket_id,
      overall: c.overall,
      category: c.category,
      firstContact: c.first,
    })),
  };
}
