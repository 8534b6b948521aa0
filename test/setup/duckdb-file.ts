import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbStore } from '../../etl/src/index.js';

export interface TempStore {
  store: DuckDbStore;
  dir: string;
  dispose(): void;
}

/** A fresh DuckDB file in its own temporary folder; dispose() closes it and removes the folder. */
export async function openTempStore(): Promise<TempStore> {
  const dir = mkdtempSync(join(tmpdir(), 'eqa-store-'));
  const store = await DuckDbStore.open(join(dir, 'escalations.duckdb'));
  return {
    store,
    dir,
    dispose() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
