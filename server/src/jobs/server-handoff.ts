import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** What a running server tells the command line about itself, beside the DuckDB file it holds. */
export interface ServerHandoff {
  url: string;
  pid: number;
  token: string;
  store: string;
}

export function handoffPath(storePath: string): string {
  return join(dirname(storePath), 'server.json');
}

/** Writes server.json (mode 0600: the token is a local machine credential with admin rights). */
export function writeHandoff(storePath: string, url: string): ServerHandoff {
  const handoff = { url, pid: process.pid, token: randomBytes(24).toString('hex'), store: storePath };
  writeFileSync(handoffPath(storePath), `${JSON.stringify(handoff, null, 2)}\n`, { mode: 0o600 });
  return handoff;
}

/** Reads server.json, or null when there is none or it is unreadable. */
export function readHandoff(storePath: string): ServerHandoff | null {
  try {
    return JSON.parse(readFileSync(handoffPath(storePath), 'utf8')) as ServerHandoff;
  } catch {
    return null;
  }
}

export function removeHandoff(storePath: string): void {
  rmSync(handoffPath(storePath), { force: true });
}

/** True when a process with that pid exists (signal 0 only checks). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
