import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChartSummary } from '../../dashboard/src/lib/charts/chart-summary.js';
import type {
  EmpowermentResponse,
  OfferBreakdown,
  OfferCasesPage,
  WhatIfResult,
} from '../../server/src/contracts/empowerment.contract.js';
import { dashboardSkipReason, screenshot, screenshotDir, withPage } from '../setup/browser.js';
import { rememberBrowserSession, type TestSession } from '../setup/sessions.js';
import { startTestServer, type TestServer } from '../setup/test-server.js';

const whySkip = dashboardSkipReason;

// Written out here rather than imported, so a change of the page's formatting fails this test.
const pct = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);
const count = (n: number) => n.toLocaleString('en-GB');
const money = (n: number) =>
  n.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

async function settled(page: Page, action: () => Promise<unknown>): Promise<void> {
  const before = await page.evaluate<number>('window.__eqaSettled ?? 0');
  await action();
  await page.waitForFunction(`window.__eqaReady === true && (window.__eqaSettled ?? 0) > ${before}`);
}

async function open(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.waitForFunction('window.__eqaReady === true');
  expect(await page.evaluate<string | null>('window.__eqaError ?? null')).toBeNull();
}

describe('Empowerment page in Chromium', () => {
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
    sut = await startTestServer({ tickets: 20_000, seed: 2 });
    baseUrl = sut.url.replace('//localhost:', '//127.0.0.1:');
    lead = await sut.signIn(['lead'], 'leah');
    rememberBrowserSession(sut.url, lead);
  }, 180_000);
  afterAll(() => sut?.close());

  it('should draw the flags, the gaps, the what-if and the breakdown as the API computes them, with filters in the URL', async (ctx) => {
    ctx.skip(Boolean(whySkip), whySkip);
    const report = await api<EmpowermentResponse>('/api/empowerment');
    const truth = sut!.truth.planted;

    await withPage(baseUrl, async (page, problems) => {
      await open(page, '/empowerment');
      expect(new URL(page.url()).search).toBe('');
      await screenshot(page, 'empowerment');
      // the sections one by one, at the size a reader sees them
      for (const section of ['flags', 'gaps', 'whatif', 'breakdown']) {
        await page
          .locator(`section[aria-labelledby="${section}-title"]`)
          .screenshot({ path: join(screenshotDir, `empowerment-${section}.png`) });
      }

      // Flags: the three planted truths, each with the API's one sentence.
      const flags = page.locator('ul.flags li');
      expect(await flags.count()).toBe(report.fairness.flags.length);
      expect(report.fairness.flags.map((f) => f.flag).sort()).toEqual(['authority', 'pushing', 'team']);
      for (const flag of report.fairness.flags) {
        const item = page.locator(`li[data-flag-key="${flag.key}"]`);
        expect(await item.locator('.reason').textContent()).toBe(flag.reason);
      }
      expect(await page.locator(`li[data-flag="team"] .reason`).textContent()).toContain(
        truth.refusingTeam!.team,
      );

      // The chart: one bar per judged kind and band, their approval shares as the API says.
      const judged = report.authority.gaps.filter((g) => g.judged);
      const chart = (await page.evaluate<Record<string, ChartSummary>>('window.__eqaCharts ?? {}'))[
        'approval-share'
      ];
      expect(chart?.labels).toBe(judged.length);
      expect(chart?.datasets[0]?.sum).toBeCloseTo(
        judged.reduce((s, g) => s + (g.approved.share ?? 0) * 100, 0),
        1,
      );
      // every flagged band drawn orange, the others blue
      const flagged = judged.filter((g) => g.flagged).length;
      expect(flagged).toBeGreaterThan(0);
      expect(chart?.meta.flagged).toBe(flagged);
      expect(chart?.datasets[0]?.colors).toEqual({
        '#c45200': flagged,
        ...(judged.length > flagged ? { '#0072b2': judged.length - flagged } : {}),
      });
      expect(chart?.title).toBe('Share of requests approved higher up, by kind and amount band');

      // The gaps table: the flagged band first, its requests and approval share.
      const gap = report.authority.gaps[0]!;
      expect(gap.flagged).toBe(true);
      const row = page.locator('table.gaps tbody tr').first();
      expect(await row.getAttribute('data-verdict')).toBe('flagged');
      expect((await row.locator('[data-col="requests"]').textContent())?.trim()).toBe(count(gap.requests));
      expect(await row.locator('[data-col="approved"] .value').textContent()).toBe(pct(gap.approved.share));
      expect(await page.locator('table.gaps-few tr[data-verdict="too-few"]').count()).toBe(
        report.authority.gaps.filter((g) => !g.judged).length,
      );

      // The what-if opens on the flagged kind up to its band's top, recomputed by the server.
      const suggested = await api<WhatIfResult>(
        `/api/empowerment/what-if?kind=${gap.kind}&level=1&upTo=${gap.band.max}`,
      );
      const figure = (name: string) => page.locator(`[data-figure="${name}"]`).textContent();
      expect(await figure('escalations')).toBe(count(suggested.escalationsSaved));
      expect(await figure('extraMoney')).toBe(money(suggested.extraMoney));
      expect(await page.locator('.assumptions li').count()).toBe(suggested.assumptions.length);

      // Moving the slider: the URL keeps the amount and the figures are the API's for it.
      await settled(page, () =>
        // the slider released at 100: as a user's drag ends (input while moving, change on release)
        page.evaluate(`(() => {
          const input = document.querySelector('input[name="upTo"]');
          input.value = '100';
          input.dispatchEvent(new Event('input', { bubbles: true }));
          input.dispatchEvent(new Event('change', { bubbles: true }));
        })()`),
      );
      const url = new URL(page.url());
      expect(url.searchParams.get('upTo')).toBe('100');
      expect(url.searchParams.get('kind')).toBe(gap.kind);
      const moved = await api<WhatIfResult>(`/api/empowerment/what-if?kind=${gap.kind}&level=1&upTo=100`);
      expect(await figure('escalations')).toBe(count(moved.escalationsSaved));
      expect(await figure('days')).toBe(
        moved.daysSaved.toLocaleString('en-GB', { maximumFractionDigits: 1 }),
      );
      await screenshot(page, 'empowerment-what-if');

      // The breakdown by channel within a category, kept in the URL.
      await settled(page, () => page.selectOption('select[name="category"]', 'refunds'));
      expect(new URL(page.url()).searchParams.get('category')).toBe('refunds');
      await settled(page, () => page.selectOption('select[name="by"]', 'channel'));
      expect(new URL(page.url()).searchParams.get('by')).toBe('channel');
      expect(new URL(page.url()).searchParams.get('category')).toBe('refunds');
      const breakdown = await api<OfferBreakdown>(
        '/api/empowerment/breakdown?dimension=channel&category=refunds',
      );
      const rows = page.locator('table.breakdown tbody tr');
      expect(await rows.count()).toBe(breakdown.rows.length);
      expect(await rows.first().locator('[data-col="withOffer"] .value').textContent()).toBe(
        pct(breakdown.rows[0]!.withOffer.share),
      );

      // Comparisons not flagged offer their cases too.
      const others = report.fairness.comparisons.filter((c) => !c.flagged);
      expect(await page.locator('ul.others li button:has-text("Show the cases")').count()).toBe(
        others.length,
      );

      // A flag's cases: the list at the foot of the page, each ticket a link to its Case page.
      const push = report.fairness.flags.find((f) => f.flag === 'pushing')!;
      await settled(page, () => page.locator(`li[data-flag-key="${push.key}"] button`).click());
      expect(new URL(page.url()).searchParams.get('cases')).toBe(push.key);
      const cases = await api<OfferCasesPage>(
        `/api/empowerment/cases?flag=pushing&category=${push.cases.category}&kind=refund&limit=25`,
      );
      const listed = page.locator('table.cases tbody tr');
      expect(await listed.count()).toBe(cases.cases.length);
      expect(await listed.first().getAttribute('data-ticket')).toBe(cases.cases[0]!.ticketId);
      expect(await listed.first().locator('a').getAttribute('href')).toBe(
        `/case?id=${cases.cases[0]!.ticketId}`,
      );
      expect(await page.locator('#cases-title .count').textContent()).toBe(`${count(cases.total)} in all`);
      await screenshot(page, 'empowerment-cases');

      // Someone opening the same URL sees the same page.
      const shared = page.url();
      await open(page, shared);
      expect(await page.locator('table.cases tbody tr').count()).toBe(cases.cases.length);
      expect(await figure('escalations')).toBe(count(moved.escalationsSaved));

      expect(problems.errors).toEqual([]);
    });
  });

  it('should say so when nothing can be judged in a range with no offers', async (ctx) => {
    ctx.skip(Boolean(whySkip), whySkip);

    await withPage(baseUrl, async (page, problems) => {
      await open(page, '/empowerment?from=2020-01-01&to=2020-01-31');

      expect(await page.locator('#flags-title').textContent()).toContain('0 of 0 comparisons');
      expect(await page.locator('section[aria-labelledby="flags-title"] .empty').textContent()).toContain(
        'Nothing flagged',
      );
      expect(await page.locator('figure[data-chart-id="approval-share"] .empty').count()).toBe(1);
      await screenshot(page, 'empowerment-empty');
      expect(problems.errors).toEqual([]);
    });
  });
});
