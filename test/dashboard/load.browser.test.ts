import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChartSummary } from '../../dashboard/src/lib/charts/chart-summary.js';
import { ingestPaths, scoreStore } from '../../etl/src/index.js';
import type { LoadResponse, TierLoadCasesPage } from '../../server/src/contracts/load.contract.js';
import { realDataSet } from '../etl/ingest/real-data/real-data.util.js';
import { dashboardSkipReason, screenshot, withPage } from '../setup/browser.js';
import { openTempStore, type TempStore } from '../setup/duckdb-file.js';
import { rememberBrowserSession, type TestSession } from '../setup/sessions.js';
import { type ServedStore, serveStore, startTestServer, type TestServer } from '../setup/test-server.js';

const whySkip = dashboardSkipReason;

const viewport = { width: 1280, height: 900 };

// Written out here rather than imported, so a change of the page's formatting fails this test.
const count = (n: number) => n.toLocaleString('en-GB');
const pct = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);

async function settled(page: Page, before: number): Promise<void> {
  await page.waitForFunction(`window.__eqaReady === true && (window.__eqaSettled ?? 0) > ${before}`);
}

async function openSettled(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.waitForFunction('window.__eqaReady === true');
  expect(await page.evaluate<string | null>('window.__eqaError ?? null')).toBeNull();
}

async function settledAfter(page: Page, action: () => Promise<unknown>): Promise<void> {
  const before = await page.evaluate<number>('window.__eqaSettled ?? 0');
  await action();
  await settled(page, before);
}

async function chart(page: Page, id: string): Promise<ChartSummary | undefined> {
  return (await page.evaluate<Record<string, ChartSummary>>('window.__eqaCharts ?? {}'))[id];
}

const text = async (page: Page, selector: string) =>
  (await page.locator(selector).first().textContent())?.trim();

