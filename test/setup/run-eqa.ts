import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../server/src/config/env.js';

export interface EqaRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

const eqaBin = join(repoRoot, 'bin', 'eqa.js');

/** Runs the built `eqa` command as a user would (npm test builds first), with extra environment. */
export function runEqa(args: string[], env: Record<string, string> = {}): Promise<EqaRun> {
  if (!existsSync(join(repoRoot, 'dist', 'server', 'src', 'cli', 'eqa.js'))) {
    throw new Error('eqa is not built: run `npm run build:server` (npm test does)');
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [eqaBin, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
