import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { type ActorRequest, actorOf } from '../../common/http/actor.js';
import { parseInput } from '../../common/http/parse-query.js';
import {
  type CalibrationSessionDto,
  calibrationParamsSchema,
  calibrationScoreSchema,
  createCalibrationSchema,
} from '../../contracts/calibration.contract.js';
import { Roles } from '../auth/access.decorator.js';
import type { RequestUser } from '../auth/auth-request.type.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { CalibrationService } from './calibration.service.js';

/** Calibration: leads create sessions; participants (qa, or the facilitator) score blind; results once all have. */
@Controller('calibration-sessions')
@Roles('qa', 'lead', 'admin')
export class CalibrationController {
  constructor(@Inject(CalibrationService) private readonly calibration: CalibrationService) {}

  @Get()
  list(@CurrentUser() user: RequestUser): Promise<CalibrationSessionDto[]> {
    return this.calibration.list(user);
  }

  @Post()
  @Roles('lead', 'admin')
  @HttpCode(201)
  create(@Body() body: unknown, @Req() request: ActorRequest): Promise<CalibrationSessionDto> {
    return this.calibration.create(parseInput(createCalibrationSchema, body, 'body'), actorOf(request));
  }

  @Get(':id')
  get(@Param() params: unknown, @CurrentUser() user: RequestUser): Promise<CalibrationSessionDto> {
    return this.calibration.get(parseInput(calibrationParamsSchema, params, 'query').id, user);
  }

  @Post(':id/scores')
  score(
    @Param() params: unknown,
    @Body() body: unknown,
    @CurrentUser() user: RequestUser,
  ): Promise<CalibrationSessionDto> {
    const { id } = parseInput(calibrationParamsSchema, params, 'query');
    return this.calibration.score(id, parseInput(calibrationScoreSchema, body, 'body'), user);
  }
}
