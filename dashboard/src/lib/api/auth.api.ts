import type { Me } from '../../../../server/src/contracts/auth.contract.js';
import { getJson } from './client.js';
import { handleError } from './handle-error.js';

export type { Me };

/** Who is signed in; without a session the client tries the demo's sign-in, else goes to /login. */
export function fetchMe(signal?: AbortSignal): Promise<Me> {
  return getJson<Me>('/api/auth/me', {}, signal);
}

async function post(path: string, body?: unknown): Promise<Response> {
  try {
    const response = await fetch(path, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      throw response;
    }
    return response;
  } catch (failure) {
    throw await handleError(path, failure);
  }
}

/** Signs in (the server sets the session cookie); an ApiError with the server's message when refused. */
export async function signIn(username: string, password: string): Promise<Me> {
  return (await (await post('/api/auth/login', { username, password })).json()) as Me;
}

/** The demo's sign-in (npm start's demo on localhost only); null where there is none. */
export async function demoSignIn(): Promise<Me | null> {
  try {
    return (await (await post('/api/auth/demo')).json()) as Me;
  } catch {
    return null;
  }
}

export async function signOut(): Promise<void> {
  await post('/api/auth/logout');
}

/** Replaces the user's password; the server ends their other sessions. */
export async function changePassword(current: string, next: string): Promise<void> {
  await post('/api/auth/password', { current, next });
}
