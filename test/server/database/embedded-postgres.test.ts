import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import {
  defaultEmbeddedDataDir,
  derivePort,
  type EmbeddedPg,
  startEmbeddedPostgres,
} from '../../../server/src/database/embedded-postgres.js';
import { inspectProcess } from '../../../server/src/database/process-inspection.util.js';
import {
  clearStalePostmaster,
  EmbeddedPostgresInUseError,
} from '../../../server/src/database/stale-postmaster.util.js';
import { embeddedTestDataDir } from '../../setup/database.js';

const childScript = fileURLToPath(new URL('./fixtures/start-embedded.child.mjs', import.meta.url));
const asRoot = process.getuid?.() === 0;

// Everything a test starts is registered here and cleaned up even when an assertion fails.
const clusters: EmbeddedPg[] = [];
const children: ChildProcess[] = [];
const dataDirs: string[] = [];
const servers: Server[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) {
    child.kill('SIGKILL');
  }
  for (const cluster of clusters.splice(0)) {
    await cluster.stop();
  }
  for (const dir of dataDirs.splice(0)) {
    await clearStalePostmaster(dir).catch(() => null); // a child's orphan, if a test failed mid-way
    await rm(dir, { recursive: true, force: true });
  }
  for (const server of servers.splice(0)) {
    server.close();
  }
});

function newDataDir(label: string): string {
  const dir = embeddedTestDataDir(label);
  dataDirs.push(dir);
  return dir;
}

async function start(dataDir: string, options: { port?: number } = {}): Promise<EmbeddedPg> {
  const cluster = await startEmbeddedPostgres({ dataDir, ...options });
  clusters.push(cluster);
  return cluster;
}

async function query<T extends pg.QueryResultRow>(
  url: string,
  sql: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

async function notes(url: string): Promise<string[]> {
  const rows = await query<{ body: string }>(url, 'select body from notes order by id');
  return rows.map((row) => row.body);
}

/** Starts the embedded cluster of `dataDir` in a child Node process; resolves once it is connectable. */
function startInChild(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [childScript, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n')[0];
      if (stdout.includes('\n')) {
        resolve({ child, url: (JSON.parse(line) as { url: string }).url });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`child exited with ${code}: ${stderr}`)));
  });
}

async function postmasterPid(dataDir: string): Promise<number> {
  return Number.parseInt((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0], 10);
}

async function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

