import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseWeights } from '../../../etl/src/scoring/detectors/learned-model.js';
import { handoverElements } from '../../../etl/src/scoring/rubric/rubric.schema.js';
import { runEqa } from '../../setup/run-eqa.js';

const labelled = fileURLToPath(new URL('../../../fixtures/labelled/handover-steps.jsonl', import.meta.url));

describe('eqa train-detectors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eqa-train-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should write a weights file for every note element, leaving out the excluded split', async () => {
    const out = join(dir, 'weights.tsv');
    const result = await runEqa(
      ['train-detectors', labelled, '--exclude-split', 'holdout', '--out', out],
      {},
    );

    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('Trained on 79 steps (dev 79)');
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/^# Weights of the learned handover detectors/);
    const { weights, problems } = parseWeights(text);
    expect(problems).toEqual([]);
    expect(Object.keys(weights)).toEqual([...handoverElements]);
  });

  it('should name a missing labelled file and a bad --lambda in one line, without a stack', async () => {
    const missing = await runEqa(
      ['train-detectors', join(dir, 'nowhere.jsonl'), '--out', join(dir, 'w.tsv')],
      {},
    );
    const lambda = await runEqa(
      ['train-detectors', labelled, '--lambda', 'lots', '--out', join(dir, 'w.tsv')],
      {},
    );

    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toMatch(/^eqa: no such labelled file: .*nowhere\.jsonl$/);
    expect(lambda.code).toBe(1);
    expect(lambda.stderr.trim()).toBe("eqa: --lambda: expected a number of 0 or more, found 'lots'");
  });
});
