import { Controller, Get, Inject } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DuckDbStore, dataRange } from '../../../../etl/src/index.js';
import { Public } from '../auth/access.decorator.js';

/** Liveness of both stores, and what the analytical store holds. */
@Controller('health')
@Public()
export class HealthController {
  constructor(
    @Inject(DuckDbStore) private readonly store: DuckDbStore,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  @Get()
  async health() {
    await this.dataSource.query('SELECT 1');
    return { status: 'ok', duckdb: this.store.path, dataRange: await dataRange(this.store), postgres: 'ok' };
  }
}
