import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths, rebuildSearchIndex, scoreStore } from '../../etl/src/index.js';
import type { CallFinderResult, RoleplaySessionDto } from '../../server/src/contracts/roleplay.contract.js';
import { dashboardSkipReason, screenshot, screenshotDir, withPage } from '../setup/browser.js';
import { testAdminFetch } from '../setup/sessions.js';
import { startTestServer, type TestServer } from '../setup/test-server.js';

const whySkip = dashboardSkipReason;

// Personal data in a call's transcript (redacted at ingest) and typed by the trainer into a brief
// (redacted by the export's last guard): none of it may reach the PDF.
const EMAIL = 'jo.bloggs@example.com';
const PHONE = '07700 900123';
const CARD = '4539 1488 0343 6467';
const PII_CALL = 'CPII0001';
const TYPED_PHONE = '+44 20 7946 0958';

function writePiiExport(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'tickets.csv'),
    'ticket_id,created_at,resolved_at,customer_id,channel,category,policy,priority,status,csat,outcome\n' +
      'TPII0001,2026-03-02T09:00:00Z,,CPII,phone,refunds,refund_30_day_window,normal,open,,\n',
  );
  const transcript = [
    'Agent: Good morning, refunds team, Sam speaking.',
    `Customer: I want my refund. The refund was refused twice. Email me at ${EMAIL} or ring ${PHONE}.`,
    `Customer: The refund should go back to card ${CARD}, refund it today.`,
    'Agent: I understand. I will pass this to a manager with everything you said.',
  ].join('\n');
  writeFileSync(
    join(dir, 'calls.csv'),
    'call_id,ticket_id,customer_id,agent_id,department,level,started_at,ended_at,direction,disposition,recording_url,transcript\n' +
      `${PII_CALL},TPII0001,CPII,A-1,first_line,1,2026-03-02T09:05:00Z,2026-03-02T09:15:00Z,inbound,,,"${transcript}"\n`,
  );
}

async function pdfText(bytes: Uint8Array): Promise<string> {
  // pdfjs-dist (devDependency): a well-kept PDF reader, so the test reads the text as a viewer would.
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: bytes, isEvalSupported: false, useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await doc.destroy();
  return pages.join('\n').replace(/\s+/g, ' ');
}

