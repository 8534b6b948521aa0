import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authorityReport,
  authorityWhatIf,
  offerBreakdown,
  offerCases,
  offerFairnessReport,
} from '../../../etl/src/index.js';
import type {
  EmpowermentResponse,
  OfferBreakdown,
  OfferCasesPage,
  WhatIfResult,
} from '../../../server/src/contracts/empowerment.contract.js';
import { startTestServer, type TestServer } from '../../setup/test-server.js';

const json = <T>(value: T): T => JSON.parse(JSON.stringify(value));

describe('Empowerment API', () => {
  let sut: TestServer;
  beforeAll(async () => {
    sut = await startTestServer({ tickets: 20_000, seed: 2 });
  }, 120_000);
  afterAll(() => sut?.close());

  const get = (path: string) => sut.fetch(`${sut.url}${path}`);

  it('should answer the authority gaps and every flag as the library computes them, the planted gap flagged', async () => {
    const response = await get('/api/empowerment');

    expect(response.status).toBe(200);
    const body = (await response.json()) as EmpowermentResponse;
    expect(body).toEqual(
      json({ authority: await authorityReport(sut.store), fairness: await offerFairnessReport(sut.store) }),
    );
    const gap = sut.truth.planted.authorityGap!;
    expect(body.fairness.flags.find((f) => f.flag === 'authority')).toMatchObject({
      cases: { flag: 'authority', kind: gap.kind },
      group: { count: gap.observed.approved, of: gap.observed.requests },
    });
  });

  it('should recompute the what-if on request, with its assumptions', async () => {
    const gap = sut.truth.planted.authorityGap!;
    const query = { kind: gap.kind, level: 1, upTo: gap.band.max };

    const response = await get(`/api/empowerment/what-if?kind=${gap.kind}&level=1&upTo=${gap.band.max}`);

    expect(response.status).toBe(200);
    const body = (await response.json()) as WhatIfResult;
    expect(body).toEqual(json(await authorityWhatIf(sut.store, query)));
    expect(body.escalationsSaved).toBeGreaterThan(0);
    expect(body.assumptions.join(' ')).toMatch(/Extra money: the requests refused above level 1/);
  });

  it('should break offers of comparable cases down by a dimension, and list the cases of a row and a flag', async () => {
    const breakdown = (await (
      await get('/api/empowerment/breakdown?dimension=channel&category=refunds')
    ).json()) as OfferBreakdown;

    expect(breakdown).toEqual(
      json(await offerBreakdown(sut.store, { dimension: 'channel', category: 'refunds' })),
    );
    const row = breakdown.rows[0]!;
    const page = (await (
      await get(
        `/api/empowerment/cases?flag=breakdown&dimension=channel&category=refunds&value=${row.key}&limit=5`,
      )
    ).json()) as OfferCasesPage;
    expect(page.total).toBe(row.cases);
    expect(page.cases).toHaveLength(5);
    const push = sut.truth.planted.rewardedPushing!;
    const flagged = (await (
      await get(`/api/empowerment/cases?flag=pushing&category=${push.category}&kind=refund&limit=3`)
    ).json()) as OfferCasesPage;
    expect(flagged).toEqual(
      json(
        await offerCases(
          sut.store,
          { flag: 'pushing', category: push.category, kind: 'refund' },
          { limit: 3 },
        ),
      ),
    );
    expect(flagged.cases[0]).toMatchObject({ pushed: true, decision: 'refused', decisionLevel: 1 });
  });

  it.each([
    ['/api/empowerment?from=2026-13-01', 'Invalid query: from: from must be a date written YYYY-MM-DD'],
    [
      '/api/empowerment/what-if?kind=refund&level=3&upTo=100',
      'Invalid query: level: level must be 1 or 2 (management is level 3 and above)',
    ],
    [
      '/api/empowerment/what-if?kind=refund&upTo=-5',
      'Invalid query: upTo: upTo must be an amount of 0 or more',
    ],
    [
      '/api/empowerment/what-if?kind=cashback&upTo=5',
      'Invalid query: kind: expected one of credit, fee_waiver, goodwill, other, refund, replacement',
    ],
    [
      '/api/empowerment/breakdown?dimension=colour',
      'Invalid query: dimension: dimension must be one of team, level, channel, segment, value_band',
    ],
    [
      '/api/empowerment/cases?flag=pushing&kind=refund',
      'Invalid query: category: required for this list of cases',
    ],
    [
      '/api/empowerment/cases?flag=everything',
      'Invalid query: flag: flag must be one of authority, pushing, team, value_band, breakdown',
    ],
  ])('should answer %s with a 400 naming the field', async (path, message) => {
    const response = await get(path);

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ code: 'INVALID_QUERY', message });
  });

  it('should be for leads and admins only', async () => {
    const qa = await sut.signIn(['qa'], 'empowerment-qa');
    const lead = await sut.signIn(['lead'], 'empowerment-lead');

    expect((await qa.fetch(`${sut.url}/api/empowerment`)).status).toBe(403);
    expect((await lead.fetch(`${sut.url}/api/empowerment/what-if?kind=refund&upTo=80`)).status).toBe(200);
  });
});