describe('Load page in Chromium: generated escalations', () => {
  let sut: TestServer | undefined;
  let baseUrl = '';
  let lead: TestSession;

  const api = async <T>(path: string): Promise<T> => {
    const response = await lead.fetch(`${baseUrl}${path}`);
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  };

  beforeAll(async () => {
    if (whySkip) {
      return;
    }
    sut = await startTestServer({ tickets: 4000, seed: 7 });
    baseUrl = sut.url.replace('//localhost:', '//127.0.0.1:');
    lead = await sut.signIn(['lead'], 'lina');
    rememberBrowserSession(sut.url, lead);
  });
  afterAll(() => sut?.close());

  it('should draw each tier as the API counts it, its weeks, and the cases behind a figure, with filters in the URL', async (ctx) => {
    ctx.skip(Boolean(whySkip), whySkip);
    const report = await api<LoadResponse>('/api/load');
    const manager = report.load.tiers.find((t) => t.level === 3);
    if (!manager) {
      throw new Error('the generated data has no level 3');
    }

    await withPage(
      baseUrl,
      async (page, problems) => {
        await openSettled(page, '/load');
        expect(new URL(page.url()).search).toBe('');
        await screenshot(page, 'load');

        // one row per tier, with the API's totals
        const rows = page.locator('table.tiers tbody tr');
        expect(await rows.count()).toBe(report.load.tiers.length);
        for (const t of report.load.tiers) {
          const row = page.locator(`table.tiers tr[data-level="${t.level}"]`);
          expect((await row.locator('[data-col="arrived"] button:not(.small)').textContent())?.trim()).toBe(
            count(t.totals.arrivals.total),
          );
          expect((await row.locator('[data-col="arrived"] button.small').textContent())?.trim()).toBe(
            count(t.totals.arrivals.escalated),
          );
          expect(
            (await row.locator('[data-col="passed"] button').allTextContents()).map((x) => x.trim()),
          ).toEqual([count(t.totals.escalatedUp), count(t.totals.deEscalated)]);
          expect((await row.locator('[data-col="resolved"] button').textContent())?.trim()).toBe(
            count(t.totals.resolved),
          );
          expect((await row.locator('[data-col="open"] button').textContent())?.trim()).toBe(
            count(t.totals.openAtEnd),
          );
          if (t.totals.management) {
            expect((await row.locator('[data-col="management"] .value').textContent())?.trim()).toBe(
              `${pct(t.totals.management.callMinutes.share)} · ${pct(t.totals.management.activeHours.share)}`,
            );
          }
        }

        // the first management tier is drawn by default, week by week
        expect(await text(page, '.tier-charts .section-title')).toBe('Level 3 · managers, week by week');
        const flow = await chart(page, 'load-flow');
        expect(flow?.labels).toBe(manager.weeks.length);
        expect(flow?.datasets.find((d) => d.label === 'Arrived')?.sum).toBe(manager.totals.arrivals.total);
        expect(flow?.datasets.find((d) => d.label === 'Resolved here')?.sum).toBe(manager.totals.resolved);
        const open = await chart(page, 'load-open');
        expect(open?.datasets[0].sum).toBe(manager.weeks.reduce((s, w) => s + w.openAtEnd, 0));
        const management = await chart(page, 'load-management');
        expect(management?.meta.hoursShare).toBe(manager.totals.management?.activeHours.share);
        const age = await chart(page, 'load-age');
        expect(age?.datasets.map((d) => d.label)).toEqual(['Median', '90th percentile']);

        // another tier, kept in the URL
        await settledAfter(page, () => page.click('table.tiers tr[data-level="2"] button.tier'));
        expect(new URL(page.url()).searchParams.get('level')).toBe('2');
        expect(await text(page, '.tier-charts .section-title')).toBe('Level 2 · experts, week by week');
        expect(await chart(page, 'load-management')).toBeUndefined();

        // a figure's cases: level 3's backlog at the range's end
        await settledAfter(page, () => page.click('table.tiers tr[data-level="3"] [data-col="open"] button'));
        const url = new URL(page.url());
        expect(url.searchParams.get('level')).toBe('3');
        expect(url.searchParams.get('group')).toBe('open');
        const cases = await api<TierLoadCasesPage>('/api/load/cases?level=3&group=open&limit=25');
        expect(cases.total).toBe(manager.totals.openAtEnd);
        expect(await text(page, '#cases-title .count')).toBe(`${count(cases.total)} cases`);
        expect(await page.locator('table.cases tbody tr').first().getAttribute('data-ticket')).toBe(
          cases.cases[0]?.ticketId,
        );
        await screenshot(page, 'load-cases');

        // every flow figure opens its cases: level 1's cases passed up, as many as the table says
        const first = report.load.tiers.find((t) => t.level === 1);
        await settledAfter(page, () =>
          page.locator('table.tiers tr[data-level="1"] [data-col="passed"] button').first().click(),
        );
        expect(new URL(page.url()).searchParams.get('group')).toBe('escalated_up');
        expect(await text(page, '#cases-title .count')).toBe(
          `${count(first?.totals.escalatedUp ?? -1)} cases`,
        );

        // a link with the filters opens the same view for a colleague
        await openSettled(page, `/load?level=3&group=open`);
        expect(await text(page, '#cases-title .count')).toBe(`${count(cases.total)} cases`);

        // the generated inbound calls carry queue times: the service level reached is shown beside Erlang C's
        const staffing = report.staffing;
        expect(staffing).toMatchObject({ available: true, queueTimes: true });
        expect(await page.textContent('section[aria-labelledby="staffing-title"]')).not.toContain(
          'no queue or answer times',
        );
        const firstLine = staffing.tiers.find((t) => t.level === 1)?.totals;
        if (!firstLine?.observedInterval) {
          throw new Error('the generated calls have no observed service level at level 1');
        }
        // seed 7: 81% of level 1's calls answered within 20 s, of about a thousand measured
        expect(firstLine.measured).toBeGreaterThan(500);
        expect(firstLine.observedServiceLevel).toBeGreaterThan(0.65);
        expect(firstLine.observedServiceLevel).toBeLessThan(0.92);
        const observedCell = page.locator('table.staffing tr[data-level="1"] [data-col="observed"]');
        expect(await observedCell.textContent()).toContain(pct(firstLine.observedServiceLevel));
        expect(await observedCell.locator('.ci').textContent()).toContain(
          `${count(firstLine.measured)} calls`,
        );
        // the day shown is the busiest; each tier with calls that day gets its hours drawn
        const busiest = [...staffing.days].sort((a, b) => b.offered - a.offered)[0];
        expect(staffing.day).toBe(busiest.day);
        expect(await page.locator('select[name="day"]').inputValue()).toBe(busiest.day);
        const drawn = staffing.tiers.filter((t) =>
          t.hours.some((h) => h.offered > 0 || h.agentsObserved > 0),
        );
        expect(drawn.length).toBeGreaterThan(0);
        for (const staffed of drawn) {
          const agents = await chart(page, `staffing-agents-${staffed.level}`);
          expect(agents?.labels).toBe(24);
          expect(agents?.datasets.find((d) => d.label === 'Handled calls')?.sum).toBe(
            staffed.hours.reduce((s, h) => s + h.agentsObserved, 0),
          );
          expect(agents?.datasets.find((d) => d.label === 'Needed (Erlang C)')?.sum).toBe(
            staffed.hours.reduce((s, h) => s + (h.agentsNeeded ?? 0), 0),
          );
          const service = await chart(page, `staffing-service-${staffed.level}`);
          expect(service).toBeDefined();
          const observed = service?.datasets.find((d) => d.label === 'Observed');
          expect(observed?.points).toBe(staffed.hours.filter((h) => h.observedServiceLevel !== null).length);
        }
        // the busiest day's calls at level 1 were measured hour by hour
        const service = await chart(page, 'staffing-service-1');
        expect(service?.datasets.find((d) => d.label === 'Observed')?.points).toBeGreaterThan(0);

        // another day, kept in the URL
        const other = staffing.days.find((d) => d.day !== busiest.day);
        expect(other).toBeDefined();
        const otherDay = other?.day as string;
        await settledAfter(page, () => page.selectOption('select[name="day"]', otherDay));
        expect(new URL(page.url()).searchParams.get('day')).toBe(otherDay);
        expect((await chart(page, 'staffing-agents-1'))?.title).toContain(
          new Date(`${otherDay}T00:00:00Z`).toLocaleDateString('en-GB', {
            day: 'numeric',
            month: 'short',
            year: 'numeric',
            timeZone: 'UTC',
          }),
        );
        expect(problems.errors).toEqual([]);
      },
      viewport,
    );
  });

  it('should refuse the page to a QA reviewer, saying which roles it takes', async (ctx) => {
    ctx.skip(Boolean(whySkip), whySkip);
    const qa = await sut?.signIn(['qa'], 'quinn');
    if (!qa) {
      throw new Error('no server');
    }
    rememberBrowserSession(sut?.url ?? '', qa);
    try {
      await withPage(baseUrl, async (page) => {
        await page.goto('/load');
        await page.waitForSelector('[data-refused="/load"]');
        expect(await page.textContent('[data-refused="/load"] h1')).toBe('Load: not for your roles');
        expect(await page.locator('nav a[href="/load"]').count()).toBe(0);
      });
    } finally {
      rememberBrowserSession(sut?.url ?? '', lead);
    }
  });
});

