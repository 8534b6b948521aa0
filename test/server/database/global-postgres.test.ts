import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { testDatabaseUrl } from '../../setup/database.js';

// Checks the hand-over from test/setup/global-postgres.ts (main process) to this worker process.
describe('global PostgreSQL setup', () => {
  it('should provide a migrated database of this run, also as DATABASE_URL', async () => {
    const url = testDatabaseUrl();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `select current_database() as db, to_regclass('public.ingest_runs') is not null as migrated`,
      );

      expect(rows[0].db).toBe(inject('databaseRunId'));
      expect(rows[0].db).toMatch(/^eqa_test_\d+$/);
      expect(rows[0].migrated).toBe(true);
      expect(process.env.DATABASE_URL).toBe(url);
    } finally {
      await client.end();
    }
  });
});
