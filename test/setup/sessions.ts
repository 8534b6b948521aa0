import { DataSource } from 'typeorm';
import type { RunningServer } from '../../server/src/app.js';
import { type Role, sessionCookieName } from '../../server/src/contracts/auth.contract.js';
import { Sessions } from '../../server/src/modules/auth/sessions.repository.js';
import { User } from '../../server/src/modules/users/user.entity.js';
import { UserAccounts } from '../../server/src/modules/users/user-accounts.service.js';

/** `fetch` with a session cookie: takes the same arguments as the global one. */
export type SessionFetch = (input: string | URL, init?: RequestInit) => Promise<Response>;

/** A signed-in user of a test server. */
export interface TestSession {
  username: string;
  /** `eqa_session=<token>`, for a Cookie header. */
  cookie: string;
  /** The session cookie's value alone (for a browser's cookie jar). */
  token: string;
  fetch: SessionFetch;
}

// Test servers' admin sessions by port, so that withPage (test/setup/browser.ts) signs its browser in
// without every browser test passing a cookie around.
const sessionsByPort = new Map<string, TestSession>();

function portOf(url: string): string {
  return new URL(url).port;
}

/** Remembers `session` as the one a browser opened on `url`'s server signs in with. */
export function rememberBrowserSession(url: string, session: TestSession): void {
  sessionsByPort.set(portOf(url), session);
}

/** The session remembered for `url`'s server, if any. */
export function browserSessionFor(url: string): TestSession | undefined {
  return sessionsByPort.get(portOf(url));
}

export function forgetBrowserSession(url: string): void {
  sessionsByPort.delete(portOf(url));
}

/** `fetch` that sends `cookie` (and any headers given). */
export function fetchWithCookie(cookie: string): SessionFetch {
  return (input, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set('cookie', cookie);
    return fetch(input, { ...init, headers });
  };
}

let created = 0;

/**
 * A user with `roles` on a running server, signed in: created through the server's own UserAccounts,
 * with the one-time password already replaced (as if they had chosen their own), and a session
 * started through its Sessions. No HTTP and no password typing: tests of sign-in itself do that.
 */
export async function signIn(
  server: RunningServer,
  roles: Role[],
  username = `${roles.join('-')}-${process.pid}-${++created}`,
): Promise<TestSession> {
  const accounts = server.app.get(UserAccounts);
  const { user } = await accounts.create({ username, roles }, 'test');
  await server.app.get(DataSource).getRepository(User).update(user.id, { mustChangePassword: false });
  const { token } = await server.app.get(Sessions).start(user.id);
  const cookie = `${sessionCookieName}=${token}`;
  return { username: user.username, cookie, token, fetch: fetchWithCookie(cookie) };
}

/**
 * `fetch` signed in as the test admin of the test server at `url` (the one withPage's browser uses);
 * for browser tests that compare the page with the API.
 */
export function testAdminFetch(url: string): SessionFetch {
  const session = browserSessionFor(url);
  if (!session) {
    throw new Error(`no test server with a signed-in admin listens at ${url}`);
  }
  return session.fetch;
}
