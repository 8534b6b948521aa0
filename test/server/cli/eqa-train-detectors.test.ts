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

describe('eqa choose-thresholds', () => {
  it('should print the rules, the proposed cuts and their figures per element, and the lines to paste', async () => {
    const result = await runEqa(
      ['choose-thresholds', labelled, '--measure', 'holdout', '--overrule', 'problem'],
      {},
    );

    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('Out of fold on 42 steps (each measured split left out of training in turn):');
    expect(lines[1]).toMatch(
      /^element\s+rules P\/R\s+threshold\s+overrule below\s+weak below\s+chosen P\/R$/,
    );
    for (const [i, element] of handoverElements.entries()) {
      expect(lines[2 + i]).toMatch(
        new RegExp(`^${element}\\s+\\d\\.\\d\\d/\\d\\.\\d\\d\\s+(rules alone|0\\.\\d+)\\s`),
      );
    }
    expect(result.stdout).toMatch(/\nlearned:\n {2}thresholds:\n/);
  });

  it('should name a split with no steps and an unknown element in one line, without a stack', async () => {
    const split = await runEqa(['choose-thresholds', labelled, '--measure', 'holdout-99'], {});
    const element = await runEqa(
      ['choose-thresholds', labelled, '--measure', 'holdout', '--overrule', 'problems'],
      {},
    );

    expect(split.code).toBe(1);
    expect(split.stderr.trim()).toBe(
      'eqa: --measure: no labelled steps in split holdout-99 (the files hold dev, holdout)',
    );
    expect(element.code).toBe(1);
    expect(element.stderr.trim()).toMatch(
      /^eqa: --overrule: expected elements \(problem, .*\), found problems$/,
    );
  });
});
