import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IngestRun } from './ingest-run.entity.js';
import { IngestRunsService } from './ingest-runs.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([IngestRun])],
  providers: [IngestRunsService],
  exports: [IngestRunsService],
})
export class IngestRunsModule {}
