import type { FaqUpdateStatus } from '../../../../server/src/contracts/faq-update-status.contract.js';
import type {
  CreateFaqUpdate,
  FaqUpdateDto,
  FaqUpdateHistoryEntry,
  UpdateFaqUpdate,
} from '../../../../server/src/contracts/faq-updates.contract.js';
import { getJson, sendJson } from './client.js';

export type { FaqUpdateDto, FaqUpdateHistoryEntry, FaqUpdateStatus };

/** FAQ updates, newest change first, optionally one practice's and of one status. */
export function listFaqUpdates(
  filter: { practice?: string | null; status?: FaqUpdateStatus | null },
  signal?: AbortSignal,
): Promise<FaqUpdateDto[]> {
  return getJson<FaqUpdateDto[]>(
    '/api/faq-updates',
    { practice: filter.practice, status: filter.status },
    signal,
  );
}

export function fetchFaqUpdate(id: string, signal?: AbortSignal): Promise<FaqUpdateDto> {
  return getJson<FaqUpdateDto>(`/api/faq-updates/${encodeURIComponent(id)}`, {}, signal);
}

/** Who changed the FAQ update, when, and what, oldest first. */
export function fetchFaqUpdateHistory(id: string, signal?: AbortSignal): Promise<FaqUpdateHistoryEntry[]> {
  return getJson<FaqUpdateHistoryEntry[]>(`/api/faq-updates/${encodeURIComponent(id)}/history`, {}, signal);
}

/** A new draft (the server records who created it). */
export function createFaqUpdate(
  body: Partial<CreateFaqUpdate> & Pick<CreateFaqUpdate, 'practice' | 'title'>,
) {
  return sendJson<FaqUpdateDto>('POST', '/api/faq-updates', body);
}

/** A change made to the version the page read; a 409 ApiError when someone changed it since. */
export function updateFaqUpdate(id: string, body: UpdateFaqUpdate): Promise<FaqUpdateDto> {
  return sendJson<FaqUpdateDto>('PATCH', `/api/faq-updates/${encodeURIComponent(id)}`, body);
}
