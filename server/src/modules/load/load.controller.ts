import { Controller, Get, Inject, Query } from '@nestjs/common';
import {
  DuckDbStore,
  staffingReport,
  type TierLoadCasesPage,
  tierLoadCases,
  tierLoadReport,
} from '../../../../etl/src/index.js';
import { parseInput } from '../../common/http/parse-query.js';
import { type LoadResponse, loadCasesQuerySchema, loadQuerySchema } from '../../contracts/load.contract.js';
import { Roles } from '../auth/access.decorator.js';

/** What each tier carries, week by week, and its staffing against Erlang C: for leads. */
@Controller('load')
@Roles('lead', 'admin')
export class LoadController {
  constructor(@Inject(DuckDbStore) private readonly store: DuckDbStore) {}

  @Get()
  async report(@Query() query: unknown): Promise<LoadResponse> {
    const options = parseInput(loadQuerySchema, query, 'query');
    return {
      load: await tierLoadReport(this.store, options),
      staffing: await staffingReport(this.store, options),
    };
  }

  @Get('cases')
  cases(@Query() query: unknown): Promise<TierLoadCasesPage> {
    const options = parseInput(loadCasesQuerySchema, query, 'query');
    return tierLoadCases(this.store, options);
  }
}
