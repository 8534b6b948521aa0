import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import {
  type CaseDetail,
  caseDetail,
  DuckDbStore,
  type StandardsOverview,
  type StandardsSummary,
  standardsOverview,
  standardsSummary,
} from '../../../../etl/src/index.js';
import { DomainError } from '../../common/domain-error.js';
import { parseInput } from '../../common/http/parse-query.js';
import { caseParamsSchema, rangeQuerySchema } from '../../contracts/standards.contract.js';
import { anyRole, Roles } from '../auth/access.decorator.js';

/** The four QA standards: the Overview's panel, the scripts' summary, and one case with its evidence. */
@Controller()
@Roles(...anyRole)
export class StandardsController {
  constructor(@Inject(DuckDbStore) private readonly store: DuckDbStore) {}

  @Get('standards/overview')
  overview(@Query() query: unknown): Promise<StandardsOverview> {
    return standardsOverview(this.store, parseInput(rangeQuerySchema, query, 'query'));
  }

  @Get('standards/summary')
  summary(@Query() query: unknown): Promise<StandardsSummary> {
    return standardsSummary(this.store, parseInput(rangeQuerySchema, query, 'query'));
  }

  @Get('cases/:ticketId')
  async case(@Param() params: unknown): Promise<CaseDetail> {
    const { ticketId } = parseInput(caseParamsSchema, params, 'query');
    const detail = await caseDetail(this.store, ticketId);
    if (!detail) {
      throw new DomainError(`No case with ticket id ${ticketId} in the store`, 'NOT_FOUND');
    }
    return detail;
  }
}
