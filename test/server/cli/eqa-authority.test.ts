import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authorityReport,
  authorityWhatIf,
  DuckDbStore,
  offerFairnessReport,
} from '../../../etl/src/index.js';
import { generateDataset } from '../../../fixtures/generator/generate-dataset.js';
import type { Truth } from '../../../fixtures/generator/truth.js';
import { runEqa } from '../../setup/run-eqa.js';

describe('eqa authority', () => {
  let dir: string;
  let env: Record<string, string>;
  let truth: Truth;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'eqa-authority-'));
    truth = await generateDataset({ tickets: 10_000, seed: 5, out: join(dir, 'export') });
    env = { EQA_DUCKDB: join(dir, 'escalations.duckdb') };
    const ingest = await runEqa(['ingest', '--json', join(dir, 'export')], env);
    expect(ingest.code, ingest.stderr).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should print the figures of the Empowerment page as JSON, with the what-if asked for', async () => {
    const gap = truth.planted.authorityGap!;

    const result = await runEqa(
      ['authority', '--json', '--kind', gap.kind, '--level', '1', '--up-to', String(gap.band.max)],
      env,
    );

    expect(result.code, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout);
    const store = await DuckDbStore.open(env.EQA_DUCKDB);
    try {
      expect(printed).toEqual(
        JSON.parse(
          JSON.stringify({
            authority: await authorityReport(store),
            fairness: await offerFairnessReport(store),
            whatIf: await authorityWhatIf(store, { kind: gap.kind, level: 1, upTo: gap.band.max }),
          }),
        ),
      );
    } finally {
      store.close();
    }
    expect(printed.whatIf.assumptions.length).toBeGreaterThan(3);
  });

  it('should print the flags in one sentence each, and the requests that went up, without --json', async () => {
    const result = await runEqa(['authority'], env);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Flags \(\d+\), \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}:/);
    expect(result.stdout).toContain(`[authority] ${truth.planted.authorityGap!.kind}`);
    expect(result.stdout).toMatch(/Requests that went up for approval \(GBP\):/);
  });

  it.each([
    [
      ['authority', '--kind', 'refund'],
      'eqa: --kind: the what-if needs both a kind (--kind) and an amount (--up-to)',
    ],
    [
      ['authority', '--kind', 'refund', '--up-to', '10', '--level', '3'],
      'eqa: --level: level must be 1 or 2',
    ],
    [['authority', '--kind', 'cashback', '--up-to', '10'], 'eqa: kind: expected one of credit, fee_waiver'],
  ])('should refuse %j in one line', async (args, message) => {
    const result = await runEqa(args, env);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
