import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbStore, type PracticesReport, practicesReport } from '../../../etl/src/index.js';
import { generateDataset } from '../../../fixtures/generator/generate-dataset.js';
import type { Truth } from '../../../fixtures/generator/truth.js';
import { runEqa } from '../../setup/run-eqa.js';
import { startTestServer, type TestServer } from '../../setup/test-server.js';

describe('eqa practices', () => {
  let dir: string;
  let env: Record<string, string>;
  let truth: Truth;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'eqa-practices-'));
    truth = await generateDataset({ tickets: 8000, seed: 5, out: join(dir, 'export') });
    env = { EQA_DUCKDB: join(dir, 'escalations.duckdb') };
    const ingest = await runEqa(['ingest', '--json', join(dir, 'export')], env);
    expect(ingest.code, ingest.stderr).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should print the ranked practices as JSON, the planted unfair policy first', async () => {
    const result = await runEqa(['practices', '--json'], env);

    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as PracticesReport;
    expect(report.practices[0]).toMatchObject({
      practice: `policy:${truth.planted.unfairPolicy.policy}`,
      flagged: true,
    });
    const store = await DuckDbStore.open(env.EQA_DUCKDB);
    try {
      expect(report).toEqual(JSON.parse(JSON.stringify(await practicesReport(store))));
    } finally {
      store.close();
    }
  });

  it('should keep to a date range', async () => {
    const result = await runEqa(['practices', '--json', '--from', '2026-04-01', '--to', '2026-06-30'], env);

    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).range).toEqual({ from: '2026-04-01', to: '2026-06-30' });
  });

  it('should print a readable table with a reason per practice without --json', async () => {
    const result = await runEqa(['practices'], env);

    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(
      /^Practices \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}; judged from 30 decided escalations/,
    );
    expect(result.stdout).toMatch(
      new RegExp(`\\n {2}1 policy:${truth.planted.unfairPolicy.policy} .* FLAGGED`),
    );
    expect(result.stdout).toMatch(/\n {2}1\. policy:\w+: overturned in \d+% of \d+ decided escalations/);
  });

  it('should name a bad date option in one line', async () => {
    const result = await runEqa(['practices', '--from', '2026-13-01'], env);

    expect(result.code).toBe(1);
    expect(result.stderr).toBe('eqa: --from: from must be a date written YYYY-MM-DD\n');
  });

  describe('when a server holds the store', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({ tickets: 3000, seed: 4 });
    });
    afterAll(() => server?.close());

    it('should run the report inside the server and print what the API gives', async () => {
      const result = await runEqa(['practices', '--json', '--from', '2026-01-01'], {
        EQA_DUCKDB: server.storePath,
      });

      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toMatch(/holds the store: sending the practices job to it/);
      const api = await (await server.fetch(`${server.url}/api/practices?from=2026-01-01`)).json();
      expect(JSON.parse(result.stdout)).toEqual(api);
    });
  });
});
