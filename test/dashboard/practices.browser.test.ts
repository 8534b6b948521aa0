import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChartSummary } from '../../dashboard/src/lib/charts/chart-summary.js';
import type { FaqUpdateDto } from '../../server/src/contracts/faq-updates.contract.js';
import type {
  FaqEffect,
  PracticeCasesPage,
  PracticesReport,
} from '../../server/src/contracts/practices.contract.js';
import { dashboardSkipReason, screenshot, withPage } from '../setup/browser.js';
import { rememberBrowserSession, type TestSession } from '../setup/sessions.js';
import { startTestServer, type TestServer } from '../setup/test-server.js';

const whySkip = dashboardSkipReason;

const viewport = { width: 1280, height: 800 };

// Written out here rather than imported, so a change of the page's formatting fails this test.
const pct = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);
const per1000 = (value: number | null) => (value === null ? '—' : value.toFixed(1));
const count = (n: number) => n.toLocaleString('en-GB');

// Requests still open per page, named in a timeout's message: a page that never settles says why.
const pending = new WeakMap<Page, Set<string>>();

function trackRequests(page: Page): void {
  const open = new Set<string>();
  pending.set(page, open);
  page.on('request', (r) => open.add(`${r.method()} ${r.url()}`));
  page.on('requestfinished', (r) => open.delete(`${r.method()} ${r.url()}`));
  page.on('requestfailed', (r) => open.delete(`${r.method()} ${r.url()}`));
}

async function waitSettled(page: Page, condition: string): Promise<void> {
  try {
    await page.waitForFunction(condition);
  } catch (error) {
    const open = [...(pending.get(page) ?? [])].join(', ') || 'none';
    throw new Error(`${(error as Error).message}; requests still open: ${open}`);
  }
}

async function settledAfter(page: Page, action: () => Promise<unknown>): Promise<void> {
  const before = await page.evaluate<number>('window.__eqaSettled ?? 0');
  await action();
  await waitSettled(page, `window.__eqaReady === true && (window.__eqaSettled ?? 0) > ${before}`);
}

async function openSettled(page: Page, path: string): Promise<void> {
  if (!pending.has(page)) {
    trackRequests(page);
  }
  await page.goto(path);
  await waitSettled(page, 'window.__eqaReady === true');
  expect(await page.evaluate<string | null>('window.__eqaError ?? null')).toBeNull();
}

async function chart(page: Page, id: string): Promise<ChartSummary | undefined> {
  return (await page.evaluate<Record<string, ChartSummary>>('window.__eqaCharts ?? {}'))[id];
}

/** Clicks the middle of a month's slot on a chart with `months` labels (category axis with offset). */
async function clickMonth(page: Page, chartId: string, index: number, months: number): Promise<void> {
  const box = await page.locator(`figure[data-chart-id="${chartId}"] canvas`).boundingBox();
  if (!box) {
    throw new Error(`chart ${chartId} has no canvas on screen`);
  }
  // The y axis takes a fixed 64 px (chartTheme.yAxisWidth); the plot runs to the canvas's right edge.
  const left = box.x + 64 + 6;
  const width = box.width - 64 - 12;
  await page.mouse.click(left + ((index + 0.5) * width) / months, box.y + box.height * 0.45);
}

