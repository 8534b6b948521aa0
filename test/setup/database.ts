import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { inject } from 'vitest';
import { createDataSourceOptions, runMigrations } from '../../server/src/database/data-source.js';
import { adminQuery, testClusterPrefix, withDatabase } from './global-postgres.js';

/** A database of its own for one test file, dropped by drop() (and by the run's teardown regardless). */
export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

let created = 0;

/** The run's shared database (migrated to the latest schema); never the developer's demo database. */
export function testDatabaseUrl(): string {
  return inject('databaseUrl');
}

/**
 * A new database on the run's server: a copy of the migrated template by default, or empty
 * (`{ migrated: false }`) for tests that run migrations themselves. Use it when a test changes the
 * schema or needs tables no other file writes to.
 */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const adminUrl = inject('databaseAdminUrl');
  created += 1;
  const name = `${inject('databaseRunId')}_${process.pid}_${created}`;
  const template = (options.migrated ?? true) ? inject('databaseTemplate') : 'template0';
  await adminQuery(
    adminUrl,
    `create database ${pg.escapeIdentifier(name)} template ${pg.escapeIdentifier(template)}`,
  );
  return {
    name,
    url: withDatabase(adminUrl, name),
    drop: () =>
      adminQuery(adminUrl, `drop database if exists ${pg.escapeIdentifier(name)} with (force)`).then(
        () => {},
      ),
  };
}

/**
 * An initialised TypeORM DataSource with every entity on `url` (the run's database by default),
 * migrated to the latest schema. The caller destroys it.
 */
export async function createTestDataSource(url: string = testDatabaseUrl()): Promise<DataSource> {
  const dataSource = new DataSource(createDataSourceOptions(url));
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

/**
 * A not-yet-existing folder for a throwaway embedded cluster. It sits directly in the OS temp folder
 * (mode 1777) because as root PostgreSQL runs as `postgres`, which cannot enter a 0700 mkdtemp folder;
 * the run's global setup deletes such folders left by killed runs.
 */
export function embeddedTestDataDir(label: string): string {
  return join(tmpdir(), `${testClusterPrefix}${process.pid}-${label}-${randomBytes(4).toString('hex')}`);
}
