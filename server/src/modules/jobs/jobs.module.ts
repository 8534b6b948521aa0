import { Module } from '@nestjs/common';
import { IngestRunsModule } from '../ingest-runs/ingest-runs.module.js';
import { JobsController } from './jobs.controller.js';
import { JobsService } from './jobs.service.js';

@Module({ imports: [IngestRunsModule], controllers: [JobsController], providers: [JobsService] })
export class JobsModule {}
