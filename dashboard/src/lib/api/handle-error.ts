import { ApiError } from './api-error.js';

/**
 * Turns anything thrown while talking to the API into an ApiError with a message fit for the page.
 * Every request goes through here, so pages show one kind of error whatever failed.
 */
export async function handleError(path: string, failure: unknown): Promise<ApiError> {
  if (failure instanceof ApiError) {
    return failure;
  }
  if (failure instanceof Response) {
    return errorFromResponse(path, failure);
  }
  if (failure instanceof DOMException && failure.name === 'AbortError') {
    return new ApiError('The request was cancelled.', 0, 'aborted');
  }
  if (failure instanceof TypeError) {
    // fetch rejects with a TypeError when the server cannot be reached at all.
    return new ApiError('The server could not be reached. Is it running?', 0, 'network');
  }
  const detail = failure instanceof Error ? failure.message : String(failure);
  return new ApiError(`Could not read the answer from ${path}: ${detail}`, 0, 'decode');
}

async function errorFromResponse(path: string, response: Response): Promise<ApiError> {
  let message = `${path} answered ${response.status} ${response.statusText}`.trim();
  let code: string | null = null;
  try {
    const body: unknown = await response.json();
    if (isRecord(body)) {
      if (typeof body.message === 'string' && body.message !== '') {
        message = body.message;
      } else if (Array.isArray(body.message) && typeof body.message[0] === 'string') {
        message = body.message.join('; ');
      }
      if (typeof body.code === 'string') {
        code = body.code;
      }
    }
  } catch {
    // A body that is not JSON (a proxy's HTML page) leaves the status line as the message.
  }
  return new ApiError(message, response.status, code);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The message a page shows for a failure: the API's (every request's failure is an ApiError), else a generic one. */
export function messageOf(failure: unknown, fallback = 'Something went wrong while loading.'): string {
  return failure instanceof ApiError ? failure.message : fallback;
}
