// What every benchmark here needs: where its data lives, a timer, and memory in a readable unit.
import { join } from 'node:path';
import { repoRoot } from '../server/src/config/env.js';

/** Generated exports and scratch stores, kept between runs (git ignores data/). */
export const benchDir = join(repoRoot, 'data', 'bench');

/** Bytes as whole megabytes. */
export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** The process's peak resident memory so far, in bytes. */
export const peakRss = (): number => process.resourceUsage().maxRSS * 1024;

/** Runs `work` and returns its result with the seconds it took. */
export async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, (performance.now() - started) / 1000];
}
