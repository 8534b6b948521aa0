import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseExportColumns } from '../../../etl/src/index.js';
import type {
  FillQueueResult,
  ReviewItemDto,
  ReviewQueueItemDto,
} from '../../../server/src/contracts/reviews.contract.js';
import { parseCsv } from '../../fixtures/generator/rfc4180.util.js';
import type { TestSession } from '../../setup/sessions.js';
import { startTestServer, type TestServer } from '../../setup/test-server.js';

type Row = Record<(typeof caseExportColumns)[number], string>;

interface StoreCase {
  ticket_id: string;
  first_contact_at: Date;
  resolved_at: Date | null;
  escalations: number;
  max_level: number | null;
  resolution_status: string;
  category: string | null;
  outcome: string | null;
  right_department: number | null;
  assessment_quality: number | null;
  satisfaction: number | null;
  resolution: number | null;
  overall: number | null;
  survey_status: string | null;
}

/** A number the export rounded to 2 decimals, against the store's unrounded one (null: blank). */
const near = (cell: string, value: number | null) =>
  value === null ? cell === '' : cell !== '' && Math.abs(Number(cell) - value) <= 0.0051;
const isoSecond = (value: Date | null) => (value === null ? '' : `${value.toISOString().slice(0, 19)}Z`);
const day = (value: Date) => value.toISOString().slice(0, 10);

