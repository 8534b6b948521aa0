import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { DetectorsError, QueryError, RubricError } from '../../../../etl/src/index.js';
import { DomainError } from '../../common/domain-error.js';
import { parseInput } from '../../common/http/parse-query.js';
import { jobRequestSchema, jobSchemas, runJob } from '../../jobs/job-registry.js';
import { AcceptsHandoffToken, Roles } from '../auth/access.decorator.js';
import { JobsService } from './jobs.service.js';

/**
 * Where the `eqa` command line sends its job when this server holds the DuckDB file. Authenticated by
 * the token in server.json (readable only by the machine's user who started the server; it counts as
 * an admin), or by an admin's session; the AuthGuard checks either.
 */
@Controller('jobs')
export class JobsController {
  constructor(@Inject(JobsService) private readonly jobs: JobsService) {}

  @Post()
  @Roles('admin')
  @AcceptsHandoffToken()
  @HttpCode(200)
  async run(@Body() body: unknown) {
    const request = parseInput(jobRequestSchema, body, 'body');
    const args = parseInput(jobSchemas[request.name], request.args, 'body');
    try {
      return await runJob(this.jobs.dependencies(), request.name, args);
    } catch (error) {
      if (error instanceof RubricError || error instanceof DetectorsError || error instanceof QueryError) {
        throw new DomainError(error.message, 'INVALID_BODY');
      }
      throw error;
    }
  }
}
