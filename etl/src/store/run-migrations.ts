import { readdirSync } from 'node:fs';
import type { StoreSession } from './duckdb-store.js';
import { loadSql } from './sql-files.js';

const migrationsDir = new URL('./migrations/', import.meta.url);

/**
 * Applies the numbered `migrations/NNN-*.sql` files not yet recorded in `schema_version`, each in its
 * own transaction. Committed migrations are never edited: a change is a new file.
 */
export async function runStoreMigrations(session: StoreSession): Promise<void> {
  await session.run('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name VARCHAR)');
  const applied = new Set(
    (await session.all<{ version: number }>('SELECT version FROM schema_version')).map((r) => r.version),
  );
  const files = readdirSync(migrationsDir)
    .filter((name) => /^\d{3}-.*\.sql$/.test(name))
    .sort();
  for (const name of files) {
    const version = Number(name.slice(0, 3));
    if (applied.has(version)) {
      continue;
    }
    await session.run('BEGIN TRANSACTION');
    try {
      await session.run(loadSql(new URL(name, migrationsDir)));
      await session.run('INSERT INTO schema_version VALUES ($version, $name)', { version, name });
      await session.run('COMMIT');
    } catch (error) {
      await session.run('ROLLBACK');
      throw error;
    }
  }
}
