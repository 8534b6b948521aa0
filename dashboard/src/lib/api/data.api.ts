import type { LoadedFile, RejectRow } from '../../../../server/src/contracts/data.contract.js';
import { getJson } from './client.js';

export type { LoadedFile, RejectRow };

/** One page of rejected rows and how many matched in all. */
export interface RejectsPage {
  total: number;
  rows: RejectRow[];
}

/** Which rejects to fetch: a file (in one run, or in every run that loaded it) and a page of them. */
export interface RejectsRequest {
  file: string | null;
  runId: string | null;
  limit: number;
  offset: number;
}

/** Every file loaded into the store, newest first. */
export function fetchLoadedFiles(signal?: AbortSignal): Promise<LoadedFile[]> {
  return getJson<LoadedFile[]>('/api/data/files', {}, signal);
}

/** One page of rejected rows, for one file or (file null) for every file. */
export function fetchRejects(request: RejectsRequest, signal?: AbortSignal): Promise<RejectsPage> {
  const { file, runId, limit, offset } = request;
  return getJson<RejectsPage>('/api/data/rejects', { file, run_id: runId, limit, offset }, signal);
}
