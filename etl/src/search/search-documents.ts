import type { DuckDbStore, StoreSession } from '../store/duckdb-store.js';
import { parseSearchQuery, type SearchClause } from './parse-search-query.js';
import { planSearch, type SearchGroup, type SearchPlan } from './plan-search.js';
import type { SearchHit, SearchKind, SearchOptions, SearchResult } from './search.types.js';
import { SearchQueryError } from './search-query-error.js';
import { buildSnippet, type SnippetMatch } from './search-snippet.util.js';

// BM25's usual constants: term-frequency saturation and document-length normalisation.
const k1 = 1.2;
const b = 0.75;
const maxLimit = 100;
const maxDepth = 10_000;

interface IndexStats {
  documents: number;
  last_call_doc_id: number;
  avg_length: number;
}

interface GroupTerms {
  first_term: number | null;
  last_term: number | null;
}

interface Top {
  total: number;
  top: Array<{ doc_id: number; score: number }> | null;
}

interface PageRow {
  doc_id: number;
  kind: SearchKind;
  call_id: string | null;
  ticket_id: string | null;
  seq: number | null;
  body: string;
  pieces: string[];
  words: string[][];
}

/**
 * Finds the call transcripts and notes holding every word of `query` (phrases as phrases, word* as a
 * prefix), best BM25 score first, with the total count and a marked snippet per hit. Reads the index
 * rebuildSearchIndex() built; before the first build it finds nothing. Throws SearchQueryError for a
 * query with no word to look up or a page out of range.
 */
export async function searchDocuments(store: DuckDbStore, options: SearchOptions): Promise<SearchResult> {
  const query = options.query ?? '';
  const limit = options.limit ?? 20;
  const offset = options.offset ?? 0;
  checkPage(query, limit, offset);
  if (options.kind !== undefined && options.kind !== 'call' && options.kind !== 'note') {
    throw new SearchQueryError(query, `kind must be "call" or "note", not "${String(options.kind)}"`);
  }
  const clauses = parseSearchQuery(query);
  if (clauses.length === 0) {
    throw new SearchQueryError(query, 'the query is empty: type at least one word');
  }
  // One read transaction: every step sees the same index, even if a rebuild commits meanwhile.
  return store.withTransaction(async (session) => {
    const plan = await planOn(session, query, clauses);
    if (options.ticketIds !== undefined && options.ticketIds.length === 0) {
      return { total: 0, hits: [] };
    }
    const [stats] = await session.all<IndexStats>(
      'SELECT documents, last_call_doc_id, avg_length FROM search_stats',
    );
    if (!stats || stats.documents === 0) {
      return { total: 0, hits: [] };
    }
    const terms = await lookUpGroups(session, plan.groups);
    if (terms.some((group) => group.first_term === null)) {
      return { total: 0, hits: [] };
    }
    const found = await topDocuments(session, plan, terms, stats, options, offset + limit);
    const page = (found.top ?? []).slice(offset, offset + limit);
    const rows = await pageRows(
      session,
      page.map((hit) => hit.doc_id),
    );
    const byDoc = new Map(rows.map((row) => [row.doc_id, row]));
    const match = matchOf(plan);
    const hits: SearchHit[] = page.flatMap(({ doc_id, score }) => {
      const row = byDoc.get(doc_id);
      return row
        ? [
            {
              kind: row.kind,
              call_id: row.call_id,
              ticket_id: row.ticket_id,
              seq: row.seq,
              score,
              snippet: buildSnippet(row, match),
            },
          ]
        : [];
    });
    return { total: found.total, hits };
  });
}

function checkPage(query: string, limit: number, offset: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) {
    throw new SearchQueryError(query, `limit must be a whole number from 1 to ${maxLimit}, not ${limit}`);
  }
  if (!Number.isInteger(offset) || offset < 0 || offset + limit > maxDepth) {
    throw new SearchQueryError(
      query,
      `offset must be a whole number from 0 with offset + limit at most ${maxDepth}, not ${offset}`,
    );
  }
}

