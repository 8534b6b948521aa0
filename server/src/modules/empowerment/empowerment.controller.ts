import { Controller, Get, Inject, Query } from '@nestjs/common';
import {
  authorityReport,
  authorityWhatIf,
  DuckDbStore,
  type OfferBreakdown,
  type OfferCasesPage,
  OfferQueryError,
  offerBreakdown,
  offerCases,
  offerFairnessReport,
  type WhatIfResult,
} from '../../../../etl/src/index.js';
import { DomainError } from '../../common/domain-error.js';
import { parseInput } from '../../common/http/parse-query.js';
import {
  breakdownQuerySchema,
  type EmpowermentResponse,
  empowermentQuerySchema,
  offerCasesQuerySchema,
  whatIfQuerySchema,
} from '../../contracts/empowerment.contract.js';
import { Roles } from '../auth/access.decorator.js';

/** An offers query the store cannot answer as asked: a 400 naming the field. */
async function answering<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof OfferQueryError) {
      throw new DomainError(`Invalid query: ${error.message}`, 'INVALID_QUERY');
    }
    throw error;
  }
}

/** Where authority is missing and whether offers are fair (the Empowerment page): for leads. */
@Controller('empowerment')
@Roles('lead', 'admin')
export class EmpowermentController {
  constructor(@Inject(DuckDbStore) private readonly store: DuckDbStore) {}

  @Get()
  async report(@Query() query: unknown): Promise<EmpowermentResponse> {
    const options = parseInput(empowermentQuerySchema, query, 'query');
    const [authority, fairness] = await Promise.all([
      authorityReport(this.store, options),
      offerFairnessReport(this.store, options),
    ]);
    return { authority, fairness };
  }

  @Get('what-if')
  whatIf(@Query() query: unknown): Promise<WhatIfResult> {
    const options = parseInput(whatIfQuerySchema, query, 'query');
    return answering(() => authorityWhatIf(this.store, options));
  }

  @Get('breakdown')
  breakdown(@Query() query: unknown): Promise<OfferBreakdown> {
    const options = parseInput(breakdownQuerySchema, query, 'query');
    return answering(() => offerBreakdown(this.store, options));
  }

  @Get('cases')
  cases(@Query() query: unknown): Promise<OfferCasesPage> {
    const { limit, offset, ...filter } = parseInput(offerCasesQuerySchema, query, 'query');
    return answering(() => offerCases(this.store, filter, { limit, offset }));
  }
}
