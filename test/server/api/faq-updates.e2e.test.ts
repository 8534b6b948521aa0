import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  FaqUpdateDto,
  FaqUpdateHistoryEntry,
} from '../../../server/src/contracts/faq-updates.contract.js';
import type { TestSession } from '../../setup/sessions.js';
import { startTestServer, type TestServer } from '../../setup/test-server.js';

interface AuditRow {
  at: Date;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  details: FaqUpdateHistoryEntry['details'];
}

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('FAQ updates API', () => {
  let sut: TestServer;
  let practice: string;
  let other: string;
  let db: DataSource;
  let lead: TestSession;

  beforeAll(async () => {
    sut = await startTestServer({ tickets: 3000, seed: 11 });
    practice = `policy:${sut.truth.planted.unfairPolicy.policy}`;
    other = `policy:${sut.truth.planted.fairHighVolumePolicy.policy}`;
    db = sut.server.app.get(DataSource);
    lead = await sut.signIn(['lead'], 'lena');
  });
  afterAll(() => sut?.close());

  const send = (method: string, path: string, body?: unknown, as: TestSession = lead) =>
    as.fetch(`${sut.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  async function create(fields: Record<string, unknown> = {}): Promise<FaqUpdateDto> {
    const response = await send('POST', '/api/faq-updates', {
      practice,
      title: 'Late fees: waive the first one',
      ...fields,
    });
    expect(response.status).toBe(201);
    return (await response.json()) as FaqUpdateDto;
  }

  async function patch(update: FaqUpdateDto, fields: Record<string, unknown>): Promise<FaqUpdateDto> {
    const response = await send('PATCH', `/api/faq-updates/${update.id}`, {
      version: update.version,
      ...fields,
    });
    expect(response.status, JSON.stringify(await response.clone().json())).toBe(200);
    return (await response.json()) as FaqUpdateDto;
  }

  const auditRows = (id: string): Promise<AuditRow[]> =>
    db.query(
      `select at, actor, action, entity_type, entity_id, details from audit_log
       where entity_type = 'faq_update' and entity_id = $1 order by id`,
      [id],
    );

  it('should create a draft owned by the signed-in lead, with its audit row (who, when, after)', async () => {
    const started = Date.now();
    const created = await create({
      guidanceMarkdown: 'Waive the **first** late fee.',
      evidenceTicketIds: ['T0000001', 'T0000002', 'T0000001'],
    });

    expect(created).toMatchObject({
      practice,
      title: 'Late fees: waive the first one',
      guidanceMarkdown: 'Waive the **first** late fee.',
      evidenceTicketIds: ['T0000001', 'T0000002'],
      owner: 'lena',
      status: 'draft',
      publishedAt: null,
      version: 1,
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await (await send('GET', `/api/faq-updates/${created.id}`)).json()).toEqual(created);
    const rows = await auditRows(created.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: 'lena', action: 'faq-update.create', entity_type: 'faq_update' });
    expect(rows[0].at.getTime()).toBeGreaterThanOrEqual(started - 5_000);
    expect(rows[0].at.getTime()).toBeLessThanOrEqual(Date.now() + 5_000);
    expect(rows[0].details).toEqual({
      version: 1,
      changed: [
        'practice',
        'title',
        'guidanceMarkdown',
        'evidenceTicketIds',
        'owner',
        'status',
        'publishedAt',
      ],
      before: null,
      after: {
        practice,
        title: 'Late fees: waive the first one',
        guidanceMarkdown: 'Waive the **first** late fee.',
        evidenceTicketIds: ['T0000001', 'T0000002'],
        owner: 'lena',
        status: 'draft',
        publishedAt: null,
      },
    });
  });

  it('should edit fields, raise the version and audit only what changed, before and after', async () => {
    const created = await create({ owner: 'ana' });

    const edited = await patch(created, { title: 'Late fees: waive the first', owner: 'ana' });
    const unchanged = await patch(edited, { title: 'Late fees: waive the first' });

    expect(edited).toMatchObject({ title: 'Late fees: waive the first', owner: 'ana', version: 2 });
    expect(Date.parse(edited.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.updatedAt));
    expect(unchanged).toEqual(edited);
    const rows = await auditRows(created.id);
    expect(rows.map((r) => r.action)).toEqual(['faq-update.create', 'faq-update.edit']);
    expect(rows[1].actor).toBe('lena');
    expect(rows[1].details).toEqual({
      version: 2,
      changed: ['title'],
      before: { title: 'Late fees: waive the first one' },
      after: { title: 'Late fees: waive the first' },
    });
    const history = (await (
      await send('GET', `/api/faq-updates/${created.id}/history`)
    ).json()) as FaqUpdateHistoryEntry[];
    expect(history.map((h) => [h.actor, h.action, h.details])).toEqual(
      rows.map((r) => [r.actor, r.action, r.details]),
    );
    expect(history.every((h) => !Number.isNaN(Date.parse(h.at)))).toBe(true);
  });

  it('should refuse a change made to a stale version with a 409 naming version', async () => {
    const created = await create();
    await patch(created, { title: 'First edit' });

    const response = await send('PATCH', `/api/faq-updates/${created.id}`, { version: 1, title: 'Second' });

    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({
      code: 'CONFLICT',
      message:
        'Conflict: version: this FAQ update was changed since version 1 (it is now at version 2); reload it and make the change again',
    });
    expect((await auditRows(created.id)).map((r) => r.action)).toEqual([
      'faq-update.create',
      'faq-update.edit',
    ]);
  });

  it('should let exactly one of two simultaneous changes to the same version through', async () => {
    const created = await create();

    const answers = await Promise.all(
      ['One', 'Two', 'Three'].map((title) =>
        send('PATCH', `/api/faq-updates/${created.id}`, { version: 1, title }),
      ),
    );

    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
    expect((await auditRows(created.id)).map((r) => r.action)).toEqual([
      'faq-update.create',
      'faq-update.edit',
    ]);
  });

  it('should move draft → in review → draft → in review → published → retired, each move audited', async () => {
    let update = await create();
    update = await patch(update, { status: 'in_review' });
    update = await patch(update, { status: 'draft' });
    update = await patch(update, { status: 'in_review' });
    update = await patch(update, { status: 'published', publishedAt: '2026-06-01' });
    expect(update).toMatchObject({ status: 'published', publishedAt: '2026-06-01', version: 5 });
    update = await patch(update, { status: 'retired' });

    expect(update).toMatchObject({ status: 'retired', publishedAt: '2026-06-01', version: 6 });
    const rows = await auditRows(update.id);
    expect(rows.map((r) => r.action)).toEqual([
      'faq-update.create',
      'faq-update.submit',
      'faq-update.return-to-draft',
      'faq-update.submit',
      'faq-update.publish',
      'faq-update.retire',
    ]);
    expect(rows[4].details).toEqual({
      version: 5,
      changed: ['status', 'publishedAt'],
      before: { status: 'in_review', publishedAt: null },
      after: { status: 'published', publishedAt: '2026-06-01' },
    });
  });

  it('should publish on today when no publication date is given, and keep a planned one', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const plain = await patch(await create(), { status: 'in_review' });
    const planned = await patch(await create({ publishedAt: '2026-05-04' }), { status: 'in_review' });

    expect(await patch(plain, { status: 'published' })).toMatchObject({ publishedAt: today });
    expect(await patch(planned, { status: 'published' })).toMatchObject({ publishedAt: '2026-05-04' });
  });

  it.each([
    [
      'draft',
      { status: 'published' },
      'Invalid body: status: an FAQ update cannot move from draft to published (from draft it may move to in_review)',
    ],
    [
      'draft',
      { status: 'retired' },
      'Invalid body: status: an FAQ update cannot move from draft to retired (from draft it may move to in_review)',
    ],
    [
      'published',
      { status: 'draft' },
      'Invalid body: status: an FAQ update cannot move from published to draft (from published it may move to retired)',
    ],
    [
      'published',
      { publishedAt: null },
      'Invalid body: publishedAt: a published FAQ update needs its publication date',
    ],
    ['retired', { title: 'Again' }, 'Invalid body: status: a retired FAQ update cannot be changed'],
  ])('should refuse on a %s update %j with a 400 naming the field', async (from, change, message) => {
    let update = await create();
    const path: Record<string, string[]> = {
      draft: [],
      published: ['in_review', 'published'],
      retired: ['in_review', 'published', 'retired'],
    };
    for (const status of path[from]) {
      update = await patch(update, { status });
    }

    const response = await send('PATCH', `/api/faq-updates/${update.id}`, {
      version: update.version,
      ...change,
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ code: 'INVALID_BODY', message });
    expect((await auditRows(update.id)).length).toBe(1 + path[from].length);
  });

  it.each([
    // undefined leaves practice out of the JSON body
    [
      { practice: undefined, title: 'x' },
      'Invalid body: practice: practice must be written policy:<name> or category:<name>',
    ],
    [
      { practice: 'late fees', title: 'x' },
      'Invalid body: practice: practice must be written policy:<name> or category:<name>',
    ],
    [
      { practice: 'policy:no_such_policy', title: 'x' },
      'Invalid body: practice: policy:no_such_policy is not a practice in the store',
    ],
    [{ practice: 'POLICY', title: '  ' }, null],
    [
      { title: 'x', publishedAt: 'soon' },
      'Invalid body: publishedAt: publishedAt must be a date written YYYY-MM-DD',
    ],
    [
      { title: 'x', evidenceTicketIds: 'T1' },
      'Invalid body: evidenceTicketIds: evidenceTicketIds must be a list of ticket ids',
    ],
    [{ title: 'x', status: 'published' }, 'Invalid body: body: Unrecognized key: "status"'],
  ])('should answer POST %j with a 400 naming the field', async (body, message) => {
    const response = await send('POST', '/api/faq-updates', { practice, ...body });

    expect(response.status).toBe(400);
    const answer = (await response.json()) as { code: string; message: string };
    expect(answer.code).toBe('INVALID_BODY');
    if (message === null) {
      expect(answer.message).toMatch(/^Invalid body: practice: .*; title: title must not be empty$/);
    } else {
      expect(answer.message).toBe(message);
    }
  });

  it('should answer a PATCH without its version, or with a bad status, with a 400 naming the field', async () => {
    const update = await create();

    const noVersion = await send('PATCH', `/api/faq-updates/${update.id}`, { title: 'y' });
    const badStatus = await send('PATCH', `/api/faq-updates/${update.id}`, { version: 1, status: 'live' });

    expect(noVersion.status).toBe(400);
    expect(await noVersion.json()).toEqual({
      code: 'INVALID_BODY',
      message: 'Invalid body: version: version must be the whole number the FAQ update was read with',
    });
    expect(badStatus.status).toBe(400);
    expect(await badStatus.json()).toEqual({
      code: 'INVALID_BODY',
      message: 'Invalid body: status: status must be one of draft, in_review, published, retired',
    });
  });

  it('should 404 an unknown FAQ update and 400 an id that is no UUID', async () => {
    const get = await send('GET', `/api/faq-updates/${UNKNOWN_ID}`);
    const change = await send('PATCH', `/api/faq-updates/${UNKNOWN_ID}`, { version: 1, title: 'z' });
    const history = await send('GET', `/api/faq-updates/${UNKNOWN_ID}/history`);
    const bad = await send('GET', '/api/faq-updates/42');

    for (const response of [get, change, history]) {
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ code: 'NOT_FOUND', message: `No FAQ update ${UNKNOWN_ID}` });
    }
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      code: 'INVALID_QUERY',
      message: 'Invalid query: id: id must be the UUID of an FAQ update',
    });
  });

  it('should list by practice and status, newest change first', async () => {
    const mine = await create({ practice: other, title: 'Other practice' });
    const reviewed = await patch(await create({ practice: other, title: 'Reviewed' }), {
      status: 'in_review',
    });

    const all = (await (
      await send('GET', `/api/faq-updates?practice=${encodeURIComponent(other)}`)
    ).json()) as FaqUpdateDto[];
    const inReview = (await (
      await send('GET', `/api/faq-updates?practice=${encodeURIComponent(other)}&status=in_review`)
    ).json()) as FaqUpdateDto[];
    const badStatus = await send('GET', '/api/faq-updates?status=live');

    expect(all.map((u) => u.id)).toEqual([reviewed.id, mine.id]);
    expect(inReview).toEqual([reviewed]);
    expect(badStatus.status).toBe(400);
    expect(await badStatus.json()).toEqual({
      code: 'INVALID_QUERY',
      message: 'Invalid query: status: status must be one of draft, in_review, published, retired',
    });
  });

  it('should record who made each change: another lead editing is named in the audit row', async () => {
    const created = await create();
    const other = await sut.signIn(['lead'], 'omar');

    const response = await send(
      'PATCH',
      `/api/faq-updates/${created.id}`,
      { version: 1, owner: 'omar' },
      other,
    );

    expect(response.status).toBe(200);
    expect((await auditRows(created.id)).map((r) => [r.actor, r.action])).toEqual([
      ['lena', 'faq-update.create'],
      ['omar', 'faq-update.edit'],
    ]);
  });

  it('should let anyone signed in read, only leads and admins write, and nobody signed out', async () => {
    const created = await create();
    const qa = await sut.signIn(['qa']);

    const read = await send('GET', `/api/faq-updates/${created.id}`, undefined, qa);
    const write = await send('PATCH', `/api/faq-updates/${created.id}`, { version: 1, title: 'qa' }, qa);
    const admin = await send(
      'PATCH',
      `/api/faq-updates/${created.id}`,
      { version: 1, title: 'by the admin' },
      { username: 'test-admin', cookie: sut.cookie, token: '', fetch: sut.fetch },
    );
    const signedOut = await fetch(`${sut.url}/api/faq-updates`);

    expect(read.status).toBe(200);
    expect(write.status).toBe(403);
    expect(admin.status).toBe(200);
    expect(signedOut.status).toBe(401);
    expect((await auditRows(created.id)).map((r) => r.actor)).toEqual(['lena', 'test-admin']);
  });
});
