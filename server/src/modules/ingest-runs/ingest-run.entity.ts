import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Where an ingest run ended up; `running` until it finishes or fails. */
export type IngestRunStatus = 'running' | 'succeeded' | 'failed';

/** Who started the run: the `eqa` command, the server (upload or hand-off), or `npm start`'s demo load. */
export type IngestRunSource = 'cli' | 'server' | 'demo';

/** One file of a run, in the ingest summary's own words (rows_read = rows_loaded + rows_rejected). */
export interface IngestRunFileSummary {
  file: string;
  format: string;
  rows_read: number;
  rows_loaded: number;
  rows_rejected: number;
}

/** One ingest into the DuckDB store, recorded in PostgreSQL for the Data page. */
@Entity({ name: 'ingest_runs' })
@Check('CHK_ingest_runs_status', `status IN ('running', 'succeeded', 'failed')`)
@Check('CHK_ingest_runs_source', `source IN ('cli', 'server', 'demo')`)
@Index('IDX_ingest_runs_started_at', ['startedAt'])
export class IngestRun {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_ingest_runs' })
  id: string;

  @Column({ name: 'started_at', type: 'timestamptz', default: () => 'now()' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ name: 'status', type: 'text' })
  status: IngestRunStatus;

  @Column({ name: 'source', type: 'text' })
  source: IngestRunSource;

  @Column({ name: 'files', type: 'jsonb', default: () => "'[]'" })
  files: IngestRunFileSummary[];

  @Column({ name: 'error', type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'duration_ms', type: 'integer', nullable: true })
  durationMs: number | null;
}
