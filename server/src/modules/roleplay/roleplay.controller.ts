import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { parseInput } from '../../common/http/parse-query.js';
import {
  type CallFinderResult,
  callFinderQuerySchema,
  callParamsSchema,
  type RoleplayCall,
  type SuggestedCall,
  suggestedQuerySchema,
} from '../../contracts/roleplay.contract.js';
import { Roles } from '../auth/access.decorator.js';
import { RoleplayService } from './roleplay.service.js';

/** Calls for role-play: the finder, the suggested lessons, and one call whole. Trainers and admins. */
@Controller('calls')
@Roles('trainer', 'admin')
export class RoleplayController {
  constructor(@Inject(RoleplayService) private readonly roleplay: RoleplayService) {}

  @Get()
  find(@Query() query: unknown): Promise<CallFinderResult> {
    return this.roleplay.find(parseInput(callFinderQuerySchema, query, 'query'));
  }

  @Get('suggested')
  suggested(@Query() query: unknown): Promise<SuggestedCall[]> {
    return this.roleplay.suggested(parseInput(suggestedQuerySchema, query, 'query'));
  }

  @Get(':callId')
  call(@Param() params: unknown): Promise<RoleplayCall & { used_in_sessions: number }> {
    return this.roleplay.call(parseInput(callParamsSchema, params, 'query').callId);
  }
}