/** Each group's term_id range: one id for a word, the contiguous ids of its terms for a prefix. */
async function lookUpGroups(session: StoreSession, groups: readonly SearchGroup[]): Promise<GroupTerms[]> {
  return session.all<GroupTerms>(
    `SELECT min(t.term_id) AS first_term, max(t.term_id) AS last_term
     FROM (SELECT unnest(w) AS word, unnest(p) AS prefix, generate_subscripts(w, 1) AS i
           FROM (SELECT CAST($words AS JSON)::VARCHAR[] AS w, CAST($prefixes AS JSON)::BOOLEAN[] AS p)) g
     LEFT JOIN search_terms t ON CASE WHEN g.prefix THEN starts_with(t.term, g.word) ELSE t.term = g.word END
     GROUP BY g.i
     ORDER BY g.i`,
    {
      words: JSON.stringify(groups.map((group) => group.word)),
      prefixes: JSON.stringify(groups.map((group) => group.prefix)),
    },
  );
}

/**
 * The count of matching documents and the best `depth` of them. Phrases and tickets are checked on the
 * candidates only (see matchedSql). Values are bound; only the number of CTEs and checks varies.
 */
async function topDocuments(
  session: StoreSession,
  plan: SearchPlan,
  terms: readonly GroupTerms[],
  stats: IndexStats,
  options: SearchOptions,
  depth: number,
): Promise<Top> {
  const params: Record<string, string | number> = { depth };
  const { ctes, checks } = matchedSql(plan, terms, stats, options.kind, params);
  if (options.ticketIds !== undefined) {
    params.tickets = JSON.stringify(options.ticketIds);
    checks.push('d.ticket_id IN (SELECT unnest(CAST($tickets AS JSON)::VARCHAR[]))');
  }
  // The checks are computed as a column after the join, not written as a WHERE: DuckDB would push a
  // WHERE down into the scan of search_docs and read every text, where the join's bloom filter on
  // doc_id lets the scan read only the candidates' texts.
  const candidates =
    checks.length === 0
      ? '(SELECT doc_id, score, true AS ok FROM matched)'
      : `(SELECT m.doc_id, m.score, ${checks.join(' AND ')} AS ok
          FROM matched m JOIN search_docs d ON d.doc_id = m.doc_id)`;
  const sql = `WITH ${ctes}
    SELECT count(*) FILTER (WHERE ok)::INTEGER AS total,
           max_by({'doc_id': doc_id, 'score': score}, (score, -doc_id), $depth) FILTER (WHERE ok) AS top
    FROM ${candidates}`;
  const [row] = await session.all<Top>(sql, params);
  return row ?? { total: 0, top: null };
}

/**
 * The CTEs ending in `matched(doc_id, score)`: every document holding all the plan's words, with its
 * BM25 score, and the checks (over `d`, search_docs) its phrases still need. One CTE per required word
 * reads only that word's postings (a term_id range: the zone maps skip the rest); the CTEs are joined
 * on doc_id, so an AND costs hash joins, not a group-by over every posting. Fills `params`.
 */
function matchedSql(
  plan: SearchPlan,
  terms: readonly GroupTerms[],
  stats: IndexStats,
  kind: SearchKind | undefined,
  params: Record<string, string | number>,
): { ctes: string; checks: string[] } {
  params.documents = stats.documents;
  params.avg_length = stats.avg_length || 1;
  params.from_doc = kind === 'note' ? stats.last_call_doc_id + 1 : 0;
  params.to_doc = kind === 'call' ? stats.last_call_doc_id : 2_147_483_647;
  const ctes = plan.groups.map((group, i) => {
    params[`first${i}`] = terms[i]!.first_term!;
    params[`last${i}`] = terms[i]!.last_term!;
    const score = `ln(1 + ($documents - t.doc_freq + 0.5) / (t.doc_freq + 0.5))
        * p.tf * ${k1 + 1} / (p.tf + ${k1} * (${1 - b} + ${b} * p.doc_length / $avg_length))`;
    const postings = `FROM search_postings p
      JOIN search_terms t ON t.term_id = p.term_id
      WHERE p.term_id BETWEEN $first${i} AND $last${i} AND t.term_id BETWEEN $first${i} AND $last${i}
        AND p.doc_id BETWEEN $from_doc AND $to_doc`;
    // A prefix's terms can share a document: add their scores into one row per document.
    return group.prefix
      ? `g${i} AS (SELECT p.doc_id, sum(${score}) AS score ${postings} GROUP BY p.doc_id)`
      : `g${i} AS (SELECT p.doc_id, ${score} AS score ${postings})`;
  });
  const joins = plan.groups.map((_, i) => (i === 0 ? 'g0' : `JOIN g${i} ON g${i}.doc_id = g0.doc_id`));
  const checks: string[] = plan.phrases.map((phrase, i) => {
    params[`phrase${i}`] = phrase;
    return `contains(d.flat, $phrase${i})`;
  });
  const matched = `matched AS (SELECT g0.doc_id, ${plan.groups.map((_, i) => `g${i}.score`).join(' + ')} AS score
                FROM ${joins.join(' ')})`;
  return { ctes: `${ctes.join(',\n')},\n    ${matched}`, checks };
}

