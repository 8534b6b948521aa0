import { Controller, Get, Inject, Query } from '@nestjs/common';
import {
  authorityWhatIf,
  DuckDbStore,
  empowermentReport,
  type OfferBreakdown,
  type OfferCasesPage,
  offerBreakdown,
  offerCases,
  type WhatIfResult,
} from '../../../../etl/src/index.js';
import { parseInput } from '../../common/http/parse-query.js';
import {
  breakdownQuerySchema,
  type EmpowermentResponse,
  empowermentQuerySchema,
  offerCasesQuerySchema,
  whatIfQuerySchema,
} from '../../contracts/empowerment.contract.js';
import { Roles } from '../auth/access.decorator.js';

/** Where authority is missing and whether offers are fair (the Empowerment page): for leads. */
@Controller('empowerment')
@Roles('lead', 'admin')
export class EmpowermentController {
  constructor(@Inject(DuckDbStore) private readonly store: DuckDbStore) {}

  @Get()
  async report(@Query() query: unknown): Promise<EmpowermentResponse> {
    const options = parseInput(empowermentQuerySchema, query, 'query');
    return empowermentReport(this.store, options);
  }

  @Get('what-if')
  whatIf(@Query() query: unknown): Promise<WhatIfResult> {
    const options = parseInput(whatIfQuerySchema, query, 'query');
    return authorityWhatIf(this.store, options);
  }

  @Get('breakdown')
  breakdown(@Query() query: unknown): Promise<OfferBreakdown> {
    const options = parseInput(breakdownQuerySchema, query, 'query');
    return offerBreakdown(this.store, options);
  }

  @Get('cases')
  cases(@Query() query: unknown): Promise<OfferCasesPage> {
    const { limit, offset, ...filter } = parseInput(offerCasesQuerySchema, query, 'query');
    return offerCases(this.store, filter, { limit, offset });
  }
}
