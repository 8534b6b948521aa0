import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { type ActorRequest, actorOf } from '../../common/http/actor.js';
import { parseInput } from '../../common/http/parse-query.js';
import {
  type AgreementReport,
  caseExportQuerySchema,
  exportReviewsQuerySchema,
  type FillQueueResult,
  fillQueueSchema,
  listQueueQuerySchema,
  queueItemParamsSchema,
  type ReviewDto,
  type ReviewerDto,
  type ReviewerWorkload,
  type ReviewItemDto,
  type ReviewQueueItemDto,
  submitReviewSchema,
} from '../../contracts/reviews.contract.js';
import { Roles } from '../auth/access.decorator.js';
import type { RequestUser } from '../auth/auth-request.type.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { CaseExportService } from './case-export.service.js';
import { ReviewFormService } from './review-form.service.js';
import { ReviewQueueService } from './review-queue.service.js';

/**
 * QA reviews. Reviewers (qa) read the queue and their items; leads set the sampling rules and fill
 * the queue (admins may too, as everywhere a lead may write).
 */
interface CsvResponse {
  setHeader(name: string, value: string): void;
  send(body: string): void;
}

function sendCsv(response: CsvResponse, name: string, body: string): void {
  response.setHeader('content-type', 'text/csv; charset=utf-8');
  response.setHeader('content-disposition', `attachment; filename="${name}"`);
  response.send(body);
}

/** The part of Express's response a streamed CSV uses. */
interface StreamResponse extends CsvResponse {
  readonly headersSent: boolean;
  write(chunk: string): boolean;
  end(): void;
  destroy(error?: Error): void;
  once(event: 'drain' | 'close', listener: () => void): void;
  off(event: 'drain' | 'close', listener: () => void): void;
}

/** Writes a chunk, waiting for the socket to drain when its buffer is full; rejects if the client left. */
function writeChunk(response: StreamResponse, chunk: string): Promise<void> {
  if (response.write(chunk)) {
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const drained = () => {
      response.off('close', closed);
      resolve();
    };
    const closed = () => {
      response.off('drain', drained);
      reject(new Error('the client closed the connection'));
    };
    response.once('drain', drained);
    response.once('close', closed);
  });
}

@Controller('reviews')
export class ReviewsController {
  constructor(
    @Inject(ReviewQueueService) private readonly queue: ReviewQueueService,
    @Inject(ReviewFormService) private readonly form: ReviewFormService,
    @Inject(CaseExportService) private readonly cases: CaseExportService,
  ) {}

  @Get('queue')
  @Roles('qa', 'lead', 'admin')
  list(@Query() query: unknown, @Req() request: ActorRequest): Promise<ReviewQueueItemDto[]> {
    return this.queue.list(parseInput(listQueueQuerySchema, query, 'query'), actorOf(request));
  }

  @Post('queue/fill')
  @Roles('lead', 'admin')
  @HttpCode(201)
  fill(@Body() body: unknown, @Req() request: ActorRequest): Promise<FillQueueResult> {
    return this.queue.fill(parseInput(fillQueueSchema, body, 'body'), actorOf(request));
  }

  @Get('agreement')
  @Roles('qa', 'lead', 'admin')
  agreement(): Promise<AgreementReport> {
    return this.form.agreement();
  }

  @Get('workload')
  @Roles('qa', 'lead', 'admin')
  workload(): Promise<ReviewerWorkload[]> {
    return this.queue.workload();
  }

  @Get('queue/export.csv')
  @Roles('qa', 'lead', 'admin')
  async queueCsv(
    @Query() query: unknown,
    @Req() request: ActorRequest,
    @Res() response: CsvResponse,
  ): Promise<void> {
    const csv = await this.queue.exportCsv(
      parseInput(listQueueQuerySchema, query, 'query'),
      actorOf(request),
    );
    sendCsv(response, 'review-queue.csv', csv);
  }

  @Get('export.csv')
  @Roles('qa', 'lead', 'admin')
  async reviewsCsv(@Query() query: unknown, @Res() response: CsvResponse): Promise<void> {
    sendCsv(
      response,
      'reviews.csv',
      await this.form.exportCsv(parseInput(exportReviewsQuerySchema, query, 'query')),
    );
  }

  /**
   * The reviewers' element judgments as labelled steps (JSON lines, the shape of fixtures/labelled/),
   * for `eqa train-detectors` and `eqa choose-thresholds`.
   */
  @Get('element-labels.jsonl')
  @Roles('lead', 'admin')
  async elementLabels(@Res() response: CsvResponse): Promise<void> {
    response.setHeader('content-type', 'application/x-ndjson; charset=utf-8');
    response.setHeader('content-disposition', 'attachment; filename="review-element-labels.jsonl"');
    response.send(await this.form.elementLabelsJsonl());
  }

  /** Active users with the role qa or lead: who may be assigned, review, or facilitate a calibration. */
  @Get('reviewers')
  @Roles('qa', 'lead', 'admin')
  reviewers(): Promise<ReviewerDto[]> {
    return this.queue.reviewers();
  }

  /**
   * One row per escalated case with its automatic and human scores, satisfaction and timings, with the
   * filters of the page it is exported from; streamed, so a large store never sits in memory whole.
   */
  @Get('cases.csv')
  @Roles('qa', 'lead', 'admin')
  async casesCsv(@Query() query: unknown, @Res() response: StreamResponse): Promise<void> {
    const filter = parseInput(caseExportQuerySchema, query, 'query');
    const send = async (chunk: string) => {
      if (!response.headersSent) {
        response.setHeader('content-type', 'text/csv; charset=utf-8');
        response.setHeader('content-disposition', 'attachment; filename="escalated-cases.csv"');
      }
      await writeChunk(response, chunk);
    };
    try {
      await this.cases.streamCsv(filter, send);
      response.end();
    } catch (error) {
      if (!response.headersSent) {
        throw error;
      }
      // Half a CSV must not look whole: the client sees the connection fail.
      response.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  }

  @Get('queue/:id')
  @Roles('qa', 'lead', 'admin')
  item(@Param() params: unknown, @CurrentUser() user: RequestUser): Promise<ReviewItemDto> {
    return this.form.get(parseInput(queueItemParamsSchema, params, 'query').id, user);
  }

  /** Only the item's assignee (a reviewer) submits; a lead or admin reads. */
  @Post('queue/:id/review')
  @Roles('qa')
  @HttpCode(201)
  submit(
    @Param() params: unknown,
    @Body() body: unknown,
    @CurrentUser() user: RequestUser,
  ): Promise<ReviewDto> {
    const { id } = parseInput(queueItemParamsSchema, params, 'query');
    return this.form.submit(id, parseInput(submitReviewSchema, body, 'body'), user);
  }
}
