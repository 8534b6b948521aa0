import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildSearchIndex } from '../../../etl/src/index.js';
import type {
  CallFinderResult,
  RoleplaySessionDto,
  SessionPack,
  SuggestedCall,
} from '../../../server/src/contracts/roleplay.contract.js';
import { chromiumMissing, findChromium } from '../../../server/src/modules/roleplay/session-pdf.service.js';
import type { TestSession } from '../../setup/sessions.js';
import { startTestServer, type TestServer } from '../../setup/test-server.js';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('role-play API', () => {
  let sut: TestServer;
  let trainer: TestSession;
  let lead: TestSession;

  beforeAll(async () => {
    sut = await startTestServer({ tickets: 3000, seed: 5 });
    // as the ingest job does after loading rows
    await rebuildSearchIndex(sut.store);
    trainer = await sut.signIn(['trainer'], 'tara');
    lead = await sut.signIn(['lead'], 'leo');
  }, 120_000);
  afterAll(() => sut?.close());

  const send = (method: string, path: string, body?: unknown, as: TestSession = trainer) =>
    as.fetch(`${sut.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const getJson = async <T>(path: string, as: TestSession = trainer): Promise<T> => {
    const response = await send('GET', path, undefined, as);
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  };

  describe('GET /api/calls', () => {
    it('should require a session, then the trainer or admin role', async () => {
      expect((await fetch(`${sut.url}/api/calls`)).status).toBe(401);
      expect((await send('GET', '/api/calls', undefined, lead)).status).toBe(403);
      expect((await send('GET', '/api/calls')).status).toBe(200);
    });

    it('should list calls newest first without text, and by relevance with it, with marked snippets', async () => {
      const byDate = await getJson<CallFinderResult>('/api/calls?limit=10');
      expect(byDate.order).toBe('date');
      expect(byDate.total).toBeGreaterThan(100);
      const dates = byDate.calls.map((c) => c.started_at);
      expect([...dates].sort().reverse()).toEqual(dates);

      const text = await getJson<CallFinderResult>('/api/calls?q=refund&limit=10');
      expect(text.order).toBe('relevance');
      expect(text.total).toBeGreaterThan(0);
      expect(text.calls.every((c) => /«refund»/i.test(c.snippet))).toBe(true);
      const scores = text.calls.map((c) => c.score ?? 0);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    });

    it('should apply every filter to every row', async () => {
      const misrouted = sut.truth.planted.misroutedCategory;
      const page = await getJson<CallFinderResult>(
        `/api/calls?category=${misrouted.category}&level=2&rightDepartmentMax=49&limit=50`,
      );
      expect(page.total).toBeGreaterThan(0);
      for (const call of page.calls) {
        expect(call.category).toBe(misrouted.category);
        expect(call.max_level).toBe(2);
        expect(call.right_department).toBeLessThanOrEqual(49);
      }
      const typed = await getJson<CallFinderResult>(
        '/api/calls?escalationType=customer&surveyed=yes&limit=50',
      );
      for (const call of typed.calls) {
        expect(call.escalation_types).toContain('customer');
        expect(call.satisfaction).not.toBeNull();
      }
      const short = await getJson<CallFinderResult>(
        '/api/calls?durationMax=5&from=2026-01-01&to=2026-06-30&limit=50',
      );
      for (const call of short.calls) {
        expect(call.duration_seconds).toBeLessThanOrEqual(300);
        expect(call.started_at >= '2026-01-01' && call.started_at < '2026-07-01').toBe(true);
      }
      const textAndFilter = await getJson<CallFinderResult>(`/api/calls?q=refund&outcome=upheld&limit=50`);
      const textOnly = await getJson<CallFinderResult>(`/api/calls?q=refund&limit=1`);
      expect(textAndFilter.total).toBeLessThanOrEqual(textOnly.total);
      expect(textAndFilter.calls.every((c) => c.outcome === 'upheld')).toBe(true);
    });

    it('should name the field of a bad filter', async () => {
      const cases: Array<[string, RegExp]> = [
        ['level=7', /level: level must be 1, 2, 3 or 4/],
        ['outcome=won', /outcome: outcome must be one of/],
        ['satisfactionMin=80&satisfactionMax=20', /satisfactionMin: satisfactionMin must not be above/],
        ['from=2026-13-01', /from: from must be a date/],
        ['q=the', /q: Search "the"/],
        ['offset=9990&limit=20', /offset:/],
      ];
      for (const [query, message] of cases) {
        const response = await send('GET', `/api/calls?${query}`);
        expect(response.status, query).toBe(400);
        expect(((await response.json()) as { message: string }).message, query).toMatch(message);
      }
    });
  });

  it('GET /api/calls/suggested should give each pattern with a reason in numbers, the misrouted category among the wrong departments', async () => {
    const lessons = await getJson<SuggestedCall[]>('/api/calls/suggested?perKind=20');
    const kinds = new Set(lessons.map((l) => l.kind));
    expect(kinds).toContain('wrong-department');
    for (const lesson of lessons) {
      expect(lesson.reason).toMatch(/\d/);
      expect(lesson.title.length).toBeGreaterThan(0);
    }
    const misrouted = sut.truth.planted.misroutedCategory;
    const wrong = lessons.filter((l) => l.kind === 'wrong-department');
    expect(wrong.some((l) => l.category === misrouted.category)).toBe(true);
    expect(wrong.find((l) => l.category === misrouted.category)?.reason).toContain(
      misrouted.expectedDepartment,
    );
  });

  it('GET /api/calls/:callId should give the transcript as turns, the case and draft briefs; 404 for an unknown call', async () => {
    const [first] = (await getJson<CallFinderResult>('/api/calls?q=refund&limit=1')).calls;
    const call = await getJson<{
      call: { call_id: string; transcript: string };
      turns: Array<{ speaker: string; text: string }>;
      case: { ticket: { ticket_id: string } } | null;
      briefs: { customerBrief: string; agentBrief: string };
    }>(`/api/calls/${first!.call_id}`);
    expect(call.call.call_id).toBe(first!.call_id);
    expect(call.turns.length).toBeGreaterThan(1);
    expect(call.turns.map((t) => t.speaker)).toContain('Customer');
    expect(call.case?.ticket.ticket_id).toBe(first!.ticket_id);
    expect(call.briefs.customerBrief).toMatch(/You are the customer/);
    expect(call.briefs.agentBrief).toMatch(/Good handling/);
    const missing = await send('GET', '/api/calls/NO-SUCH-CALL');
    expect(missing.status).toBe(404);
  });

  describe('/api/roleplay-sessions', () => {
    it('should create, read, change and delete a session, audit each change, and mark its calls as used', async () => {
      const found = await getJson<CallFinderResult>('/api/calls?q=refund&limit=3');
      const ids = found.calls.map((c) => c.call_id);
      const created = await send('POST', '/api/roleplay-sessions', {
        title: 'Refunds: say no kindly',
        learningGoal: 'Refuse a refund outside the window without losing the customer',
        calls: ids.map((callId) => ({ callId })),
      });
      expect(created.status).toBe(201);
      const session = (await created.json()) as RoleplaySessionDto;
      expect(session.calls.map((c) => c.callId)).toEqual(ids);
      expect(session.calls.every((c) => c.customerBrief.length > 0 && c.agentBrief.length > 0)).toBe(true);
      expect(session.createdBy).toBe('tara');

      const marked = await getJson<CallFinderResult>('/api/calls?q=refund&limit=3');
      expect(marked.calls.filter((c) => ids.includes(c.call_id)).every((c) => c.used_in_sessions === 1)).toBe(
        true,
      );

      const reordered = await send('PATCH', `/api/roleplay-sessions/${session.id}`, {
        version: session.version,
        notes: 'Start with the second call.',
        calls: [
          { callId: ids[1], customerBrief: 'You are cross.', agentBrief: 'Stay calm.' },
          { callId: ids[0] },
        ],
      });
      expect(reordered.status).toBe(200);
      const changed = (await reordered.json()) as RoleplaySessionDto;
      expect(changed.calls.map((c) => c.callId)).toEqual([ids[1], ids[0]]);
      expect(changed.calls[0]).toMatchObject({ customerBrief: 'You are cross.', agentBrief: 'Stay calm.' });
      expect(changed.calls[1]!.agentBrief).toBe(session.calls[0]!.agentBrief);
      expect(changed.version).toBeGreaterThan(session.version);

      const stale = await send('PATCH', `/api/roleplay-sessions/${session.id}`, {
        version: session.version,
        title: 'x',
      });
      expect(stale.status).toBe(409);
      const badCall = await send('PATCH', `/api/roleplay-sessions/${session.id}`, {
        version: changed.version,
        calls: [{ callId: 'NO-SUCH-CALL' }],
      });
      expect(badCall.status).toBe(400);
      expect(((await badCall.json()) as { message: string }).message).toMatch(/calls\.0\.callId/);

      expect((await send('DELETE', `/api/roleplay-sessions/${session.id}`)).status).toBe(200);
      expect((await send('GET', `/api/roleplay-sessions/${session.id}`)).status).toBe(404);
      expect((await send('GET', `/api/roleplay-sessions/${UNKNOWN_ID}`)).status).toBe(404);

      const audit: Array<{ actor: string; action: string }> = await sut.server.app
        .get(DataSource)
        .query(
          `select actor, action from audit_log where entity_type = 'roleplay_session' and entity_id = $1 order by id`,
          [session.id],
        );
      expect(audit).toEqual([
        { actor: 'tara', action: 'roleplay-session.create' },
        { actor: 'tara', action: 'roleplay-session.edit' },
        { actor: 'tara', action: 'roleplay-session.delete' },
      ]);
    });

    it('should export the pack as CSV, one row per call with its briefs, and refuse a lead', async () => {
      const found = await getJson<CallFinderResult>('/api/calls?limit=2');
      const session = (await (
        await send('POST', '/api/roleplay-sessions', {
          title: 'CSV pack',
          calls: found.calls.map((c) => ({ callId: c.call_id, agentBrief: 'Brief, with "quotes"' })),
        })
      ).json()) as RoleplaySessionDto;
      const pack = await getJson<SessionPack>(`/api/roleplay-sessions/${session.id}/pack`);
      expect(pack.calls).toHaveLength(2);
      expect(pack.calls[0]!.turns.length).toBeGreaterThan(0);
      const csv = await send('GET', `/api/roleplay-sessions/${session.id}/export.csv`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
      const lines = (await csv.text()).trim().split('\r\n');
      expect(lines[0]).toMatch(/^position,call_id,ticket_id/);
      expect(lines).toHaveLength(3);
      expect(lines[1]).toContain('"Brief, with ""quotes"""');
      expect(
        (await send('GET', `/api/roleplay-sessions/${session.id}/export.csv`, undefined, lead)).status,
      ).toBe(403);
    });

    it('should answer the PDF export with a 503 naming how to install Chromium when there is none', async (ctx) => {
      if (findChromium()) {
        ctx.skip();
      }
      const session = (await (
        await send('POST', '/api/roleplay-sessions', { title: 'No chromium' })
      ).json()) as RoleplaySessionDto;
      const response = await send('GET', `/api/roleplay-sessions/${session.id}/export.pdf`);
      expect(response.status).toBe(503);
      expect(((await response.json()) as { message: string }).message).toBe(chromiumMissing);
    });
  });
});
