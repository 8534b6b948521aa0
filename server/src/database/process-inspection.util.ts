import { execFile } from 'node:child_process';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { basename } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** What the stale-server checks need to know about a process. */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** The argument vector as the process shows it now (PostgreSQL backends rewrite it). */
  args: string[];
  /** Absolute path of the executable, when the OS lets us read it. */
  exe: string | null;
  /** Absolute working directory, when the OS lets us read it (PostgreSQL chdirs into its data folder). */
  cwd: string | null;
}

const hasProc = process.platform === 'linux';

/** Describes a running process, or returns null when there is none (zombies count as gone). */
export async function inspectProcess(pid: number): Promise<ProcessInfo | null> {
  if (!Number.isInteger(pid) || pid <= 0) {
    return null;
  }
  return hasProc ? inspectFromProc(pid) : inspectFromPs(pid);
}

async function inspectFromProc(pid: number): Promise<ProcessInfo | null> {
  let stat: string;
  try {
    stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name sits in parentheses and may itself contain spaces or parentheses.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  if (state === 'Z' || state === 'X') {
    return null;
  }
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return {
    pid,
    ppid: Number(fields[1]),
    args: cmdline.split('\0').filter((a) => a.length > 0),
    exe: await readlink(`/proc/${pid}/exe`).catch(() => null),
    cwd: await readlink(`/proc/${pid}/cwd`).catch(() => null),
  };
}

async function inspectFromPs(pid: number): Promise<ProcessInfo | null> {
  try {
    const { stdout } = await execFileAsync('ps', ['-o', 'ppid=,stat=,command=', '-p', String(pid)]);
    const match = /^\s*(\d+)\s+(\S+)\s+(.*)$/.exec(stdout.trim());
    if (!match || match[2].startsWith('Z')) {
      return null;
    }
    return { pid, ppid: Number(match[1]), args: match[3].split(/\s+/), exe: null, cwd: null };
  } catch {
    return null;
  }
}

/** True when the process is a PostgreSQL server process (the postmaster or one of its backends). */
export function isPostgresProcess(info: ProcessInfo): boolean {
  const exeName = info.exe ? basename(info.exe) : '';
  return exeName === 'postgres' || /(^|\/)postgres(:|$)/.test(info.args[0] ?? '');
}

/** True when the process runs Node.js, even after it renamed itself with process.title (vitest does). */
export function isNodeProcess(info: ProcessInfo): boolean {
  if (info.exe) {
    return info.exe === process.execPath || /^node(js)?(\d+)?$/.test(basename(info.exe));
  }
  return /(^|\/)node(js)?$/.test(info.args[0] ?? '');
}

/**
 * Every PostgreSQL process whose working directory is `realDataDir` (Linux only; elsewhere empty).
 * Finds the backends a killed postmaster left behind, which still hold its shared memory.
 */
export async function findPostgresProcessesIn(realDataDir: string): Promise<ProcessInfo[]> {
  if (!hasProc) {
    return [];
  }
  const found: ProcessInfo[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    const cwd = await readlink(`/proc/${entry}/cwd`).catch(() => null);
    if (cwd !== realDataDir) {
      continue;
    }
    const info = await inspectProcess(Number(entry));
    if (info && isPostgresProcess(info)) {
      found.push(info);
    }
  }
  return found;
}

/** Waits until none of `pids` is alive; returns false if some still are after `timeoutMs`. */
export async function waitUntilGone(pids: number[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const alive = (await Promise.all(pids.map(inspectProcess))).filter((p) => p !== null);
    if (alive.length === 0) {
      return true;
    }
    if (Date.now() >= deadline) {
      return false;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Sends a signal, ignoring a process that has already gone. */
export function signalProcess(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') {
      throw error;
    }
  }
}
