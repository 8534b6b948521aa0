import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChartSummary } from '../../dashboard/src/lib/charts/chart-summary.js';
import { DuckDbStore, ingestPaths } from '../../etl/src/index.js';
import type { LoadedFile, RejectRow } from '../../server/src/contracts/data.contract.js';
import { dashboardSkipReason, screenshot, withPage } from '../setup/browser.js';
import { testAdminFetch } from '../setup/sessions.js';
import { serveStore, startTestServer, type TestServer } from '../setup/test-server.js';

const whySkip = dashboardSkipReason;

const badFile = (name: string) => fileURLToPath(new URL(`../../fixtures/bad/${name}`, import.meta.url));
const impossibleDates = badFile('impossible-dates.csv');
const negativeDuration = badFile('negative-duration.csv');

interface DrawnFile {
  path: string | null;
  name: string;
  read: string;
  loaded: string;
  rejected: string;
  selected: boolean;
}

interface DrawnReject {
  line: string;
  field: string;
  value: string | null;
  reason: string;
}

const count = (n: number) => n.toLocaleString('en-GB');

/** Runs a user action and waits until the page has loaded and drawn again. */
async function settledAfter(page: Page, action: () => Promise<unknown>): Promise<void> {
  // The counter only grows within one document; a navigation starts a new one at zero.
  const before = await page.evaluate<number>('window.__eqaSettled ?? 0');
  await action();
  await page.waitForFunction(`window.__eqaReady === true && (window.__eqaSettled ?? 0) > ${before}`);
}

/** Opens (or reopens) a URL and waits until the page has loaded and drawn. */
async function openSettled(page: Page, navigate: () => Promise<unknown>): Promise<void> {
  await navigate();
  await page.waitForFunction('window.__eqaReady === true');
}

async function drawnChart(page: Page): Promise<ChartSummary | undefined> {
  expect(await page.evaluate<string | null>('window.__eqaError ?? null')).toBeNull();
  return (await page.evaluate<Record<string, ChartSummary>>('window.__eqaCharts ?? {}'))['rejects-per-file'];
}

/** The files table as drawn: one entry per file row. */
function drawnFiles(page: Page): Promise<DrawnFile[]> {
  return page.$$eval('table.files tr.file', (rows) =>
    rows.map((row) => {
      const cell = (col: string) => row.querySelector(`[data-col="${col}"]`)?.textContent?.trim() ?? '';
      const button = row.querySelector('button');
      return {
        path: row.getAttribute('data-file'),
        name: button?.textContent?.trim() ?? '',
        title: button?.getAttribute('title'),
        read: cell('read'),
        loaded: cell('loaded'),
        rejected: cell('rejected'),
        selected: row.classList.contains('selected') && button?.getAttribute('aria-pressed') === 'true',
      };
    }),
  );
}

/** The rejects table as drawn (without the file column). */
function drawnRejects(page: Page): Promise<DrawnReject[]> {
  return page.$$eval('table.rejects tbody tr', (rows) =>
    rows.map((row) => ({
      line: row.querySelector('.line')?.textContent?.trim() ?? '',
      field: row.querySelector('.field')?.textContent?.trim() ?? '',
      value: row.querySelector('.value code')?.getAttribute('title') ?? null,
      reason: row.querySelector('.reason')?.textContent?.trim() ?? '',
    })),
  );
}

function expectRejectsToMatch(drawn: DrawnReject[], api: RejectRow[]): void {
  expect(drawn).toEqual(
    api.map((row) => ({
      line: row.line === null ? '—' : count(row.line),
      field: row.field ?? 'whole row',
      value: row.value,
      reason: row.reason,
    })),
  );
}