describe('Practices, Practice and FAQ updates pages in Chromium', () => {
  let sut: TestServer | undefined;
  let baseUrl = '';
  let lead: TestSession;
  let unfair = '';

  const api = async <T>(path: string): Promise<T> => {
    const response = await lead.fetch(`${baseUrl}${path}`);
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  };

  beforeAll(async () => {
    if (whySkip) {
      return;
    }
    sut = await startTestServer({ tickets: 8000, seed: 7 });
    // The server reports localhost; it listens on 127.0.0.1 only.
    baseUrl = sut.url.replace('//localhost:', '//127.0.0.1:');
    // A lead writes FAQ updates; the browser signs in as her, so the audit log names her.
    lead = await sut.signIn(['lead'], 'lena');
    rememberBrowserSession(sut.url, lead);
    unfair = `policy:${sut.truth.planted.unfairPolicy.policy}`;
  });
  afterAll(() => sut?.close());

  it('should rank the practices as the API does, flag the planted unfair policy with its reason, and keep filters in the URL', async (ctx) => {
    ctx.skip(Boolean(whySkip), whySkip);
    const report = await api<PracticesReport>('/api/practices');
    const first = report.practices[0];
    expect(first.practice).toBe(unfair);

    await withPage(
      baseUrl,
      async (page, problems) => {
        await openSettled(page, '/practices');
        expect(new URL(page.url()).search).toBe('');
        await screenshot(page, 'practices');

        const rows = page.locator('table.practices tbody tr');
        expect(await rows.count()).toBe(report.practices.length);
        const row = rows.first();
        expect(await row.getAttribute('data-practice')).toBe(first.practice);
        expect(await row.getAttribute('data-rank')).toBe('1');
        expect((await row.locator('[data-col="escalated"]').textContent())?.trim()).toBe(
          count(first.escalationRate.escalated),
        );
        expect(await row.locator('[data-col="per1000"] .value').textContent()).toBe(
          per1000(first.escalationRate.per1000),
        );
        expect(await row.locator('[data-col="overturn"] .value').textContent()).toBe(
          pct(first.overturn.share),
        );
        expect(await row.locator('[data-col="overturn"] .ci').textContent()).toContain(
          `${first.overturn.count} of ${first.overturn.of}`,
        );

        // The planted unfair policy: flagged, with the report's one-sentence reason.
        const flagged = page.locator(`tr[data-practice="${unfair}"]`);
        expect(await flagged.getAttribute('data-verdict')).toBe('flagged');
        expect(await flagged.locator('.badge').textContent()).toMatch(/^Flagged/);
        expect(await flagged.locator('.reason').textContent()).toBe(first.reason);
        expect(await flagged.locator('svg.sparkline').count()).toBe(1);
        const fair = page.locator(
          `tr[data-practice="policy:${sut?.truth.planted.fairHighVolumePolicy.policy}"]`,
        );
        expect(await fair.getAttribute('data-verdict')).not.toBe('flagged');
        const tooFew = report.practices.filter((p) => !p.judged);
        expect(await page.locator('tr[data-verdict="too-few"]').count()).toBe(tooFew.length);
        if (tooFew[0]) {
          expect(await page.locator(`tr[data-practice="${tooFew[0].practice}"] .badge`).textContent()).toBe(
            'Too few to judge',
          );
        }

        // A minimum volume kept in the URL: more practices are judged, as the API says.
        await settledAfter(page, async () => {
          await page.fill('input[name="minimumVolume"]', '10');
          await page.click('form.volume button[type="submit"]');
        });
        expect(new URL(page.url()).searchParams.get('minimumVolume')).toBe('10');
        const lower = await api<PracticesReport>('/api/practices?minimumVolume=10');
        expect(await page.locator('tr[data-verdict="too-few"]').count()).toBe(
          lower.practices.filter((p) => !p.judged).length,
        );

        // A link with a range opens with it: another colleague sees the same table.
        await openSettled(page, '/practices?from=2026-03-01&to=2026-08-31');
        const ranged = await api<PracticesReport>('/api/practices?from=2026-03-01&to=2026-08-31');
        expect(await page.locator('table.practices tbody tr').first().getAttribute('data-practice')).toBe(
          ranged.practices[0].practice,
        );
        expect(await page.textContent('.range-text')).toBe('1 Mar 2026 – 31 Aug 2026');

        // The Practice page without a key offers the ranked practices; an unknown FAQ update says so.
        await openSettled(page, '/practice');
        expect(await page.locator('ol.pick li').first().getAttribute('data-practice')).toBe(first.practice);
        await screenshot(page, 'practice-pick');
        await openSettled(page, '/faq-updates?id=00000000-0000-4000-8000-000000000000');
        expect(await page.textContent('.not-found p')).toBe(
          'No FAQ update 00000000-0000-4000-8000-000000000000.',
        );
        expect(problems.errors.filter((e) => !e.includes('404'))).toEqual([]);
      },
      viewport,
    );
  });

  it("should chart a practice by month, list a clicked month's cases, open an FAQ update, publish it and draw its date", async (ctx) => {
    ctx.skip(Boolean(whySkip), whySkip);
    const report = await api<PracticesReport>('/api/practices');
    const figures = report.practices.find((p) => p.practice === unfair);
    if (!figures || !report.range) {
      throw new Error('the planted unfair policy is not in the report');
    }
    const faq = sut?.truth.planted.faqUpdate;
    if (!faq) {
      throw new Error('no planted FAQ update');
    }
    const key = encodeURIComponent(unfair);

    await withPage(
      baseUrl,
      async (page, problems) => {
        await openSettled(page, `/practice?key=${key}`);
        const overturn = await chart(page, 'practice-overturn-monthly');
        const rate = await chart(page, 'practice-escalation-rate-monthly');
        const months = figures.monthly.length;
        expect(overturn?.labels).toBe(months);
        expect(overturn?.meta).toMatchObject({
          decided: figures.overturn.of,
          overturnedOrPartial: figures.overturn.count,
        });
        const plottable = figures.monthly.filter((m) => m.decided >= 5);
        expect(overturn?.datasets.find((d) => d.label === 'Overturned or partial')?.points).toBe(
          plottable.length,
        );
        expect(rate?.meta).toMatchObject({ escalated: figures.escalationRate.escalated });
        expect(overturn?.markers).toBeUndefined();
        expect(await page.textContent('.verdict-line .reason')).toBe(figures.reason);
        await screenshot(page, 'practice');

        // Click the busiest month on the overturn chart: its cases, exactly as many as the report counts.
        const busiest = figures.monthly.reduce((a, b) => (b.escalated > a.escalated ? b : a));
        const index = figures.monthly.indexOf(busiest);
        await settledAfter(page, () => clickMonth(page, 'practice-overturn-monthly', index, months));
        expect(new URL(page.url()).searchParams.get('month')).toBe(busiest.month);
        for (const id of ['practice-overturn-monthly', 'practice-escalation-rate-monthly']) {
          expect((await chart(page, id))?.meta?.selected, id).toBe(busiest.month);
        }
        const listed = await api<PracticeCasesPage>(
          `/api/practices/cases?practice=${key}&month=${busiest.month}&limit=25`,
        );
        expect(listed.total).toBe(busiest.escalated);
        expect(await page.textContent('#cases-title')).toContain(`(${busiest.escalated})`);
        const caseRows = page.locator('table[data-kind=cases] tbody tr');
        expect(await caseRows.count()).toBe(Math.min(25, busiest.escalated));
        expect(await caseRows.first().getAttribute('data-ticket')).toBe(listed.cases[0].ticketId);
        expect(await caseRows.first().locator('a').getAttribute('href')).toBe(
          `/case?id=${encodeURIComponent(listed.cases[0].ticketId)}`,
        );
        await page.locator('.cases-panel').scrollIntoViewIfNeeded();
        await screenshot(page, 'practice-month-cases');

        // The outcome filter narrows the list and is kept in the URL.
        await settledAfter(page, () => page.click('button[data-outcome="overturned_or_partial"]'));
        expect(new URL(page.url()).searchParams.get('outcome')).toBe('overturned_or_partial');
        expect(await page.textContent('#cases-title')).toContain(`(${busiest.overturnedOrPartial})`);

        // Open an FAQ update: a draft citing the proposed evidence, in the editor.
        const evidence = await page.$$eval('table[data-kind=evidence] tbody tr', (rows) =>
          rows.map((r) => r.getAttribute('data-ticket')),
        );
        expect(evidence.length).toBeGreaterThan(0);
        await page.click('button[data-action="open-faq-update"]');
        await page.waitForURL(/\/faq-updates\?id=/);
        await waitSettled(page, 'window.__eqaReady === true');
        const id = new URL(page.url()).searchParams.get('id') ?? '';
        const created = await api<FaqUpdateDto>(`/api/faq-updates/${id}`);
        expect(created).toMatchObject({
          practice: unfair,
          status: 'draft',
          owner: 'lena',
          evidenceTicketIds: evidence,
        });
        expect(await page.locator('.evidence-links li').count()).toBe(evidence.length);

        // Guidance with a preview that escapes what was typed.
        await page.fill(
          'textarea[name="guidanceMarkdown"]',
          '# Overdraft fee cap\n\nApply the cap **before** any fee.\n\n- check the account\n- <script>alert(1)</script>',
        );
        expect(await page.innerHTML('[data-preview] strong')).toBe('before');
        expect(await page.textContent('[data-preview] li:last-child')).toBe('<script>alert(1)</script>');
        expect(await page.locator('[data-preview] script').count()).toBe(0);
        await settledAfter(page, () => page.click('button[data-action="save"]'));
        await settledAfter(page, () => page.click('button[data-move="in_review"]'));
        expect(await page.textContent('.meta .status')).toBe('In review');
        await page.fill('input[name="publishedAt"]', faq.publishedAt);
        await settledAfter(page, () => page.click('button[data-move="published"]'));
        expect(await page.textContent('.meta .status')).toBe('Published');
        const published = await api<FaqUpdateDto>(`/api/faq-updates/${id}`);
        expect(published).toMatchObject({ status: 'published', publishedAt: faq.publishedAt, version: 4 });
        expect(
          await page.$$eval('ol.history li', (items) => items.map((i) => i.getAttribute('data-action'))),
        ).toEqual(['faq-update.create', 'faq-update.edit', 'faq-update.submit', 'faq-update.publish']);
        expect(await page.locator('ol.history li').first().textContent()).toContain('lena');

        // The effect for a published update: the API's difference-in-differences, and the date on the chart.
        const effect = await api<FaqEffect>(
          `/api/practices/faq-effect?practice=${key}&publishedAt=${faq.publishedAt}`,
        );
        const did = page.locator('[data-did="overturnShare"]');
        expect(Number(await did.getAttribute('data-estimate'))).toBeCloseTo(
          effect.difference.overturnShare.estimate ?? Number.NaN,
          10,
        );
        expect(effect.difference.overturnShare.estimate).toBeLessThan(0);
        const effectChart = await chart(page, 'faq-effect-monthly');
        expect(effectChart?.markers?.map((m) => m.date)).toEqual([faq.publishedAt]);
        expect(effectChart?.datasets.map((d) => d.label)).toEqual([
          'This practice',
          'Other practices (control)',
        ]);
        await screenshot(page, 'faq-update-editor');

        // Back on the practice: the publication line on both monthly charts, and the before/after panel.
        await openSettled(page, `/practice?key=${key}`);
        for (const id of [
          'practice-overturn-monthly',
          'practice-escalation-rate-monthly',
          'practice-faq-effect-monthly',
        ]) {
          expect((await chart(page, id))?.markers, id).toEqual([
            { date: faq.publishedAt, label: `FAQ published ${faq.publishedAt}` },
          ]);
        }
        expect(await page.locator('[data-did="overturnShare"] dd').textContent()).toMatch(
          /^−\d+\.\d pts \(95% interval/,
        );
        await screenshot(page, 'practice-after-faq');

        // Every figure opens the cases behind it: the Dissatisfied card lists exactly its count, the
        // list's group and page are kept in the URL.
        await settledAfter(page, () => page.click('[data-figure="dissatisfied"] .value a'));
        const dissatisfiedUrl = new URL(page.url()).searchParams;
        expect(dissatisfiedUrl.get('group')).toBe('dissatisfied');
        expect(await page.textContent('#cases-title')).toContain(`(${count(figures.dissatisfied.count)})`);
        expect(await page.locator('table[data-kind=cases] tbody tr').count()).toBe(
          Math.min(25, figures.dissatisfied.count),
        );
        await page.locator('.cases-panel').scrollIntoViewIfNeeded();
        await screenshot(page, 'practice-dissatisfied-cases');

        // A control row of the before/after panel: the other practices' decided cases of that window.
        await settledAfter(page, () => page.click('tr[data-row="control-overturn"] td:nth-of-type(1) a'));
        const controlUrl = new URL(page.url()).searchParams;
        expect([controlUrl.get('control'), controlUrl.get('from'), controlUrl.get('to')]).toEqual([
          '1',
          effect.before.from,
          effect.before.to,
        ]);
        expect(controlUrl.get('offset')).toBeNull();
        expect(await page.textContent('#cases-title')).toContain(
          `(${count(effect.control.before.overturn.of)})`,
        );
        await page.locator('.cases-panel').scrollIntoViewIfNeeded();
        await screenshot(page, 'practice-control-cases');

        // The list's page is in the URL: the next page, then the same address opened afresh.
        expect(effect.control.before.overturn.of).toBeGreaterThan(25);
        await settledAfter(page, () => page.click('.pager button:last-child'));
        expect(new URL(page.url()).searchParams.get('offset')).toBe('25');
        const secondPage = await page.$$eval('table[data-kind=cases] tbody tr', (rows) =>
          rows.map((r) => r.getAttribute('data-ticket')),
        );
        await openSettled(page, new URL(page.url()).pathname + new URL(page.url()).search);
        expect(await page.textContent('.pager span')).toMatch(/^\s*26–/);
        expect(
          await page.$$eval('table[data-kind=cases] tbody tr', (rows) =>
            rows.map((r) => r.getAttribute('data-ticket')),
          ),
        ).toEqual(secondPage);

        // The list, filtered by status in the URL.
        await openSettled(page, '/faq-updates');
        await settledAfter(page, () => page.click('.statuses button[data-status="published"]'));
        expect(new URL(page.url()).search).toBe('?status=published');
        expect(
          await page.$$eval('table.faq-updates tbody tr', (rows) =>
            rows.map((r) => r.getAttribute('data-update')),
          ),
        ).toEqual([id]);
        await screenshot(page, 'faq-updates');
        await settledAfter(page, () => page.click('.statuses button[data-status="draft"]'));
        expect(await page.locator('table.faq-updates tbody tr').count()).toBe(0);
        expect(await page.textContent('.panel .empty')).toContain('No FAQ update matches');

        // The sparkline on the Practices page marks the publication too.
        await openSettled(page, '/practices');
        expect(await page.locator(`tr[data-practice="${unfair}"] svg.sparkline line.marker`).count()).toBe(1);
        expect(problems.errors).toEqual([]);
      },
      viewport,
    );
  });
});
