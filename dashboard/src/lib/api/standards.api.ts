import type {
  CaseCall,
  CaseDetail,
  EvidenceItem,
  StandardsOverview,
  StepScore,
  TimelineEvent,
} from '../../../../server/src/contracts/standards.contract.js';
import type { DateRange } from '../filters/date-range.codec.js';
import { getJson } from './client.js';

export type { CaseCall, CaseDetail, EvidenceItem, StandardsOverview, StepScore, TimelineEvent };

/** The four QA standards over a range against the period before it: cards, trend, breakdowns, lowest cases. */
export function fetchStandardsOverview(range: DateRange, signal?: AbortSignal): Promise<StandardsOverview> {
  return getJson<StandardsOverview>('/api/standards/overview', { from: range.from, to: range.to }, signal);
}

/** One case with its scores, evidence, timeline, calls and surveys; an ApiError with status 404 when unknown. */
export function fetchCase(ticketId: string, signal?: AbortSignal): Promise<CaseDetail> {
  return getJson<CaseDetail>(`/api/cases/${encodeURIComponent(ticketId)}`, {}, signal);
}
