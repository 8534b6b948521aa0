import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { standardsSummary } from '../../../etl/src/index.js';
import type { CaseDetail, StandardsOverview } from '../../../server/src/contracts/standards.contract.js';
import { startTestServer, type TestServer } from '../../setup/test-server.js';

describe('Standards and Case API', () => {
  let sut: TestServer;
  beforeAll(async () => {
    sut = await startTestServer({ tickets: 3000, seed: 11 });
  });
  afterAll(() => sut?.close());

  const get = (path: string) => sut.fetch(`${sut.url}${path}`);

  it('should give this period against the previous one, the weekly trend and the breakdowns', async () => {
    const range = { from: '2026-06-01', to: '2026-08-31' };
    const body = (await (
      await get(`/api/standards/overview?from=${range.from}&to=${range.to}`)
    ).json()) as StandardsOverview;
    const current = await standardsSummary(sut.store, range);
    const previous = await standardsSummary(sut.store, { from: '2026-03-01', to: '2026-05-31' });

    expect(body.range).toEqual(range);
    expect(body.previousRange).toEqual({ from: '2026-03-01', to: '2026-05-31' });
    expect(body.current).toEqual(current.total);
    expect(body.previous).toEqual(previous.total);
    expect(body.breakdown.team.map((r) => r.key)).toEqual(current.byTeam.map((r) => r.key));
    expect(body.weekly.map((w) => w.week)).toEqual([...body.weekly.map((w) => w.week)].sort());
    expect(body.weekly.every((w) => w.week >= '2026-05-25' && w.week <= range.to)).toBe(true);
    const overall = body.lowestCases.map((c) => c.overall);
    expect(overall).toEqual([...overall].sort((a, b) => a - b));
    expect(body.scoredWith?.version).toBe('default-2025.1');
  });

  it('should name a bad date in a 400 without a stack', async () => {
    const response = await get('/api/standards/overview?from=2026-02-30');

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      code: 'INVALID_QUERY',
      message: 'Invalid query: from: from must be a date written YYYY-MM-DD',
    });
  });

  it('should give a case whole: scores, steps, evidence, timeline, calls and surveys', async () => {
    const overview = (await (await get('/api/standards/overview')).json()) as StandardsOverview;
    const ticketId = overview.lowestCases[0].ticketId;

    const body = (await (await get(`/api/cases/${encodeURIComponent(ticketId)}`)).json()) as CaseDetail;

    expect(body.ticket.ticket_id).toBe(ticketId);
    expect(body.score?.overall).toBe(overview.lowestCases[0].overall);
    expect(body.steps.length).toBeGreaterThan(0);
    expect(body.evidence.some((e) => e.standard === 'resolution')).toBe(true);
    expect(body.events.map((e) => e.at)).toEqual([...body.events.map((e) => e.at)].sort());
    for (const e of body.evidence.filter((x) => x.source === 'note')) {
      const step = body.steps.find((s) => s.step_no === e.step_no)!;
      const note = body.events.find((ev) => ev.at === step.at && ev.note)?.note ?? '';
      expect([...note].slice(e.span_start!, e.span_start! + e.span_length!).join('')).toBe(e.excerpt);
    }
  });

  it('should answer 404 with a message for an unknown case', async () => {
    const response = await get('/api/cases/NO-SUCH-TICKET');

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      code: 'NOT_FOUND',
      message: 'No case with ticket id NO-SUCH-TICKET in the store',
    });
  });
});
