import { readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import type { TestProject } from 'vitest/node';
import { createDataSourceOptions, runMigrations } from '../../server/src/database/data-source.js';
import { type EmbeddedPg, startEmbeddedPostgres } from '../../server/src/database/embedded-postgres.js';
import { inspectProcess } from '../../server/src/database/process-inspection.util.js';
import { clearStalePostmaster } from '../../server/src/database/stale-postmaster.util.js';

// How the run's database reaches the tests: vitest's provide() here and inject() in test files
// (test/setup/database.ts), which vitest 4 serialises to every worker process; checked with
// test/server/database/global-postgres.test.ts. process.env.DATABASE_URL is also pointed at the
// run's database, which forked workers inherit, so code under test that calls resolveDatabase()
// lands on it too and can never start or touch the developer's embedded demo cluster.
declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's own database, migrated to the latest schema, shared by all test files. */
    databaseUrl: string;
    /** A database on the same server to run CREATE/DROP DATABASE from. */
    databaseAdminUrl: string;
    /** Prefix of every database this run creates (`eqa_test_<pid>`); teardown drops them all. */
    databaseRunId: string;
    /** A migrated database that per-file databases are cloned from (CREATE DATABASE … TEMPLATE). */
    databaseTemplate: string;
  }
}

/** Folder prefix of throwaway embedded clusters, here and in test/setup/database.ts. */
export const testClusterPrefix = 'eqa-test-pg-';

/**
 * PostgreSQL for the whole run: a fresh database `eqa_test_<pid>` on DATABASE_URL's server when it is
 * set, otherwise a throwaway embedded cluster in the OS temp folder. Returns the teardown.
 */
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = `eqa_test_${process.pid}`;
  const external = process.env.DATABASE_URL;
  let embedded: EmbeddedPg | null = null;
  if (!external) {
    await removeAbandonedTestClusters();
    embedded = await startEmbeddedPostgres({
      dataDir: join(tmpdir(), `${testClusterPrefix}${process.pid}`),
      database: 'postgres',
      persistent: false,
      durable: false,
    });
  }
  const adminUrl = external ?? (embedded as EmbeddedPg).url;
  const teardown = async () => {
    try {
      await dropRunDatabases(adminUrl, runId);
    } finally {
      await embedded?.stop();
    }
  };
  try {
    if (external) {
      await dropAbandonedRunDatabases(adminUrl);
    }
    const template = `${runId}_template`;
    await adminQuery(adminUrl, `create database ${pg.escapeIdentifier(template)}`);
    const templateSource = new DataSource(createDataSourceOptions(withDatabase(adminUrl, template)));
    await templateSource.initialize();
    try {
      await runMigrations(templateSource);
    } finally {
      await templateSource.destroy();
    }
    await adminQuery(
      adminUrl,
      `create database ${pg.escapeIdentifier(runId)} template ${pg.escapeIdentifier(template)}`,
    );
    const runUrl = withDatabase(adminUrl, runId);
    project.provide('databaseUrl', runUrl);
    project.provide('databaseAdminUrl', adminUrl);
    project.provide('databaseRunId', runId);
    project.provide('databaseTemplate', template);
    process.env.DATABASE_URL = runUrl;
  } catch (error) {
    // vitest registers the teardown only once setup has returned.
    await teardown();
    throw error;
  }
  return teardown;
}

/** `url` with its database replaced by `database`. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** Runs one statement on a short-lived connection (CREATE/DROP DATABASE cannot run in a pool's transaction). */
export async function adminQuery(url: string, sql: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  try {
    return await client.query(sql, values);
  } finally {
    await client.end();
  }
}

async function dropRunDatabases(adminUrl: string, runId: string): Promise<void> {
  const found = await adminQuery(
    adminUrl,
    'select datname from pg_database where datname = $1 or starts_with(datname, $2)',
    [runId, `${runId}_`],
  );
  // The template last: clones are dropped first. FORCE: a test that leaked a pool must not leak a database.
  const names = found.rows.map((row: { datname: string }) => row.datname).sort((a, b) => b.localeCompare(a));
  for (const name of names) {
    await adminQuery(adminUrl, `drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
  }
}

/**
 * Drops databases left by killed runs on a server of this machine: `eqa_test_<pid>…` whose pid is
 * gone and that nobody is connected to. Servers elsewhere are left alone (the pid means nothing there).
 */
async function dropAbandonedRunDatabases(adminUrl: string): Promise<void> {
  const host = new URL(adminUrl).hostname;
  if (!['', 'localhost', '127.0.0.1', '[::1]'].includes(host)) {
    return;
  }
  const found = await adminQuery(
    adminUrl,
    `select datname from pg_database d
     where datname ~ '^eqa_test_[0-9]+'
       and not exists (select 1 from pg_stat_activity a where a.datname = d.datname)`,
  );
  for (const { datname } of found.rows as { datname: string }[]) {
    const pid = Number(/^eqa_test_(\d+)/.exec(datname)?.[1]);
    if (!(await inspectProcess(pid))) {
      await adminQuery(adminUrl, `drop database if exists ${pg.escapeIdentifier(datname)}`).catch(() => {});
    }
  }
}

/** Stops and deletes throwaway clusters of killed runs (their process, named in the folder, is gone). */
async function removeAbandonedTestClusters(): Promise<void> {
  for (const name of await readdir(tmpdir())) {
    const match = new RegExp(`^${testClusterPrefix}(\\d+)(-|$)`).exec(name);
    if (!match || (await inspectProcess(Number(match[1])))) {
      continue;
    }
    const dir = join(tmpdir(), name);
    await clearStalePostmaster(dir).catch(() => null);
    await rm(dir, { recursive: true, force: true });
  }
}
