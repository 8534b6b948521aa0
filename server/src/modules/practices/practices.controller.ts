import { Controller, Get, Inject, Query } from '@nestjs/common';
import {
  DuckDbStore,
  type FaqEffect,
  faqEffect,
  type PracticeCasesPage,
  type PracticesReport,
  practiceCases,
  practicesReport,
} from '../../../../etl/src/index.js';
import { DomainError } from '../../common/domain-error.js';
import { parseInput } from '../../common/http/parse-query.js';
import {
  faqEffectQuerySchema,
  practiceCasesQuerySchema,
  practicesQuerySchema,
} from '../../contracts/practices.contract.js';
import { anyRole, Roles } from '../auth/access.decorator.js';

/** Unfair practices: every policy and category ranked by how often escalations overturn it, and FAQ effects. */
@Controller('practices')
@Roles(...anyRole)
export class PracticesController {
  constructor(@Inject(DuckDbStore) private readonly store: DuckDbStore) {}

  @Get()
  report(@Query() query: unknown): Promise<PracticesReport> {
    return practicesReport(this.store, parseInput(practicesQuerySchema, query, 'query'));
  }

  @Get('faq-effect')
  async faqEffect(@Query() query: unknown): Promise<FaqEffect> {
    const options = parseInput(faqEffectQuerySchema, query, 'query');
    const effect = await faqEffect(this.store, options);
    if (!effect) {
      throw new DomainError(`No practice ${options.practice} in the store`, 'NOT_FOUND');
    }
    return effect;
  }

  @Get('cases')
  async cases(@Query() query: unknown): Promise<PracticeCasesPage> {
    const options = parseInput(practiceCasesQuerySchema, query, 'query');
    const page = await practiceCases(this.store, options);
    if (!page) {
      throw new DomainError(`No practice ${options.practice} in the store`, 'NOT_FOUND');
    }
    return page;
  }
}
