import { Inject, Injectable, Logger } from '@nestjs/common';
import { DuckDbStore } from '../../../../etl/src/index.js';
import type { JobDependencies } from '../../jobs/job-registry.js';
import { IngestRunsService } from '../ingest-runs/ingest-runs.service.js';

/** The server-side token that the command line must present (set once the server listens). */
export const HANDOFF_TOKEN = Symbol('HANDOFF_TOKEN');

export interface HandoffToken {
  value: string;
}

@Injectable()
export class JobsService {
  private readonly logger = new Logger(JobsService.name);

  constructor(
    @Inject(DuckDbStore) private readonly store: DuckDbStore,
    @Inject(IngestRunsService) private readonly ingestRuns: IngestRunsService,
    @Inject(HANDOFF_TOKEN) private readonly handoffToken: HandoffToken,
  ) {}

  get token(): string {
    return this.handoffToken.value;
  }

  dependencies(): JobDependencies {
    return {
      store: this.store,
      progress: (line) => this.logger.log(line),
      onIngested: (summary, startedAt) => this.ingestRuns.record(summary, startedAt, 'cli'),
    };
  }
}
