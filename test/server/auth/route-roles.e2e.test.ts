import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../server/src/config/env.js';
import { type Role, roles } from '../../../server/src/contracts/auth.contract.js';
import { openTempStore, type TempStore } from '../../setup/duckdb-file.js';
import type { TestSession } from '../../setup/sessions.js';
import { type ServedStore, serveStore } from '../../setup/test-server.js';

/** Who asks: nobody, or a user with exactly one role. */
type Caller = 'none' | Role;
const callers: Caller[] = ['none', ...roles];
/** What the README says a caller gets: the route's own answer (✓), 401 or 403. */
type Expected = 'ok' | 401 | 403;

/** The README's route × role table: `METHOD /path` → expected answer per caller. */
function readTable(): Map<string, Record<Caller, Expected>> {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const section = readme.split('<!-- route-roles:start -->')[1]?.split('<!-- route-roles:end -->')[0];
  if (!section) {
    throw new Error('README.md has no <!-- route-roles:start --> … <!-- route-roles:end --> table');
  }
  const lines = section.split('\n').filter((line) => line.startsWith('|'));
  const header = lines[0]
    .split('|')
    .slice(1, -1)
    .map((cell) => cell.trim());
  expect(header).toEqual(['route', 'no session', ...roles]);
  const table = new Map<string, Record<Caller, Expected>>();
  for (const line of lines.slice(2)) {
    const [route, ...cells] = line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
    const key = route.replace(/^`|`$/g, '');
    expect(table.has(key), `${key} appears twice in the README's table`).toBe(false);
    const parsed = cells.map((cell): Expected => {
      if (cell === '✓') {
        return 'ok';
      }
      if (cell === '401' || cell === '403') {
        return Number(cell) as 401 | 403;
      }
      throw new Error(`README route table: ${key}: "${cell}" is not ✓, 401 or 403`);
    });
    table.set(
      key,
      Object.fromEntries(callers.map((caller, i) => [caller, parsed[i]])) as Record<Caller, Expected>,
    );
  }
  return table;
}

/** A path with its parameters filled in: a well-formed id nobody has, so that routes answer 404 or 400. */
function concrete(path: string): string {
  return path.replace(/:(\w+)/g, (_, name: string) =>
    name.toLowerCase().endsWith('id') && name !== 'ticketId'
      ? '00000000-0000-4000-8000-000000000000'
      : 'T-NO-SUCH',
  );
}

describe('Route × role table', () => {
  let temp: TempStore;
  let sut: ServedStore;
  let routes: string[];
  const table = readTable();

  beforeAll(async () => {
    temp = await openTempStore();
    sut = await serveStore(temp.store);
    // Every route Express will answer, as Nest registered it: nothing hand-listed here. Every
    // controller route sits under /api (the global prefix excludes none); the one other route is the
    // dashboard's index.html fallback that @nestjs/serve-static adds (`GET {*any}`).
    const router = sut.server.app.getHttpAdapter().getInstance().router as {
      stack: { route?: { path: string; methods: Record<string, boolean> } }[];
    };
    routes = router.stack.flatMap((layer) =>
      layer.route?.path.startsWith('/api/')
        ? Object.keys(layer.route.methods)
            .filter((method) => method !== '_all')
            .map((method) => `${method.toUpperCase()} ${layer.route?.path}`)
        : [],
    );
  });
  afterAll(async () => {
    await sut?.close();
    temp?.dispose();
  });

  it('should find the routes it knows are there', () => {
    expect(routes).toEqual(
      expect.arrayContaining(['GET /api/health', 'POST /api/auth/login', 'POST /api/jobs']),
    );
  });

  it("should have every route of the server in the README's table, and nothing else", () => {
    const missing = routes.filter((route) => !table.has(route));
    const extra = [...table.keys()].filter((route) => !routes.includes(route));

    expect(
      missing,
      'routes the README table lacks (add a row, and @Public() or @Roles(…) on the route)',
    ).toEqual([]);
    expect(extra, 'README rows for routes the server does not have').toEqual([]);
  });

  it('should answer each route for each caller as the table says, and no route without a declared role', async () => {
    const sessionOf = async (caller: Caller): Promise<TestSession | null> =>
      // A fresh session per request: sign-out, password change and resets must not spoil the next one.
      caller === 'none' ? null : sut.signIn([caller]);
    const failures: string[] = [];
    for (const route of routes) {
      const [method, path] = route.split(' ');
      const expected = table.get(route);
      for (const caller of callers) {
        const session = await sessionOf(caller);
        const response = await (session?.fetch ?? fetch)(`${sut.url}${concrete(path)}`, {
          method,
          headers: { 'content-type': 'application/json' },
          // An empty body: a write that gets past the guard stops at validation, changing nothing.
          body: method === 'GET' ? undefined : '{}',
        });
        const body = (await response.json().catch(() => ({}))) as { message?: string };
        if (body.message === 'route has no role declared') {
          failures.push(`${route}: declares neither @Public() nor @Roles(…)`);
          continue;
        }
        const want = expected?.[caller];
        const ok =
          want === 'ok' ? response.status !== 401 && response.status !== 403 : response.status === want;
        if (want !== undefined && !ok) {
          failures.push(
            `${route} as ${caller}: ${response.status} ${body.message ?? ''}, README says ${want}`,
          );
        }
      }
    }

    expect(failures).toEqual([]);
  });
});
