import type { StoreSession } from '../store/duckdb-store.js';
import { loadSql } from '../store/sql-files.js';

const rebuildSql = new URL('./practice-monthly.sql', import.meta.url);

/**
 * Rebuilds practice_daily and practice_monthly from tickets, chains and case scores, on the caller's
 * session (the scoring run's transaction, so readers see old and new scores with matching practices).
 */
export async function rebuildPracticeMonthly(session: StoreSession): Promise<void> {
  await session.run(loadSql(rebuildSql));
}
