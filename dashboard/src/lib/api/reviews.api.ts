import type {
  AgreementReport,
  FillQueue,
  FillQueueResult,
  ReviewDto,
  ReviewerDto,
  ReviewerWorkload,
  ReviewItemDto,
  ReviewQueueItemDto,
  ReviewRule,
  ReviewStandard,
  SubmitReview,
} from '../../../../server/src/contracts/reviews.contract.js';
import { getJson, type QueryParams, sendJson } from './client.js';

export type {
  AgreementReport,
  FillQueue,
  FillQueueResult,
  ReviewDto,
  ReviewerDto,
  ReviewerWorkload,
  ReviewItemDto,
  ReviewQueueItemDto,
  ReviewRule,
  ReviewStandard,
  SubmitReview,
};

/** Which queue items to list, as GET /api/reviews/queue names its parameters. */
export interface QueueQuery {
  mine: boolean;
  assignee: string | null;
  status: 'open' | 'done' | null;
  overdue: boolean;
}

/** The query parameters of a queue request (also those of its CSV export). */
export function queueParams(query: QueueQuery): QueryParams {
  return {
    mine: query.mine ? 'true' : null,
    assignee: query.mine ? null : query.assignee,
    status: query.status,
    overdue: query.overdue ? 'true' : null,
  };
}

/** The review queue, due first. */
export function fetchQueue(query: QueueQuery, signal?: AbortSignal): Promise<ReviewQueueItemDto[]> {
  return getJson<ReviewQueueItemDto[]>('/api/reviews/queue', queueParams(query), signal);
}

/** The review form of one queue item; an ApiError with status 404 when there is no such item. */
export function fetchReviewItem(id: string, signal?: AbortSignal): Promise<ReviewItemDto> {
  return getJson<ReviewItemDto>(`/api/reviews/queue/${encodeURIComponent(id)}`, {}, signal);
}

/** Submits the assignee's review: each standard confirmed or overridden with a score and a reason. */
export function submitReview(id: string, body: SubmitReview): Promise<ReviewDto> {
  return sendJson<ReviewDto>('POST', `/api/reviews/queue/${encodeURIComponent(id)}/review`, body);
}

/** Runs a month's sampling rules and queues what they pick. */
export function fillQueue(body: Partial<FillQueue> & Pick<FillQueue, 'month'>): Promise<FillQueueResult> {
  return sendJson<FillQueueResult>('POST', '/api/reviews/queue/fill', body);
}

export function fetchAgreement(signal?: AbortSignal): Promise<AgreementReport> {
  return getJson<AgreementReport>('/api/reviews/agreement', {}, signal);
}

export function fetchWorkload(signal?: AbortSignal): Promise<ReviewerWorkload[]> {
  return getJson<ReviewerWorkload[]>('/api/reviews/workload', {}, signal);
}

/** Active users with the role qa or lead. */
export function fetchReviewers(signal?: AbortSignal): Promise<ReviewerDto[]> {
  return getJson<ReviewerDto[]>('/api/reviews/reviewers', {}, signal);
}

/** A download link: the path with the parameters that are set. */
export function withParams(path: string, params: QueryParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') {
      search.set(key, String(value));
    }
  }
  const query = search.toString();
  return query === '' ? path : `${path}?${query}`;
}
