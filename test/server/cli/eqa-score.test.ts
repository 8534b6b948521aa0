import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../server/src/config/env.js';
import { runEqa } from '../../setup/run-eqa.js';

const handScored = join(repoRoot, 'fixtures', 'scoring', 'hand-scored');
const defaultRubric = join(repoRoot, 'etl', 'src', 'scoring', 'rubric', 'default-rubric.yaml');

describe('eqa score and eqa summary', () => {
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'eqa-score-'));
    env = { EQA_DUCKDB: join(dir, 'escalations.duckdb') };
    const ingest = await runEqa(['ingest', '--json', handScored], env);
    expect(ingest.code, ingest.stderr).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should score the store as part of an ingest, and again on demand with the rubric named', async () => {
    const result = await runEqa(['score', '--json'], env);

    expect(result.code, result.stderr).toBe(0);
    const run = JSON.parse(result.stdout);
    expect(run).toMatchObject({ steps: 6, cases: 5, rubric: { version: 'default-2025.1' } });
    expect(run.rubric.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('should print the four standards per category, department, team and agent as JSON for a date range', async () => {
    const result = await runEqa(['summary', '--json', '--from', '2025-11-01', '--to', '2025-11-30'], env);

    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.range).toEqual({ from: '2025-11-01', to: '2025-11-30' });
    expect(summary.total).toMatchObject({
      steps: 3,
      cases: 2,
      rightDepartment: (100 + 80 + 70) / 3,
      surveyed: 1,
    });
    expect(summary.byCategory.map((c: { key: string }) => c.key)).toEqual(['billing']);
    expect(summary.byAgent.find((a: { key: string }) => a.key === 'A2')).toMatchObject({
      steps: 1,
      cases: 1,
      rightDepartment: 80,
    });
    expect(summary.byTeam.map((t: { key: string }) => t.key)).toContain('fl_a');
    expect(summary.byDepartment.map((d: { key: string }) => d.key)).toContain('first_line');
  });

  it('should print a readable table without --json', async () => {
    const result = await runEqa(['summary'], env);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Rubric default-2025\.1 /);
    expect(result.stdout).toContain('by agent');
  });

  it('should refuse a broken rubric in one line naming the file and line, and keep the scores', async () => {
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, readFileSync(defaultRubric, 'utf8').replace('weight: 0.3', 'weight: lots'));

    const result = await runEqa(['score', '--rubric', broken], env);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /\neqa: .*broken\.yaml:24: standards\.assessment_quality\.weight: expected a number from 0 to 1, found 'lots'\n$/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const summary = JSON.parse((await runEqa(['summary', '--json'], env)).stdout);
    expect(summary.scoredWith.version).toBe('default-2025.1');
  });

  it('should name a bad date option', async () => {
    const result = await runEqa(['summary', '--json', '--from', '2025-13-45'], env);

    expect(result.code).toBe(1);
    expect(result.stderr).toBe('eqa: --from: from must be a date written YYYY-MM-DD\n');
  });
});
