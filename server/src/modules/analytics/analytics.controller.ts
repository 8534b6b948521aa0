import { Controller, Get, Inject, Query, type StreamableFile } from '@nestjs/common';
import {
  DuckDbStore,
  type OverviewSummary,
  overviewSummary,
  weeklyEscalationsArrow,
  weeklyResolutionArrow,
} from '../../../../etl/src/index.js';
import { arrowResponse } from '../../common/http/arrow-response.js';
import { parseInput } from '../../common/http/parse-query.js';
import { overviewQuerySchema } from '../../contracts/overview.contract.js';
import { anyRole, Roles } from '../auth/access.decorator.js';

/** The Overview: small figures as JSON, weekly series as Arrow IPC. */
@Controller('overview')
@Roles(...anyRole)
export class AnalyticsController {
  constructor(@Inject(DuckDbStore) private readonly store: DuckDbStore) {}

  @Get()
  summary(@Query() query: unknown): Promise<OverviewSummary> {
    return overviewSummary(this.store, parseInput(overviewQuerySchema, query, 'query'));
  }

  @Get('escalations-weekly.arrow')
  async escalationsWeekly(@Query() query: unknown): Promise<StreamableFile> {
    return arrowResponse(
      await weeklyEscalationsArrow(this.store, parseInput(overviewQuerySchema, query, 'query')),
    );
  }

  @Get('resolution-weekly.arrow')
  async resolutionWeekly(@Query() query: unknown): Promise<StreamableFile> {
    return arrowResponse(
      await weeklyResolutionArrow(this.store, parseInput(overviewQuerySchema, query, 'query')),
    );
  }
}
