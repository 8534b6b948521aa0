import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbStore, staffingReport, tierLoadReport } from '../../../etl/src/index.js';
import type { LoadResponse } from '../../../server/src/contracts/load.contract.js';
import { realDataSet } from '../../etl/ingest/real-data/real-data.util.js';
import { runEqa } from '../../setup/run-eqa.js';

// `eqa load` on the Technion bank's calls (the committed slice): calls with queue times, at level 1.
describe('eqa load', () => {
  let dir: string;
  let env: Record<string, string>;
  const set = realDataSet('technion-anonymous-bank-call-center');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'eqa-load-'));
    env = { EQA_DUCKDB: join(dir, 'escalations.duckdb') };
    const ingest = await runEqa(
      [
        'ingest',
        '--json',
        '--mapping',
        join(set.mapping, 'technion-anonymous-bank-call-center.yaml'),
        set.slice,
      ],
      env,
    );
    expect(ingest.code, ingest.stderr).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should print the figures the library computes as JSON', async () => {
    const result = await runEqa(['load', '--json'], env);

    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as LoadResponse;
    expect(report.staffing).toMatchObject({ available: true, queueTimes: true, day: '1999-01-01' });
    expect(report.staffing.tiers[0].totals.offered).toBeGreaterThan(300);
    const store = await DuckDbStore.open(env.EQA_DUCKDB);
    try {
      expect(report).toEqual(
        JSON.parse(
          JSON.stringify({ load: await tierLoadReport(store), staffing: await staffingReport(store) }),
        ),
      );
    } finally {
      store.close();
    }
  });

  it('should print a readable summary without --json', async () => {
    const result = await runEqa(['load'], env);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Weeks 1998-12-28 to 1999-01-03 \(whole ISO weeks, UTC\)/);
    expect(result.stdout).toMatch(/Staffing for 80% within 20 s \(occupancy up to 85%, shrinkage 30%\)/);
    expect(result.stdout).toMatch(
      /level 1: \d+ calls offered, AHT \d+ s, understaffed \d+ of \d+ hours; service level observed \d+\.\d%, Erlang C predicted \d+\.\d%/,
    );
  });

  it('should name a bad option in one line', async () => {
    const result = await runEqa(['load', '--day', 'soon'], env);

    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('eqa: --day: day must be a date written YYYY-MM-DD');
  });

  it('should refuse a day outside the range in one line', async () => {
    const result = await runEqa(
      ['load', '--from', '2026-03-02', '--to', '2026-03-08', '--day', '2026-04-15'],
      env,
    );

    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(
      /^eqa: day: 2026-04-15 is outside the range \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}$/,
    );
  });
});
