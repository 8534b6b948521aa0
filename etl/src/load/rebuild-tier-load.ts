import type { StoreSession } from '../store/duckdb-store.js';
import { loadSql } from '../store/sql-files.js';

const caseFlagsSql = new URL('./tier-load-case-flags.sql', import.meta.url);
const tierLoadSql = new URL('./tier-load.sql', import.meta.url);

/**
 * Rebuilds tier_stints and tier_weekly_load on the caller's session (the scoring run's transaction,
 * after offer_facts is rebuilt against the rubric's authority matrix), and records when.
 */
export async function rebuildTierLoad(session: StoreSession): Promise<void> {
  await session.run(loadSql(caseFlagsSql));
  await session.run(loadSql(tierLoadSql));
  await session.run('DROP TABLE eqa_load_case_flags');
  await session.run('DELETE FROM tier_load_facts');
  await session.run('INSERT INTO tier_load_facts VALUES (now()::TIMESTAMP)');
}
