import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatScore } from '../../dashboard/src/lib/format/format-score.js';
import { spanText } from '../../dashboard/src/pages/case/highlight.util.js';
import { ingestPaths, scoreStore } from '../../etl/src/index.js';
import type { CaseDetail, StandardsOverview } from '../../server/src/contracts/standards.contract.js';
import { dashboardSkipReason, screenshot, withPage } from '../setup/browser.js';
import { testAdminFetch } from '../setup/sessions.js';
import { startTestServer, type TestServer } from '../setup/test-server.js';

const whySkip = dashboardSkipReason;

const STANDARD_COLUMNS = ['right_department', 'assessment_quality', 'satisfaction', 'resolution'] as const;
/** The scorer's excerpts are the first 80 characters of the matched text. */
const EXCERPT_LENGTH = 80;

// One case written by hand, with emoji before the spans: DuckDB counts each as one character, a
// JavaScript string as two units, so a highlighter slicing UTF-16 would mark the wrong letters.
const EMOJI_TICKET = 'T9900001';
const EMOJI_NOTE = '🦆🦆 Summary: the app crashes every time 😡, cx wants a refund';
const EMOJI_TRANSCRIPT =
  'Agent: Hello 🦆, calling about your case.\nCustomer: 😡 As I said before, the app crashes.';
const csv = (rows: string[][]) => `${rows.map((row) => row.map(quote).join(',')).join('\n')}\n`;
const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

function writeEmojiExport(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'tickets.csv'),
    csv([
      [
        'ticket_id',
        'created_at',
        'resolved_at',
        'customer_id',
        'channel',
        'category',
        'policy',
        'priority',
        'status',
        'csat',
        'outcome',
      ],
      [
        EMOJI_TICKET,
        '2026-01-05T09:00:00Z',
        '',
        'C9900001',
        'phone',
        'technical',
        '',
        'normal',
        'open',
        '',
        '',
      ],
    ]),
  );
  const events = [
    [
      'ticket_id',
      'at',
      'type',
      'level',
      'department',
      'agent_id',
      'escalation_type',
      'note',
      'status',
      'value',
    ],
    [EMOJI_TICKET, '2026-01-05T09:00:00Z', 'created', '1', 'first_line', '', '', '', 'new', ''],
    [EMOJI_TICKET, '2026-01-05T09:05:00Z', 'assigned', '1', 'first_line', 'A0001', '', '', 'open', ''],
    [
      EMOJI_TICKET,
      '2026-01-05T10:00:00Z',
      'escalated',
      '2',
      'tech_support',
      'A0001',
      'expertise',
      EMOJI_NOTE,
      'open',
      '',
    ],
  ];
  writeFileSync(join(dir, 'events.csv'), csv(events));
  writeFileSync(
    join(dir, 'calls.csv'),
    csv([
      [
        'call_id',
        'ticket_id',
        'customer_id',
        'agent_id',
        'department',
        'level',
        'started_at',
        'ended_at',
        'direction',
        'disposition',
        'recording_url',
        'transcript',
      ],
      [
        'CA9900001',
        EMOJI_TICKET,
        'C9900001',
        'A0002',
        'tech_support',
        '2',
        '2026-01-05T11:00:00Z',
        '2026-01-05T11:06:00Z',
        'outbound',
        'callback',
        'https://recordings.example.com/c/CA9900001.wav',
        EMOJI_TRANSCRIPT,
      ],
    ]),
  );
}

/** Opens (or reopens) a URL and waits until the page has loaded and drawn. */
async function openSettled(page: Page, navigate: () => Promise<unknown>): Promise<void> {
  await navigate();
  await page.waitForFunction('window.__eqaReady === true');
}

/** Runs a user action and waits until the page has loaded and drawn again. */
async function settledAfter(page: Page, action: () => Promise<unknown>): Promise<void> {
  const before = await page.evaluate<number>('window.__eqaSettled ?? 0');
  await action();
  await page.waitForFunction(`window.__eqaReady === true && (window.__eqaSettled ?? 0) > ${before}`);
}

/** The text of every mark tied to an evidence row, joined in document order. */
function markedText(page: Page, scope: string, index: number): Promise<string> {
  return page.$$eval(`${scope} mark[data-spans~="${index}"]`, (marks) =>
    marks.map((m) => m.textContent).join(''),
  );
}

const first = (text: string, n: number) => Array.from(text).slice(0, n).join('');

