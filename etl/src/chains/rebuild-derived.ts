import type { DuckDbStore } from '../store/duckdb-store.js';
import { loadSql } from '../store/sql-files.js';

const rebuildSql = new URL('./rebuild-derived.sql', import.meta.url);
const linkCallsSql = new URL('./link-calls-to-tickets.sql', import.meta.url);

export interface RebuildOptions {
  /** A call without a ticket id is linked to its customer's ticket created within this many hours. */
  linkWindowHours?: number;
}

/** Rebuilds call links, escalation steps, case facts and the Overview's aggregates; returns the steps. */
export async function rebuildDerived(store: DuckDbStore, options: RebuildOptions = {}): Promise<number> {
  return store.withTransaction(async (session) => {
    await session.run(loadSql(linkCallsSql), { window_hours: options.linkWindowHours ?? 72 });
    await session.run(loadSql(rebuildSql));
    const [{ n }] = await session.all<{ n: number }>(
      'SELECT count(*)::INTEGER AS n FROM escalation_steps WHERE NOT is_entry',
    );
    return n;
  });
}

/** True when canonical data was loaded after the derived tables were last rebuilt (e.g. a killed run). */
export async function derivedIsStale(store: DuckDbStore): Promise<boolean> {
  const [row] = await store.all<{ stale: boolean }>(
    `SELECT coalesce((SELECT max(loaded_at) FROM loaded_files) > (SELECT max(rebuilt_at) FROM store_facts),
                     (SELECT count(*) FROM loaded_files) > 0) AS stale`,
  );
  return row.stale;
}
