import { resolve } from 'node:path';
import type { DataSource, DataSourceOptions } from 'typeorm';
import { type Env, parseEnv } from '../config/env.js';
import { AuditLogEntry } from '../modules/audit/audit-log.entity.js';
import { Session } from '../modules/auth/session.entity.js';
import { FaqUpdate } from '../modules/faq-updates/faq-update.entity.js';
import { IngestRun } from '../modules/ingest-runs/ingest-run.entity.js';
import { CalibrationScore, CalibrationSession } from '../modules/reviews/calibration.entity.js';
import { Review, ReviewElementLabel, ReviewScore } from '../modules/reviews/review.entity.js';
import { ReviewQueueItem } from '../modules/reviews/review-queue-item.entity.js';
import { RoleplaySession } from '../modules/roleplay/roleplay-session.entity.js';
import { RoleplaySessionCall } from '../modules/roleplay/roleplay-session-call.entity.js';
import { User } from '../modules/users/user.entity.js';
import { defaultEmbeddedDataDir, type EmbeddedPg, startEmbeddedPostgres } from './embedded-postgres.js';
import { CreateIngestRunsAndAuditLog1767000000000 } from './migrations/1767000000000-create-ingest-runs-and-audit-log.js';
import { CreateFaqUpdates1767100000000 } from './migrations/1767100000000-create-faq-updates.js';
import { CreateUsersAndSessions1767200000000 } from './migrations/1767200000000-create-users-and-sessions.js';
import { CreateRoleplaySessions1767300000000 } from './migrations/1767300000000-create-roleplay-sessions.js';
import { CreateReviewQueue1767400000000 } from './migrations/1767400000000-create-review-queue.js';
import { CreateReviewElementLabels1767500000000 } from './migrations/1767500000000-create-review-element-labels.js';

// Listed, not globbed: a glob would have to name .ts under vitest and .js under dist/, and a file
// missing from a list is a review comment where a glob that matches nothing is a silent empty schema.
const entities = [
  IngestRun,
  AuditLogEntry,
  FaqUpdate,
  User,
  Session,
  RoleplaySession,
  RoleplaySessionCall,
  ReviewQueueItem,
  Review,
  ReviewScore,
  ReviewElementLabel,
  CalibrationSession,
  CalibrationScore,
];
const migrations = [
  CreateIngestRunsAndAuditLog1767000000000,
  CreateFaqUpdates1767100000000,
  CreateUsersAndSessions1767200000000,
  CreateRoleplaySessions1767300000000,
  CreateReviewQueue1767400000000,
  CreateReviewElementLabels1767500000000,
];

/** The PostgreSQL that the server, the CLI and the tests use, and the embedded cluster if one was started. */
export interface ResolvedDatabase {
  url: string;
  /** The embedded cluster started for this process, to stop() on shutdown; null with DATABASE_URL. */
  embedded: EmbeddedPg | null;
}

/** TypeORM options for the PostgreSQL at `url`: every entity and migration, schema changed only by migrations. */
export function createDataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations,
    synchronize: false,
    migrationsRun: false,
    // Migrations create everything the schema needs (gen_random_uuid() is built in since 13); without
    // this TypeORM would try CREATE EXTENSION "uuid-ossp" at every connect, which needs a superuser.
    installExtensions: false,
    // Makes TypeORM expect gen_random_uuid() as uuid default, so a generated migration shows no diff.
    uuidExtension: 'pgcrypto',
    applicationName: 'escalation-qa',
    logging: false,
  };
}

/**
 * DATABASE_URL when set; otherwise starts the embedded PostgreSQL (data in EQA_PG_DATA, or the
 * default beside the DuckDB store) and returns its URL. The caller logs where the data lives.
 */
export async function resolveDatabase(env: Env = parseEnv()): Promise<ResolvedDatabase> {
  if (env.DATABASE_URL) {
    return { url: env.DATABASE_URL, embedded: null };
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: env.EQA_PG_DATA ? resolve(env.EQA_PG_DATA) : defaultEmbeddedDataDir(env.EQA_DUCKDB),
    port: env.EQA_PG_PORT,
  });
  return { url: embedded.url, embedded };
}

/** Applies pending migrations in one transaction and returns their names (empty when up to date). */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'all' });
  return applied.map((migration) => migration.name);
}
