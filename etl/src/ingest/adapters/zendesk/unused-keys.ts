import type { StoreSession } from '../../../store/duckdb-store.js';

/** The top-level keys of the records in eqa_zd_records that the mapping does not read, sorted. */
export async function unusedKeys(session: StoreSession, used: readonly string[]): Promise<string[]> {
  const rows = await session.all<{ key: string }>(
    `SELECT DISTINCT unnest(json_keys(doc)) AS key FROM eqa_zd_records
     WHERE json_type(doc) = 'OBJECT' ORDER BY key`,
  );
  const known = new Set(used);
  return rows.map((r) => r.key).filter((key) => !known.has(key));
}
