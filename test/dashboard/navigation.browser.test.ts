import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mayUse } from '../../server/src/contracts/access.contract.js';
import type { Me, Role } from '../../server/src/contracts/auth.contract.js';
import { dashboardSkipReason, screenshot, withPage } from '../setup/browser.js';
import { openTempStore, type TempStore } from '../setup/duckdb-file.js';
import { rememberBrowserSession, type TestSession } from '../setup/sessions.js';
import { type ServedStore, serveStore } from '../setup/test-server.js';

const whySkip = dashboardSkipReason;

// What each role's navigation lists, in order: the pages whose API routes the server's guard lets the
// role use (dashboard/src/routes.ts names each page's route; /api/auth/me says who may use it).
const everyPage = [
  'Overview',
  'Case',
  'Practices',
  'Practice',
  'FAQ updates',
  'Load',
  'Empowerment',
  'Review',
  'Calibration',
  'Role-play',
  'Data',
];
// Load and Empowerment are leadership's pages (staffing and offer authority), so lead and admin only.
const leadershipPages = ['Load', 'Empowerment'];
const expectedNavigation: Record<Role, string[]> = {
  admin: everyPage,
  qa: everyPage.filter((label) => label !== 'Role-play' && !leadershipPages.includes(label)),
  lead: everyPage.filter((label) => label !== 'Role-play'),
  trainer: everyPage.filter(
    (label) => label !== 'Review' && label !== 'Calibration' && !leadershipPages.includes(label),
  ),
};

describe('Navigation by role in Chromium', () => {
  let temp: TempStore;
  let sut: ServedStore;
  let baseUrl = '';
  const users = {} as Record<Role, TestSession>;

  beforeAll(async () => {
    if (whySkip) {
      return;
    }
    temp = await openTempStore();
    sut = await serveStore(temp.store);
    baseUrl = sut.url.replace('//localhost:', '//127.0.0.1:');
    for (const role of ['admin', 'qa', 'lead', 'trainer'] as const) {
      users[role] = await sut.signIn([role], `${role}-user`);
    }
  });
  afterAll(async () => {
    await sut?.close();
    temp?.dispose();
  });

  /** The navigation links the page draws for a user of one role, on `path`; saves a screenshot. */
  async function navigationOf(role: Role, path: string, shot: string): Promise<string[]> {
    rememberBrowserSession(sut.url, users[role]);
    return withPage(baseUrl, async (page, problems) => {
      await page.goto(path);
      await page.waitForSelector('.user .who');
      await page.waitForSelector('nav a');
      const labels = await page.locator('nav a').allTextContents();
      await screenshot(page, shot);
      // A refused page asks the API nothing, so nothing fails in the console.
      expect(problems.errors).toEqual([]);
      return labels;
    });
  }

  it('should show a trainer Role-play but not Review or Calibration, and say plainly why /calibration is closed to her', async (ctx) => {
    ctx.skip(Boolean(whySkip), whySkip);
    const drawn = await navigationOf('trainer', '/review', 'navigation-trainer-refused');

    expect(drawn).toEqual(expectedNavigation.trainer);
    expect(drawn).toContain('Role-play');
    expect(drawn).not.toContain('Review');
    expect(drawn).not.toContain('Calibration');
    // The same fact the guard uses: the trainer may not read the queue.
    const me = (await (await users.trainer.fetch(`${baseUrl}/api/auth/me`)).json()) as Me;
    expect(mayUse(me.routeRoles, me.roles, 'GET /api/reviews/queue')).toBe(false);
    expect((await users.trainer.fetch(`${baseUrl}/api/reviews/queue`)).status).toBe(403);

    rememberBrowserSession(sut.url, users.trainer);
    await withPage(baseUrl, async (page) => {
      await page.goto('/calibration');
      await page.waitForSelector('section.refused');
      expect(await page.textContent('section.refused h1')).toBe('Calibration: not for your roles');
      const said = await page.locator('section.refused p').first().textContent();
      expect(said?.replace(/\s+/g, ' ').trim()).toBe(
        'The Calibration page is for users with the role qa, lead or admin. You are signed in as trainer-user (trainer).',
      );
      // The page itself never opened: it set no readiness flag, so it sent no request of its own.
      expect(await page.evaluate('window.__eqaReady ?? null')).toBeNull();
    });
  });

  it('should show a qa user Review and Calibration but not Role-play, and refuse /roleplay in words', async (ctx) => {
    ctx.skip(Boolean(whySkip), whySkip);
    const drawn = await navigationOf('qa', '/roleplay', 'navigation-qa-refused');

    expect(drawn).toEqual(expectedNavigation.qa);
    expect(drawn).toEqual(expect.arrayContaining(['Overview', 'Review', 'Calibration']));
    expect(drawn).not.toContain('Role-play');
  });

  it('should show an admin every page, and a lead the review pages without Role-play', async (ctx) => {
    ctx.skip(Boolean(whySkip), whySkip);
    expect(await navigationOf('admin', '/review', 'navigation-admin')).toEqual(everyPage);

    const lead = await navigationOf('lead', '/data', 'navigation-lead');
    expect(lead).toEqual(expectedNavigation.lead);
    expect(lead).not.toContain('Role-play');
  });
});
