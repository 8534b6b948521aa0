import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardRoutes, mayUse } from '../../../server/src/contracts/access.contract.js';
import { type Me, roles } from '../../../server/src/contracts/auth.contract.js';
import { UserAccounts } from '../../../server/src/modules/users/user-accounts.service.js';
import { openTempStore, type TempStore } from '../../setup/duckdb-file.js';
import { type ServedStore, serveStore } from '../../setup/test-server.js';

/** A path with its parameters filled in with ids nobody has, so a permitted call answers 404 or 400. */
const concrete = (path: string) =>
  path.replace(/:(\w+)/g, (_, name: string) =>
    name === 'id' ? '00000000-0000-4000-8000-000000000000' : 'T-NO-SUCH',
  );

describe('What /api/auth/me tells the dashboard about access', () => {
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

  it("should give, for every route the dashboard asks about, exactly the roles the server's guard lets through", async () => {
    const failures: string[] = [];
    for (const role of roles) {
      const user = await sut.signIn([role]);
      const me = (await (await user.fetch(`${sut.url}/api/auth/me`)).json()) as Me;
      expect(Object.keys(me.routeRoles).sort()).toEqual([...dashboardRoutes].sort());
      for (const route of dashboardRoutes) {
        const [method, path] = route.split(' ') as [string, string];
        const response = await user.fetch(`${sut.url}${concrete(path)}`, {
          method,
          headers: { 'content-type': 'application/json' },
          // An empty body: a write that gets past the guard stops at validation, changing nothing.
          body: method === 'GET' ? undefined : '{}',
        });
        const guardLetsThrough = response.status !== 401 && response.status !== 403;
        if (mayUse(me.routeRoles, [role], route) !== guardLetsThrough) {
          failures.push(
            `${route} as ${role}: me says ${me.routeRoles[route].join(',')}, guard ${response.status}`,
          );
        }
      }
    }

    expect(failures).toEqual([]);
  });

  it('should send the same facts with the sign-in answer', async () => {
    const { oneTimePassword } = await sut.server.app
      .get(UserAccounts)
      .create({ username: 'trina', roles: ['trainer'] }, 'test');
    const response = await fetch(`${sut.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'trina', password: oneTimePassword }),
    });
    const me = (await response.json()) as Me;

    expect(response.status).toBe(200);
    expect(me.routeRoles['GET /api/reviews/queue']).toEqual(['qa', 'lead', 'admin']);
    expect(mayUse(me.routeRoles, me.roles, 'GET /api/calls')).toBe(true);
    expect(mayUse(me.routeRoles, me.roles, 'GET /api/reviews/queue')).toBe(false);
    expect(mayUse(me.routeRoles, me.roles, 'GET /api/calibration-sessions')).toBe(false);
  });
});
