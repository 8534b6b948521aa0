import { timingSafeEqual } from 'node:crypto';
import { Body, Controller, Headers, HttpCode, Inject, Post } from '@nestjs/common';
import { DetectorsError, RubricError } from '../../../../etl/src/index.js';
import { DomainError } from '../../common/domain-error.js';
import { parseInput } from '../../common/http/parse-query.js';
import { jobRequestSchema, jobSchemas, runJob } from '../../jobs/job-registry.js';
import { JobsService } from './jobs.service.js';

/**
 * Where the `eqa` command line sends its job when this server holds the DuckDB file. Authenticated by
 * the token in server.json, readable only by the machine's user who started the server.
 */
@Controller('jobs')
export class JobsController {
  constructor(@Inject(JobsService) private readonly jobs: JobsService) {}

  @Post()
  @HttpCode(200)
  async run(@Headers('authorization') authorization: string | undefined, @Body() body: unknown) {
    this.checkToken(authorization);
    const request = parseInput(jobRequestSchema, body, 'body');
    const args = parseInput(jobSchemas[request.name], request.args, 'body');
    try {
      return await runJob(this.jobs.dependencies(), request.name, args);
    } catch (error) {
      if (error instanceof RubricError || error instanceof DetectorsError) {
        throw new DomainError(error.message, 'INVALID_BODY');
      }
      throw error;
    }
  }

  private checkToken(authorization: string | undefined) {
    const given = Buffer.from(authorization?.replace(/^Bearer /, '') ?? '');
    const expected = Buffer.from(this.jobs.token);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new DomainError('This route takes the token from server.json', 'UNAUTHENTICATED');
    }
  }
}
