import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { type ActorRequest, actorOf } from '../../common/http/actor.js';
import { parseInput } from '../../common/http/parse-query.js';
import {
  createFaqUpdateSchema,
  type FaqUpdateDto,
  type FaqUpdateHistoryEntry,
  faqUpdateParamsSchema,
  listFaqUpdatesQuerySchema,
  updateFaqUpdateSchema,
} from '../../contracts/faq-updates.contract.js';
import { anyRole, Roles } from '../auth/access.decorator.js';
import { FaqUpdatesService } from './faq-updates.service.js';

/**
 * FAQ updates: new guidance for a practice, from draft through review to publication and retirement.
 * Everyone signed in reads them; leads write them, and admins (the demo's user among them) may too.
 */
@Controller('faq-updates')
@Roles(...anyRole)
export class FaqUpdatesController {
  constructor(@Inject(FaqUpdatesService) private readonly updates: FaqUpdatesService) {}

  @Get()
  list(@Query() query: unknown): Promise<FaqUpdateDto[]> {
    return this.updates.list(parseInput(listFaqUpdatesQuerySchema, query, 'query'));
  }

  @Get(':id')
  get(@Param() params: unknown): Promise<FaqUpdateDto> {
    return this.updates.get(parseInput(faqUpdateParamsSchema, params, 'query').id);
  }

  @Get(':id/history')
  history(@Param() params: unknown): Promise<FaqUpdateHistoryEntry[]> {
    return this.updates.history(parseInput(faqUpdateParamsSchema, params, 'query').id);
  }

  @Post()
  @Roles('lead', 'admin')
  @HttpCode(201)
  create(@Body() body: unknown, @Req() request: ActorRequest): Promise<FaqUpdateDto> {
    return this.updates.create(parseInput(createFaqUpdateSchema, body, 'body'), actorOf(request));
  }

  @Patch(':id')
  @Roles('lead', 'admin')
  update(
    @Param() params: unknown,
    @Body() body: unknown,
    @Req() request: ActorRequest,
  ): Promise<FaqUpdateDto> {
    const { id } = parseInput(faqUpdateParamsSchema, params, 'query');
    return this.updates.update(id, parseInput(updateFaqUpdateSchema, body, 'body'), actorOf(request));
  }
}
