import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDbStore } from '../../../../etl/src/index.js';

const repoRoot = new URL('../../../../', import.meta.url).pathname;

/** Why a whole-set test is skipped: the sets are too big to commit, and a clone may lack them. */
export const absentReason = 'the full data set lives in ../shared/data/real, absent from this clone';

/** The two copies of a real data set a test reads: the whole set beside the repository, the committed slice. */
export function realDataSet(name: string) {
  const full = join(repoRoot, '../shared/data/real', name);
  return {
    full,
    fullPresent: existsSync(full),
    slice: join(repoRoot, 'fixtures/real', name),
    mapping: join(repoRoot, 'fixtures/mappings'),
  };
}

export interface Count {
  n: number;
}

/** Rows of a small grouping query, with counts as plain numbers. */
export function grouped<T>(store: DuckDbStore, sql: string): Promise<(T & Count)[]> {
  return store.all<T & Count>(sql);
}

/** Reject reasons and how often each occurs. */
export function rejectReasons(store: DuckDbStore) {
  return grouped<{ reason: string }>(
    store,
    'SELECT reason, count(*)::INTEGER AS n FROM rejects GROUP BY reason ORDER BY reason',
  );
}

/** Escalation steps by level reached, entry steps apart. */
export function stepsByLevel(store: DuckDbStore) {
  return grouped<{ to_level: number; is_entry: boolean }>(
    store,
    'SELECT to_level, is_entry, count(*)::INTEGER AS n FROM escalation_steps GROUP BY ALL ORDER BY ALL',
  );
}

/** Events by level (null: unknown). */
export function eventsByLevel(store: DuckDbStore) {
  return grouped<{ level: number | null }>(
    store,
    'SELECT level, count(*)::INTEGER AS n FROM events GROUP BY level ORDER BY level NULLS LAST',
  );
}

/** How many rows a query counts. */
export async function countOf(store: DuckDbStore, sql: string): Promise<number> {
  const [{ n }] = await store.all<Count>(`SELECT count(*)::INTEGER AS n FROM (${sql})`);
  return n;
}