describe('startEmbeddedPostgres', () => {
  it('should keep rows across a stop and a start, and report cold and warm start times', async () => {
    const dataDir = newDataDir('persist');

    const cold = await start(dataDir);
    await query(cold.url, 'create table notes (id serial primary key, body text not null)');
    await query(cold.url, `insert into notes (body) values ('before restart')`);
    await cold.stop();
    const warm = await start(dataDir);

    expect(cold.initialised).toBe(true);
    expect(warm.initialised).toBe(false);
    expect(warm.staleServer).toBeNull();
    expect(warm.port).toBe(cold.port);
    expect(await notes(warm.url)).toEqual(['before restart']);
    console.info(`embedded PostgreSQL start: cold (initdb) ${cold.startMs} ms, warm ${warm.startMs} ms`);
  });

  it('should create the database with UTF-8 and Unicode-aware case rules', async () => {
    const cluster = await start(newDataDir('locale'));

    const [row] = await query<{ db: string; encoding: string; upper: string }>(
      cluster.url,
      `select current_database() as db, pg_encoding_to_char(encoding) as encoding, upper('élan') as upper
       from pg_database where datname = current_database()`,
    );

    expect(row).toEqual({ db: 'escalation_qa', encoding: 'UTF8', upper: 'ÉLAN' });
  });

  it('should come up after kill -9 of the node process that started it, with its rows', async () => {
    const dataDir = newDataDir('killed');
    const first = await start(dataDir);
    await query(first.url, 'create table notes (id serial primary key, body text not null)');
    await query(first.url, `insert into notes (body) values ('before the child')`);
    await first.stop();
    const { child, url } = await startInChild(dataDir);
    await query(url, `insert into notes (body) values ('written through the child')`);
    const orphan = await postmasterPid(dataDir);

    child.kill('SIGKILL');
    await waitForExit(child);
    expect(await inspectProcess(orphan)).not.toBeNull(); // the postmaster outlives its parent
    const restarted = await start(dataDir);

    expect(restarted.staleServer).toMatchObject({ pid: orphan, action: 'stopped' });
    expect(await inspectProcess(orphan)).toBeNull();
    expect(await notes(restarted.url)).toEqual(['before the child', 'written through the child']);
  });

  it('should refuse to take over a cluster whose node process is still alive', async () => {
    const dataDir = newDataDir('in-use');
    const { url } = await startInChild(dataDir);

    await expect(start(dataDir)).rejects.toThrow(EmbeddedPostgresInUseError);
    expect(await query(url, 'select 1 as ok')).toEqual([{ ok: 1 }]);
  });

  it('should remove a stale postmaster.pid after the server itself was killed, and recover the rows', async () => {
    const dataDir = newDataDir('crashed');
    const first = await start(dataDir);
    await query(first.url, 'create table notes (id serial primary key, body text not null)');
    await query(first.url, `insert into notes (body) values ('committed before the crash')`);
    const pid = await postmasterPid(dataDir);

    process.kill(pid, 'SIGKILL');
    await first.stop(); // the child has exited: stop() must return rather than wait for it
    const restarted = await start(dataDir);

    expect(restarted.staleServer).toMatchObject({ pid, action: 'pid-file-removed' });
    expect(await notes(restarted.url)).toEqual(['committed before the crash']);
  });

  it('should not touch a live process that reuses the pid of a stale postmaster.pid', async () => {
    const dataDir = newDataDir('reused-pid');
    await (await start(dataDir)).stop();
    const unrelated = spawn('sleep', ['60']);
    children.push(unrelated);
    await writeFile(
      join(dataDir, 'postmaster.pid'),
      `${unrelated.pid}\n${dataDir}\n0\n5432\n\n127.0.0.1\n0 0\nready\n`,
    );

    const restarted = await start(dataDir);

    expect(restarted.staleServer).toMatchObject({
      pid: unrelated.pid,
      port: 5432,
      action: 'pid-file-removed',
    });
    expect(unrelated.exitCode).toBeNull();
    expect(await inspectProcess(unrelated.pid as number)).not.toBeNull();
  });

  it('should take the next free port when the derived one is taken', async () => {
    const dataDir = newDataDir('port');
    const blocker = createServer();
    servers.push(blocker);
    await new Promise<void>((resolve) => blocker.listen(derivePort(dataDir), '127.0.0.1', resolve));

    const cluster = await start(dataDir);

    expect(cluster.port).not.toBe(derivePort(dataDir));
    expect(await query(cluster.url, 'select 1 as ok')).toEqual([{ ok: 1 }]);
  });

  it('should fail naming EQA_PG_PORT when a fixed port is taken', async () => {
    const dataDir = newDataDir('fixed-port');
    const blocker = createServer();
    servers.push(blocker);
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;

    await expect(start(dataDir, { port })).rejects.toThrow(`Port ${port} (EQA_PG_PORT)`);
  });

  it('should delete the data folder on stop when not persistent', async () => {
    const dataDir = newDataDir('throwaway');
    const cluster = await startEmbeddedPostgres({ dataDir, persistent: false, durable: false });

    await cluster.stop();

    await expect(readFile(join(dataDir, 'PG_VERSION'))).rejects.toThrow();
  });

  it.skipIf(!asRoot)('should name the folder the postgres user cannot enter (root only)', async () => {
    const locked = join(tmpdir(), `eqa-test-locked-${process.pid}`);
    dataDirs.push(locked);
    await mkdir(locked, { recursive: true });
    await chmod(locked, 0o700);

    await expect(start(join(locked, 'pg'))).rejects.toThrow(`cannot enter ${locked} (mode 700)`);
  });
});

describe('defaultEmbeddedDataDir', () => {
  it('should put the cluster beside the DuckDB file when not root', () => {
    expect(defaultEmbeddedDataDir('/home/ana/eqa/data/escalations.duckdb', false)).toBe(
      '/home/ana/eqa/data/pg',
    );
  });

  it('should put it under /var/tmp, keyed by the store path, when root', () => {
    const a = defaultEmbeddedDataDir('/root/eqa/data/escalations.duckdb', true);
    const b = defaultEmbeddedDataDir('/root/other/data/escalations.duckdb', true);

    expect(a).toMatch(/^\/var\/tmp\/escalation-qa\/[0-9a-f]{12}\/pg$/);
    expect(b).not.toBe(a);
    expect(dirname(dirname(a))).toBe('/var/tmp/escalation-qa');
  });
});
