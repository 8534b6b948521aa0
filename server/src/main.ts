import { dirname, join } from 'node:path';
import {
  DuckDbStore,
  derivedIsStale,
  rebuildDerived,
  rebuildSearchIndex,
  StoreLockedError,
  scoreStore,
  scoresAreStale,
  searchIndexIsStale,
} from '../../etl/src/index.js';
import { startServer } from './app.js';
import { terminalIngestEffects } from './cli/ingest-progress.js';
import { parseEnv, repoRoot } from './config/env.js';
import { resolveDatabase } from './database/data-source.js';
import { describeEmbeddedPostgres } from './database/embedded-postgres.js';
import { loadDemo, storeHoldsOnlyDemo, storeIsEmpty } from './demo/load-demo.js';
import { describeSearchIndex } from './jobs/job-registry.js';
import { readHandoff } from './jobs/server-handoff.js';
import { IngestRunsService } from './modules/ingest-runs/ingest-runs.service.js';
import { UserAccounts } from './modules/users/user-accounts.service.js';

// `npm start`: PostgreSQL (DATABASE_URL, or the embedded one) → DuckDB → demo data when the store is
// empty → HTTP. Every failure a user can cause ends in one line without a stack.
async function main() {
  const env = parseEnv();
  const store = await openStore(env.EQA_DUCKDB);
  const database = await resolveDatabase();
  if (database.embedded) {
    console.log(describeEmbeddedPostgres(database.embedded));
  }
  let demo: Awaited<ReturnType<typeof loadDemo>> | null = null;
  const demoStarted = new Date();
  if (env.EQA_DEMO_TICKETS > 0 && (await storeIsEmpty(store))) {
    console.log(
      `Store ${env.EQA_DUCKDB} is empty: generating and loading ${env.EQA_DEMO_TICKETS} demo tickets…`,
    );
    demo = await loadDemo(
      store,
      dirname(env.EQA_DUCKDB),
      env.EQA_DEMO_TICKETS,
      terminalIngestEffects({ quiet: false, stream: process.stdout }),
    );
  } else if (await derivedIsStale(store)) {
    // A run killed between loading a file and rebuilding the chains: finish its work.
    await rebuildDerived(store);
  }
  if (await scoresAreStale(store)) {
    console.log('Scoring escalations against the four QA standards…');
    const run = await scoreStore(store);
    console.log(
      `Scored ${run.steps} steps and ${run.cases} cases (rubric ${run.rubric.version}) in ${run.seconds.toFixed(1)}s`,
    );
  }
  // The index records which rebuild of the chains it was built from; after an ingest by another
  // process (or a run killed before its rebuild) the two differ.
  if (await searchIndexIsStale(store)) {
    console.log('Rebuilding the search index over call transcripts and notes…');
    console.log(describeSearchIndex(await rebuildSearchIndex(store)));
  }
  // The demo's data is made up: on this machine only, the dashboard may sign in as `demo` (admin)
  // without a password. startServer turns it off unless the address it binds is a loopback one.
  const demoStore = env.EQA_DEMO_TICKETS > 0 && (await storeHoldsOnlyDemo(store, dirname(env.EQA_DUCKDB)));
  const server = await startServer({
    store,
    databaseUrl: database.url,
    dashboardDir: join(repoRoot, 'dist', 'dashboard'),
    port: env.EQA_PORT,
    host: env.EQA_HOST,
    logLevels: logLevelsFrom(env.EQA_LOG_LEVEL),
    demoSignIn: demoStore,
  });
  if (demo) {
    await server.app.get(IngestRunsService).record(demo, demoStarted, 'demo');
  }
  const firstAdmin = await server.app.get(UserAccounts).createFirstAdmin();
  if (firstAdmin) {
    console.log(
      `First start: created admin with one-time password ${firstAdmin.oneTimePassword}; change it after signing in`,
    );
  }
  if (server.demoSignIn) {
    console.log('Demo mode on localhost: the dashboard signs you in as demo (admin)');
  } else if (demoStore) {
    console.log(
      `Demo data, but no automatic sign-in: the server listens on ${env.EQA_HOST}, not on localhost`,
    );
  }
  console.log(`Escalation QA is ready: ${server.url}  (Ctrl-C stops it)`);

  let stopping = false;
  const stop = async () => {
    if (stopping) {
      return;
    }
    stopping = true;
    await server.close();
    store.close();
    await database.embedded?.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function openStore(path: string): Promise<DuckDbStore> {
  try {
    return await DuckDbStore.open(path);
  } catch (error) {
    if (error instanceof StoreLockedError) {
      const handoff = readHandoff(path);
      throw new Error(
        handoff
          ? `Another Escalation QA server already holds ${path}: ${handoff.url} (pid ${handoff.pid})`
          : `${path} is locked by another process${error.pid ? ` (pid ${error.pid})` : ''}; stop it first`,
      );
    }
    throw error;
  }
}

function logLevelsFrom(level: string) {
  const order = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
  return order.slice(0, order.indexOf(level as (typeof order)[number]) + 1);
}

main().catch((error: unknown) => {
  console.error(`Escalation QA could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
