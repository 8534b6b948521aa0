import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbStore, type IngestSummary, ingestPaths, scoreStore } from '../../etl/src/index.js';
import { generateDataset } from '../../fixtures/generator/generate-dataset.js';
import type { Truth } from '../../fixtures/generator/truth.js';
import { type RunningServer, startServer } from '../../server/src/app.js';
import { repoRoot } from '../../server/src/config/env.js';
import { createTestDatabase } from './database.js';

export interface TestServer {
  url: string;
  server: RunningServer;
  store: DuckDbStore;
  storePath: string;
  truth: Truth;
  ingest: IngestSummary;
  close(): Promise<void>;
}

/**
 * The real server on a free port: a temporary DuckDB file loaded with a generated data set (seeded,
 * with its truth.json) and scored with the default rubric, a fresh PostgreSQL database of the run's
 * server, and the built dashboard.
 */
export async function startTestServer(
  options: { tickets?: number; seed?: number } = {},
): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'eqa-server-'));
  const dataDir = join(dir, 'export');
  const truth = await generateDataset({
    tickets: options.tickets ?? 4000,
    seed: options.seed ?? 7,
    out: dataDir,
  });
  const storePath = join(dir, 'escalations.duckdb');
  const store = await DuckDbStore.open(storePath);
  const ingest = await ingestPaths(store, [dataDir]);
  // as the product does after every ingest (jobs/job-registry.ts)
  await scoreStore(store);
  const served = await serveStore(store);
  return {
    url: served.url,
    server: served.server,
    store,
    storePath,
    truth,
    ingest,
    async close() {
      await served.close();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface ServedStore {
  url: string;
  server: RunningServer;
  /** Stops the server and drops its database; the store stays open for its owner to close. */
  close(): Promise<void>;
}

/** The real server on a free port over an open store, with a fresh PostgreSQL database of its own. */
export async function serveStore(store: DuckDbStore): Promise<ServedStore> {
  const database = await createTestDatabase();
  const server = await startServer({
    store,
    databaseUrl: database.url,
    dashboardDir: join(repoRoot, 'dist', 'dashboard'),
    port: 0,
    host: '127.0.0.1',
    logLevels: ['error'],
  });
  return {
    url: server.url,
    server,
    async close() {
      await server.close();
      await database.drop();
    },
  };
}
