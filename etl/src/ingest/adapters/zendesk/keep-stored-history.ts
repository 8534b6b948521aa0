import type { StoreSession } from '../../../store/duckdb-store.js';
import { loadSql } from '../../../store/sql-files.js';

const keepStoredHistorySql = new URL('./keep-stored-history.sql', import.meta.url);

/**
 * Moves a snapshot's staged events (eqa_stage_events) of tickets whose full event history is already
 * stored into eqa_helpdesk_rejects, so that loading a tickets export after its history never erases it.
 */
export async function keepStoredHistories(session: StoreSession): Promise<void> {
  await session.run(loadSql(keepStoredHistorySql));
}
