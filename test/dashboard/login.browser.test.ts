import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserAccounts } from '../../server/src/modules/users/user-accounts.service.js';
import { dashboardSkipReason, screenshot, withPage } from '../setup/browser.js';
import { openTempStore, type TempStore } from '../setup/duckdb-file.js';
import { type ServedStore, serveStore } from '../setup/test-server.js';

const whySkip = dashboardSkipReason;

/** The browser logs every 401 it is answered; those are the point of these tests, anything else is not. */
const unexpected = (errors: string[]) => errors.filter((e) => !/status of 401/.test(e));

describe('Signing in to the dashboard in Chromium', () => {
  const opened: { served: ServedStore; temp: TempStore }[] = [];
  let sut: ServedStore;
  let baseUrl = '';

  const serve = async (options: { demoSignIn?: boolean } = {}) => {
    const temp = await openTempStore();
    const served = await serveStore(temp.store, options);
    opened.push({ served, temp });
    return served;
  };

  beforeAll(async () => {
    if (whySkip) {
      return;
    }
    sut = await serve();
    baseUrl = sut.url.replace('//localhost:', '//127.0.0.1:');
  });
  afterAll(async () => {
    for (const { served, temp } of opened) {
      await served.close();
      temp.dispose();
    }
  });

  const signInForm = async (page: Page, username: string, password: string) => {
    await page.fill('input[name="username"]', username);
    await page.fill('input[name="password"]', password);
    await page.click('button:has-text("Sign in")');
  };

  it('should send a visitor without a session to /login, and back to the page after a one-time password is replaced', async (ctx) => {
    ctx.skip(Boolean(whySkip), whySkip);
    const { oneTimePassword } = await sut.server.app
      .get(UserAccounts)
      .create({ username: 'ana', displayName: 'Ana Ruiz', roles: ['qa', 'lead'] }, 'test');

    await withPage(
      baseUrl,
      async (page, problems) => {
        await page.goto('/data?file=x.csv');
        await page.waitForURL(/\/login\?/);
        expect(new URL(page.url()).searchParams.get('next')).toBe('/data?file=x.csv');
        // No page is offered before sign-in: the navigation lists what the user's roles may open.
        expect(await page.locator('nav a').count()).toBe(0);
        expect(await page.locator('.user').count()).toBe(0);
        await screenshot(page, 'login');

        await signInForm(page, 'ana', 'not the password');
        await page.waitForSelector('.error');
        expect(await page.textContent('.error')).toBe('Wrong user name or password');

        await signInForm(page, 'ana', oneTimePassword);
        await page.waitForSelector('h1:has-text("Choose your password")');
        await screenshot(page, 'login-choose-password');
        await page.fill('input[name="next"]', 'a long password of my own');
        await page.fill('input[name="repeat"]', 'a long password of my own');
        await page.click('button:has-text("Save and continue")');

        await page.waitForURL((url) => url.pathname === '/data');
        expect(new URL(page.url()).search).toBe('?file=x.csv');
        await page.waitForSelector('.user .who');
        expect(await page.textContent('.user .who')).toContain('Ana Ruiz');
        expect(await page.textContent('.user .roles')).toBe('qa, lead');
        expect(await page.locator('nav a').allTextContents()).toContain('Review');
        expect(unexpected(problems.errors)).toEqual([]);
      },
      undefined,
      { signedIn: false },
    );
  });

  it('should show who is signed in, and sign out to /login', async (ctx) => {
    ctx.skip(Boolean(whySkip), whySkip);

    await withPage(baseUrl, async (page, problems) => {
      await page.goto('/data');
      await page.waitForSelector('.user .who');
      expect(await page.textContent('.user .who')).toContain('test-admin');
      await screenshot(page, 'signed-in-header');

      await page.click('button:has-text("Sign out")');
      await page.waitForURL((url) => url.pathname === '/login');

      const me = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
      expect(me).toBe(401);
      expect(unexpected(problems.errors)).toEqual([]);
    });
  });

  it('should sign in as demo by itself when the demo sign-in is on, without a stop at /login', async (ctx) => {
    ctx.skip(Boolean(whySkip), whySkip);
    const demo = await serve({ demoSignIn: true });

    await withPage(
      demo.url.replace('//localhost:', '//127.0.0.1:'),
      async (page, problems) => {
        await page.goto('/data');
        await page.waitForSelector('.user .who');

        expect(new URL(page.url()).pathname).toBe('/data');
        expect(await page.textContent('.user .who')).toContain('Demo admin');
        expect(unexpected(problems.errors)).toEqual([]);
      },
      undefined,
      { signedIn: false },
    );
  });
});
