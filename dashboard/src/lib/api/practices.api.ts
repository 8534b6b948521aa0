import type {
  FaqEffect,
  PracticeCaseGroup,
  PracticeCaseOrder,
  PracticeCaseOutcome,
  PracticeCasesPage,
  PracticeFigures,
  PracticeMonth,
  PracticesReport,
} from '../../../../server/src/contracts/practices.contract.js';
import type { DateRange } from '../filters/date-range.codec.js';
import { getJson } from './client.js';

export type {
  FaqEffect,
  PracticeCaseGroup,
  PracticeCaseOrder,
  PracticeCaseOutcome,
  PracticeCasesPage,
  PracticeFigures,
  PracticeMonth,
  PracticesReport,
};

/** Every practice over a range, ranked candidates first; minimumVolume null takes the rubric's. */
export function fetchPractices(
  range: DateRange,
  minimumVolume: number | null,
  signal?: AbortSignal,
): Promise<PracticesReport> {
  return getJson<PracticesReport>(
    '/api/practices',
    { from: range.from, to: range.to, minimumVolume },
    signal,
  );
}

/** What an FAQ update published on `publishedAt` did for its practice, against all others. */
export function fetchFaqEffect(
  practice: string,
  publishedAt: string,
  signal?: AbortSignal,
): Promise<FaqEffect> {
  return getJson<FaqEffect>('/api/practices/faq-effect', { practice, publishedAt }, signal);
}

/** Which of a practice's escalated cases to list. */
export interface PracticeCasesRequest {
  practice: string;
  range: DateRange;
  month: string | null;
  outcome: PracticeCaseOutcome;
  /** Only the cases behind one of the report's figures. */
  group?: PracticeCaseGroup | null;
  order?: PracticeCaseOrder;
  limit: number;
  offset: number;
}

/** One page of a practice's escalated cases: the cases behind a figure. */
export function fetchPracticeCases(
  request: PracticeCasesRequest,
  signal?: AbortSignal,
): Promise<PracticeCasesPage> {
  const { practice, range, month, outcome, group, order, limit, offset } = request;
  return getJson<PracticeCasesPage>(
    '/api/practices/cases',
    { practice, from: range.from, to: range.to, month, outcome, group, order, limit, offset },
    signal,
  );
}

/** The data's first and last day (GET /api/health), for date pickers and quick ranges; null for an empty store. */
export async function fetchDataRange(signal?: AbortSignal): Promise<{ from: string; to: string } | null> {
  const health = await getJson<{ dataRange: { from: string; to: string } | null }>('/api/health', {}, signal);
  return health.dataRange ?? null;
}
