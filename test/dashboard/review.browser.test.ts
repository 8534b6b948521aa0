import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatScore } from '../../dashboard/src/lib/format/format-score.js';
import { caseExportColumns } from '../../etl/src/index.js';
import type {
  AgreementReport,
  FillQueueResult,
  ReviewerWorkload,
  ReviewItemDto,
  ReviewQueueItemDto,
} from '../../server/src/contracts/reviews.contract.js';
import { UserAccounts } from '../../server/src/modules/users/user-accounts.service.js';
import { parseCsv } from '../fixtures/generator/rfc4180.util.js';
import { dashboardSkipReason, screenshot, withPage } from '../setup/browser.js';
import { rememberBrowserSession, type TestSession } from '../setup/sessions.js';
import { startTestServer, type TestServer } from '../setup/test-server.js';

const whySkip = dashboardSkipReason;

const RITA_PASSWORD = 'rita reviews every case';

/** Waits until the page has loaded and drawn, and fails on a load error the page reported. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction('window.__eqaReady === true');
  expect(await page.evaluate<string | null>('window.__eqaError ?? null')).toBeNull();
}

describe('Review page in Chromium', () => {
  let sut: TestServer | undefined;
  let baseUrl = '';
  let db: DataSource;
  let lead: TestSession;
  /** The month the queue was filled for in setup (all of it rita's), and another for the lead's form. */
  let month = '';
  let otherMonth = '';

  const api = async <T>(as: TestSession, path: string): Promise<T> => {
    const response = await as.fetch(`${baseUrl}${path}`);
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  };

  beforeAll(async () => {
    if (whySkip) {
      return;
    }
    sut = await startTestServer({ tickets: 3000, seed: 5 });
    baseUrl = sut.url.replace('//localhost:', '//127.0.0.1:');
    db = sut.server.app.get(DataSource);
    lead = await sut.signIn(['lead'], 'lena');
    // rita signs in through the sign-in page, so she has a password of her own.
    const accounts = sut.server.app.get(UserAccounts);
    const { user, oneTimePassword } = await accounts.create(
      { username: 'rita', displayName: 'Rita Reviewer', roles: ['qa'] },
      'test',
    );
    await accounts.changePassword(user.id, oneTimePassword, RITA_PASSWORD, 'none');
    const months = await sut.store.all<{ month: string }>(
      `SELECT strftime(first_contact_at, '%Y-%m') AS month FROM case_scores GROUP BY 1 ORDER BY count(*) DESC LIMIT 2`,
    );
    month = months[0]?.month ?? '';
    otherMonth = months[1]?.month ?? '';
    const response = await lead.fetch(`${baseUrl}/api/reviews/queue/fill`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ month, lowestOverall: 4, randomPerAgentChannel: 0, dissatisfiedBelow: 30 }),
    });
    expect(response.status).toBe(201);
    // One of rita's items is past its due day: the queue must mark it.
    await db.query(
      `UPDATE review_queue_items SET due_on = current_date - 2
       WHERE id = (SELECT id FROM review_queue_items WHERE assignee = 'rita' ORDER BY ticket_id DESC LIMIT 1)`,
    );
  });
  afterAll(() => sut?.close());

  it('should let a qa user sign in, open her queue, override a score with a reason, and see it saved and audited', async (ctx) => {
    ctx.skip(Boolean(whySkip), whySkip);
    const server = sut as TestServer;
    const ritaApi = async <T>(path: string, page: Page): Promise<T> =>
      (await page.evaluate(async (p) => (await fetch(p)).json(), path)) as T;

    await withPage(
      baseUrl,
      async (page, problems) => {
        await page.goto('/review');
        await page.waitForURL(/\/login\?/);
        await page.fill('input[name="username"]', 'rita');
        await page.fill('input[name="password"]', RITA_PASSWORD);
        await page.click('button:has-text("Sign in")');
        await page.waitForURL((url) => url.pathname === '/review');
        await settled(page);

        // Her open items, due first, the overdue one marked.
        const mine = await ritaApi<ReviewQueueItemDto[]>('/api/reviews/queue?mine=true&status=open', page);
        expect(mine.length).toBeGreaterThan(1);
        expect(mine.every((i) => i.assignee === 'rita')).toBe(true);
        const rows = page.locator('table.queue tbody tr');
        expect(await rows.count()).toBe(mine.length);
        expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-item')))).toEqual(
          mine.map((i) => i.id),
        );
        const late = mine.filter((i) => i.overdue);
        expect(late).toHaveLength(1);
        const lateRow = page.locator(`tr[data-item="${late[0]?.id}"]`);
        expect(await lateRow.getAttribute('class')).toContain('overdue');
        expect(await lateRow.locator('.badge').textContent()).toBe('Overdue');
        expect(await page.textContent('p.count')).toContain('1 overdue');
        expect(await page.getAttribute('button[data-view="mine"]', 'aria-pressed')).toBe('true');
        // A reviewer's navigation: Review and Calibration, no Role-play.
        const nav = await page.locator('nav a').allTextContents();
        expect(nav).toEqual(expect.arrayContaining(['Review', 'Calibration']));
        expect(nav).not.toContain('Role-play');
        // A reviewer does not fill the queue.
        expect(await page.locator('form[aria-label="Sampling rules"]').count()).toBe(0);
        await screenshot(page, 'review-queue-qa');

        // Filters live in the URL.
        await page.click('label.check input[name="overdue"]');
        await page.waitForFunction("new URL(location.href).searchParams.get('overdue') === 'true'");
        await settled(page);
        expect(await rows.count()).toBe(1);
        await page.click('label.check input[name="overdue"]');
        await page.waitForFunction("!new URL(location.href).searchParams.has('overdue')");
        await settled(page);

        // An item with a right-department score, so that the override changes a number, and a
        // handover note to judge.
        let item: ReviewQueueItemDto | undefined;
        // (not the overdue one: it stays overdue for the workload's figures)
        for (const candidate of mine.filter((i) => !i.overdue)) {
          const [score] = await server.store.all<{ rd: number | null; notes: number }>(
            `SELECT right_department AS rd, (SELECT count(*)::INTEGER FROM escalation_steps
               WHERE ticket_id = $t AND trim(note) <> '') AS notes
             FROM case_scores WHERE ticket_id = $t`,
            { t: candidate.ticketId },
          );
          if (score?.rd !== null && score?.rd !== undefined && score.notes > 0) {
            item = candidate;
            break;
          }
        }
        expect(item).toBeDefined();
        const id = item?.id as string;
        await page.click(`tr[data-item="${id}"] td.ticket a`);
        await page.waitForURL((url) => url.searchParams.get('item') === id);
        await settled(page);

        const form = await ritaApi<ReviewItemDto>(`/api/reviews/queue/${id}`, page);
        expect(await page.textContent('h1')).toContain(form.item.ticketId);
        for (const standard of form.standards) {
          const card = page.locator(`.standard[data-standard="${standard.standard}"] section.card`);
          expect((await card.locator('.score .value').textContent())?.trim(), standard.standard).toBe(
            formatScore(standard.automatic, 'no score'),
          );
          expect(await card.locator('li.ev').count(), standard.standard).toBe(standard.evidence.length);
        }
        // The case's timeline and calls, drawn by the Case page's component.
        expect(await page.locator('ol.timeline > li').count()).toBeGreaterThan(0);
        expect(await page.locator('ol.timeline li[data-kind="call"]').count()).toBe(form.detail.calls.length);

        // An override without a reason is refused on the page, naming what is missing.
        const decision = page.locator('fieldset[data-decision="right_department"]');
        await decision.locator('input[value="override"]').check();
        await page.click('button:has-text("Submit review")');
        expect(await decision.locator('.field-error').allTextContents()).toEqual([
          'An override needs a score.',
          'An override needs a reason.',
        ]);
        expect(await page.locator('.saved-review').count()).toBe(0);
        expect(await page.textContent('form[aria-label="Review"] .error')).toContain(
          'An override needs a score',
        );
        await screenshot(page, 'review-form');

        await decision.locator('input[name="score-right_department"]').fill('12.5');
        await decision
          .locator('textarea[name="reason-right_department"]')
          .fill('Billing, not tech support: routed wrong');
        await page.fill('textarea[name="comments"]', 'Checked against the routing table');

        // Element judgments: opt in, and correct the problem of the first step with a note.
        const judged = page.locator('fieldset[data-elements]');
        expect(await judged.locator('.step').count()).toBe(0);
        await judged.locator('input[name="judge-elements"]').check();
        const firstStep = judged.locator('.step').first();
        const stepNo = Number(await firstStep.getAttribute('data-step'));
        const stepScore = form.detail.steps.find((s) => s.step_no === stepNo);
        const stepEvent = form.detail.events.find((e) => e.seq === stepScore?.seq);
        expect((await firstStep.locator('blockquote').textContent())?.trim()).toBe(stepEvent?.note?.trim());
        const problemBox = firstStep.locator('label[data-element="problem"]');
        expect(await problemBox.locator('input').isChecked()).toBe(Boolean(stepScore?.problem));
        expect(await problemBox.locator('.found').textContent()).toBe(
          stepScore?.problem ? 'found' : 'not found',
        );
        await problemBox.locator('input').click();
        expect(await problemBox.getAttribute('class')).toContain('changed');
        expect(await judged.locator('p.quiet').getAttribute('data-corrected')).toBe('1');
        await screenshot(page, 'review-elements');
        await page.click('button:has-text("Submit review")');
        await page.waitForSelector('.saved-review');
        await settled(page);

        // The stored review as the page shows it.
        const saved = page.locator('.saved-review');
        const rd = saved.locator('tr[data-standard="right_department"]');
        expect(await rd.getAttribute('data-overridden')).toBe('true');
        expect((await rd.locator('.human').textContent())?.trim()).toBe('12.5');
        expect(await rd.locator('.reason').textContent()).toBe('Billing, not tech support: routed wrong');
        expect(await saved.locator('tr[data-overridden="false"]').count()).toBe(3);
        const elementsSaved = saved.locator('p.elements-saved');
        expect(await elementsSaved.getAttribute('data-corrected')).toBe('1');
        expect(await elementsSaved.textContent()).toContain(
          `step ${stepNo} problem ${stepScore?.problem ? 'absent' : 'present'}`,
        );
        expect(
          await saved
            .locator('ol.audit li')
            .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-action'))),
        ).toEqual(['review.submit', 'review.override']);
        expect(await saved.locator('li[data-action="review.override"] .what').textContent()).toBe(
          `overrode Right department: ${formatScore(form.standards[0]?.automatic ?? null)} → 12.5, “Billing, not tech support: routed wrong”`,
        );
        expect(await page.locator('fieldset.decision').count()).toBe(0);
        await screenshot(page, 'review-saved');
        // The 401 of the first visit, before signing in, is the point; nothing else may fail.
        expect(problems.errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
      },
      undefined,
      { signedIn: false },
    );

    // What the page showed is what the stores hold: the review, its override and the audit rows.
    const read = await api<ReviewItemDto>(lead, `/api/reviews/queue/${(await firstDone()).id}`);
    expect(read.review?.reviewer).toBe('rita');
    expect(read.review?.comments).toBe('Checked against the routing table');
    expect(read.review?.elements.filter((e) => e.detected !== e.present)).toHaveLength(1);
    const [{ labels }] = await db.query(
      `SELECT count(*)::int AS labels FROM review_element_labels l JOIN reviews r ON r.id = l.review_id
       WHERE r.queue_item_id = $1`,
      [read.item.id],
    );
    expect(labels).toBe(read.review?.elements.length);
    const rdScore = read.review?.scores.find((s) => s.standard === 'right_department');
    expect(rdScore).toMatchObject({
      overridden: true,
      human: 12.5,
      reason: 'Billing, not tech support: routed wrong',
    });
    const [stored] = await db.query(
      `SELECT s.human, s.overridden, s.reason FROM review_scores s JOIN reviews r ON r.id = s.review_id
       WHERE r.queue_item_id = $1 AND s.standard = 'right_department'`,
      [read.item.id],
    );
    expect(stored).toEqual({
      human: 12.5,
      overridden: true,
      reason: 'Billing, not tech support: routed wrong',
    });
    const audit = await db.query(
      `SELECT actor, action, details FROM audit_log WHERE entity_type = 'review' AND entity_id = $1 ORDER BY id`,
      [read.review?.id],
    );
    expect(audit.map((a: { actor: string; action: string }) => `${a.actor} ${a.action}`)).toEqual([
      'rita review.submit',
      'rita review.override',
    ]);
    expect(audit[1].details).toMatchObject({
      standard: 'right_department',
      human: 12.5,
      reason: 'Billing, not tech support: routed wrong',
    });
  });

  async function firstDone(): Promise<ReviewQueueItemDto> {
    const done = await api<ReviewQueueItemDto[]>(lead, '/api/reviews/queue?status=done');
    expect(done).toHaveLength(1);
    return done[0] as ReviewQueueItemDto;
  }

  it("should give a lead everyone's queue, the sampling-rules form, agreement, workload and the exports", async (ctx) => {
    ctx.skip(Boolean(whySkip), whySkip);
    // Runs after the review above: the agreement and workload have something to show.
    const server = sut as TestServer;
    rememberBrowserSession(server.url, lead);

    await withPage(baseUrl, async (page, problems) => {
      await page.goto('/review');
      await settled(page);
      expect(await page.getAttribute('button[data-view="all"]', 'aria-pressed')).toBe('true');

      // Fill another month through the form; the page says what was added, per rule.
      await page.fill('input[name="month"]', otherMonth);
      await page.fill('input[name="lowestOverall"]', '6');
      await page.fill('input[name="randomPerAgentChannel"]', '0');
      // A cleared threshold switches its rule off; a typed one is sent as a number.
      await page.fill('input[name="outlierSd"]', '');
      await page.fill('input[name="dissatisfiedBelow"]', '40');
      const before = await page.evaluate<number>('window.__eqaSettled ?? 0');
      await page.click('button:has-text("Fill the queue")');
      await page.waitForSelector('p.result');
      await page.waitForFunction(`(window.__eqaSettled ?? 0) > ${before} && window.__eqaReady === true`);
      const [{ n }] = await db.query(
        `SELECT count(*)::int AS n FROM review_queue_items WHERE month = $1 AND created_by = 'lena'`,
        [otherMonth],
      );
      expect(n).toBeGreaterThan(0);
      expect(await page.getAttribute('p.result', 'data-added')).toBe(String(n));
      const [fill] = await db.query(
        `SELECT details FROM audit_log WHERE action = 'review-queue.fill' AND entity_id = $1`,
        [otherMonth],
      );
      const { byRule, rules } = fill.details as {
        byRule: FillQueueResult['byRule'];
        rules: { outlierSd?: number | null; dissatisfiedBelow?: number | null };
      };
      expect(rules).toMatchObject({ outlierSd: null, dissatisfiedBelow: 40 });
      expect(byRule.outlier).toBe(0);
      expect(await page.textContent('p.result')).toContain(`Outlier for its agent: 0`);
      expect(await page.textContent('p.result')).toContain(`Lowest overall: ${byRule.lowest_overall}`);
      const open = await api<ReviewQueueItemDto[]>(lead, '/api/reviews/queue?status=open');
      expect(await page.locator('table.queue tbody tr').count()).toBe(open.length);

      // Agreement per standard and per rule, as the API computes it.
      const agreement = await api<AgreementReport>(lead, '/api/reviews/agreement');
      for (const row of agreement.standards) {
        const tr = page.locator(`table.by-standard tr[data-standard="${row.standard}"]`);
        expect(await tr.locator('td').allTextContents()).toEqual([
          String(row.reviewed),
          String(row.overridden),
          row.overrideShare === null ? '—' : `${Math.round(row.overrideShare * 100)}%`,
          formatScore(row.meanAbsDiff),
        ]);
      }
      expect(agreement.standards.find((s) => s.standard === 'right_department')).toMatchObject({
        reviewed: 1,
        overridden: 1,
      });
      expect(await page.locator('table.by-rule tbody tr[data-rule]').count()).toBe(
        Math.min(agreement.rules.length, 12),
      );

      // Workload per reviewer.
      const workload = await api<ReviewerWorkload[]>(lead, '/api/reviews/workload');
      for (const w of workload) {
        const tr = page.locator(`tr[data-reviewer="${w.reviewer}"]`);
        expect((await tr.locator('td').allTextContents()).slice(0, 3)).toEqual([
          String(w.open),
          String(w.overdue),
          String(w.done),
        ]);
      }
      expect(workload.find((w) => w.reviewer === 'rita')).toMatchObject({ done: 1, overdue: 1 });

      // The per-case export follows the filters chosen on the page, kept in the URL.
      const category = (await page.locator('select[name="category"] option').allTextContents())[1] as string;
      await page.selectOption('select[name="category"]', category);
      await page.waitForFunction(
        `new URL(location.href).searchParams.get('category') === ${JSON.stringify(category)}`,
      );
      const href = (await page.getAttribute('a[data-export="cases"]', 'href')) as string;
      expect(href).toBe(
        `/api/reviews/cases.csv?category=${encodeURIComponent(category).replaceAll('%20', '+')}`,
      );
      const csv = await page.evaluate(async (h) => (await fetch(h)).text(), href);
      const parsed = parseCsv(csv);
      expect(parsed.header).toEqual([...caseExportColumns]);
      const [{ cases }] = await server.store.all<{ cases: number }>(
        `SELECT count(*)::INTEGER AS cases FROM case_facts JOIN tickets USING (ticket_id)
         WHERE escalations > 0 AND category = $c`,
        { c: category },
      );
      expect(parsed.rows.filter((r) => r.length > 1)).toHaveLength(cases);
      expect(await page.getAttribute('a[data-export="queue"]', 'href')).toBe(
        '/api/reviews/queue/export.csv?status=open',
      );
      await screenshot(page, 'review-lead');

      // The Overview offers the same export for its date range.
      const [range] = await server.store.all<{ from: string; to: string }>(
        `SELECT strftime(min(first_contact_at), '%Y-%m-%d') AS "from",
                strftime(min(first_contact_at) + INTERVAL 20 DAY, '%Y-%m-%d') AS "to" FROM case_facts`,
      );
      await page.goto(`/?from=${range?.from}&to=${range?.to}`);
      await settled(page);
      const overviewHref = (await page.getAttribute('a[data-export="cases"]', 'href')) as string;
      expect(overviewHref).toBe(`/api/reviews/cases.csv?from=${range?.from}&to=${range?.to}`);
      const inRange = parseCsv(await page.evaluate(async (h) => (await fetch(h)).text(), overviewHref));
      const [{ escalated }] = await server.store.all<{ escalated: number }>(
        `SELECT count(*)::INTEGER AS escalated FROM case_facts
         WHERE escalations > 0 AND first_contact_at::DATE BETWEEN $from::DATE AND $to::DATE`,
        { from: range?.from ?? '', to: range?.to ?? '' },
      );
      expect(escalated).toBeGreaterThan(0);
      expect(inRange.rows.filter((r) => r.length > 1)).toHaveLength(escalated);
      expect(problems.errors).toEqual([]);
    });
  });
});