describe('Role-play page (browser)', () => {
  let sut: TestServer;
  let dir: string;

  beforeAll(async () => {
    if (whySkip) {
      return;
    }
    sut = await startTestServer({ tickets: 2500, seed: 13 });
    dir = mkdtempSync(join(tmpdir(), 'eqa-roleplay-'));
    writePiiExport(dir);
    await ingestPaths(sut.store, [dir]);
    await scoreStore(sut.store);
    await rebuildSearchIndex(sut.store);
  }, 180_000);

  afterAll(async () => {
    await sut?.close();
    if (dir) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(whySkip !== '')(
    'a trainer searches, adds three calls to a session, exports the pack, and the PDF holds the briefs and no unredacted personal data',
    async () => {
      const api = testAdminFetch(sut.url);
      await withPage(
        sut.url,
        async (page, problems) => {
          await page.goto('/roleplay');
          await page.waitForFunction('window.__eqaReady === true');
          await page.waitForSelector('section.suggested li[data-lesson]');
          await screenshot(page, 'roleplay-open');
          await page.screenshot({ path: join(screenshotDir, 'roleplay-open-1280x800.png') });

          // Search: the words go into the URL, and the matches are marked in the snippets.
          const settled = await page.evaluate<number>('window.__eqaSettled ?? 0');
          await page.fill('input[name="q"]', 'refund');
          await page.selectOption('select[name="level"]', '1');
          await page.click('form.filters button[type="submit"]');
          await page.waitForFunction(`(window.__eqaSettled ?? 0) > ${settled} && window.__eqaReady === true`);
          expect(new URL(page.url()).searchParams.get('q')).toBe('refund');
          expect(new URL(page.url()).searchParams.get('level')).toBe('1');
          const expected = (await (
            await api(`${sut.url}/api/calls?q=refund&level=1&limit=25`)
          ).json()) as CallFinderResult;
          const rows = await page.$$eval('table.calls tbody tr', (trs) =>
            trs.map((tr) => tr.getAttribute('data-call')),
          );
          expect(rows).toEqual(expected.calls.map((c) => c.call_id));
          expect(rows[0]).toBe(PII_CALL);
          expect(await page.textContent('table.calls tbody tr:first-child mark')).toMatch(/refund/i);
          // What the page shows of the transcript is the stored, redacted text.
          const shown = (await page.textContent('table.calls')) ?? '';
          expect(shown).not.toContain(EMAIL);

          // Three calls into a session, one brief edited with a phone number typed in.
          for (const callId of rows.slice(0, 3)) {
            await page.click(`table.calls button[data-add="${callId}"]`);
            await page.waitForSelector(`li[data-chosen="${callId}"]`);
          }
          await page.fill('aside.builder input[name="title"]', 'Refunds refused: keep the customer');
          await page.fill(
            'aside.builder textarea[name="learningGoal"]',
            'Say no to a refund without losing the customer',
          );
          const firstAgentBrief = 'aside.builder li[data-chosen] >> nth=0 >> textarea >> nth=1';
          const drafted = await page.inputValue(firstAgentBrief);
          expect(drafted).toMatch(/Good handling/);
          await page.fill(firstAgentBrief, `${drafted} If stuck, call the team lead on ${TYPED_PHONE}.`);
          await page.click('aside.builder button.primary');
          await page.waitForSelector('aside.builder .exports a');
          await page.setViewportSize({ width: 1280, height: 800 });
          await screenshot(page, 'roleplay-session');
          await page.screenshot({ path: join(screenshotDir, 'roleplay-session-1280x800.png') });
          await page.locator('section.suggested').scrollIntoViewIfNeeded();
          await page.screenshot({ path: join(screenshotDir, 'roleplay-suggested-1280x800.png') });

          const sessionId = new URL(page.url()).searchParams.get('session');
          expect(sessionId).toBeTruthy();
          const saved = (await (
            await api(`${sut.url}/api/roleplay-sessions/${sessionId}`)
          ).json()) as RoleplaySessionDto;
          expect(saved.calls.map((c) => c.callId)).toEqual(rows.slice(0, 3));

          // The print page, then the PDF the export button downloads.
          await page.goto(`/roleplay/print?id=${sessionId}`);
          await page.waitForFunction('window.__eqaReady === true');
          await screenshot(page, 'roleplay-print');
          await page.screenshot({ path: join(screenshotDir, 'roleplay-print-1280x800.png') });
          await page.emulateMedia({ media: 'print' });
          await page.screenshot({ path: join(screenshotDir, 'roleplay-print-media-1280x800.png') });
          await page.emulateMedia({ media: 'screen' });
          await page.goto(`/roleplay?session=${sessionId}`);
          await page.waitForFunction('window.__eqaReady === true');
          await page.waitForSelector('aside.builder .exports a');
          const [download] = await Promise.all([
            page.waitForEvent('download', { timeout: 60_000 }),
            page.click('aside.builder .exports a:has-text("PDF")'),
          ]);
          const file = await download.path();
          const bytes = new Uint8Array(readFileSync(file));
          expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
          const text = await pdfText(bytes);

          expect(text).toContain('Refunds refused: keep the customer');
          for (const call of saved.calls) {
            expect(text).toContain(call.callId);
            // Briefs as saved, but for the phone number the export's last guard replaced.
            expect(text).toContain(call.customerBrief.replace(/\s+/g, ' ').slice(0, 60));
          }
          expect(text).toContain('[phone]');
          expect(text).toContain('[email]');
          for (const personal of [EMAIL, PHONE, CARD, TYPED_PHONE, '07700', '4539']) {
            expect(text).not.toContain(personal);
          }
          expect(text).not.toMatch(/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z]{2,}/);
          expect(problems.errors).toEqual([]);
        },
        { width: 1280, height: 800 },
      );
    },
    240_000,
  );
});
