import type {
  CallFinderResult,
  FinderCall,
  RoleplayCall,
  RoleplaySessionDto,
  SessionCallDto,
  SessionPack,
  SuggestedCall,
} from '../../../../server/src/contracts/roleplay.contract.js';
import { getJson, type QueryParams } from './client.js';
import { handleError } from './handle-error.js';
import { fetchWithSession } from './session-fetch.js';

export type {
  CallFinderResult,
  FinderCall,
  RoleplayCall,
  RoleplaySessionDto,
  SessionCallDto,
  SessionPack,
  SuggestedCall,
};

/** A page of the call finder for these filters (URL parameters as the API names them). */
export function fetchCalls(params: QueryParams, signal?: AbortSignal): Promise<CallFinderResult> {
  return getJson<CallFinderResult>('/api/calls', params, signal);
}

/** The suggested lessons, each with its reason and near-duplicates. */
export function fetchSuggested(signal?: AbortSignal): Promise<SuggestedCall[]> {
  return getJson<SuggestedCall[]>('/api/calls/suggested', {}, signal);
}

/** One call with its turns, case and draft briefs. */
export function fetchCall(
  callId: string,
  signal?: AbortSignal,
): Promise<RoleplayCall & { used_in_sessions: number }> {
  return getJson(`/api/calls/${encodeURIComponent(callId)}`, {}, signal);
}

export function fetchSessions(signal?: AbortSignal): Promise<RoleplaySessionDto[]> {
  return getJson<RoleplaySessionDto[]>('/api/roleplay-sessions', {}, signal);
}

export function fetchSession(id: string, signal?: AbortSignal): Promise<RoleplaySessionDto> {
  return getJson<RoleplaySessionDto>(`/api/roleplay-sessions/${encodeURIComponent(id)}`, {}, signal);
}

export function fetchPack(id: string, signal?: AbortSignal): Promise<SessionPack> {
  return getJson<SessionPack>(`/api/roleplay-sessions/${encodeURIComponent(id)}/pack`, {}, signal);
}

/** The fields a session is saved with. */
export interface SessionInput {
  title: string;
  learningGoal: string;
  notes: string;
  calls: Array<Pick<SessionCallDto, 'callId' | 'customerBrief' | 'agentBrief'>>;
}

/** Creates (no id) or changes (id and the version read) a session; failures become ApiErrors. */
export async function saveSession(
  input: SessionInput,
  existing: { id: string; version: number } | null,
): Promise<RoleplaySessionDto> {
  const path = existing
    ? `/api/roleplay-sessions/${encodeURIComponent(existing.id)}`
    : '/api/roleplay-sessions';
  return send<RoleplaySessionDto>(
    existing ? 'PATCH' : 'POST',
    path,
    existing ? { ...input, version: existing.version } : input,
  );
}

export function deleteSession(id: string): Promise<{ deleted: string }> {
  return send('DELETE', `/api/roleplay-sessions/${encodeURIComponent(id)}`);
}

/** The exports of a saved session: the print page, the PDF and the CSV. */
export function exportLinks(id: string): { print: string; pdf: string; csv: string } {
  const session = encodeURIComponent(id);
  return {
    print: `/roleplay/print?${new URLSearchParams({ id })}`,
    pdf: `/api/roleplay-sessions/${session}/export.pdf`,
    csv: `/api/roleplay-sessions/${session}/export.csv`,
  };
}

async function send<T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  try {
    const response = await fetchWithSession(path, {
      method,
      headers:
        body === undefined
          ? { accept: 'application/json' }
          : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      throw response;
    }
    return (await response.json()) as T;
  } catch (failure) {
    throw await handleError(path, failure);
  }
}
