import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { krippendorffAlpha } from '../../../etl/src/index.js';
import type { CalibrationSessionDto } from '../../../server/src/contracts/calibration.contract.js';
import type { TestSession } from '../../setup/sessions.js';
import { startTestServer, type TestServer } from '../../setup/test-server.js';

describe('Calibration sessions API', () => {
  let sut: TestServer;
  let fay: TestSession;
  let rita: TestSession;
  let quinn: TestSession;
  let tickets: string[];

  beforeAll(async () => {
    sut = await startTestServer({ tickets: 1500, seed: 9 });
    fay = await sut.signIn(['lead'], 'fay');
    rita = await sut.signIn(['qa'], 'rita');
    quinn = await sut.signIn(['qa'], 'quinn');
    tickets = (
      await sut.store.all<{ ticket_id: string }>(
        'SELECT ticket_id FROM case_scores ORDER BY ticket_id LIMIT 2',
      )
    ).map((r) => r.ticket_id);
  });
  afterAll(() => sut?.close());

  const send = async (as: TestSession, method: string, path: string, body?: unknown) => {
    const response = await as.fetch(`${sut.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (await response.json()) as CalibrationSessionDto & { message?: string },
    };
  };
  // facilitator, rita (lenient: +10 on routing), quinn (strict: −20 on resolution)
  const scores = (ticket: number, who: 'fay' | 'rita' | 'quinn') => {
    const base = ticket === 0 ? [80, 60, 40, 90] : [30, 70, 50, 20];
    const [rd, aq, sat, res] = base as [number, number, number, number];
    return {
      right_department: who === 'rita' ? rd + 10 : rd,
      assessment_quality: aq,
      satisfaction: sat,
      resolution: who === 'quinn' ? res - 20 : res,
    };
  };

  it('should keep scores blind until everyone has scored, then show alpha, disagreements and drift', async () => {
    const created = await send(fay, 'POST', '/api/calibration-sessions', {
      title: 'March calibration',
      facilitator: 'fay',
      reviewers: ['rita', 'quinn'],
      ticketIds: tickets,
    });
    expect(created.status, created.body.message).toBe(201);
    const id = created.body.id;
    const score = (as: TestSession, who: 'fay' | 'rita' | 'quinn', t: number) =>
      send(as, 'POST', `/api/calibration-sessions/${id}/scores`, {
        ticketId: tickets[t],
        scores: scores(t, who),
      });

    expect((await score(rita, 'rita', 0)).status).toBe(201);
    expect((await score(rita, 'rita', 1)).status).toBe(201);
    const ritaView = await send(rita, 'GET', `/api/calibration-sessions/${id}`);
    expect(ritaView.body.results).toBeNull();
    expect(ritaView.body.myScores[tickets[0] ?? '']?.right_department).toBe(90);
    const quinnView = await send(quinn, 'GET', `/api/calibration-sessions/${id}`);
    expect(quinnView.body.myScores).toEqual({});
    expect(quinnView.body.status.find((p) => p.reviewer === 'rita')).toMatchObject({
      scored: 8,
      of: 8,
      done: true,
    });
    expect(JSON.stringify(quinnView.body)).not.toContain('"right_department":90');

    const otto = await sut.signIn(['qa'], 'otto');
    expect((await send(otto, 'GET', `/api/calibration-sessions/${id}`)).status).toBe(403);
    expect((await score(otto, 'rita', 0)).status).toBe(403);
    const trainer = await sut.signIn(['trainer']);
    expect((await send(trainer, 'GET', '/api/calibration-sessions')).status).toBe(403);
    expect((await send(rita, 'POST', '/api/calibration-sessions', { title: 'x' })).status).toBe(403);

    for (const t of [0, 1]) {
      await score(quinn, 'quinn', t);
      await score(fay, 'fay', t);
    }
    const done = await send(quinn, 'GET', `/api/calibration-sessions/${id}`);
    expect(done.body.complete).toBe(true);
    const results = done.body.results;
    console.log(`calibration: ${JSON.stringify(results?.alpha)}; drift ${JSON.stringify(results?.drift)}`);
    const routing = results?.alpha.find((a) => a.standard === 'right_department');
    expect(routing?.alpha).toBeCloseTo(
      krippendorffAlpha([
        [80, 90, 80],
        [30, 40, 30],
      ]).alpha ?? Number.NaN,
      12,
    );
    expect(results?.alpha.find((a) => a.standard === 'assessment_quality')?.alpha).toBe(1);
    expect(results?.disagreements).toHaveLength(4);
    expect(results?.disagreements[0]).toMatchObject({ standard: 'resolution', spread: 20 });
    expect(
      results?.disagreements.find((d) => d.ticketId === tickets[0] && d.standard === 'right_department')
        ?.scores,
    ).toEqual({
      fay: 80,
      rita: 90,
      quinn: 80,
    });
    // 8 cells each: rita +10 on 2 of them → +2.5 (most lenient); quinn −20 on 2 → −5 (strictest)
    expect(results?.drift).toEqual([
      { reviewer: 'quinn', meanSignedDifference: -5, compared: 8 },
      { reviewer: 'rita', meanSignedDifference: 2.5, compared: 8 },
    ]);
    expect((await score(rita, 'rita', 0)).status).toBe(409);
  });

  it('should refuse a malformed session and a score for a case outside the session, naming the field', async () => {
    const bad = await send(fay, 'POST', '/api/calibration-sessions', {
      title: 'x',
      facilitator: 'fay',
      reviewers: ['rita'],
      ticketIds: tickets,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/reviewers/);
    const created = await send(fay, 'POST', '/api/calibration-sessions', {
      title: 'April',
      facilitator: 'fay',
      reviewers: ['rita', 'quinn'],
      ticketIds: [tickets[0]],
    });
    const outside = await send(rita, 'POST', `/api/calibration-sessions/${created.body.id}/scores`, {
      ticketId: 'T-ELSEWHERE',
      scores: scores(0, 'rita'),
    });
    expect(outside.status).toBe(400);
    expect(outside.body.message).toMatch(/ticketId/);
  });
});
