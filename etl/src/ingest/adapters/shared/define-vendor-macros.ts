import type { StoreSession } from '../../../store/duckdb-store.js';
import { loadSql } from '../../../store/sql-files.js';

const groupLevelSql = new URL('./group-level.sql', import.meta.url);
const vendorMacrosSql = new URL('./vendor-macros.sql', import.meta.url);

/**
 * Declares the session's shared temporary macros: `eqa_group_level(name)` (group-level.sql) and
 * `eqa_blank`, `eqa_iso`, `eqa_time_problem`, `eqa_priority` (vendor-macros.sql).
 */
export async function defineVendorMacros(session: StoreSession): Promise<void> {
  // DuckDB binds a macro's body when it is created, so these precede every vendor macro using them.
  await session.run(loadSql(groupLevelSql));
  await session.run(loadSql(vendorMacrosSql));
}
