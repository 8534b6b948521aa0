import type { DuckDbStore } from '../store/duckdb-store.js';

/** A text to compare: an id (a call's) and its words' source (a transcript). */
export interface ComparedText {
  id: string;
  text: string;
}

/** Two texts whose word 3-gram sets overlap by `similarity` (Jaccard, 0–1). */
export interface SimilarPair {
  a: string;
  b: string;
  similarity: number;
}

/** Hash buckets for the 3-grams: 2^20 keeps collisions rare for texts of a few hundred words. */
const buckets = 1_048_576;

/**
 * The pairs of texts whose sets of word 3-grams (the search index's words: lower-case, accents and
 * punctuation gone) overlap by at least `threshold` (Jaccard), computed in SQL: each 3-gram is hashed
 * into one of 2^20 buckets, the texts are joined on shared buckets, and |A∩B| / |A∪B| is counted.
 * Texts of fewer than three words have no 3-grams and pair with nothing.
 */
export async function similarTextPairs(
  store: DuckDbStore,
  texts: readonly ComparedText[],
  threshold: number,
): Promise<SimilarPair[]> {
  if (texts.length < 2) {
    return [];
  }
  return store.all<SimilarPair>(
    `WITH input AS (
       SELECT unnest(CAST($ids AS JSON)::VARCHAR[]) AS id, unnest(CAST($texts AS JSON)::VARCHAR[]) AS text
     ),
     words AS (SELECT id, list_filter(search_words(text), w -> w <> '') AS w FROM input),
     shingles AS (
       SELECT DISTINCT id, unnest(list_transform(range(1, len(w) - 1),
                                   i -> hash(w[i] || ' ' || w[i + 1] || ' ' || w[i + 2]) % $buckets)) AS bucket
       FROM words WHERE len(w) >= 3
     ),
     sizes AS (SELECT id, count(*) AS n FROM shingles GROUP BY id),
     shared AS (
       SELECT x.id AS a, y.id AS b, count(*) AS common
       FROM shingles x JOIN shingles y ON x.bucket = y.bucket AND x.id < y.id
       GROUP BY x.id, y.id
     )
     SELECT s.a, s.b, (s.common / (na.n + nb.n - s.common))::DOUBLE AS similarity
     FROM shared s JOIN sizes na ON na.id = s.a JOIN sizes nb ON nb.id = s.b
     WHERE s.common / (na.n + nb.n - s.common) >= $threshold
     ORDER BY s.a, s.b`,
    {
      ids: JSON.stringify(texts.map((t) => t.id)),
      texts: JSON.stringify(texts.map((t) => t.text)),
      buckets,
      threshold,
    },
  );
}

/** A group of near-duplicates: the one shown, and the others like it. */
export interface NearDuplicateGroup {
  id: string;
  similar: string[];
}

/**
 * Groups ids, best first, so that each group is led by its best member: an id joins the group of the
 * first earlier leader it is similar to (a pair in `pairs`), else leads a new group. Pure; the
 * groups come out in the order of their leaders.
 */
export function groupNearDuplicates(
  ranked: readonly string[],
  pairs: readonly SimilarPair[],
): NearDuplicateGroup[] {
  const neighbours = new Map<string, Set<string>>();
  for (const { a, b } of pairs) {
    (neighbours.get(a) ?? neighbours.set(a, new Set()).get(a)!).add(b);
    (neighbours.get(b) ?? neighbours.set(b, new Set()).get(b)!).add(a);
  }
  const groups: NearDuplicateGroup[] = [];
  const seen = new Set<string>();
  for (const id of ranked) {
    if (seen.has(id)) {
      continue;
    }
    seen.add(id);
    const near = neighbours.get(id);
    const leader = near ? groups.find((group) => near.has(group.id)) : undefined;
    if (leader) {
      leader.similar.push(id);
    } else {
      groups.push({ id, similar: [] });
    }
  }
  return groups;
}