/** The drawn page must show the API's scores, evidence rows, highlighted spans and transcripts. */
async function expectCaseToMatch(page: Page, detail: CaseDetail): Promise<void> {
  const { score } = detail;
  expect(await page.textContent('h1')).toContain(detail.ticket.ticket_id);
  expect((await page.textContent('.overall .big'))?.trim()).toBe(
    formatScore(score?.overall ?? null, 'no score'),
  );

  for (const column of STANDARD_COLUMNS) {
    const card = `section.card[data-standard="${column}"]`;
    const value = score?.[column] ?? null;
    expect((await page.textContent(`${card} .score .value`))?.trim(), column).toBe(
      value === null ? 'no score' : value.toFixed(1),
    );
    // Every evidence row of the standard is listed, with its rule, detail and excerpt.
    const rows = detail.evidence
      .map((item, index) => ({ item, index }))
      .filter(({ item }) => item.standard === column);
    expect(await page.locator(`${card} li.ev`).count(), column).toBe(rows.length);
    for (const { item, index } of rows) {
      const row = page.locator(`${card} li.ev[data-evidence="${index}"]`);
      expect(await row.locator('.rule').textContent()).toBe(item.rule);
      expect(await row.locator('.detail').textContent()).toBe(item.detail);
      expect(await row.locator('.excerpt').count()).toBe(item.excerpt === null ? 0 : 1);
      if (item.excerpt !== null) {
        expect(await row.locator('.excerpt').textContent()).toBe(item.excerpt);
      }
    }
  }

  // Each step on the timeline: its scores, and its note with the elements found marked exactly.
  for (const step of detail.steps) {
    const item = `li.item[data-step="${step.step_no}"]`;
    expect(await page.locator(item).count(), `step ${step.step_no} on the timeline`).toBe(1);
    expect((await page.textContent(`${item} [data-score="right_department"] strong`))?.trim()).toBe(
      formatScore(step.right_department, 'not scored'),
    );
    expect((await page.textContent(`${item} [data-score="assessment_quality"] strong`))?.trim()).toBe(
      formatScore(step.assessment_quality, 'not scored'),
    );
    const seq = Number(await page.getAttribute(item, 'data-seq'));
    const note = detail.events.find((event) => event.seq === seq)?.note ?? '';
    for (const [index, evidence] of detail.evidence.entries()) {
      if (evidence.step_no !== step.step_no || evidence.source !== 'note' || evidence.span_start === null) {
        continue;
      }
      const marked = await markedText(page, item, index);
      expect(marked, evidence.rule).toBe(spanText(note, evidence.span_start, evidence.span_length ?? 0));
      expect(first(marked, EXCERPT_LENGTH), evidence.rule).toBe(evidence.excerpt);
    }
  }

  // Calls: one drawn turn per transcript line, with its speaker.
  for (const call of detail.calls) {
    const lines = (call.transcript ?? '').split('\n').filter((line) => line.trim() !== '');
    const turns = page.locator(`li.item[data-call="${call.call_id}"] .turn`);
    expect(await turns.count(), call.call_id).toBe(lines.length);
    const speakers = await turns.locator('.speaker').allTextContents();
    expect(speakers).toEqual(lines.map((line) => /^(Agent|Customer):/.exec(line)?.[1] ?? ''));
    if (call.recording_url) {
      expect(await page.getAttribute(`li.item[data-call="${call.call_id}"] a.recording`, 'href')).toBe(
        call.recording_url,
      );
    }
  }

  // Survey answers, or "not surveyed".
  if (detail.surveys.length === 0) {
    expect(await page.textContent('li[data-kind="survey-none"]')).toContain('not surveyed');
  } else {
    expect(await page.locator('li[data-kind="survey"]').count()).toBe(detail.surveys.length);
  }
}

