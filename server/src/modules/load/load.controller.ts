import { Controller, Get, Inject, Query } from '@nestjs/common';
import {
  DuckDbStore,
  LoadQueryError,
  staffingReport,
  type TierLoadCasesPage,
  tierLoadCases,
  tierLoadReport,
} from '../../../../etl/src/index.js';
import { DomainError } from '../../common/domain-error.js';
import { parseInput } from '../../common/http/parse-query.js';
import { type LoadResponse, loadCasesQuerySchema, loadQuerySchema } from '../../contracts/load.contract.js';
import { Roles } from '../auth/access.decorator.js';

/** A load or staffing query the store cannot answer as asked: a 400 naming the field. */
async function answering<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof LoadQueryError) {
      throw new DomainError(`Invalid query: ${error.message}`, 'INVALID_QUERY');
    }
    throw error;
  }
}

/** What each tier carries, week by week, and its staffing against Erlang C: for leads. */
@Controller('load')
@Roles('lead', 'admin')
export class LoadController {
  constructor(@Inject(DuckDbStore) private readonly store: DuckDbStore) {}

  @Get()
  async report(@Query() query: unknown): Promise<LoadResponse> {
    const options = parseInput(loadQuerySchema, query, 'query');
    return answering(async () => ({
      load: await tierLoadReport(this.store, options),
      staffing: await staffingReport(this.store, options),
    }));
  }

  @Get('cases')
  cases(@Query() query: unknown): Promise<TierLoadCasesPage> {
    const options = parseInput(loadCasesQuerySchema, query, 'query');
    return answering(() => tierLoadCases(this.store, options));
  }
}
