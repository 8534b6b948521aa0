import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firedRules, ruleCandidates, type SamplingRules } from '../../../etl/src/index.js';
import type {
  AgreementReport,
  FillQueueResult,
  ReviewDto,
  ReviewerWorkload,
  ReviewItemDto,
  ReviewQueueItemDto,
} from '../../../server/src/contracts/reviews.contract.js';
import type { TestSession } from '../../setup/sessions.js';
import { startTestServer, type TestServer } from '../../setup/test-server.js';

describe('Review queue API', () => {
  let sut: TestServer;
  let db: DataSource;
  let lead: TestSession;
  let rita: TestSession;
  let quinn: TestSession;
  let month: string;

  beforeAll(async () => {
    sut = await startTestServer({ tickets: 3000, seed: 5 });
    db = sut.server.app.get(DataSource);
    lead = await sut.signIn(['lead'], 'lena');
    rita = await sut.signIn(['qa'], 'rita');
    quinn = await sut.signIn(['qa'], 'quinn');
    const [busiest] = await sut.store.all<{ month: string }>(
      `SELECT strftime(first_contact_at, '%Y-%m') AS month FROM case_scores
       GROUP BY 1 ORDER BY count(*) FILTER (WHERE max_level >= 4) DESC, count(*) DESC LIMIT 1`,
    );
    month = busiest?.month ?? '';
  });
  afterAll(() => sut?.close());

  const send = (as: TestSession, method: string, path: string, body?: unknown) =>
    as.fetch(`${sut.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('should fill the queue from the rules, spread over the reviewers, audited, and skip queued cases next time', async () => {
    const rules = { month, randomPerAgentChannel: 1, lowestOverall: 5, seed: 3, dueInDays: 5 };
    const response = await send(lead, 'POST', '/api/reviews/queue/fill', rules);
    expect(response.status, JSON.stringify(await response.clone().json())).toBe(201);
    const filled = (await response.json()) as FillQueueResult;
    const full: SamplingRules = {
      ...rules,
      level4: true,
      dissatisfiedBelow: 50,
      outlierSd: 2,
    };
    const level4 = await ruleCandidates(sut.store, 'level4', full);
    console.log(`${month}: queued ${filled.added} cases, ${JSON.stringify(filled.byRule)}`);
    expect(filled.added).toBeGreaterThan(0);
    expect(filled.byRule.level4).toBe(level4.length);
    expect(filled.byRule.lowest_overall).toBeLessThanOrEqual(5);
    expect(new Set(filled.items.map((i) => i.ticketId)).size).toBe(filled.added);
    // Every reviewer with role qa gets items, least-loaded first: loads differ by at most one.
    const loads = new Map<string, number>();
    for (const item of filled.items) {
      expect(item.assignee).not.toBeNull();
      loads.set(item.assignee ?? '', (loads.get(item.assignee ?? '') ?? 0) + 1);
    }
    expect(loads.has('rita') && loads.has('quinn')).toBe(true);
    expect(Math.max(...loads.values()) - Math.min(...loads.values())).toBeLessThanOrEqual(1);
    expect(filled.items.every((i) => i.status === 'open' && !i.overdue)).toBe(true);

    const [audit] = await db.query(
      `SELECT actor, details FROM audit_log WHERE action = 'review-queue.fill' AND entity_id = $1`,
      [month],
    );
    expect(audit.actor).toBe('lena');
    expect(audit.details.added).toBe(filled.added);

    const again = (await (
      await send(lead, 'POST', '/api/reviews/queue/fill', rules)
    ).json()) as FillQueueResult;
    expect(again.added).toBe(0);
    expect(again.alreadyQueued).toBe(filled.added);
  });

  it('should show a reviewer only their items with mine=true, due first, and flag overdue ones', async () => {
    const mine = (await (
      await send(rita, 'GET', '/api/reviews/queue?mine=true')
    ).json()) as ReviewQueueItemDto[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((i) => i.assignee === 'rita')).toBe(true);
    const late = mine[0] as ReviewQueueItemDto;
    await db.query(`UPDATE review_queue_items SET due_on = current_date - 3 WHERE id = $1`, [late.id]);
    const overdue = (await (
      await send(rita, 'GET', '/api/reviews/queue?overdue=true')
    ).json()) as ReviewQueueItemDto[];
    expect(overdue.map((i) => i.id)).toEqual([late.id]);
    expect(overdue[0]?.overdue).toBe(true);
    const all = (await (await send(quinn, 'GET', '/api/reviews/queue')).json()) as ReviewQueueItemDto[];
    expect(all[0]?.id).toBe(late.id);
    expect(all.some((i) => i.assignee === 'quinn')).toBe(true);
  });

  it('should show the form with automatic scores and evidence, and store a review with its override, audited', async () => {
    const open = (await (
      await send(rita, 'GET', '/api/reviews/queue?mine=true&status=open')
    ).json()) as ReviewQueueItemDto[];
    // a case where a routing rule fired, so that the per-rule agreement has a row to check
    const firing = await firedRules(
      sut.store,
      open.map((i) => i.ticketId),
    );
    const routed = new Set(firing.filter((f) => f.standard === 'right_department').map((f) => f.ticket_id));
    // not the item made overdue above: the workload test below counts it as still open and overdue
    const onTime = open.filter((i) => !i.overdue);
    const item = onTime.find((i) => routed.has(i.ticketId)) ?? onTime[0];
    expect(onTime.some((i) => routed.has(i.ticketId))).toBe(true);
    const opened = await send(rita, 'GET', `/api/reviews/queue/${item?.id}`);
    expect(opened.status).toBe(200);
    const form = (await opened.json()) as ReviewItemDto;
    expect(form.detail.ticket.ticket_id).toBe(item?.ticketId);
    expect(form.standards.map((s) => s.standard)).toEqual([
      'right_department',
      'assessment_quality',
      'satisfaction',
      'resolution',
    ]);
    expect(form.standards.flatMap((s) => s.evidence).length).toBeGreaterThan(0);
    expect(form.review).toBeNull();
    const rd = form.standards[0]?.automatic ?? null;
    const newScore = rd === 10 ? 90 : 10;
    const scores = form.standards.map((s) =>
      s.standard === 'right_department'
        ? { standard: s.standard, override: true, score: newScore }
        : { standard: s.standard, override: false },
    );
    const noReason = await send(rita, 'POST', `/api/reviews/queue/${item?.id}/review`, { scores });
    expect(noReason.status).toBe(400);
    expect(((await noReason.json()) as { message: string }).message).toMatch(/reason/);

    const reason = 'The customer asked for billing, not tech support';
    const body = {
      scores: scores.map((s) => (s.override ? { ...s, reason } : s)),
      comments: 'Routing misjudged by the rules',
    };
    expect((await send(quinn, 'POST', `/api/reviews/queue/${item?.id}/review`, body)).status).toBe(403);
    const submitted = await send(rita, 'POST', `/api/reviews/queue/${item?.id}/review`, body);
    expect(submitted.status, JSON.stringify(await submitted.clone().json())).toBe(201);
    const review = (await submitted.json()) as ReviewDto;
    expect(review.reviewer).toBe('rita');
    expect(review.openedAt).not.toBeNull();
    expect(review.scores[0]).toMatchObject({
      standard: 'right_department',
      automatic: rd,
      human: newScore,
      overridden: true,
    });
    expect(review.scores.slice(1).every((s) => !s.overridden && s.human === s.automatic)).toBe(true);
    expect((await send(rita, 'POST', `/api/reviews/queue/${item?.id}/review`, body)).status).toBe(409);

    const seen = (await (await send(lead, 'GET', `/api/reviews/queue/${item?.id}`)).json()) as ReviewItemDto;
    expect(seen.item.status).toBe('done');
    expect(seen.review?.comments).toBe('Routing misjudged by the rules');
    const audit = await db.query(
      `SELECT actor, action, details FROM audit_log WHERE entity_type = 'review' AND entity_id = $1 ORDER BY action`,
      [review.id],
    );
    expect(audit.map((a: { actor: string; action: string }) => `${a.actor} ${a.action}`)).toEqual([
      'rita review.override',
      'rita review.submit',
    ]);
    const agreement = (await (await send(lead, 'GET', '/api/reviews/agreement')).json()) as AgreementReport;
    const routing = agreement.standards.find((s) => s.standard === 'right_department');
    expect(routing).toMatchObject({ reviewed: 1, overridden: 1, overrideShare: 1 });
    if (rd !== null) {
      expect(routing?.meanAbsDiff).toBeCloseTo(Math.abs(newScore - rd), 9);
    }
    expect(agreement.standards.find((s) => s.standard === 'resolution')).toMatchObject({ overridden: 0 });
    const fired = await firedRules(sut.store, [item?.ticketId ?? '']);
    const firedRouting = fired.filter((f) => f.standard === 'right_department').map((f) => f.rule);
    expect(
      agreement.rules
        .filter((r) => r.standard === 'right_department')
        .map((r) => r.rule)
        .sort(),
    ).toEqual(firedRouting.sort());
    expect(
      agreement.rules.filter((r) => r.standard === 'right_department').every((r) => r.overrideShare === 1),
    ).toBe(true);
    console.log(`agreement: ${JSON.stringify(routing)}; ${agreement.rules.length} rule rows`);
    expect(audit[0].details).toMatchObject({ standard: 'right_department', human: newScore, reason });
  });

  it('should count each reviewer’s open, overdue and done items and time per review', async () => {
    const workload = (await (await send(lead, 'GET', '/api/reviews/workload')).json()) as ReviewerWorkload[];
    const rita = workload.find((w) => w.reviewer === 'rita');
    const quinn = workload.find((w) => w.reviewer === 'quinn');
    console.log(`workload: ${JSON.stringify(workload)}`);
    expect(rita).toMatchObject({ done: 1, overdue: 1 });
    expect(rita?.avgMinutesPerReview).toBeGreaterThanOrEqual(0);
    expect(quinn).toMatchObject({ done: 0, overdue: 0, avgMinutesPerReview: null });
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM review_queue_items WHERE status = 'open'`);
    expect(workload.reduce((sum, w) => sum + w.open, 0)).toBe(n);
  });

  it('should export the reviews and the filtered queue as CSV', async () => {
    const reviews = await send(lead, 'GET', '/api/reviews/export.csv');
    expect(reviews.status).toBe(200);
    expect(reviews.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await reviews.text()).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(
      'review_id,ticket_id,rule,reviewer,opened_at,submitted_at,standard,automatic,human,overridden,reason,comments',
    );
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(
      /,rita,.*,right_department,.*,true,"The customer asked for billing, not tech support",/,
    );
    expect(
      (await (await send(lead, 'GET', '/api/reviews/export.csv?reviewer=quinn')).text())
        .split('\r\n')
        .filter(Boolean),
    ).toHaveLength(1);

    const queue = (await (await send(rita, 'GET', '/api/reviews/queue/export.csv?mine=true')).text())
      .split('\r\n')
      .filter(Boolean);
    const mine = (await (
      await send(rita, 'GET', '/api/reviews/queue?mine=true')
    ).json()) as ReviewQueueItemDto[];
    expect(queue[0]?.startsWith('id,ticketId,rule,month')).toBe(true);
    expect(queue).toHaveLength(mine.length + 1);
    expect(queue.slice(1).every((l) => l.split(',')[7] === 'rita')).toBe(true);
  });

  it('should refuse a fill by a reviewer, the queue to a trainer, and a malformed month with 400 naming it', async () => {
    expect((await send(rita, 'POST', '/api/reviews/queue/fill', { month })).status).toBe(403);
    const trainer = await sut.signIn(['trainer']);
    expect((await send(trainer, 'GET', '/api/reviews/queue')).status).toBe(403);
    const bad = await send(lead, 'POST', '/api/reviews/queue/fill', { month: '2026-13' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/month/);
  });

  // Last: it submits a second review, which the counts above must not see.
  it('should store a reviewer’s element judgments beside the detections and export them as labelled steps', async () => {
    const open = (await (
      await send(quinn, 'GET', '/api/reviews/queue?mine=true&status=open')
    ).json()) as ReviewQueueItemDto[];
    const forms = await Promise.all(
      open.map(
        async (i) => (await (await send(quinn, 'GET', `/api/reviews/queue/${i.id}`)).json()) as ReviewItemDto,
      ),
    );
    // a case whose first step has a note, so that the export carries it
    const form = forms.find((f) => {
      const step = f.detail.steps[0];
      return step && f.detail.events.some((e) => e.seq === step.seq && e.note?.trim());
    });
    expect(form).toBeDefined();
    const step = form?.detail.steps[0];
    const id = form?.item.id;
    const scores = (form?.standards ?? []).map((s) => ({ standard: s.standard, override: false }));
    const labels = {
      problem: !step?.problem,
      customer_ask: Boolean(step?.customer_ask),
      already_tried: Boolean(step?.already_tried),
      dispute_source: Boolean(step?.dispute_source),
      timeline: Boolean(step?.timeline),
      severity: Boolean(step?.severity),
    };

    const unknownStep = await send(quinn, 'POST', `/api/reviews/queue/${id}/review`, {
      scores,
      elements: [{ stepNo: 99, labels }],
    });
    const missing = await send(quinn, 'POST', `/api/reviews/queue/${id}/review`, {
      scores,
      elements: [{ stepNo: step?.step_no, labels: { ...labels, severity: undefined } }],
    });
    expect(unknownStep.status).toBe(400);
    expect(((await unknownStep.json()) as { message: string }).message).toMatch(
      new RegExp(`elements\\.0\\.stepNo: ${form?.item.ticketId} has no escalation step 99`),
    );
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { message: string }).message).toMatch(
      /elements\.0\.labels\.severity: severity must be true or false/,
    );

    const submitted = await send(quinn, 'POST', `/api/reviews/queue/${id}/review`, {
      scores,
      elements: [{ stepNo: step?.step_no, labels }],
    });
    expect(submitted.status, JSON.stringify(await submitted.clone().json())).toBe(201);
    const review = (await submitted.json()) as ReviewDto;
    expect(review.elements).toHaveLength(6);
    expect(review.elements[0]).toEqual({
      stepNo: step?.step_no,
      element: 'problem',
      detected: Boolean(step?.problem),
      present: !step?.problem,
    });
    const [audit] = await db.query(
      `SELECT details FROM audit_log WHERE entity_id = $1 AND action = 'review.submit'`,
      [review.id],
    );
    expect(audit.details).toMatchObject({ elements: 6, corrected: 1 });

    expect((await send(quinn, 'GET', '/api/reviews/element-labels.jsonl')).status).toBe(403);
    const exported = await send(lead, 'GET', '/api/reviews/element-labels.jsonl');
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = (await exported.text())
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    const note = form?.detail.events.find((e) => e.seq === step?.seq)?.note;
    expect(lines).toEqual([
      {
        id: `${form?.item.ticketId}#${step?.step_no}@${review.id}`,
        split: 'review',
        note,
        labels,
        comment: `reviewed by quinn on ${review.submittedAt.slice(0, 10)}`,
      },
    ]);
  });
});
