import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLogEntry } from '../../../server/src/modules/audit/audit-log.entity.js';
import {
  IngestRun,
  type IngestRunFileSummary,
} from '../../../server/src/modules/ingest-runs/ingest-run.entity.js';
import { createTestDatabase, createTestDataSource, type TestDatabase } from '../../setup/database.js';

describe('PostgreSQL entities', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await createTestDataSource(database.url);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  describe(IngestRun.name, () => {
    it('should round-trip a run with its per-file jsonb summaries', async () => {
      const runs = dataSource.getRepository(IngestRun);
      const files: IngestRunFileSummary[] = [
        {
          file: 'tickets.csv',
          format: 'canonical-csv',
          rows_read: 1200,
          rows_loaded: 1198,
          rows_rejected: 2,
        },
        { file: 'events.ndjson', format: 'canonical-ndjson', rows_read: 0, rows_loaded: 0, rows_rejected: 0 },
      ];
      const startedAt = new Date('2026-11-24T08:00:00.123Z');

      const saved = await runs.save(
        runs.create({
          startedAt,
          finishedAt: new Date('2026-11-24T08:00:04.500Z'),
          status: 'succeeded',
          source: 'cli',
          files,
          error: null,
          durationMs: 4377,
        }),
      );
      const found = await runs.findOneByOrFail({ id: saved.id });

      expect(saved.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(found).toEqual({
        id: saved.id,
        startedAt,
        finishedAt: new Date('2026-11-24T08:00:04.500Z'),
        status: 'succeeded',
        source: 'cli',
        files,
        error: null,
        durationMs: 4377,
      });
    });

    it('should store snake_case columns and default files and started_at', async () => {
      await dataSource.query(`insert into ingest_runs (status, source) values ('running', 'server')`);

      const [row] = await dataSource.query(
        `select files, started_at is not null as has_start, finished_at from ingest_runs where source = 'server'`,
      );

      expect(row).toEqual({ files: [], has_start: true, finished_at: null });
    });

    it('should reject a status outside running, succeeded and failed', async () => {
      const runs = dataSource.getRepository(IngestRun);

      await expect(
        runs.insert({ status: 'done' as IngestRun['status'], source: 'demo', files: [] }),
      ).rejects.toThrow(/CHK_ingest_runs_status/);
    });
  });

  describe(AuditLogEntry.name, () => {
    it('should round-trip an entry with a bigserial id (as a string) and a default time', async () => {
      const log = dataSource.getRepository(AuditLogEntry);

      const first = await log.save(
        log.create({
          actor: 'ana',
          action: 'review.submit',
          entityType: 'review',
          entityId: '42',
          details: { score: 3 },
        }),
      );
      const second = await log.save(
        log.create({ actor: 'system', action: 'demo.load', entityType: 'store' }),
      );
      const found = await log.findOneByOrFail({ id: first.id });

      expect(typeof first.id).toBe('string');
      expect(BigInt(second.id)).toBe(BigInt(first.id) + 1n);
      expect(found).toMatchObject({
        actor: 'ana',
        action: 'review.submit',
        entityType: 'review',
        entityId: '42',
      });
      expect(found.details).toEqual({ score: 3 });
      expect(found.at).toBeInstanceOf(Date);
      expect(Math.abs(found.at.getTime() - Date.now())).toBeLessThan(60_000);
      expect(await log.findOneByOrFail({ id: second.id })).toMatchObject({ entityId: null, details: null });
    });
  });
});
