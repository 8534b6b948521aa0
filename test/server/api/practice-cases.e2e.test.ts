import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  PracticeCasesPage,
  PracticeFigures,
  PracticesReport,
} from '../../../server/src/contracts/practices.contract.js';
import { startTestServer, type TestServer } from '../../setup/test-server.js';

// The click-through behind every figure: the cases the API lists for a practice, a month and an
// outcome must be exactly the ones the practices report counted.
describe('Practice cases API', () => {
  let sut: TestServer;
  let report: PracticesReport;
  let unfair: PracticeFigures;

  beforeAll(async () => {
    sut = await startTestServer({ tickets: 4000, seed: 5 });
    report = (await (await sut.fetch(`${sut.url}/api/practices`)).json()) as PracticesReport;
    const found = report.practices.find(
      (p) => p.practice === `policy:${sut.truth.planted.unfairPolicy.policy}`,
    );
    if (!found) {
      throw new Error('the planted unfair policy is not in the report');
    }
    unfair = found;
  });
  afterAll(() => sut?.close());

  const cases = async (query: Record<string, string>): Promise<PracticeCasesPage> => {
    const response = await sut.fetch(`${sut.url}/api/practices/cases?${new URLSearchParams(query)}`);
    expect(response.status).toBe(200);
    return (await response.json()) as PracticeCasesPage;
  };

  it('should count, month by month, the escalated, decided and overturned cases the report counts', async () => {
    const months = unfair.monthly.filter((m) => m.escalated > 0);
    expect(months.length).toBeGreaterThan(3);

    for (const m of months) {
      const practice = unfair.practice;
      const [any, decided, overturned] = await Promise.all([
        cases({ practice, month: m.month, limit: '1' }),
        cases({ practice, month: m.month, outcome: 'decided', limit: '1' }),
        cases({ practice, month: m.month, outcome: 'overturned_or_partial', limit: '1' }),
      ]);
      expect([any.total, decided.total, overturned.total], m.month).toEqual([
        m.escalated,
        m.decided,
        m.overturnedOrPartial,
      ]);
    }
    const whole = await cases({ practice: unfair.practice, outcome: 'overturned_or_partial', limit: '1' });
    expect(whole.total).toBe(unfair.overturn.count);
  });

  it('should list, for each group, as many cases as the report counts for the practice and the range', async () => {
    const figures = (p: PracticeFigures) => ({
      reached_l3: p.reachedLevel3.count,
      dissatisfied: p.dissatisfied.count,
      repeat_contact: p.repeatContact.count,
      decided: p.overturn.of,
      overturned_or_partial: p.overturn.count,
    });
    const month = unfair.monthly[1].month;
    const ranged = (await (
      await sut.fetch(`${sut.url}/api/practices?from=${month}-05&to=${month}-25`)
    ).json()) as PracticesReport;
    const rangedUnfair = ranged.practices.find((p) => p.practice === unfair.practice);
    if (!rangedUnfair) {
      throw new Error('the planted unfair policy is not in the ranged report');
    }

    for (const [range, p] of [
      [{}, unfair],
      [{ from: `${month}-05`, to: `${month}-25` }, rangedUnfair],
    ] as const) {
      const expected = figures(p);
      const totals = Object.fromEntries(
        await Promise.all(
          Object.keys(expected).map(async (group) => {
            const page = await cases({ practice: p.practice, group, limit: '1', ...range });
            expect(page.group).toBe(group);
            return [group, page.total] as const;
          }),
        ),
      );
      expect(totals, JSON.stringify(range)).toEqual(expected);
    }
    // Zero everywhere would prove nothing: over the whole data every group has cases.
    expect(Object.values(figures(unfair)).every((n) => n > 0)).toBe(true);
  });

  it('should list as the control (others:<practice>) the sum over every other practice, with the same filters', async () => {
    const others = report.practices.filter((p) => p.practice !== unfair.practice);
    const sum = (f: (p: PracticeFigures) => number) => others.reduce((n, p) => n + f(p), 0);
    const control = `others:${unfair.practice}`;
    const [all, decided, overturned, dissatisfied] = await Promise.all([
      cases({ practice: control, limit: '1' }),
      cases({ practice: control, group: 'decided', limit: '1' }),
      cases({ practice: control, group: 'overturned_or_partial', limit: '1' }),
      cases({ practice: control, group: 'dissatisfied', limit: '1' }),
    ]);

    expect(all.practice).toBe(control);
    expect(all.total).toBe(sum((p) => p.escalationRate.escalated));
    expect([decided.total, overturned.total]).toEqual([unfair.baseline.of, unfair.baseline.count]);
    expect([decided.total, overturned.total]).toEqual([
      sum((p) => p.overturn.of),
      sum((p) => p.overturn.count),
    ]);
    expect(dissatisfied.total).toBe(sum((p) => p.dissatisfied.count));

    const month = unfair.monthly[2].month;
    const [monthAll, monthPage] = await Promise.all([
      cases({ practice: control, month, limit: '500' }),
      cases({ practice: control, month, limit: '3', offset: '3' }),
    ]);
    expect(monthAll.total).toBe(sum((p) => p.monthly.find((m) => m.month === month)?.escalated ?? 0));
    expect(monthPage.cases).toEqual(monthAll.cases.slice(3, 6));
  });

  it('should page the cases in order of first escalation, each with its outcome, level and score', async () => {
    const month = unfair.monthly.find((m) => m.escalated >= 5)?.month ?? '';
    const all = await cases({ practice: unfair.practice, month, limit: '500' });
    const second = await cases({ practice: unfair.practice, month, limit: '2', offset: '2' });

    expect(all.cases).toHaveLength(all.total);
    expect(all).toMatchObject({ practice: unfair.practice, month, outcome: 'any', limit: 500, offset: 0 });
    expect(second.cases).toEqual(all.cases.slice(2, 4));
    const times = all.cases.map((c) => c.firstEscalationAt);
    expect(times).toEqual([...times].sort());
    expect(times.every((t) => t.startsWith(month) && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(t))).toBe(true);
    expect(all.cases.every((c) => c.maxLevel !== null && c.maxLevel >= 2)).toBe(true);
    expect(all.cases.some((c) => typeof c.overall === 'number')).toBe(true);
  });

  it('should list the highest levels first with order=level, and respect a date range', async () => {
    const byLevel = await cases({ practice: unfair.practice, order: 'level', limit: '500' });
    const levels = byLevel.cases.map((c) => c.maxLevel ?? 0);
    const from = unfair.monthly[1].month;
    const ranged = await cases({
      practice: unfair.practice,
      from: `${from}-10`,
      to: `${from}-20`,
      limit: '500',
    });

    expect(levels).toEqual([...levels].sort((a, b) => b - a));
    expect(ranged.range).toEqual({ from: `${from}-10`, to: `${from}-20` });
    expect(
      ranged.cases.every((c) => c.firstEscalationAt >= `${from}-10` && c.firstEscalationAt < `${from}-21`),
    ).toBe(true);
  });

  it.each([
    [
      'practice=refunds',
      'Invalid query: practice: practice must be written policy:<name> or category:<name>, or others:<practice> for the control',
    ],
    [
      'practice=category:refunds&group=angry',
      'Invalid query: group: group must be one of reached_l3, dissatisfied, repeat_contact, decided, overturned_or_partial',
    ],
    ['practice=category:refunds&month=2026-13', 'Invalid query: month: month must be written YYYY-MM'],
    [
      'practice=category:refunds&outcome=won',
      'Invalid query: outcome: outcome must be one of any, decided, overturned_or_partial, upheld, overturned, partial, withdrawn, none',
    ],
    ['practice=category:refunds&limit=0', 'Invalid query: limit: limit must be a whole number from 1 to 500'],
    [
      'practice=category:refunds&offset=-1',
      'Invalid query: offset: offset must be a whole number of at least 0',
    ],
  ])('should answer ?%s with a 400 naming the field', async (query, message) => {
    const response = await sut.fetch(`${sut.url}/api/practices/cases?${query}`);

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ code: 'INVALID_QUERY', message });
  });

  it.each(['policy:no_such_policy', 'others:policy:no_such_policy'])(
    'should 404 %s, which the store does not hold',
    async (practice) => {
      const response = await sut.fetch(`${sut.url}/api/practices/cases?practice=${practice}`);

      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        code: 'NOT_FOUND',
        message: `No practice ${practice} in the store`,
      });
    },
  );
});
