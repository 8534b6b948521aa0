import type { DuckDbStore } from '../store/duckdb-store.js';

/** One loaded file, as recorded in the same transaction as its rows. */
export interface LoadedFile {
  run_id: string;
  file: string;
  kind: string;
  rows_read: number;
  rows_loaded: number;
  rows_rejected: number;
  loaded_at: string;
}

export interface RejectRow {
  run_id: string;
  file: string;
  line: number | null;
  field: string | null;
  value: string | null;
  reason: string;
}

export interface RejectFilter {
  file?: string;
  runId?: string;
  limit: number;
  offset: number;
}

/** Every file loaded into the store, newest first (the Data page's list of ingest runs). */
export function loadedFiles(store: DuckDbStore): Promise<LoadedFile[]> {
  return store.all<LoadedFile>(
    `SELECT run_id, file, kind, rows_read::INTEGER AS rows_read, rows_loaded::INTEGER AS rows_loaded,
            rows_rejected::INTEGER AS rows_rejected, strftime(loaded_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS loaded_at
     FROM loaded_files ORDER BY loaded_at DESC, file`,
  );
}

/** Rejected rows with their reasons, filtered and paged, with the total that matched. */
export async function rejectedRows(
  store: DuckDbStore,
  filter: RejectFilter,
): Promise<{ total: number; rows: RejectRow[] }> {
  const where = `($file IS NULL OR file = $file) AND ($runId IS NULL OR run_id = $runId)`;
  const params = { file: filter.file ?? null, runId: filter.runId ?? null };
  const [{ total }] = await store.all<{ total: number }>(
    `SELECT count(*)::INTEGER AS total FROM rejects WHERE ${where}`,
    params,
  );
  const rows = await store.all<RejectRow>(
    `SELECT run_id, file, line::INTEGER AS line, field, value, reason FROM rejects WHERE ${where}
     ORDER BY rejected_at DESC, file, line LIMIT $limit OFFSET $offset`,
    { ...params, limit: filter.limit, offset: filter.offset },
  );
  return { total, rows };
}
