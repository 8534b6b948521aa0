import { ApiError } from './api-error.js';
import { type ColumnSpec, type DecodedColumns, decodeArrow } from './arrow.js';
import { handleError } from './handle-error.js';
import { fetchWithSession } from './session-fetch.js';

const ARROW_TYPES = ['application/vnd.apache.arrow.stream', 'application/vnd.apache.arrow.file'];

/** Query parameters; undefined and null values are left out of the URL. */
export type QueryParams = Record<string, string | number | undefined | null>;

/** One API answer, read according to the content type the server declared. */
export type ApiBody = { kind: 'json'; body: unknown } | { kind: 'arrow'; bytes: Uint8Array };

/**
 * Fetches an API path and reads the body by its content type (JSON or Arrow IPC); every failure
 * comes back as an ApiError through handleError.
 */
export async function fetchApi(
  path: string,
  params: QueryParams = {},
  signal?: AbortSignal,
): Promise<ApiBody> {
  const url = withQuery(path, params);
  try {
    const response = await fetchWithSession(url, {
      signal,
      headers: { accept: 'application/json, application/vnd.apache.arrow.stream' },
    });
    if (!response.ok) {
      throw response;
    }
    const type = (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (ARROW_TYPES.includes(type)) {
      return { kind: 'arrow', bytes: new Uint8Array(await response.arrayBuffer()) };
    }
    if (type === 'application/json' || type.endsWith('+json')) {
      return { kind: 'json', body: await response.json() };
    }
    throw new ApiError(
      `${path} answered with an unexpected content type (${type || 'none'}).`,
      response.status,
    );
  } catch (failure) {
    throw await handleError(path, failure);
  }
}

/** Fetches a JSON API path; the caller states the shape it expects (the server's contract). */
export async function getJson<T>(path: string, params?: QueryParams, signal?: AbortSignal): Promise<T> {
  const answer = await fetchApi(path, params, signal);
  if (answer.kind !== 'json') {
    throw new ApiError(`${path} sent Arrow where JSON was expected.`, 200, 'content-type');
  }
  return answer.body as T;
}

/** Fetches an Arrow IPC API path and decodes it into plain typed columns, checked against spec. */
export async function getArrowColumns<S extends ColumnSpec>(
  path: string,
  spec: S,
  params?: QueryParams,
  signal?: AbortSignal,
): Promise<DecodedColumns<S>> {
  const answer = await fetchApi(path, params, signal);
  if (answer.kind !== 'arrow') {
    throw new ApiError(`${path} sent JSON where an Arrow stream was expected.`, 200, 'content-type');
  }
  try {
    return decodeArrow(answer.bytes, spec);
  } catch (failure) {
    throw await handleError(path, failure);
  }
}

function withQuery(path: string, params: QueryParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') {
      search.set(key, String(value));
    }
  }
  const query = search.toString();
  return query === '' ? path : `${path}?${query}`;
}

/** Sends a JSON body (POST, PATCH) and reads the JSON answer; every failure becomes an ApiError as for reads. */
export async function sendJson<T>(
  method: 'POST' | 'PATCH',
  path: string,
  body: unknown,
  signal?: AbortSignal,
): Promise<T> {
  try {
    const response = await fetchWithSession(path, {
      method,
      signal,
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      throw response;
    }
    return (await response.json()) as T;
  } catch (failure) {
    throw await handleError(path, failure);
  }
}