/**
 * A search to run inside a bigger query (the role-play call finder): `ctes` end in
 * `matched(doc_id, score)`, every matching document with its BM25 score before `check`, the phrase
 * condition over `d` (search_docs joined on doc_id; 'true' when there is none). Null when nothing can
 * match (no index yet, or a word the index does not hold). Throws SearchQueryError as searchDocuments.
 */
export interface PreparedSearch {
  ctes: string;
  check: string;
  params: Record<string, string | number>;
  match: SnippetMatch;
}

/** Plans `query` for use inside a caller's SQL on the same session; see PreparedSearch. */
export async function prepareSearch(
  session: StoreSession,
  query: string,
  kind?: SearchKind,
): Promise<PreparedSearch | null> {
  const clauses = parseSearchQuery(query);
  if (clauses.length === 0) {
    throw new SearchQueryError(query, 'the query is empty: type at least one word');
  }
  const plan = await planOn(session, query, clauses);
  const [stats] = await session.all<IndexStats>(
    'SELECT documents, last_call_doc_id, avg_length FROM search_stats',
  );
  if (!stats || stats.documents === 0) {
    return null;
  }
  const terms = await lookUpGroups(session, plan.groups);
  if (terms.some((group) => group.first_term === null)) {
    return null;
  }
  const params: Record<string, string | number> = {};
  const { ctes, checks } = matchedSql(plan, terms, stats, kind, params);
  return { ctes, check: checks.length === 0 ? 'true' : checks.join(' AND '), params, match: matchOf(plan) };
}

/** The marked snippet of each given document, by doc_id (as searchDocuments makes them). */
export async function snippetsOf(
  session: StoreSession,
  docIds: readonly number[],
  match: SnippetMatch,
): Promise<Map<number, string>> {
  const rows = await pageRows(session, docIds);
  return new Map(rows.map((row) => [row.doc_id, buildSnippet(row, match)]));
}

async function planOn(session: StoreSession, query: string, clauses: SearchClause[]): Promise<SearchPlan> {
  const [{ words }] = await session.all<{ words: string[][] }>(
    `SELECT list_transform(CAST($texts AS JSON)::VARCHAR[], x -> list_filter(search_words(x), w -> w <> '')) AS words`,
    { texts: JSON.stringify(clauses.map((clause) => clause.text)) },
  );
  return planSearch(query, clauses, words);
}

function matchOf(plan: SearchPlan): SnippetMatch {
  return {
    terms: new Set(plan.groups.filter((group) => !group.prefix).map((group) => group.word)),
    prefixes: plan.groups.filter((group) => group.prefix).map((group) => group.word),
    phrases: plan.phraseWords,
  };
}

/**
 * The page's texts, and each text's pieces and their index words for the snippet. One equality
 * lookup per document: an IN list would only prune row groups, then read every body in them. The
 * ORDER BY ends the union's pipelines, so the regexes above it are compiled once, not once per lookup.
 */
async function pageRows(session: StoreSession, docIds: readonly number[]): Promise<PageRow[]> {
  if (docIds.length === 0) {
    return [];
  }
  const params: Record<string, number> = {};
  const lookups = docIds.map((docId, i) => {
    params[`doc${i}`] = docId;
    return `SELECT doc_id, kind, call_id, ticket_id, seq, body FROM search_docs WHERE doc_id = $doc${i}`;
  });
  return session.all<PageRow>(
    `SELECT doc_id, kind, call_id, ticket_id, seq, body, pieces,
            list_transform(pieces, x -> list_filter(search_words(x), w -> w <> '')) AS words
     FROM (SELECT *, regexp_extract_all(body, '[\\p{L}\\p{N}\\p{M}]+') AS pieces
           FROM (SELECT * FROM (${lookups.join('\nUNION ALL\n')}) ORDER BY doc_id))`,
    params,
  );
}
