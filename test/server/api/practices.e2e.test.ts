import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faqEffect, practicesReport } from '../../../etl/src/index.js';
import type { FaqEffect, PracticesReport } from '../../../server/src/contracts/practices.contract.js';
import { startTestServer, type TestServer } from '../../setup/test-server.js';

describe('Practices API', () => {
  let sut: TestServer;
  beforeAll(async () => {
    sut = await startTestServer({ tickets: 6000, seed: 7 });
  });
  afterAll(() => sut?.close());

  const get = (path: string) => sut.fetch(`${sut.url}${path}`);

  it('should rank the planted unfair policy first, flagged, with the figures the library computes', async () => {
    const response = await get('/api/practices');

    expect(response.status).toBe(200);
    const body = (await response.json()) as PracticesReport;
    expect(body).toEqual(JSON.parse(JSON.stringify(await practicesReport(sut.store))));
    expect(body.minimumVolume).toBe(30);
    expect(body.practices[0]).toMatchObject({
      rank: 1,
      practice: `policy:${sut.truth.planted.unfairPolicy.policy}`,
      flagged: true,
    });
    const fair = body.practices.find(
      (p) => p.practice === `policy:${sut.truth.planted.fairHighVolumePolicy.policy}`,
    );
    expect(fair?.flagged).toBe(false);
  });

  it('should report over a date range', async () => {
    const body = (await (
      await get('/api/practices?from=2026-03-01&to=2026-05-31')
    ).json()) as PracticesReport;

    expect(body.range).toEqual({ from: '2026-03-01', to: '2026-05-31' });
    expect(
      body.practices.every((p) => p.monthly.every((m) => m.month >= '2026-03' && m.month <= '2026-05')),
    ).toBe(true);
  });

  it('should give the planted FAQ update its drop in overturn share against the other practices', async () => {
    const faq = sut.truth.planted.faqUpdate;
    const practice = `policy:${faq.policy}`;

    const response = await get(
      `/api/practices/faq-effect?practice=${encodeURIComponent(practice)}&publishedAt=${faq.publishedAt}`,
    );

    expect(response.status).toBe(200);
    const body = (await response.json()) as FaqEffect;
    expect(body).toEqual(
      JSON.parse(JSON.stringify(await faqEffect(sut.store, { practice, publishedAt: faq.publishedAt }))),
    );
    expect(body.difference.overturnShare.estimate).toBeLessThan(0);
  });

  it.each([
    ['/api/practices?from=2026-02-30', 'Invalid query: from: from must be a date written YYYY-MM-DD'],
    ['/api/practices?from=2026-05-01&to=2026-04-01', 'Invalid query: from: from must not be after to'],
    [
      '/api/practices?minimumVolume=lots',
      'Invalid query: minimumVolume: minimumVolume must be a whole number of at least 1',
    ],
    [
      '/api/practices/faq-effect?publishedAt=2026-07-01',
      'Invalid query: practice: practice must be written policy:<name> or category:<name>',
    ],
    [
      '/api/practices/faq-effect?practice=refunds&publishedAt=2026-07-01',
      'Invalid query: practice: practice must be written policy:<name> or category:<name>',
    ],
    [
      '/api/practices/faq-effect?practice=category:refunds&publishedAt=July',
      'Invalid query: publishedAt: publishedAt must be a date written YYYY-MM-DD',
    ],
  ])('should answer %s with a 400 naming the field', async (path, message) => {
    const response = await get(path);

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ code: 'INVALID_QUERY', message });
  });

  it('should refuse a publication day outside the data, naming publishedAt, and 404 an unknown practice', async () => {
    const outside = await get('/api/practices/faq-effect?practice=category:refunds&publishedAt=2001-01-01');
    const unknown = await get(
      '/api/practices/faq-effect?practice=policy:no_such_policy&publishedAt=2026-07-01',
    );

    expect(outside.status).toBe(400);
    expect(((await outside.json()) as { message: string }).message).toMatch(/^Invalid query: publishedAt: /);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      code: 'NOT_FOUND',
      message: 'No practice policy:no_such_policy in the store',
    });
  });
});
