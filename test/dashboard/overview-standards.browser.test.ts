import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChartSummary } from '../../dashboard/src/lib/charts/chart-summary.js';
import { scoreStore, scoresAreStale } from '../../etl/src/index.js';
import type {
  StandardDimension,
  StandardKey,
  StandardsOverview,
} from '../../server/src/contracts/standards.contract.js';
import { dashboardSkipReason, screenshot, withPage } from '../setup/browser.js';
import { testAdminFetch } from '../setup/sessions.js';
import { startTestServer, type TestServer } from '../setup/test-server.js';

const DAY_MS = 86_400_000;
const whySkip = dashboardSkipReason;

const STANDARDS: [StandardKey, string][] = [
  ['rightDepartment', 'Right department'],
  ['assessmentQuality', 'Assessment quality'],
  ['satisfaction', 'Satisfaction'],
  ['resolution', 'Resolution'],
];

// Written out here rather than imported, so a change of the page's formatting fails this test.
const score = (mean: number | null) => (mean === null ? 'no scores' : mean.toFixed(1));
const cell = (mean: number | null) => (mean === null ? '—' : mean.toFixed(1));

/** Runs a user action and waits until the page has loaded and drawn again. */
async function settledAfter(page: Page, action: () => Promise<unknown>): Promise<void> {
  const before = await page.evaluate<number>('window.__eqaSettled ?? 0');
  await action();
  await page.waitForFunction(`window.__eqaReady === true && (window.__eqaSettled ?? 0) > ${before}`);
}

async function openSettled(page: Page, navigate: () => Promise<unknown>): Promise<void> {
  await navigate();
  await page.waitForFunction('window.__eqaReady === true');
}

async function weeklyChart(page: Page): Promise<ChartSummary | undefined> {
  expect(await page.evaluate<string | null>('window.__eqaError ?? null')).toBeNull();
  return (await page.evaluate<Record<string, ChartSummary>>('window.__eqaCharts ?? {}'))['standards-weekly'];
}

/** The four cards and the weekly chart must show the API's figures. */
async function expectStandardsToMatch(page: Page, api: StandardsOverview): Promise<void> {
  for (const [key, label] of STANDARDS) {
    const card = page.locator(`section.standards section.kpi[aria-label="${label}"]`);
    expect((await card.locator('.value').textContent())?.trim(), label).toBe(score(api.current[key]));
    const previous = api.previous[key];
    const comparison = (await card.locator('.comparison').textContent())?.trim();
    if (previous === null) {
      expect(comparison).toBe('previous period: no scores');
    } else {
      expect(comparison).toContain(`previous period ${previous.toFixed(1)}`);
    }
  }
  const detail = (label: string) =>
    page.locator(`section.standards section.kpi[aria-label="${label}"] .detail`).textContent();
  const count = (n: number) => n.toLocaleString('en-GB');
  if (api.current.rightDepartment !== null) {
    expect(await detail('Right department')).toBe(`of ${count(api.current.steps)} steps`);
  }
  if (api.current.satisfaction !== null) {
    expect(await detail('Satisfaction')).toBe(
      `${count(api.current.surveyed)} of ${count(api.current.cases)} cases surveyed`,
    );
  }
  if (api.current.resolution !== null) {
    expect(await detail('Resolution')).toBe(`${count(api.current.due)} due`);
  }

  const chart = await weeklyChart(page);
  expect(chart?.title).toBe('QA standards by week');
  expect(chart?.type).toBe('line');
  expect(chart?.labels).toBeGreaterThanOrEqual(api.weekly.length);
  expect(chart?.datasets.map((d) => d.label)).toEqual(STANDARDS.map(([, label]) => label));
  STANDARDS.forEach(([key], i) => {
    const values = api.weekly.map((w) => w[key]).filter((v): v is number => v !== null);
    expect(chart?.datasets[i].points, key).toBe(values.length);
    expect(chart?.datasets[i].sum, key).toBeCloseTo(
      values.reduce((a, b) => a + b, 0),
      2,
    );
  });
  expect(chart?.meta).toMatchObject({ weeks: api.weekly.length, from: api.range?.from, to: api.range?.to });
}

/** The breakdown table as drawn: key and the four means, in row order. */
function drawnBreakdown(page: Page): Promise<string[][]> {
  return page.$$eval('table.breakdown tbody tr', (rows) =>
    rows.map((row) => [
      row.getAttribute('data-key') ?? '',
      ...['steps', 'cases', 'rightDepartment', 'assessmentQuality', 'satisfaction', 'resolution'].map(
        (col) => row.querySelector(`[data-col="${col}"]`)?.textContent?.trim() ?? '',
      ),
    ]),
  );
}