describe('Per-case CSV export API', () => {
  let sut: TestServer;
  let db: DataSource;
  let lead: TestSession;
  let rita: TestSession;
  /** Every escalated case of the store, read from its tables without the export's SQL. */
  let cases: Map<string, StoreCase>;
  let steps: {
    ticket_id: string;
    step_no: number;
    is_entry: boolean;
    from_level: number | null;
    to_level: number;
  }[];
  let agents: { ticket_id: string; department: string | null; team: string | null }[];
  let reviewed: { ticketId: string; human: number; item: ReviewQueueItemDto };

  beforeAll(async () => {
    // Enough tickets for more than one DuckDB chunk (2048 rows) of escalated cases.
    sut = await startTestServer({ tickets: 10000, seed: 13 });
    db = sut.server.app.get(DataSource);
    lead = await sut.signIn(['lead'], 'lena');
    rita = await sut.signIn(['qa'], 'rita');
    const rows = await sut.store.all<StoreCase & { escalations: number }>(
      `SELECT f.ticket_id, f.first_contact_at, f.resolved_at, f.escalations::INTEGER AS escalations,
              f.max_level::INTEGER AS max_level, f.resolution_status, t.category, t.outcome,
              c.right_department, c.assessment_quality, c.satisfaction, c.resolution, c.overall, c.survey_status
       FROM case_facts f JOIN tickets t USING (ticket_id) LEFT JOIN case_scores c USING (ticket_id)`,
    );
    cases = new Map(rows.filter((r) => r.escalations > 0).map((r) => [r.ticket_id, r]));
    steps = await sut.store.all(
      'SELECT ticket_id, step_no, is_entry, from_level, to_level FROM escalation_steps ORDER BY ticket_id, step_no',
    );
    agents = await sut.store.all('SELECT ticket_id, department, team FROM case_agents');

    // One case reviewed by rita, with the right-department score overridden.
    const [month] = await sut.store.all<{ month: string }>(
      `SELECT strftime(first_contact_at, '%Y-%m') AS month FROM case_scores GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
    );
    const filled = (await (
      await send(lead, 'POST', '/api/reviews/queue/fill', { month: month?.month, lowestOverall: 3 })
    ).json()) as FillQueueResult;
    const item = filled.items.find((i) => i.assignee === 'rita' && cases.has(i.ticketId));
    if (!item) {
      throw new Error('the fill gave rita no escalated case');
    }
    const form = (await (await send(rita, 'GET', `/api/reviews/queue/${item.id}`)).json()) as ReviewItemDto;
    const response = await send(rita, 'POST', `/api/reviews/queue/${item.id}/review`, {
      scores: form.standards.map((s) =>
        s.standard === 'right_department'
          ? { standard: s.standard, override: true, score: 12.5, reason: 'Billing, not tech support' }
          : { standard: s.standard, override: false },
      ),
      comments: 'Checked the routing table, "billing" row',
    });
    expect(response.status).toBe(201);
    reviewed = { ticketId: item.ticketId, human: 12.5, item };
  });
  afterAll(() => sut?.close());

  async function send(as: TestSession, method: string, path: string, body?: unknown): Promise<Response> {
    return as.fetch(`${sut.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  async function exportRows(as: TestSession, query = ''): Promise<{ response: Response; rows: Row[] }> {
    const response = await send(as, 'GET', `/api/reviews/cases.csv${query}`);
    expect(response.status, query).toBe(200);
    const parsed = parseCsv(await response.text());
    expect(parsed.header).toEqual([...caseExportColumns]);
    const rows = parsed.rows
      .filter((cells) => cells.length > 1)
      .map((cells) => Object.fromEntries(caseExportColumns.map((c, i) => [c, cells[i] ?? ''])) as Row);
    return { response, rows };
  }

  it('should stream one row per escalated case with its scores and timings as the store holds them', async () => {
    const { response, rows } = await exportRows(rita);

    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    expect(rows.length).toBe(cases.size);
    expect(rows.length).toBeGreaterThan(2048);
    expect(new Set(rows.map((r) => r.ticket_id)).size).toBe(rows.length);
    console.log(`exported ${rows.length} escalated cases`);

    for (const row of rows) {
      const c = cases.get(row.ticket_id);
      expect(c, row.ticket_id).toBeDefined();
      if (!c) {
        continue;
      }
      const got = {
        first: row.first_contact_at,
        resolved: row.resolved_at,
        status: row.resolution_status,
        escalations: row.escalations,
        max: row.max_level,
        category: row.category,
        outcome: row.outcome,
        survey: row.survey_status,
      };
      expect(got, row.ticket_id).toEqual({
        first: isoSecond(c.first_contact_at),
        resolved: isoSecond(c.resolved_at),
        status: c.resolution_status,
        escalations: String(c.escalations),
        max: c.max_level === null ? '' : String(c.max_level),
        category: c.category ?? '',
        outcome: c.outcome ?? '',
        survey: c.survey_status ?? '',
      });
      const days =
        c.resolved_at === null ? null : (c.resolved_at.getTime() - c.first_contact_at.getTime()) / 86_400_000;
      const numbers: [string, string, number | null][] = [
        ['days_to_resolve', row.days_to_resolve, days],
        ['right_department', row.right_department, c.right_department],
        ['assessment_quality', row.assessment_quality, c.assessment_quality],
        ['satisfaction', row.satisfaction, c.satisfaction],
        ['resolution', row.resolution, c.resolution],
        ['overall', row.overall, c.overall],
      ];
      for (const [column, cell, value] of numbers) {
        expect(near(cell, value), `${row.ticket_id} ${column}: ${cell} against ${value}`).toBe(true);
      }
    }
  });

  it('should list the levels each case reached in order, and who handled it', async () => {
    const { rows } = await exportRows(rita);
    const byTicket = new Map(rows.map((r) => [r.ticket_id, r]));
    const stepsOf = new Map<string, typeof steps>();
    for (const step of steps) {
      stepsOf.set(step.ticket_id, [...(stepsOf.get(step.ticket_id) ?? []), step]);
    }
    let checked = 0;
    for (const [ticketId, own] of stepsOf) {
      const row = byTicket.get(ticketId);
      if (!row) {
        continue;
      }
      const escalations = own.filter((s) => !s.is_entry);
      const start = escalations[0]?.from_level ?? own[0]?.to_level;
      expect(row.levels_reached, ticketId).toBe([start, ...escalations.map((s) => s.to_level)].join('>'));
      expect(Number(row.max_level), ticketId).toBe(Math.max(...own.map((s) => s.to_level)));
      checked += 1;
    }
    expect(checked).toBe(rows.length);
    const departmentsOf = (id: string) =>
      [...new Set(agents.filter((a) => a.ticket_id === id && a.department).map((a) => a.department))]
        .sort()
        .join(';');
    for (const row of rows.slice(0, 200)) {
      expect(row.departments, row.ticket_id).toBe(departmentsOf(row.ticket_id));
    }
  });

  it("should carry the reviewer's scores on the reviewed case and leave the others blank", async () => {
    const { rows } = await exportRows(lead);
    const row = rows.find((r) => r.ticket_id === reviewed.ticketId);
    const automatic = cases.get(reviewed.ticketId);
    expect(row).toMatchObject({
      reviewed: 'true',
      reviewer: 'rita',
      review_rule: reviewed.item.rule,
      review_right_department: '12.5',
      review_overrides: '1',
      review_comments: 'Checked the routing table, "billing" row',
    });
    const [stored] = await db.query(
      `SELECT to_char(submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at FROM reviews WHERE ticket_id = $1`,
      [reviewed.ticketId],
    );
    expect(row?.reviewed_at).toBe(stored.at);
    // Confirmed standards keep the automatic score as the human one.
    expect(near(row?.review_assessment_quality ?? '', automatic?.assessment_quality ?? null)).toBe(true);
    expect(near(row?.review_satisfaction ?? '', automatic?.satisfaction ?? null)).toBe(true);
    expect(near(row?.review_resolution ?? '', automatic?.resolution ?? null)).toBe(true);
    const others = rows.filter((r) => r.ticket_id !== reviewed.ticketId);
    expect(
      others.every((r) => r.reviewed === 'false' && r.reviewer === '' && r.review_overrides === ''),
    ).toBe(true);

    const only = await exportRows(lead, '?reviewed=true');
    expect(only.rows.map((r) => r.ticket_id)).toEqual([reviewed.ticketId]);
    expect((await exportRows(lead, '?reviewed=false')).rows).toHaveLength(rows.length - 1);
  });

  it('should honour the date range, category, department and team as the Overview credits cases', async () => {
    const all = [...cases.values()];
    const days = all.map((c) => day(c.first_contact_at)).sort();
    const from = days[Math.floor(days.length / 4)] as string;
    const to = days[Math.floor(days.length / 2)] as string;
    const inRange = all.filter((c) => day(c.first_contact_at) >= from && day(c.first_contact_at) <= to);
    const ranged = await exportRows(rita, `?from=${from}&to=${to}`);
    expect(ranged.rows.map((r) => r.ticket_id).sort()).toEqual(inRange.map((c) => c.ticket_id).sort());

    const category = all[0]?.category as string;
    const byCategory = await exportRows(
      rita,
      `?category=${encodeURIComponent(category)}&from=${from}&to=${to}`,
    );
    expect(byCategory.rows.length).toBe(inRange.filter((c) => c.category === category).length);
    expect(byCategory.rows.every((r) => r.category === category)).toBe(true);

    const department = agents.find((a) => a.department)?.department as string;
    const handledBy = new Set(agents.filter((a) => a.department === department).map((a) => a.ticket_id));
    const byDepartment = await exportRows(rita, `?department=${encodeURIComponent(department)}`);
    expect(byDepartment.rows.map((r) => r.ticket_id).sort()).toEqual(
      all
        .filter((c) => handledBy.has(c.ticket_id))
        .map((c) => c.ticket_id)
        .sort(),
    );
    expect(byDepartment.rows.length).toBeLessThan(all.length);

    const team = agents.find((a) => a.team)?.team as string;
    const inTeam = new Set(agents.filter((a) => a.team === team).map((a) => a.ticket_id));
    const byTeam = await exportRows(rita, `?team=${encodeURIComponent(team)}`);
    expect(byTeam.rows.length).toBe(all.filter((c) => inTeam.has(c.ticket_id)).length);
    expect(byTeam.rows.every((r) => r.teams.split(';').includes(team))).toBe(true);

    const none = await exportRows(rita, '?category=no-such-category');
    expect(none.rows).toEqual([]);
  });

  it('should refuse trainers and visitors, and name a bad filter', async () => {
    const trainer = await sut.signIn(['trainer']);
    expect((await send(trainer, 'GET', '/api/reviews/cases.csv')).status).toBe(403);
    expect((await fetch(`${sut.url}/api/reviews/cases.csv`)).status).toBe(401);

    const bad = await send(rita, 'GET', '/api/reviews/cases.csv?from=2026-02-30');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/^Invalid query: from: /);
    const backwards = await send(rita, 'GET', '/api/reviews/cases.csv?from=2026-03-01&to=2026-02-01');
    expect(backwards.status).toBe(400);
    expect(((await backwards.json()) as { message: string }).message).toContain('from must not be after to');
  });
});