describe('Case page in Chromium', () => {
  let sut: TestServer | undefined;
  let baseUrl = '';
  let tmp = '';

  const api = async <T>(path: string): Promise<T> => {
    const response = await testAdminFetch(baseUrl)(`${baseUrl}${path}`);
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  };

  beforeAll(async () => {
    if (whySkip) {
      return;
    }
    sut = await startTestServer({ tickets: 3000, seed: 11 });
    tmp = mkdtempSync(join(tmpdir(), 'eqa-case-page-'));
    writeEmojiExport(join(tmp, 'emoji'));
    await ingestPaths(sut.store, [join(tmp, 'emoji')]);
    await scoreStore(sut.store);
    // The server reports localhost; it listens on 127.0.0.1 only.
    baseUrl = sut.url.replace('//localhost:', '//127.0.0.1:');
  });
  afterAll(async () => {
    await sut?.close();
    if (tmp) {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it("should draw a low-scoring case's scores, evidence, marked notes and transcripts as the API gives them", async (ctx) => {
    ctx.skip(Boolean(whySkip), whySkip);
    const overview = await api<StandardsOverview>('/api/standards/overview');
    expect(overview.lowestCases.length).toBeGreaterThan(0);
    // Of the lowest cases, the one with the most to look at: marked note spans and calls.
    const details = await Promise.all(
      overview.lowestCases.map((c) => api<CaseDetail>(`/api/cases/${encodeURIComponent(c.ticketId)}`)),
    );
    const richness = (d: CaseDetail) =>
      d.evidence.filter((e) => e.span_start !== null).length + 2 * d.calls.length + d.steps.length;
    const detail = details.reduce((best, d) => (richness(d) > richness(best) ? d : best));
    expect(detail.score).not.toBeNull();
    expect(detail.evidence.some((e) => e.span_start !== null)).toBe(true);

    await withPage(
      baseUrl,
      async (page, problems) => {
        await openSettled(page, () => page.goto(`/case?id=${encodeURIComponent(detail.ticket.ticket_id)}`));
        await screenshot(page, 'case');
        expect(await page.evaluate<string | null>('window.__eqaError ?? null')).toBeNull();
        expect(await page.getAttribute('nav a[href="/case"]', 'aria-current')).toBe('page');
        // Opening a case writes nothing more into the URL.
        expect(new URL(page.url()).search).toBe(`?id=${detail.ticket.ticket_id}`);
        await expectCaseToMatch(page, detail);
        expect(await page.textContent('.rubric')).toContain(detail.score?.rubric_version ?? '?');
        expect(problems.errors).toEqual([]);
      },
      { width: 1280, height: 800 },
    );
  });

  it('should mark note and transcript spans at code-point offsets, emoji before them included', async (ctx) => {
    ctx.skip(Boolean(whySkip), whySkip);
    const detail = await api<CaseDetail>(`/api/cases/${EMOJI_TICKET}`);
    const spans = detail.evidence.filter((e) => e.span_start !== null);
    // The note's problem and customer ask, and the customer repeating themselves on the next call.
    expect(spans.map((e) => e.rule.split(':')[0]).sort()).toEqual(
      expect.arrayContaining(['element.customer_ask', 'element.customer_repeated', 'element.problem']),
    );

    await withPage(
      baseUrl,
      async (page, problems) => {
        await openSettled(page, () => page.goto(`/case?id=${EMOJI_TICKET}`));
        await screenshot(page, 'case-emoji');
        await expectCaseToMatch(page, detail);
        for (const [index, evidence] of detail.evidence.entries()) {
          if (evidence.span_start === null) {
            continue;
          }
          const scope =
            evidence.source === 'transcript' ? `li.item[data-call="${evidence.call_id}"]` : 'li.item';
          // Short spans: the marked text is the excerpt, letter for letter.
          expect(await markedText(page, scope, index), evidence.rule).toBe(evidence.excerpt);
        }
        // The repeat is a deduction: a ✗ on the card and a warning-coloured mark.
        const repeat = detail.evidence.findIndex((e) => e.rule.startsWith('element.customer_repeated'));
        expect(await page.getAttribute(`li.ev[data-evidence="${repeat}"]`, 'data-verdict')).toBe('fail');
        expect(await page.locator(`mark.penalty[data-spans~="${repeat}"]`).count()).toBeGreaterThan(0);
        expect(problems.errors).toEqual([]);
      },
      { width: 1280, height: 800 },
    );
  });

  it('should offer a form and the lowest cases without an id, and open the case typed in', async (ctx) => {
    ctx.skip(Boolean(whySkip), whySkip);
    const overview = await api<StandardsOverview>('/api/standards/overview');

    await withPage(
      baseUrl,
      async (page, problems) => {
        await openSettled(page, () => page.goto('/case'));
        await screenshot(page, 'case-picker');
        expect(new URL(page.url()).search).toBe('');
        const links = await page.$$eval('table.lowest tbody tr td.ticket a', (as) =>
          as.map((a) => [a.textContent, a.getAttribute('href')]),
        );
        expect(links).toEqual(overview.lowestCases.map((c) => [c.ticketId, `/case?id=${c.ticketId}`]));

        // Typing an id opens its case, as a new history entry.
        await page.fill('input[name="id"]', ` ${EMOJI_TICKET} `);
        await settledAfter(page, () => page.click('button[type="submit"]'));
        expect(new URL(page.url()).pathname).toBe('/case');
        expect(new URL(page.url()).search).toBe(`?id=${EMOJI_TICKET}`);
        expect(await page.textContent('h1')).toContain(EMOJI_TICKET);

        // A lowest case's link, after going back to the list.
        await settledAfter(page, () => page.goBack());
        expect(new URL(page.url()).search).toBe('');
        const target = overview.lowestCases[0].ticketId;
        await settledAfter(page, () => page.click(`table.lowest a:text-is("${target}")`));
        expect(new URL(page.url()).search).toBe(`?id=${target}`);
        expect(await page.textContent('h1')).toContain(target);
        expect(problems.errors).toEqual([]);
      },
      { width: 1280, height: 800 },
    );
  });

  it('should say an unknown ticket is not in the store, without an error', async (ctx) => {
    ctx.skip(Boolean(whySkip), whySkip);
    const response = await testAdminFetch(baseUrl)(`${baseUrl}/api/cases/T-NO-SUCH`);
    expect(response.status).toBe(404);

    await withPage(
      baseUrl,
      async (page, problems) => {
        await openSettled(page, () => page.goto('/case?id=T-NO-SUCH'));
        await screenshot(page, 'case-not-found');
        expect(await page.textContent('.not-found')).toContain('No case T-NO-SUCH in the store.');
        expect(await page.evaluate<string | null>('window.__eqaError ?? null')).toBeNull();
        expect(await page.locator('section.card').count()).toBe(0);
        expect(await page.locator('[role="alert"]').count()).toBe(0);
        // Chromium logs the 404 itself; nothing else may go wrong.
        expect(problems.errors.filter((e) => !e.includes('404'))).toEqual([]);
      },
      { width: 1280, height: 800 },
    );
  });
});
