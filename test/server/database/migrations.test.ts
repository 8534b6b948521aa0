import { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDataSourceOptions, runMigrations } from '../../../server/src/database/data-source.js';
import { createTestDatabase, type TestDatabase } from '../../setup/database.js';

// Runs against whichever PostgreSQL the run uses: the throwaway embedded cluster, or DATABASE_URL's
// server (in a database of its own), with the same code.
describe('migrations', () => {
  let database: TestDatabase;
  let sut: DataSource;

  beforeEach(async () => {
    database = await createTestDatabase({ migrated: false });
    sut = new DataSource(createDataSourceOptions(database.url));
    await sut.initialize();
  });

  afterEach(async () => {
    await sut?.destroy();
    await database?.drop();
  });

  async function tables(): Promise<string[]> {
    const rows: { table_name: string }[] = await sut.query(
      `select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    return rows.map((row) => row.table_name);
  }

  const allTables = [
    'audit_log',
    'calibration_scores',
    'calibration_sessions',
    'faq_updates',
    'ingest_runs',
    'migrations',
    'review_element_labels',
    'review_queue_items',
    'review_scores',
    'reviews',
    'roleplay_session_calls',
    'roleplay_sessions',
    'sessions',
    'users',
  ];

  it('should create every table on an empty database', async () => {
    const applied = await runMigrations(sut);

    expect(applied).toEqual([
      'CreateIngestRunsAndAuditLog1767000000000',
      'CreateFaqUpdates1767100000000',
      'CreateUsersAndSessions1767200000000',
      'CreateRoleplaySessions1767300000000',
      'CreateReviewQueue1767400000000',
      'CreateReviewElementLabels1767500000000',
    ]);
    expect(await tables()).toEqual(allTables);
  });

  it('should leave nothing for TypeORM to change: the entities match the migrated schema', async () => {
    await runMigrations(sut);

    const pending = await sut.driver.createSchemaBuilder().log();

    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('should apply nothing the second time', async () => {
    await runMigrations(sut);

    expect(await runMigrations(sut)).toEqual([]);
  });

  it('should revert every migration down to an empty schema, and migrate up again', async () => {
    await runMigrations(sut);

    for (let i = 0; i < sut.migrations.length; i++) {
      await sut.undoLastMigration({ transaction: 'all' });
    }

    expect(await tables()).toEqual(['migrations']);
    expect(await sut.query('select count(*)::int as n from migrations')).toEqual([{ n: 0 }]);
    expect(await runMigrations(sut)).toHaveLength(sut.migrations.length);
    expect(await tables()).toEqual(allTables);
  });
});
