import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbStore } from '../../../etl/src/index.js';
import { generateDataset } from '../../../fixtures/generator/generate-dataset.js';
import type { Truth } from '../../../fixtures/generator/truth.js';
import { repoRoot } from '../../../server/src/config/env.js';
import { runEqa } from '../../setup/run-eqa.js';

const kinds = ['tickets', 'events', 'calls', 'agents', 'routing', 'offers', 'customers'] as const;

/** Rows per canonical table, and what loaded_files says was committed for each. */
async function storeState(path: string) {
  const store = await DuckDbStore.open(path);
  try {
    const tables = Object.fromEntries(
      await Promise.all(
        kinds.map(async (k) => [
          k,
          Number((await store.all<{ n: bigint }>(`SELECT count(*) AS n FROM ${k}`))[0].n),
        ]),
      ),
    );
    const recorded = Object.fromEntries(
      (
        await store.all<{ kind: string; loaded: bigint }>(
          'SELECT kind, sum(rows_loaded) AS loaded FROM loaded_files GROUP BY kind',
        )
      ).map((r) => [r.kind, Number(r.loaded)]),
    );
    return { tables, recorded };
  } finally {
    store.close();
  }
}

describe('a process killed during ingest', () => {
  let dir: string;
  let exportDir: string;
  let truth: Truth;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'eqa-kill-'));
    exportDir = join(dir, 'export');
    truth = await generateDataset({ tickets: 30_000, seed: 11, out: exportDir });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // How many files each kill left committed, to show the kills did land mid-run.
  const committedAtKill: number[] = [];

  it.each([150, 300, 450, 600, 900])(
    'should leave every file loaded whole or not at all when killed after %i ms, and the next run completes it',
    async (delayMs) => {
      const store = join(dir, `kill-${delayMs}.duckdb`);
      const child = spawn(process.execPath, [join(repoRoot, 'bin', 'eqa.js'), 'ingest', exportDir], {
        env: { ...process.env, EQA_DUCKDB: store },
        stdio: 'ignore',
      });
      // Listen before killing: a run that already finished has emitted 'close' already.
      const closed = new Promise((resolve) => child.once('close', resolve));
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      child.kill('SIGKILL');
      await closed;

      const afterKill = await storeState(store);
      committedAtKill.push(Object.keys(afterKill.recorded).length);
      for (const kind of kinds) {
        expect(afterKill.tables[kind], kind).toBe(afterKill.recorded[kind] ?? 0);
      }

      const rerun = await runEqa(['ingest', '--json', exportDir], { EQA_DUCKDB: store });
      expect(rerun.code).toBe(0);
      const final = await storeState(store);
      expect(final.tables).toEqual(truth.overview.counts);
    },
  );

  it('should have been killed part-way through a run at least once (else the test above proves nothing)', () => {
    expect(
      committedAtKill.some((n) => n > 0 && n < kinds.length),
      String(committedAtKill),
    ).toBe(true);
  });
});
