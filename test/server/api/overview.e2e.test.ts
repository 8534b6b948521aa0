import { RecordBatchReader, tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OverviewSummary } from '../../../server/src/contracts/overview.contract.js';
import { startTestServer, type TestServer } from '../../setup/test-server.js';

describe('Overview API', () => {
  let sut: TestServer;
  beforeAll(async () => {
    sut = await startTestServer();
  });
  afterAll(() => sut?.close());

  it('should answer health with both stores up', async () => {
    const response = await fetch(`${sut.url}/api/health`);

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', postgres: 'ok' });
  });

  it('should match truth.json: escalations per ISO week and level', async () => {
    const response = await sut.fetch(`${sut.url}/api/overview/escalations-weekly.arrow`);

    expect(response.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
    const table = tableFromIPC(new Uint8Array(await response.arrayBuffer()));
    const rows = table.toArray().map((r) => ({ week: r.week, level: r.level, escalations: r.escalations }));
    expect(rows).toEqual(sut.truth.overview.weeklyEscalations);
  });

  it('should match truth.json: share of escalated cases resolved within 30 days', async () => {
    const summary = (await (await sut.fetch(`${sut.url}/api/overview`)).json()) as OverviewSummary;

    const truth = sut.truth.overview.resolution;
    expect(summary.resolution).toMatchObject({
      due: truth.due,
      resolvedWithin30Days: truth.resolvedWithin30Days,
      notYetDue: truth.notYetDue,
    });
    expect(summary.resolution.share).toBeCloseTo(truth.share ?? Number.NaN, 10);
    const [low, high] = summary.resolution.interval ?? [Number.NaN, Number.NaN];
    expect(low).toBeLessThan(truth.share ?? Number.NaN);
    expect(high).toBeGreaterThan(truth.share ?? Number.NaN);
    const totalEscalations = sut.truth.overview.weeklyEscalations.reduce((n, w) => n + w.escalations, 0);
    expect(summary.escalations).toBe(totalEscalations);
  });

  it('should match truth.json: resolution per week of first contact', async () => {
    const response = await sut.fetch(`${sut.url}/api/overview/resolution-weekly.arrow`);
    const reader = await RecordBatchReader.from(response.body as unknown as AsyncIterable<Uint8Array>);
    const rows: { week: string; due: number; resolvedWithin30Days: number }[] = [];
    for await (const batch of reader) {
      for (const r of batch.toArray()) {
        rows.push({ week: r.week, due: r.due, resolvedWithin30Days: r.resolved_within_30_days });
      }
    }

    expect(rows).toEqual(sut.truth.overview.weeklyResolution);
  });

  it('should narrow every figure to a date range', async () => {
    const weeks = sut.truth.overview.weeklyEscalations;
    const from = weeks[Math.floor(weeks.length / 2)].week;
    const to = addDays(from, 13);

    const summary = (await (
      await sut.fetch(`${sut.url}/api/overview?from=${from}&to=${to}`)
    ).json()) as OverviewSummary;

    const expected = weeks
      .filter((w) => w.week >= from && w.week <= to)
      .reduce((n, w) => n + w.escalations, 0);
    expect(summary.range).toEqual({ from, to });
    expect(summary.escalations).toBe(expected);
  });

  it('should answer a bad query parameter with 400 naming the field, and no stack', async () => {
    const response = await sut.fetch(`${sut.url}/api/overview?from=2026-13-45`);

    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body).toEqual({
      code: 'INVALID_QUERY',
      message: 'Invalid query: from: from must be a date written YYYY-MM-DD',
    });
  });

  it('should serve concurrent requests on the DuckDB store without errors', async () => {
    const paths = [
      '/api/overview',
      '/api/overview/escalations-weekly.arrow',
      '/api/overview/resolution-weekly.arrow',
    ];

    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => sut.fetch(`${sut.url}${paths[i % 3]}`)),
    );

    expect(responses.map((r) => r.status)).toEqual(Array(30).fill(200));
  });

  it('should serve the dashboard at /', async () => {
    const response = await fetch(`${sut.url}/`);

    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="app"');
  });
});

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
