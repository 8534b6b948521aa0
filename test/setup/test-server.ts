import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbStore, type IngestSummary, ingestPaths, scoreStore } from '../../etl/src/index.js';
import { generateDataset } from '../../fixtures/generator/generate-dataset.js';
import type { Truth } from '../../fixtures/generator/truth.js';
import { type RunningServer, startServer } from '../../server/src/app.js';
import { repoRoot } from '../../server/src/config/env.js';
import type { Role } from '../../server/src/contracts/auth.contract.js';
import { createTestDatabase } from './database.js';
import {
  forgetBrowserSession,
  rememberBrowserSession,
  type SessionFetch,
  signIn,
  type TestSession,
} from './sessions.js';

export interface TestServer {
  url: string;
  server: RunningServer;
  store: DuckDbStore;
  storePath: string;
  truth: Truth;
  ingest: IngestSummary;
  /** `eqa_session=…` of the server's test admin (browsers opened with withPage send it too). */
  cookie: string;
  /** `fetch` signed in as the test admin: every API route but health and login needs a session. */
  fetch: SessionFetch;
  /** Another user with these roles, signed in. */
  signIn(roles: Role[], username?: string): Promise<TestSession>;
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
    cookie: served.cookie,
    fetch: served.fetch,
    signIn: served.signIn,
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
  /** `eqa_session=…` of the test admin. */
  cookie: string;
  /** `fetch` signed in as the test admin. */
  fetch: SessionFetch;
  signIn(roles: Role[], username?: string): Promise<TestSession>;
  /** Stops the server and drops its database; the store stays open for its owner to close. */
  close(): Promise<void>;
}

/**
 * The real server on a free port over an open store, with a fresh PostgreSQL database of its own and
 * a signed-in admin (`test-admin`), whose session browsers opened with withPage on it share.
 */
export async function serveStore(
  store: DuckDbStore,
  options: { host?: string; demoSignIn?: boolean } = {},
): Promise<ServedStore> {
  const database = await createTestDatabase();
  const server = await startServer({
    store,
    databaseUrl: database.url,
    dashboardDir: join(repoRoot, 'dist', 'dashboard'),
    port: 0,
    host: options.host ?? '127.0.0.1',
    logLevels: ['error'],
    demoSignIn: options.demoSignIn,
  });
  const admin = await signIn(server, ['admin'], 'test-admin');
  rememberBrowserSession(server.url, admin);
  return {
    url: server.url,
    server,
    cookie: admin.cookie,
    fetch: admin.fetch,
    signIn: (roles, username) => signIn(server, roles, username),
    async close() {
      forgetBrowserSession(server.url);
      await server.close();
      await database.drop();
    },
  };
}
