import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Me } from '../../../server/src/contracts/auth.contract.js';
import { AuditLogEntry } from '../../../server/src/modules/audit/audit-log.entity.js';
import { sessionIdOf } from '../../../server/src/modules/auth/sessions.repository.js';
import { UserAccounts } from '../../../server/src/modules/users/user-accounts.service.js';
import { openTempStore, type TempStore } from '../../setup/duckdb-file.js';
import { fetchWithCookie } from '../../setup/sessions.js';
import { type ServedStore, serveStore } from '../../setup/test-server.js';

describe('Sign-in, sessions and passwords', () => {
  let temp: TempStore;
  let sut: ServedStore;
  let db: DataSource;
  let users: UserAccounts;
  let created = 0;

  beforeAll(async () => {
    temp = await openTempStore();
    sut = await serveStore(temp.store);
    db = sut.server.app.get(DataSource);
    users = sut.server.app.get(UserAccounts);
  });
  afterAll(async () => {
    await sut?.close();
    temp?.dispose();
  });

  const api = (path: string, init: RequestInit = {}, cookie?: string) =>
    (cookie ? fetchWithCookie(cookie) : fetch)(`${sut.url}${path}`, init);
  const post = (path: string, body: unknown, cookie?: string) =>
    api(
      path,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
      cookie,
    );
  const cookieOf = (response: Response) => response.headers.get('set-cookie')?.split(';')[0] ?? '';

  /** A new user (qa unless said otherwise) and the one-time password they were given. */
  async function newUser(roles: Me['roles'] = ['qa']) {
    const { user, oneTimePassword } = await users.create({ username: `user${++created}`, roles }, 'test');
    return { username: user.username, id: user.id, password: oneTimePassword };
  }

  /** A new user who has chosen `password`, signed in; returns their cookie. */
  async function userWithPassword(password = 'correct horse battery') {
    const user = await newUser();
    const cookie = cookieOf(
      await post('/api/auth/login', { username: user.username, password: user.password }),
    );
    expect(
      (await post('/api/auth/password', { current: user.password, next: password }, cookie)).status,
    ).toBe(204);
    return { ...user, password, cookie };
  }

  async function auditOf(entityId: string) {
    return db
      .getRepository(AuditLogEntry)
      .find({ where: { entityType: 'user', entityId }, order: { id: 'ASC' } });
  }

  it('should sign in with a one-time password, set an httpOnly SameSite=Lax cookie and answer who it is', async () => {
    const user = await newUser(['qa', 'lead']);

    const response = await post('/api/auth/login', {
      username: user.username.toUpperCase(),
      password: user.password,
    });

    expect(response.status).toBe(200);
    const signedIn = (await response.json()) as Me;
    expect(signedIn).toMatchObject({
      username: user.username,
      displayName: user.username,
      roles: ['qa', 'lead'],
      mustChangePassword: true,
    });
    // with who may use the dashboard's routes (test/server/auth/dashboard-access.e2e.test.ts checks them)
    expect(Object.keys(signedIn)).toEqual([
      'username',
      'displayName',
      'roles',
      'mustChangePassword',
      'routeRoles',
    ]);
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^eqa_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    const [, token] = cookieOf(response).split('=');
    const [row] = await db.query('SELECT id FROM sessions WHERE user_id = $1', [user.id]);
    // Only the token's SHA-256 is stored.
    expect(row.id).toBe(sessionIdOf(token));
    expect(row.id).not.toContain(token);
    const me = await api('/api/auth/me', {}, cookieOf(response));
    expect(await me.json()).toMatchObject({ username: user.username, mustChangePassword: true });
  });

  it('should keep a user with a one-time password to me, password and logout until they choose one', async () => {
    const user = await newUser();
    const cookie = cookieOf(
      await post('/api/auth/login', { username: user.username, password: user.password }),
    );

    const blocked = await api('/api/overview', {}, cookie);
    expect(blocked.status).toBe(403);
    expect(await blocked.json()).toEqual({
      code: 'PASSWORD_CHANGE_REQUIRED',
      message: 'Choose a new password first: you signed in with a one-time password',
    });

    const short = await post('/api/auth/password', { current: user.password, next: 'too short' }, cookie);
    expect(short.status).toBe(400);
    expect(((await short.json()) as { message: string }).message).toBe(
      'Invalid body: next: next must be at least 12 characters',
    );
    const wrong = await post(
      '/api/auth/password',
      { current: 'not it at all', next: 'a long new password' },
      cookie,
    );
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { message: string }).message).toBe(
      'Invalid body: current: the current password is wrong',
    );

    const changed = await post(
      '/api/auth/password',
      { current: user.password, next: 'a long new password' },
      cookie,
    );
    expect(changed.status).toBe(204);
    expect(await (await api('/api/auth/me', {}, cookie)).json()).toMatchObject({ mustChangePassword: false });
    expect((await api('/api/data/files', {}, cookie)).status).toBe(200);
    // The old password is gone, the new one works.
    expect((await post('/api/auth/login', { username: user.username, password: user.password })).status).toBe(
      401,
    );
    expect(
      (await post('/api/auth/login', { username: user.username, password: 'a long new password' })).status,
    ).toBe(200);
  });

  it("should end the user's other sessions when the password changes, and keep this one", async () => {
    const user = await userWithPassword('first long password');
    const other = cookieOf(
      await post('/api/auth/login', { username: user.username, password: user.password }),
    );
    expect((await api('/api/auth/me', {}, other)).status).toBe(200);

    const changed = await post(
      '/api/auth/password',
      { current: user.password, next: 'second long password' },
      user.cookie,
    );

    expect(changed.status).toBe(204);
    expect((await api('/api/auth/me', {}, user.cookie)).status).toBe(200);
    expect((await api('/api/auth/me', {}, other)).status).toBe(401);
  });

  it('should give the same 401 for an unknown user and a wrong password, and audit both', async () => {
    const user = await userWithPassword();

    const unknown = await post('/api/auth/login', { username: 'nobody-here', password: 'whatever it is' });
    const wrong = await post('/api/auth/login', { username: user.username, password: 'not the password' });

    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    const expected = { code: 'UNAUTHENTICATED', message: 'Wrong user name or password' };
    expect(await unknown.json()).toEqual(expected);
    expect(await wrong.json()).toEqual(expected);
    expect(unknown.headers.get('set-cookie')).toBeNull();
    const failed = await db.getRepository(AuditLogEntry).findBy({ action: 'auth.sign-in-failed' });
    expect(failed.map((e) => [e.actor, e.details?.reason])).toEqual(
      expect.arrayContaining([
        ['unknown', 'unknown user'],
        [user.username, 'wrong password'],
      ]),
    );
    // The name typed for an unknown user is not kept (it may be somebody's password).
    expect(JSON.stringify(failed)).not.toContain('nobody-here');
  });

  it('should take about as long for an unknown user as for a wrong password', async () => {
    const user = await userWithPassword();
    const time = async (username: string) => {
      const started = performance.now();
      await post('/api/auth/login', { username, password: 'not the password' });
      return performance.now() - started;
    };
    await time('warm-up-unknown');

    const known = Math.min(await time(user.username), await time(user.username), await time(user.username));
    const unknown = Math.min(
      await time('nobody-at-all'),
      await time('nobody-at-all'),
      await time('nobody-at-all'),
    );

    // Both verify one argon2id hash (~20 ms); without the dummy hash an unknown name answers in ~2 ms.
    expect(unknown).toBeGreaterThan(known * 0.5);
  });

  it('should refuse a sixth failed sign-in within a minute for one name from one address, even with the right password', async () => {
    const user = await userWithPassword();
    const other = await userWithPassword();

    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(
        (await post('/api/auth/login', { username: user.username, password: `wrong ${i}` })).status,
      );
    }
    const sixth = await post('/api/auth/login', { username: user.username, password: user.password });

    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    expect(sixth.status).toBe(429);
    expect(await sixth.json()).toMatchObject({
      code: 'TOO_MANY_ATTEMPTS',
      message: expect.stringMatching(
        new RegExp(`^Too many failed sign-ins for ${user.username} from this address: try again in \\d+ s$`),
      ),
    });
    // Another user from the same address is not held back.
    expect(
      (await post('/api/auth/login', { username: other.username, password: other.password })).status,
    ).toBe(200);
  });

  it('should count wrong current passwords as failed sign-ins, so a session cannot guess faster', async () => {
    const user = await userWithPassword();

    for (let i = 0; i < 5; i++) {
      await post(
        '/api/auth/password',
        { current: `guess number ${i}`, next: 'a brand new password' },
        user.cookie,
      );
    }
    const sixth = await post(
      '/api/auth/password',
      { current: user.password, next: 'a brand new password' },
      user.cookie,
    );

    expect(sixth.status).toBe(429);
    expect((await post('/api/auth/login', { username: user.username, password: user.password })).status).toBe(
      429,
    );
  });

  it('should sign out: the session ends, the cookie is cleared, and it is audited', async () => {
    const user = await userWithPassword();

    const response = await post('/api/auth/logout', {}, user.cookie);

    expect(response.status).toBe(204);
    expect(response.headers.get('set-cookie')).toBe(
      'eqa_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0',
    );
    const after = await api('/api/auth/me', {}, user.cookie);
    expect(after.status).toBe(401);
    expect(await after.json()).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'Your session has ended: sign in again',
    });
    expect((await auditOf(user.id)).map((e) => [e.actor, e.action])).toEqual([
      ['test', 'user.add'],
      [user.username, 'auth.sign-in'],
      [user.username, 'user.change-password'],
      [user.username, 'auth.sign-out'],
    ]);
  });

  it('should answer 401 without a session, and with an expired one', async () => {
    const user = await userWithPassword();
    const none = await api('/api/auth/me');
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ code: 'UNAUTHENTICATED', message: 'Sign in first' });

    await db.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [
      user.id,
    ]);

    expect((await api('/api/auth/me', {}, user.cookie)).status).toBe(401);
  });

  it('should slide the expiry forward with use, never past 7 days after sign-in', async () => {
    const user = await userWithPassword();
    await db.query(
      `UPDATE sessions SET expires_at = now() + interval '1 hour', last_seen_at = now() - interval '2 minutes'
       WHERE user_id = $1`,
      [user.id],
    );

    expect((await api('/api/auth/me', {}, user.cookie)).status).toBe(200);
    const [{ hours }] = await db.query(
      'SELECT extract(epoch FROM expires_at - now()) / 3600 AS hours FROM sessions WHERE user_id = $1',
      [user.id],
    );
    expect(Number(hours)).toBeGreaterThan(11.9);

    await db.query(`UPDATE sessions SET created_at = now() - interval '7 days 1 minute' WHERE user_id = $1`, [
      user.id,
    ]);
    expect((await api('/api/auth/me', {}, user.cookie)).status).toBe(401);
  });

  it('should refuse a disabled user at sign-in and end their sessions', async () => {
    const user = await userWithPassword();

    const patched = await sut.fetch(`${sut.url}/api/users/${user.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ disabled: true }),
    });

    expect(patched.status).toBe(200);
    expect((await api('/api/auth/me', {}, user.cookie)).status).toBe(401);
    const login = await post('/api/auth/login', { username: user.username, password: user.password });
    expect(login.status).toBe(401);
    expect(await login.json()).toEqual({
      code: 'UNAUTHENTICATED',
      message: `${user.username} is disabled: ask an admin`,
    });
    // A wrong password for a disabled user says nothing about it being disabled.
    expect(
      await (await post('/api/auth/login', { username: user.username, password: 'wrong one' })).json(),
    ).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'Wrong user name or password',
    });
  });

  it('should name a bad login body', async () => {
    const response = await post('/api/auth/login', { username: 'ana' });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code: 'INVALID_BODY',
      message: expect.stringMatching(/^Invalid body: password: /),
    });
  });

  it('should take a sign-in only as JSON, never as a form another site could post', async () => {
    const user = await userWithPassword();

    const response = await api('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: user.username, password: user.password }).toString(),
    });

    expect(response.status).toBe(400);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('should ignore a cookie that is not a session token', async () => {
    const response = await api('/api/auth/me', {}, "eqa_session=' OR 1=1 --");

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ code: 'UNAUTHENTICATED', message: 'Sign in first' });
  });
});
