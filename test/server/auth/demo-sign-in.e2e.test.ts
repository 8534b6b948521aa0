import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbStore } from '../../../etl/src/index.js';
import { repoRoot } from '../../../server/src/config/env.js';
import { createTestDatabase, type TestDatabase } from '../../setup/database.js';
import { openTempStore, type TempStore } from '../../setup/duckdb-file.js';
import { fetchWithCookie } from '../../setup/sessions.js';
import { type ServedStore, serveStore } from '../../setup/test-server.js';

const mainJs = join(repoRoot, 'dist', 'server', 'src', 'main.js');

/** POST with any Host header (fetch will not send one of its own choosing). */
function postWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('The demo sign-in', () => {
  const opened: { served: ServedStore; temp: TempStore }[] = [];
  const serve = async (options: { host: string; demoSignIn: boolean }) => {
    const temp = await openTempStore();
    const served = await serveStore(temp.store, options);
    opened.push({ served, temp });
    return served;
  };
  afterAll(async () => {
    for (const { served, temp } of opened) {
      await served.close();
      temp.dispose();
    }
  });

  it('should sign in as demo (admin) on a loopback address', async () => {
    const sut = await serve({ host: '127.0.0.1', demoSignIn: true });
    const base = sut.url.replace('//localhost:', '//127.0.0.1:');

    const response = await fetch(`${base}/api/auth/demo`, { method: 'POST' });

    expect(sut.server.demoSignIn).toBe(true);
    expect(response.status).toBe(200);
    // (and routeRoles, who may use the dashboard's routes: dashboard-access.e2e.test.ts checks them)
    expect(await response.json()).toMatchObject({
      username: 'demo',
      displayName: 'Demo admin',
      roles: ['admin'],
      mustChangePassword: false,
    });
    const cookie = response.headers.get('set-cookie')?.split(';')[0] ?? '';
    expect((await fetchWithCookie(cookie)(`${base}/api/users`)).status).toBe(200);
  });

  it('should refuse a request that names another host or came through a proxy, even on loopback', async () => {
    const sut = await serve({ host: '127.0.0.1', demoSignIn: true });
    const base = sut.url.replace('//localhost:', '//127.0.0.1:');

    const proxied = await fetch(`${base}/api/auth/demo`, {
      method: 'POST',
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });

    expect(proxied.status).toBe(404);
    expect(await postWithHost(`${base}/api/auth/demo`, 'rebound.example:80')).toBe(404);
    expect(await postWithHost(`${base}/api/auth/demo`, new URL(base).host)).toBe(200);
  });

  it('should be off when the server is bound to 0.0.0.0, though asked for', async () => {
    const sut = await serve({ host: '0.0.0.0', demoSignIn: true });
    const port = new URL(sut.url).port;

    const response = await fetch(`http://127.0.0.1:${port}/api/auth/demo`, { method: 'POST' });

    expect(sut.server.demoSignIn).toBe(false);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ code: 'NOT_FOUND', message: 'Cannot POST /api/auth/demo' });
  });

  it('should be off when not asked for', async () => {
    const sut = await serve({ host: '127.0.0.1', demoSignIn: false });

    expect((await fetch(`${sut.url}/api/auth/demo`, { method: 'POST' })).status).toBe(404);
  });
});

describe('npm start: the first admin and the demo mode', () => {
  let dir: string;
  let database: TestDatabase;
  let child: ChildProcess | null = null;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'eqa-start-'));
    database = await createTestDatabase();
  });
  afterEach(async () => {
    await stop();
  });
  afterAll(async () => {
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function stop(): Promise<void> {
    const running = child;
    child = null;
    if (running && running.exitCode === null) {
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGINT');
      await exited;
    }
  }

  /** Starts the built server and collects what it prints until it is ready (or exits). */
  function start(env: Record<string, string>): Promise<string> {
    return new Promise((resolve, reject) => {
      const started = spawn(process.execPath, [mainJs], {
        env: {
          ...process.env,
          DATABASE_URL: database.url,
          EQA_DUCKDB: join(dir, 'escalations.duckdb'),
          EQA_DEMO_TICKETS: '300',
          EQA_PORT: '0',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = started;
      let output = '';
      const collect = (chunk: Buffer) => {
        output += chunk;
        if (output.includes('Escalation QA is ready')) {
          resolve(output);
        }
      };
      started.stdout?.on('data', collect);
      started.stderr?.on('data', collect);
      started.on('exit', () => reject(new Error(`the server exited: ${output}`)));
    });
  }

  it.skipIf(!existsSync(mainJs))(
    'should create admin once, and sign in as demo only on localhost',
    async () => {
      const first = await start({ EQA_HOST: '127.0.0.1' });

      expect(first).toMatch(
        /\nFirst start: created admin with one-time password [A-Za-z2-9]{20}; change it after signing in\n/,
      );
      expect(first).toContain('\nDemo mode on localhost: the dashboard signs you in as demo (admin)\n');
      const url = /ready: (http:\/\/\S+)/.exec(first)?.[1].replace('localhost', '127.0.0.1');
      expect((await fetch(`${url}/api/auth/demo`, { method: 'POST' })).status).toBe(200);
      await stop();

      const second = await start({ EQA_HOST: '0.0.0.0' });

      expect(second).not.toContain('First start');
      expect(second).not.toContain('Demo mode on localhost');
      expect(second).toContain(
        'Demo data, but no automatic sign-in: the server listens on 0.0.0.0, not on localhost',
      );
      const port = /ready: http:\/\/[^:]+:(\d+)/.exec(second)?.[1];
      expect((await fetch(`http://127.0.0.1:${port}/api/auth/demo`, { method: 'POST' })).status).toBe(404);
    },
  );

  it.skipIf(!existsSync(mainJs))('should not sign anyone in once other data has been loaded', async () => {
    const store = await DuckDbStore.open(join(dir, 'escalations.duckdb'));
    try {
      await store.run(
        `INSERT INTO loaded_files VALUES ('feed', '/elsewhere/tickets.csv', 'tickets', 1, 1, 0, 'run-x', now())`,
      );
    } finally {
      store.close();
    }

    const output = await start({ EQA_HOST: '127.0.0.1' });

    expect(output).not.toContain('Demo mode on localhost');
    const url = /ready: (http:\/\/\S+)/.exec(output)?.[1].replace('localhost', '127.0.0.1');
    expect((await fetch(`${url}/api/auth/demo`, { method: 'POST' })).status).toBe(404);
  });
});