describe('Data page in Chromium', () => {
  let sut: TestServer | undefined;
  let baseUrl = '';
  let tmp = '';

  const api = async <T>(path: string): Promise<T> => {
    const response = await testAdminFetch(baseUrl)(`${baseUrl}${path}`);
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  };
  const rejectsOf = (file: string, extra = '') =>
    api<{ total: number; rows: RejectRow[] }>(`/api/data/rejects?file=${encodeURIComponent(file)}${extra}`);

  beforeAll(async () => {
    if (whySkip) {
      return;
    }
    sut = await startTestServer({ tickets: 500, seed: 5 });
    // The test server holds the store in this process, so a second ingest run can go straight into it.
    await ingestPaths(sut.store, [impossibleDates, negativeDuration]);
    // The server reports localhost; it listens on 127.0.0.1 only.
    baseUrl = sut.url.replace('//localhost:', '//127.0.0.1:');
    tmp = mkdtempSync(join(tmpdir(), 'eqa-data-page-'));
  });
  afterAll(async () => {
    await sut?.close();
    if (tmp) {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('should list the loaded files, chart their rejects and show a file’s rejects kept in the URL', async (ctx) => {
    ctx.skip(Boolean(whySkip), whySkip);
    const files = await api<LoadedFile[]>('/api/data/files');
    // the generated data set's seven files (offers and customers included) and the two bad ones
    expect(files).toHaveLength(9);
    const impossible = await rejectsOf(impossibleDates);
    expect(impossible.total).toBe(4);

    await withPage(baseUrl, async (page, problems) => {
      await openSettled(page, () => page.goto('/data'));
      // Shot before asserting, so a failure leaves a picture of what was drawn.
      await screenshot(page, 'data');

      // Opening the page writes nothing into the URL; the navigation marks the page.
      expect(new URL(page.url()).search).toBe('');
      expect(await page.getAttribute('nav a[href="/data"]', 'aria-current')).toBe('page');

      // The files table: every loaded file in its run, with the API's numbers and its short name.
      expect(await page.locator('table.files tbody[data-run]').count()).toBe(2);
      const table = await drawnFiles(page);
      expect(table.map((row) => row.path).sort()).toEqual(files.map((file) => file.file).sort());
      for (const file of files) {
        expect(table.find((row) => row.path === file.file)).toEqual({
          path: file.file,
          name: file.file.split('/').at(-1),
          title: file.file,
          read: count(file.rows_read),
          loaded: count(file.rows_loaded),
          rejected: count(file.rows_rejected),
          selected: false,
        });
      }

      // The chart: only the two bad files, the one with most rejects first.
      const chart = await drawnChart(page);
      expect(chart).toMatchObject({
        title: 'Rows rejected per file',
        type: 'bar',
        labels: 2,
        firstLabel: 'impossible-dates.csv',
        lastLabel: 'negative-duration.csv',
        datasets: [{ label: 'Rows rejected', points: 2, sum: 5 }],
        meta: { rejected: 5, files: 2, 'bar:impossible-dates.csv': 4, 'bar:negative-duration.csv': 1 },
      });
      const rejectedFiles = files.filter((file) => file.rows_rejected > 0);
      // The API lists newest first; the two bad files were loaded in the order below.
      expect(rejectedFiles.map((file) => [file.file, file.rows_rejected]).reverse()).toEqual([
        [impossibleDates, 4],
        [negativeDuration, 1],
      ]);

      // With no file picked, the rejects of every file.
      const all = await api<{ total: number; rows: RejectRow[] }>('/api/data/rejects');
      expect(await page.locator('table.rejects tbody tr').count()).toBe(all.total);
      expect(await page.textContent('.pager')).toContain(`Rows 1–5 of 5`);

      // Clicking a file's row shows its rejects and puts it in the URL.
      await settledAfter(page, () => page.click(`tr[data-file="${impossibleDates}"]`));
      await screenshot(page, 'data-rejects');
      expect(new URL(page.url()).search).toBe(`?${new URLSearchParams({ file: impossibleDates })}`);
      const drawn = await drawnRejects(page);
      expect(drawn.map((row) => row.line)).toEqual(['2', '3', '4', '5']);
      expectRejectsToMatch(drawn, impossible.rows);
      expect(drawn.map((row) => row.reason)).toEqual([
        'resolved before created',
        'impossible date (before 1970 or after 2100)',
        'impossible date (before 1970 or after 2100)',
        'not an ISO 8601 timestamp',
      ]);
      expect(await page.textContent('#rejects-title')).toContain('impossible-dates.csv');
      expect(await page.textContent('.pager')).toContain('Rows 1–4 of 4');
      expect(await page.isDisabled('.pager button:has-text("Next")')).toBe(true);

      // A reload keeps the selection: the row, the rejects and the URL.
      await openSettled(page, () => page.reload());
      const selected = (await drawnFiles(page)).filter((row) => row.selected);
      expect(selected.map((row) => row.path)).toEqual([impossibleDates]);
      expectRejectsToMatch(await drawnRejects(page), impossible.rows);

      // Clicking a bar selects its file: the second bar is the lower half of the plot.
      const canvas = await page.locator('[data-chart-id="rejects-per-file"] canvas').boundingBox();
      expect(canvas).not.toBeNull();
      if (canvas) {
        await settledAfter(page, () =>
          page.mouse.click(canvas.x + canvas.width * 0.6, canvas.y + canvas.height * 0.58),
        );
      }
      expect(new URL(page.url()).searchParams.get('file')).toBe(negativeDuration);
      expectRejectsToMatch(await drawnRejects(page), (await rejectsOf(negativeDuration)).rows);

      // A file with no rejects says so.
      const clean = files.find((file) => file.rows_rejected === 0 && file.kind === 'tickets');
      await settledAfter(page, () => page.click(`tr[data-file="${clean?.file}"]`));
      expect(await page.textContent('[aria-labelledby="rejects-title"]')).toContain(
        `No row of tickets.csv was rejected: all ${count(clean?.rows_read ?? 0)} rows read were loaded.`,
      );

      // Back to every file: the parameter goes away again.
      await settledAfter(page, () => page.click('button:has-text("Show every file")'));
      expect(new URL(page.url()).search).toBe('');

      expect(problems.errors).toEqual([]);
    });
  });

  it('should page through a file with more rejects than fit on a page', async (ctx) => {
    ctx.skip(Boolean(whySkip), whySkip);
    const many = join(tmp, 'many-bad-dates.csv');
    const header =
      'ticket_id,created_at,resolved_at,customer_id,channel,category,policy,priority,status,csat,outcome';
    // The first row's raw value is far too long for its column: drawn truncated, whole on hover.
    const long = `${'2026-03-02T09:00:00Z '.repeat(12)}and more`;
    const rows = Array.from(
      { length: 250 },
      (_, i) => `X-${i},${i === 0 ? long : 'not a date'},,C-1,phone,billing,,normal,open,,`,
    );
    writeFileSync(many, `${header}\n${rows.join('\n')}\n`);
    await ingestPaths(sut?.store as NonNullable<typeof sut>['store'], [many]);
    const second = await rejectsOf(many, '&limit=100&offset=100');
    expect(second.total).toBe(250);

    await withPage(baseUrl, async (page, problems) => {
      await openSettled(page, () => page.goto(`/data?${new URLSearchParams({ file: many })}`));
      expect(await page.textContent('.pager')).toContain('Rows 1–100 of 250');
      expect(await page.isDisabled('.pager button:has-text("Previous")')).toBe(true);
      const first = page.locator('table.rejects tbody tr').first().locator('.value code');
      expect(await first.getAttribute('title')).toBe(long);
      expect(await first.evaluate((code) => code.scrollWidth > code.clientWidth)).toBe(true);
      expect(
        await first.evaluate(
          (code) => code.ownerDocument.defaultView?.getComputedStyle(code).fontFamily ?? '',
        ),
      ).toMatch(/mono/i);
      await screenshot(page, 'data-rejects-paged');

      await settledAfter(page, () => page.click('.pager button:has-text("Next")'));
      expect(await page.textContent('.pager')).toContain('Rows 101–200 of 250');
      expectRejectsToMatch(await drawnRejects(page), second.rows);

      await settledAfter(page, () => page.click('.pager button:has-text("Next")'));
      expect(await page.textContent('.pager')).toContain('Rows 201–250 of 250');
      expect(await page.isDisabled('.pager button:has-text("Next")')).toBe(true);
      expect(await page.locator('table.rejects tbody tr').count()).toBe(50);

      // The chart now has a third file, ahead of the others.
      expect(await drawnChart(page)).toMatchObject({ labels: 3, firstLabel: 'many-bad-dates.csv' });
      expect(problems.errors).toEqual([]);
    });
  });

  it('should say how to ingest when nothing has been ingested yet', async (ctx) => {
    ctx.skip(Boolean(whySkip), whySkip);
    // startTestServer always loads a data set, so this one serves a store that was never ingested into.
    const store = await DuckDbStore.open(join(tmp, 'empty.duckdb'));
    const empty = await serveStore(store);
    try {
      await withPage(empty.url.replace('//localhost:', '//127.0.0.1:'), async (page, problems) => {
        await openSettled(page, () => page.goto('/data'));
        await screenshot(page, 'data-empty');
        expect(await page.textContent('main')).toContain(
          'Nothing has been ingested yet: run “npm run eqa -- ingest <folder>”.',
        );
        expect(await page.locator('table').count()).toBe(0);
        expect(await drawnChart(page)).toBeUndefined();
        expect(problems.errors).toEqual([]);
      });
    } finally {
      await empty.close();
      store.close();
    }
  });
});
