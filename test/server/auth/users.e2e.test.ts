import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OneTimePasswordDto, UserDto } from '../../../server/src/contracts/auth.contract.js';
import { AuditLogEntry } from '../../../server/src/modules/audit/audit-log.entity.js';
import { openTempStore, type TempStore } from '../../setup/duckdb-file.js';
import { type ServedStore, serveStore } from '../../setup/test-server.js';

describe('Users API (admins)', () => {
  let temp: TempStore;
  let sut: ServedStore;

  beforeAll(async () => {
    temp = await openTempStore();
    sut = await serveStore(temp.store);
  });
  afterAll(async () => {
    await sut?.close();
    temp?.dispose();
  });

  const send = (method: string, path: string, body?: unknown) =>
    sut.fetch(`${sut.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const login = (username: string, password: string) =>
    fetch(`${sut.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });

  it('should add a user with a one-time password that signs in once, to choose their own', async () => {
    const response = await send('POST', '/api/users', {
      username: 'Ana.Ruiz',
      displayName: 'Ana Ruiz',
      roles: ['lead', 'qa', 'lead'],
    });

    expect(response.status).toBe(201);
    const body = (await response.json()) as OneTimePasswordDto;
    expect(body.user).toMatchObject({
      username: 'ana.ruiz',
      displayName: 'Ana Ruiz',
      roles: ['qa', 'lead'],
      mustChangePassword: true,
      disabled: false,
    });
    expect(body.oneTimePassword).toMatch(/^[A-Za-z2-9]{20}$/);
    expect(JSON.stringify(body)).not.toMatch(/argon2|passwordHash/);
    const signedIn = await login('ana.ruiz', body.oneTimePassword);
    expect(await signedIn.json()).toMatchObject({ mustChangePassword: true });
    const [row] = await sut.server.app
      .get(DataSource)
      .query(`SELECT password_hash FROM users WHERE username = 'ana.ruiz'`);
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('should list users without their hashes', async () => {
    const users = (await (await send('GET', '/api/users')).json()) as UserDto[];

    expect(users.map((u) => u.username)).toContain('test-admin');
    expect(Object.keys(users[0]).sort()).toEqual(
      ['createdAt', 'disabled', 'displayName', 'id', 'mustChangePassword', 'roles', 'username'].sort(),
    );
  });

  it('should refuse a taken name (409), a bad name and an unknown role (400)', async () => {
    await send('POST', '/api/users', { username: 'taken', roles: ['qa'] });

    const taken = await send('POST', '/api/users', { username: 'TAKEN', roles: ['trainer'] });
    const badName = await send('POST', '/api/users', { username: 'a b', roles: ['qa'] });
    const badRole = await send('POST', '/api/users', { username: 'someone', roles: ['boss'] });
    const noRole = await send('POST', '/api/users', { username: 'someone', roles: [] });

    expect(taken.status).toBe(409);
    expect(await taken.json()).toEqual({
      code: 'CONFLICT',
      message: 'Conflict: username: there is already a user taken',
    });
    expect(badName.status).toBe(400);
    expect(((await badName.json()) as { message: string }).message).toMatch(
      /^Invalid body: username: username must be 2–64 characters/,
    );
    expect(((await badRole.json()) as { message: string }).message).toBe(
      'Invalid body: roles.0: each role must be one of admin, qa, lead, trainer',
    );
    expect(((await noRole.json()) as { message: string }).message).toBe(
      'Invalid body: roles: roles must name at least one role',
    );
  });

  it('should change roles, which take effect on the next request, and audit the change', async () => {
    const bo = await sut.signIn(['qa'], 'bo');
    const id = ((await (await send('GET', '/api/users')).json()) as UserDto[]).find(
      (u) => u.username === 'bo',
    )?.id;
    expect((await bo.fetch(`${sut.url}/api/users`)).status).toBe(403);

    const promoted = await send('PATCH', `/api/users/${id}`, { roles: ['admin'] });
    const asAdmin = (await bo.fetch(`${sut.url}/api/users`)).status;
    const renamed = await send('PATCH', `/api/users/${id}`, {
      roles: ['lead', 'trainer'],
      displayName: 'Bo',
    });

    expect(promoted.status).toBe(200);
    expect(asAdmin).toBe(200);
    expect(await renamed.json()).toMatchObject({ roles: ['lead', 'trainer'], displayName: 'Bo' });
    // The guard reads the roles afresh: bo's session, started as qa, now acts as lead.
    expect((await bo.fetch(`${sut.url}/api/users`)).status).toBe(403);
    expect(await (await bo.fetch(`${sut.url}/api/auth/me`)).json()).toMatchObject({
      roles: ['lead', 'trainer'],
    });
    const audit = await sut.server.app
      .get(DataSource)
      .getRepository(AuditLogEntry)
      .find({ where: { entityId: id }, order: { id: 'ASC' } });
    expect(audit.map((e) => [e.actor, e.action, e.details])).toEqual([
      ['test', 'user.add', { username: 'bo', roles: ['qa'], displayName: 'bo' }],
      ['test-admin', 'user.change-roles', { username: 'bo', before: ['qa'], after: ['admin'] }],
      ['test-admin', 'user.change-roles', { username: 'bo', before: ['admin'], after: ['lead', 'trainer'] }],
      ['test-admin', 'user.rename', { username: 'bo', before: 'bo', after: 'Bo' }],
    ]);
  });

  it('should reset a password: a new one-time password, and the old sessions end', async () => {
    const session = await sut.signIn(['trainer'], 'cy');
    const cy = ((await (await send('GET', '/api/users')).json()) as UserDto[]).find(
      (u) => u.username === 'cy',
    );
    expect((await session.fetch(`${sut.url}/api/auth/me`)).status).toBe(200);

    const response = await send('POST', `/api/users/${cy?.id}/reset`);

    expect(response.status).toBe(200);
    const body = (await response.json()) as OneTimePasswordDto;
    expect(body.user.mustChangePassword).toBe(true);
    expect((await session.fetch(`${sut.url}/api/auth/me`)).status).toBe(401);
    expect((await login('cy', body.oneTimePassword)).status).toBe(200);
  });

  it('should never leave the store without an enabled admin', async () => {
    const users = (await (await send('GET', '/api/users')).json()) as UserDto[];
    for (const admin of users.filter((u) => u.roles.includes('admin') && u.username !== 'test-admin')) {
      await send('PATCH', `/api/users/${admin.id}`, { disabled: true });
    }
    const me = users.find((u) => u.username === 'test-admin');

    const demoted = await send('PATCH', `/api/users/${me?.id}`, { roles: ['qa'] });
    const disabled = await send('PATCH', `/api/users/${me?.id}`, { disabled: true });

    expect(demoted.status).toBe(409);
    expect(await demoted.json()).toEqual({
      code: 'CONFLICT',
      message: 'Conflict: test-admin is the last enabled admin; make another user admin first',
    });
    expect(disabled.status).toBe(409);
  });

  it('should answer 404 for an unknown user and 400 for an id that is not one', async () => {
    const unknown = await send('POST', '/api/users/00000000-0000-4000-8000-000000000000/reset');
    const bad = await send('PATCH', '/api/users/42', { disabled: true });
    const empty = await send('PATCH', '/api/users/00000000-0000-4000-8000-000000000000', {});

    expect(unknown.status).toBe(404);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toBe(
      'Invalid query: id: id must be a user id (a UUID)',
    );
    expect(((await empty.json()) as { message: string }).message).toBe(
      'Invalid body: body: give roles, disabled or displayName',
    );
  });
});
