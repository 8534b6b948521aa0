import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffingReport, tierLoadCases, tierLoadReport } from '../../../etl/src/index.js';
import type { LoadResponse, TierLoadCasesPage } from '../../../server/src/contracts/load.contract.js';
import { startTestServer, type TestServer } from '../../setup/test-server.js';

describe('Load API', () => {
  let sut: TestServer;
  beforeAll(async () => {
    sut = await startTestServer({ tickets: 3000, seed: 3 });
  });
  afterAll(() => sut?.close());

  const get = (path: string) => sut.fetch(`${sut.url}${path}`);

  it('should answer each tier’s weekly load and its staffing, as the library computes them', async () => {
    const response = await get('/api/load');

    expect(response.status).toBe(200);
    const body = (await response.json()) as LoadResponse;
    expect(body).toEqual(
      JSON.parse(
        JSON.stringify({ load: await tierLoadReport(sut.store), staffing: await staffingReport(sut.store) }),
      ),
    );
    expect(body.load.tiers.map((t) => t.level)).toEqual([1, 2, 3, 4]);
    // every escalation step the generator made arrives at a tier as an escalation
    const escalated = body.load.tiers.reduce((sum, t) => sum + t.totals.arrivals.escalated, 0);
    expect(escalated).toBe(sut.truth.overview.escalationSteps);
    // the generator's inbound calls carry queue times: the service level reached is measured
    expect(body.staffing).toMatchObject({ available: true, queueTimes: true });
    const first = body.staffing.tiers.find((t) => t.level === 1)?.totals;
    expect(first?.measured).toBeGreaterThan(500);
    expect(first?.abandoned).toBeGreaterThan(0);
    expect(first?.abandoned).toBeLessThan(0.1 * (first?.offered ?? 0));
    // seed 3: 77% of level 1's calls answered within 20 s, most of them in seconds, fewer in busy hours
    expect(first?.observedServiceLevel).toBeGreaterThan(0.65);
    expect(first?.observedServiceLevel).toBeLessThan(0.92);
    const [low, high] = first?.observedInterval ?? [1, 0];
    expect(low).toBeLessThan(first?.observedServiceLevel ?? 0);
    expect(high).toBeGreaterThan(first?.observedServiceLevel ?? 1);
    for (const t of body.staffing.tiers.filter((t) => t.totals.measured >= 30)) {
      expect(t.totals.observedServiceLevel, `level ${t.level}`).toBeGreaterThan(0.5);
    }
  });

  it('should keep to a range widened to whole weeks, and show the day asked for', async () => {
    const body = (await (
      await get('/api/load?from=2026-03-04&to=2026-03-10&day=2026-03-05')
    ).json()) as LoadResponse;

    expect(body.load.weeks).toEqual({ from: '2026-03-02', to: '2026-03-15' });
    expect(body.load.tiers[0].weeks.map((w) => w.week)).toEqual(['2026-03-02', '2026-03-09']);
    expect(body.staffing.day).toBe('2026-03-05');
    expect(body.staffing.tiers[0].hours[0].hour).toBe('2026-03-05T00:00:00Z');
  });

  it('should list the cases behind a figure', async () => {
    const load = await tierLoadReport(sut.store);
    const week = load.tiers[2].weeks.find((w) => w.arrivals.escalated > 0);
    const response = await get(`/api/load/cases?level=3&group=arrived_escalated&week=${week?.week}&limit=5`);

    expect(response.status).toBe(200);
    const body = (await response.json()) as TierLoadCasesPage;
    expect(body.total).toBe(week?.arrivals.escalated);
    expect(body).toEqual(
      JSON.parse(
        JSON.stringify(
          await tierLoadCases(sut.store, {
            level: 3,
            group: 'arrived_escalated',
            week: week?.week,
            limit: 5,
            offset: 0,
          }),
        ),
      ),
    );
  });

  it.each([
    ['/api/load?from=2026-02-30', 'Invalid query: from: from must be a date written YYYY-MM-DD'],
    ['/api/load?from=2026-05-01&to=2026-04-01', 'Invalid query: from: from must not be after to'],
    ['/api/load?day=Tuesday', 'Invalid query: day: day must be a date written YYYY-MM-DD'],
    ['/api/load/cases?level=5&group=open', 'Invalid query: level: level must be a level from 1 to 4'],
    [
      '/api/load/cases?level=1&group=busy',
      'Invalid query: group: group must be one of arrived, arrived_new, arrived_escalated, arrived_returned, arrived_reopened, resolved, escalated_up, de_escalated, open, upheld, within_authority',
    ],
    [
      '/api/load/cases?level=1&group=open&week=2026-03-04',
      "Invalid query: week: expected the Monday of an ISO week as YYYY-MM-DD, got '2026-03-04'",
    ],
  ])('should answer %s with a 400 naming the field', async (path, message) => {
    const response = await get(path);

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ code: 'INVALID_QUERY', message });
  });

  it('should be for leads and admins only', async () => {
    const qa = await sut.signIn(['qa'], 'load-qa');
    const lead = await sut.signIn(['lead'], 'load-lead');

    expect((await qa.fetch(`${sut.url}/api/load`)).status).toBe(403);
    expect((await lead.fetch(`${sut.url}/api/load`)).status).toBe(200);
  });
});
