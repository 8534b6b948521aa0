import type { StoreSession } from '../store/duckdb-store.js';

/**
 * Rows rejected while a file is staged wait in this temporary table until the file's transaction
 * copies them into `rejects`: staging runs before the transaction (DuckDB writes a large insert
 * twice as fast from committed temporary tables), and a killed run must leave no reject of a file it
 * did not load.
 */
export const pendingRejects = 'eqa_pending_rejects';

export async function openPendingRejects(session: StoreSession): Promise<void> {
  await session.run(
    `CREATE OR REPLACE TEMP TABLE ${pendingRejects} (
       run_id VARCHAR, file VARCHAR, line BIGINT, field VARCHAR, value VARCHAR, reason VARCHAR)`,
  );
}

/** Inside the file's transaction: the staged rejects join the store's. */
export async function commitPendingRejects(session: StoreSession): Promise<void> {
  await session.run(
    `INSERT INTO rejects (run_id, file, line, field, value, reason)
     SELECT run_id, file, line, field, value, reason FROM ${pendingRejects}`,
  );
}
