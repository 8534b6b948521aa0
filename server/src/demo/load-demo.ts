import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type DuckDbStore,
  type IngestEffects,
  type IngestSummary,
  ingestPaths,
} from '../../../etl/src/index.js';
import { generateDataset } from '../../../fixtures/generator/generate-dataset.js';

export const demoSeed = 42;

/** True when nothing was ever loaded into the store: the cue for `npm start` to load the demo. */
export async function storeIsEmpty(store: DuckDbStore): Promise<boolean> {
  const [{ n }] = await store.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM loaded_files');
  return n === 0;
}

/**
 * True when the store holds the demo and nothing else: files were loaded, and every one of them from
 * a demo folder that `npm start` generated beside the store. The cue for the demo's sign-in on localhost.
 */
export async function storeHoldsOnlyDemo(store: DuckDbStore, dataDir: string): Promise<boolean> {
  const [{ files, others }] = await store.all<{ files: number; others: number }>(
    `SELECT count(*)::INTEGER AS files,
            count(*) FILTER (WHERE NOT starts_with(file, $prefix))::INTEGER AS others
     FROM loaded_files`,
    { prefix: join(dataDir, 'demo-') },
  );
  return files > 0 && others === 0;
}

/**
 * Generates the demo exports (once; kept beside the store, seeded, with their truth.json) and ingests
 * them like any other export.
 */
export async function loadDemo(
  store: DuckDbStore,
  dataDir: string,
  tickets: number,
  effects: IngestEffects,
): Promise<IngestSummary> {
  const out = join(dataDir, `demo-${tickets}-seed${demoSeed}`);
  const truthFile = join(out, 'truth.json');
  if (!existsSync(truthFile) || JSON.parse(readFileSync(truthFile, 'utf8')).generator?.tickets !== tickets) {
    await generateDataset({ tickets, seed: demoSeed, out });
  }
  return ingestPaths(store, [out], effects);
}
