import { prepareSearch, snippetsOf } from '../search/search-documents.js';
import { SearchQueryError } from '../search/search-query-error.js';
import type { DuckDbStore, StoreSession } from '../store/duckdb-store.js';
import { RoleplayQueryError } from './roleplay-query-error.js';

// The role-play call finder: recorded calls with a transcript, filtered by their case's facts and
// scores and, optionally, by full text over the transcripts (the search index, etl/src/search). A
// call's case is its exported ticket, else the one call_links tied it to (as the search index has it).

/** Escalation types a step can have (step_scores.escalation_type, inferred ones included). */
export const escalationTypes = ['expertise', 'automatic', 'hierarchical', 'customer'] as const;
export type EscalationType = (typeof escalationTypes)[number];

/** A ticket's recorded outcome, or none recorded. */
export const callOutcomes = ['upheld', 'overturned', 'partial', 'withdrawn', 'none'] as const;
export type CallOutcome = (typeof callOutcomes)[number];

/** The four QA standards, as case_scores names them. */
export const caseStandards = [
  'right_department',
  'assessment_quality',
  'satisfaction',
  'resolution',
] as const;

export interface CallFinderOptions {
  /** Full text over transcripts: words all required, "a phrase", prefix*; sorts by relevance. */
  q?: string;
  category?: string;
  /** `policy:<name>` or `category:<name>`: the ticket's policy, else its category. */
  practice?: string;
  /** The highest level the case reached (1 for a case never escalated). */
  level?: number;
  /** Some step of the case had this escalation type. */
  escalationType?: EscalationType;
  outcome?: CallOutcome;
  rightDepartmentMin?: number;
  rightDepartmentMax?: number;
  assessmentQualityMin?: number;
  assessmentQualityMax?: number;
  resolutionMin?: number;
  resolutionMax?: number;
  /** Satisfaction 0–100: the case's latest survey answer. */
  satisfactionMin?: number;
  satisfactionMax?: number;
  /** yes: surveyed only; no: only cases without a survey answer. */
  surveyed?: 'yes' | 'no';
  /** Call length in seconds (ended_at − started_at). */
  durationMin?: number;
  durationMax?: number;
  /** Calls started on these UTC days, inclusive (YYYY-MM-DD). */
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

/** One call the finder lists. */
export interface FoundCall {
  call_id: string;
  ticket_id: string | null;
  started_at: string;
  duration_seconds: number | null;
  category: string | null;
  practice: string | null;
  max_level: number | null;
  escalation_types: string[];
  outcome: string | null;
  right_department: number | null;
  assessment_quality: number | null;
  satisfaction: number | null;
  resolution: number | null;
  /** Text: the BM25 score; null without text. */
  score: number | null;
  /** About 160 characters: around the first match (marked «…») with text, else the transcript's start. */
  snippet: string;
  recording_url: string | null;
}

export interface CallFinderPage {
  total: number;
  limit: number;
  offset: number;
  /** 'relevance' with text, else 'date' (newest first). */
  order: 'relevance' | 'date';
  calls: FoundCall[];
}

const maxDepth = 10_000;

/** `policy:<name>` or `category:<name>` of a ticket `t`, as the practices report keys it. */
export const practiceSql = `CASE WHEN nullif(trim(t.policy), '') IS NOT NULL THEN 'policy' ELSE 'category' END || ':' ||
  coalesce(nullif(trim(t.policy), ''), nullif(trim(t.category), ''), '(none)')`;

/** The latest survey answer's points per ticket (what the satisfaction standard scores). */
const latestSurvey = (
  where = 'TRUE',
) => `(SELECT ticket_id, arg_max(points, ("at", coalesce(seq, 0))) AS points
  FROM survey_answers WHERE points IS NOT NULL AND ${where} GROUP BY ticket_id)`;

/**
 * One page of calls matching every given filter, with the total: by relevance when `q` is given,
 * else newest first. Throws RoleplayQueryError naming the field at fault (`q` for a query the search
 * cannot run, `offset` past 10,000).
 */
export async function findCalls(store: DuckDbStore, options: CallFinderOptions): Promise<CallFinderPage> {
  if (options.offset + options.limit > maxDepth) {
    throw new RoleplayQueryError('offset', `offset + limit must be at most ${maxDepth}`);
  }
  const text = options.q?.trim() ?? '';
  const order = text === '' ? 'date' : 'relevance';
  const empty: CallFinderPage = { total: 0, limit: options.limit, offset: options.offset, order, calls: [] };
  return store.withTransaction(async (session) => {
    const { sql: filtered, params } = filterSql(options);
    if (text === '') {
      // One statement on one connection (a read transaction): the count rides along as a window.
      const rows = await session.all<{ call_id: string; total: number }>(
        `SELECT call_id, (count(*) OVER ())::INTEGER AS total FROM (${filtered})
         ORDER BY started_at DESC, call_id LIMIT $limit OFFSET $offset`,
        { ...params, limit: options.limit, offset: options.offset },
      );
      const total =
        rows[0]?.total ??
        (options.offset === 0
          ? 0
          : ((
              await session.all<{ total: number }>(
                `SELECT count(*)::INTEGER AS total FROM (${filtered})`,
                params,
              )
            )[0]?.total ?? 0));
      const calls = await pageDetails(
        session,
        rows.map((r) => ({ call_id: r.call_id, score: null, snippet: null })),
      );
      return { ...empty, total, calls };
    }
    let prepared: Awaited<ReturnType<typeof prepareSearch>>;
    try {
      prepared = await prepareSearch(session, text, 'call');
    } catch (error) {
      if (error instanceof SearchQueryError) {
        throw new RoleplayQueryError('q', error.message);
      }
      throw error;
    }
    if (!prepared) {
      return empty;
    }
    // The phrase check is a column, not a WHERE: see search-documents.ts (the scan of search_docs
    // then reads only the candidates' texts).
    const [row] = await session.all<{
      total: number;
      top: Array<{ doc_id: number; call_id: string; score: number }> | null;
    }>(
      `WITH ${prepared.ctes},
       filtered AS (${filtered}),
       candidates AS (
         SELECT m.doc_id, m.score, d.call_id, ${prepared.check} AS ok
         FROM matched m JOIN search_docs d ON d.doc_id = m.doc_id
       )
       SELECT count(*) FILTER (WHERE ok)::INTEGER AS total,
              max_by({'doc_id': c.doc_id, 'call_id': c.call_id, 'score': c.score}, (c.score, -c.doc_id), $depth)
                FILTER (WHERE ok) AS top
       FROM candidates c JOIN filtered f ON f.call_id = c.call_id`,
      { ...prepared.params, ...params, depth: options.offset + options.limit },
    );
    const page = (row?.top ?? []).slice(options.offset, options.offset + options.limit);
    const snippets = await snippetsOf(
      session,
      page.map((hit) => hit.doc_id),
      prepared.match,
    );
    const calls = await pageDetails(
      session,
      page.map((hit) => ({
        call_id: hit.call_id,
        score: hit.score,
        snippet: snippets.get(hit.doc_id) ?? null,
      })),
    );
    return { ...empty, total: row?.total ?? 0, calls };
  });
}

/** The SELECT of every call (call_id, started_at) passing the filters, and its bound values. */
function filterSql(o: CallFinderOptions): { sql: string; params: Record<string, string | number> } {
  // IS NOT NULL reads only the validity mask; an empty transcript the loader keeps as NULL.
  const where: string[] = ['c.transcript IS NOT NULL'];
  const params: Record<string, string | number> = {};
  const bind = (name: string, value: string | number) => {
    params[name] = value;
    return `$${name}`;
  };
  if (o.category !== undefined) {
    where.push(`t.category = ${bind('category', o.category)}`);
  }
  if (o.practice !== undefined) {
    where.push(`(${practiceSql}) = ${bind('practice', o.practice)}`);
  }
  if (o.level !== undefined) {
    where.push(
      o.level === 1
        ? 't.ticket_id IS NOT NULL AND f.max_level IS NULL'
        : `f.max_level = ${bind('level', o.level)}`,
    );
  }
  if (o.escalationType !== undefined) {
    where.push(
      `ticket IN (SELECT ticket_id FROM step_scores WHERE escalation_type = ${bind('type', o.escalationType)})`,
    );
  }
  if (o.outcome !== undefined) {
    where.push(
      o.outcome === 'none'
        ? "t.ticket_id IS NOT NULL AND nullif(trim(t.outcome), '') IS NULL"
        : `t.outcome = ${bind('outcome', o.outcome)}`,
    );
  }
  const range = (column: string, name: string, min?: number, max?: number) => {
    if (min !== undefined) {
      where.push(`${column} >= ${bind(`${name}_min`, min)}`);
    }
    if (max !== undefined) {
      where.push(`${column} <= ${bind(`${name}_max`, max)}`);
    }
  };
  range('s.right_department', 'rd', o.rightDepartmentMin, o.rightDepartmentMax);
  range('s.assessment_quality', 'aq', o.assessmentQualityMin, o.assessmentQualityMax);
  range('s.resolution', 'res', o.resolutionMin, o.resolutionMax);
  const needsSurvey =
    o.satisfactionMin !== undefined || o.satisfactionMax !== undefined || o.surveyed !== undefined;
  range('sv.points', 'sat', o.satisfactionMin, o.satisfactionMax);
  if (o.surveyed !== undefined) {
    where.push(
      o.surveyed === 'yes' ? 'sv.points IS NOT NULL' : 't.ticket_id IS NOT NULL AND sv.points IS NULL',
    );
  }
  range('epoch(c.ended_at - c.started_at)', 'dur', o.durationMin, o.durationMax);
  if (o.from !== undefined) {
    where.push(`c.started_at >= ${bind('from', o.from)}::DATE`);
  }
  if (o.to !== undefined) {
    where.push(`c.started_at < ${bind('to', o.to)}::DATE + INTERVAL 1 DAY`);
  }
  const needsScores = [
    o.rightDepartmentMin,
    o.rightDepartmentMax,
    o.assessmentQualityMin,
    o.assessmentQualityMax,
    o.resolutionMin,
    o.resolutionMax,
  ].some((v) => v !== undefined);
  const sql = `SELECT c.call_id, c.started_at
    FROM (SELECT c.*, coalesce(c.ticket_id, l.ticket_id) AS ticket FROM calls c LEFT JOIN call_links l USING (call_id)) c
    LEFT JOIN tickets t ON t.ticket_id = c.ticket
    LEFT JOIN case_facts f ON f.ticket_id = c.ticket
    ${needsScores ? 'LEFT JOIN case_scores s ON s.ticket_id = c.ticket' : ''}
    ${needsSurvey ? `LEFT JOIN ${latestSurvey()} sv ON sv.ticket_id = c.ticket` : ''}
    WHERE ${where.join('\n      AND ')}`;
  return { sql, params };
}

/** The listed facts of the page's calls, in the page's order. */
async function pageDetails(
  session: StoreSession,
  page: ReadonlyArray<{ call_id: string; score: number | null; snippet: string | null }>,
): Promise<FoundCall[]> {
  if (page.length === 0) {
    return [];
  }
  const ids = JSON.stringify(page.map((p) => p.call_id));
  const rows = await session.all<
    Omit<FoundCall, 'score' | 'snippet' | 'escalation_types'> & { opening: string }
  >(
    `WITH page AS (SELECT unnest(CAST($ids AS JSON)::VARCHAR[]) AS call_id),
     linked AS (
       SELECT c.*, coalesce(c.ticket_id, l.ticket_id) AS ticket
       FROM calls c LEFT JOIN call_links l USING (call_id)
       WHERE c.call_id IN (SELECT call_id FROM page)
     )
     SELECT c.call_id, c.ticket AS ticket_id, strftime(c.started_at, '%Y-%m-%dT%H:%M:%SZ') AS started_at,
            epoch(c.ended_at - c.started_at)::INTEGER AS duration_seconds, t.category,
            CASE WHEN t.ticket_id IS NULL THEN NULL ELSE ${practiceSql} END AS practice,
            CASE WHEN t.ticket_id IS NULL THEN NULL ELSE coalesce(f.max_level, 1) END AS max_level,
            nullif(trim(t.outcome), '') AS outcome, s.right_department, s.assessment_quality,
            coalesce(s.satisfaction, sv.points) AS satisfaction, s.resolution, c.recording_url,
            regexp_replace(left(c.transcript, 400), '\\s+', ' ', 'g') AS opening
     FROM linked c
     LEFT JOIN (SELECT * FROM tickets WHERE ticket_id IN (SELECT ticket FROM linked)) t ON t.ticket_id = c.ticket
     LEFT JOIN (SELECT * FROM case_facts WHERE ticket_id IN (SELECT ticket FROM linked)) f ON f.ticket_id = c.ticket
     LEFT JOIN (SELECT * FROM case_scores WHERE ticket_id IN (SELECT ticket FROM linked)) s ON s.ticket_id = c.ticket
     LEFT JOIN ${latestSurvey('ticket_id IN (SELECT ticket FROM linked)')} sv ON sv.ticket_id = c.ticket`,
    { ids },
  );
  const tickets = rows.map((r) => r.ticket_id).filter((id): id is string => id !== null);
  const types = await session.all<{ ticket_id: string; types: string[] }>(
    `SELECT ticket_id, list(DISTINCT escalation_type ORDER BY escalation_type) AS types
     FROM step_scores
     WHERE ticket_id IN (SELECT unnest(CAST($tickets AS JSON)::VARCHAR[])) AND escalation_type IS NOT NULL
     GROUP BY ticket_id`,
    { tickets: JSON.stringify(tickets) },
  );
  const typesOf = new Map(types.map((t) => [t.ticket_id, t.types]));
  const byId = new Map(rows.map((r) => [r.call_id, r]));
  return page.flatMap((p) => {
    const row = byId.get(p.call_id);
    if (!row) {
      return [];
    }
    const { opening, ...facts } = row;
    return [
      {
        ...facts,
        escalation_types: (row.ticket_id && typesOf.get(row.ticket_id)) || [],
        score: p.score,
        snippet: p.snippet ?? openingSnippet(opening),
      },
    ];
  });
}

/** The transcript's first words, about 160 characters, cut at a space with … when longer. */
export function openingSnippet(text: string): string {
  const flat = text.trim();
  if (flat.length <= 160) {
    return flat;
  }
  const cut = flat.slice(0, 160);
  const space = cut.lastIndexOf(' ');
  return `${space > 100 ? cut.slice(0, space) : cut}…`;
}
