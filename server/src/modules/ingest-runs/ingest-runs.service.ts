import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { IngestSummary } from '../../../../etl/src/index.js';
import { IngestRun, type IngestRunSource } from './ingest-run.entity.js';

/** Keeps a record in PostgreSQL of every ingest the server ran (its own, the demo's, the CLI's). */
@Injectable()
export class IngestRunsService {
  constructor(@InjectRepository(IngestRun) private readonly runs: Repository<IngestRun>) {}

  async record(summary: IngestSummary, startedAt: Date, source: IngestRunSource): Promise<void> {
    await this.runs.save(
      this.runs.create({
        startedAt,
        finishedAt: new Date(),
        status: summary.ok ? 'succeeded' : 'failed',
        source,
        files: summary.files.map((f) => ({
          file: f.file,
          format: f.format,
          rows_read: f.rows_read,
          rows_loaded: f.rows_loaded,
          rows_rejected: f.rows_rejected,
        })),
        error: summary.files.find((f) => f.error)?.error ?? null,
        durationMs: Math.round(summary.seconds * 1000),
      }),
    );
  }

  /** Most recent runs first. */
  list(limit = 50): Promise<IngestRun[]> {
    return this.runs.find({ order: { startedAt: 'DESC' }, take: limit });
  }
}