function expectedBreakdown(api: StandardsOverview, dimension: StandardDimension): string[][] {
  return [...api.breakdown[dimension]]
    .sort((a, b) => b.current.steps - a.current.steps || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((row) => [
      row.key,
      row.current.steps.toLocaleString('en-GB'),
      row.current.cases.toLocaleString('en-GB'),
      ...STANDARDS.map(([key]) => cell(row.current[key])),
    ]);
}

describe('Overview QA standards in Chromium', () => {
  let sut: TestServer | undefined;
  let baseUrl = '';

  const api = async (search: string): Promise<StandardsOverview> => {
    const response = await testAdminFetch(baseUrl)(`${baseUrl}/api/standards/overview${search}`);
    expect(response.status).toBe(200);
    return (await response.json()) as StandardsOverview;
  };

  beforeAll(async () => {
    if (whySkip) {
      return;
    }
    sut = await startTestServer({ tickets: 6000, seed: 3 });
    // startTestServer scores what it loads; should it ever stop, score here rather than test an empty panel.
    if (await scoresAreStale(sut.store)) {
      await scoreStore(sut.store);
    }
    // The server reports localhost; it listens on 127.0.0.1 only.
    baseUrl = sut.url.replace('//localhost:', '//127.0.0.1:');
  });
  afterAll(() => sut?.close());

  it('should draw the API standards, break them down by the selector kept in the URL, and open a lowest case', async (ctx) => {
    ctx.skip(Boolean(whySkip), whySkip);
    const all = await api('');
    expect(all.scoredWith).not.toBeNull();
    expect(all.current.steps).toBeGreaterThan(0);
    expect(all.lowestCases.length).toBeGreaterThan(0);

    await withPage(
      baseUrl,
      async (page, problems) => {
        await openSettled(page, () => page.goto('/'));
        await page.locator('section.standards').scrollIntoViewIfNeeded();
        await screenshot(page, 'overview-standards');
        expect(new URL(page.url()).search).toBe('');
        await expectStandardsToMatch(page, all);
        expect(await page.textContent('section.standards .intro')).toContain(all.scoredWith?.version ?? '?');

        // The default breakdown, department, busiest first.
        expect(await page.getAttribute('button[data-breakdown="department"]', 'aria-pressed')).toBe('true');
        expect(await drawnBreakdown(page)).toEqual(expectedBreakdown(all, 'department'));

        // Another breakdown: the table and the URL follow; a reload keeps it.
        await settledAfter(page, () => page.click('button[data-breakdown="team"]'));
        expect(new URL(page.url()).search).toBe('?by=team');
        expect(await page.textContent('#breakdown-title')).toBe('Standards by team');
        expect(await drawnBreakdown(page)).toEqual(expectedBreakdown(all, 'team'));
        await openSettled(page, () => page.reload());
        expect(await drawnBreakdown(page)).toEqual(expectedBreakdown(all, 'team'));

        // Sorting: satisfaction, worst first, rows without a mean last; again for best first.
        const satisfaction = (rows: string[][]) =>
          rows
            .map((row) => row[5])
            .filter((v) => v !== '—')
            .map(Number);
        await page.click('th[data-column="satisfaction"] button');
        const worstFirst = satisfaction(await drawnBreakdown(page));
        expect(worstFirst).toEqual([...worstFirst].sort((a, b) => a - b));
        expect(await page.getAttribute('th[data-column="satisfaction"]', 'aria-sort')).toBe('ascending');
        await page.click('th[data-column="satisfaction"] button');
        const bestFirst = satisfaction(await drawnBreakdown(page));
        expect(bestFirst).toEqual([...bestFirst].sort((a, b) => b - a));
        // Back to the busiest first: a count column starts high.
        await page.click('th[data-column="steps"] button');
        expect(await page.getAttribute('th[data-column="steps"]', 'aria-sort')).toBe('descending');
        expect(await drawnBreakdown(page)).toEqual(expectedBreakdown(all, 'team'));

        // A shorter range: the cards compare with the period before it, the URL keeps the breakdown.
        await settledAfter(page, () => page.click('button[data-preset="last-12-weeks"]'));
        const url = new URL(page.url());
        expect(url.searchParams.get('by')).toBe('team');
        const from = url.searchParams.get('from') ?? '';
        const last12 = await api(`?from=${from}`);
        expect(last12.previous.steps).toBeGreaterThan(0);
        await screenshot(page, 'overview-standards-last-12-weeks');
        await expectStandardsToMatch(page, last12);
        expect(await drawnBreakdown(page)).toEqual(expectedBreakdown(last12, 'team'));
        const [firstRow] = expectedBreakdown(last12, 'team');
        const compared = last12.breakdown.team.find((row) => row.key === firstRow[0]);
        // The change as the page must write it: one decimal, a true minus, ±0.0 when it rounds away.
        const now = compared?.current.rightDepartment ?? null;
        const before = compared?.previous.rightDepartment ?? null;
        const size = now === null || before === null ? null : Math.round(Math.abs(now - before) * 10) / 10;
        const sign = now !== null && before !== null && now > before ? '+' : '−';
        expect(
          await page.textContent(
            `table.breakdown tr[data-key="${firstRow[0]}"] [data-col="rightDepartment.change"]`,
          ),
        ).toBe(size === null ? '—' : size === 0 ? '±0.0' : `${sign}${size.toFixed(1)}`);
        expect(
          Date.parse(`${last12.range?.from}T00:00:00Z`) - Date.parse(`${last12.previousRange?.to}T00:00:00Z`),
        ).toBe(DAY_MS);

        // A lowest case opens its Case page; Back returns to the Overview as it was.
        const lowest = last12.lowestCases[0];
        await settledAfter(page, () => page.click(`table.lowest tr[data-ticket="${lowest.ticketId}"] a`));
        expect(new URL(page.url()).pathname).toBe('/case');
        expect(new URL(page.url()).searchParams.get('id')).toBe(lowest.ticketId);
        expect(await page.textContent('h1')).toContain(lowest.ticketId);
        expect((await page.textContent('.overall .big'))?.trim()).toBe(lowest.overall.toFixed(1));
        await settledAfter(page, () => page.goBack());
        expect(new URL(page.url()).pathname).toBe('/');
        expect(new URL(page.url()).searchParams.get('by')).toBe('team');
        expect(await page.getAttribute('button[data-breakdown="team"]', 'aria-pressed')).toBe('true');

        expect(problems.errors).toEqual([]);
      },
      { width: 1280, height: 800 },
    );
  });
});
