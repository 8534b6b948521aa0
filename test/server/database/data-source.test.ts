import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { parseEnv } from '../../../server/src/config/env.js';
import {
  createDataSourceOptions,
  type ResolvedDatabase,
  resolveDatabase,
  runMigrations,
} from '../../../server/src/database/data-source.js';
import { embeddedTestDataDir, testDatabaseUrl } from '../../setup/database.js';

describe('resolveDatabase', () => {
  let resolved: ResolvedDatabase | null = null;
  let dataDir: string | null = null;

  afterEach(async () => {
    await resolved?.embedded?.stop();
    if (dataDir) {
      await rm(dataDir, { recursive: true, force: true });
    }
    resolved = null;
    dataDir = null;
  });

  it('should use DATABASE_URL as given and start nothing', async () => {
    resolved = await resolveDatabase(parseEnv({ DATABASE_URL: testDatabaseUrl() }));

    expect(resolved).toEqual({ url: testDatabaseUrl(), embedded: null });
  });

  it('should start the embedded PostgreSQL in EQA_PG_DATA without DATABASE_URL, ready to migrate', async () => {
    dataDir = embeddedTestDataDir('resolve');
    resolved = await resolveDatabase(
      parseEnv({ EQA_PG_DATA: dataDir, EQA_DUCKDB: join(dataDir, '..', 'unused.duckdb') }),
    );
    const dataSource = new DataSource(createDataSourceOptions(resolved.url));
    await dataSource.initialize();
    try {
      expect(resolved.embedded?.dataDir).toBe(dataDir);
      expect(resolved.url).toMatch(/^postgres:\/\/postgres:[^@]+@127\.0\.0\.1:\d+\/escalation_qa$/);
      expect(await runMigrations(dataSource)).toHaveLength(dataSource.migrations.length);
    } finally {
      await dataSource.destroy();
    }
  });
});