describe('Load page in Chromium: the Technion bank’s calls, and an empty store', () => {
  let temp: TempStore | undefined;
  let served: ServedStore | undefined;
  let empty: TempStore | undefined;
  let servedEmpty: ServedStore | undefined;

  beforeAll(async () => {
    if (whySkip) {
      return;
    }
    const set = realDataSet('technion-anonymous-bank-call-center');
    temp = await openTempStore();
    await ingestPaths(
      temp.store,
      [set.slice],
      {},
      { mapping: `${set.mapping}/technion-anonymous-bank-call-center.yaml` },
    );
    await scoreStore(temp.store);
    served = await serveStore(temp.store);
    empty = await openTempStore();
    servedEmpty = await serveStore(empty.store);
  });
  afterAll(async () => {
    await served?.close();
    temp?.dispose();
    await servedEmpty?.close();
    empty?.dispose();
  });

  it('should draw the agents Erlang C needed against those who worked, and the observed service level', async (ctx) => {
    ctx.skip(Boolean(whySkip), whySkip);
    const url = (served?.url ?? '').replace('//localhost:', '//127.0.0.1:');
    const report = (await (
      await (served as ServedStore).fetch(`${served?.url}/api/load`)
    ).json()) as LoadResponse;
    const tier = report.staffing.tiers[0];

    await withPage(
      url,
      async (page, problems) => {
        await openSettled(page, '/load');
        await screenshot(page, 'load-staffing');
        // calls only: no case stays at a tier, which the page says instead of drawing empty charts
        expect(await page.textContent('[data-no-cases]')).toContain('No case was at this tier in the range');
        expect(await chart(page, 'load-flow')).toBeUndefined();
        const row = page.locator('table.staffing tr[data-level="1"]');
        expect((await row.locator('[data-col="offered"]').textContent())?.trim()).toContain(
          count(tier.totals.offered),
        );
        expect((await row.locator('[data-col="observed"]').textContent())?.trim()).toContain(
          pct(tier.totals.observedServiceLevel),
        );
        expect((await row.locator('[data-col="predicted"]').textContent())?.trim()).toBe(
          pct(tier.totals.predictedServiceLevel),
        );
        expect((await row.locator('[data-col="understaffed"]').textContent())?.trim()).toBe(
          `${tier.totals.hoursUnderstaffed} of ${tier.totals.hoursWithCalls}`,
        );
        const agents = await chart(page, 'staffing-agents-1');
        expect(agents?.title).toBe('Agents per hour at Level 1 · first line, 1 Jan 1999');
        expect(agents?.datasets.find((d) => d.label === 'Needed (Erlang C)')?.sum).toBe(
          tier.hours.reduce((s, h) => s + (h.agentsNeeded ?? 0), 0),
        );
        const service = await chart(page, 'staffing-service-1');
        const observed = service?.datasets.find((d) => d.label === 'Observed');
        expect(observed?.points).toBe(tier.hours.filter((h) => h.observedServiceLevel !== null).length);
        expect(await page.textContent('select[name="day"]')).toContain('1 Jan 1999');
        expect(problems.errors).toEqual([]);
      },
      viewport,
    );
  });

  it('should say so when the store holds nothing', async (ctx) => {
    ctx.skip(Boolean(whySkip), whySkip);
    const url = (servedEmpty?.url ?? '').replace('//localhost:', '//127.0.0.1:');
    await withPage(
      url,
      async (page, problems) => {
        await openSettled(page, '/load');
        await screenshot(page, 'load-empty');
        expect(await text(page, '.range-text')).toBe('The store holds no data yet.');
        expect(await page.textContent('section[aria-labelledby="tiers-title"]')).toContain(
          'The store holds no data yet: load some with eqa ingest.',
        );
        expect(await page.textContent('section[aria-labelledby="staffing-title"]')).toContain(
          'The store holds no data yet.',
        );
        expect(await page.locator('canvas').count()).toBe(0);
        expect(problems.errors).toEqual([]);
      },
      viewport,
    );
  });
});
