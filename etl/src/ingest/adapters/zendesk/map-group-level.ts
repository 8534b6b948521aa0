import type { StoreSession } from '../../../store/duckdb-store.js';
import { loadSql } from '../../../store/sql-files.js';

const groupLevelSql = new URL('./group-level.sql', import.meta.url);

/**
 * Declares the session's temporary SQL macro `eqa_group_level(name)`: the level (1–4) a group or
 * queue name implies, or NULL when the name says nothing. Shared by the Zendesk, Salesforce and
 * Freshdesk adapters, whose exports name groups but carry no levels.
 */
export async function defineGroupLevelMacro(session: StoreSession): Promise<void> {
  await session.run(loadSql(groupLevelSql));
}
