import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { sessionCookieName } from '../../server/src/contracts/auth.contract.js';
import { browserSessionFor } from './sessions.js';

const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** Where screenshots go (git-ignored with the rest of test-results/). */
export const screenshotDir = join(repoRoot, 'test-results', 'screenshots');

function findChromium(): string | null {
  const candidates = [process.env.EQA_CHROMIUM, '/usr/bin/chromium'].filter((p): p is string => Boolean(p));
  return candidates.find((path) => existsSync(path)) ?? null;
}

/** The Chromium to drive: $EQA_CHROMIUM, else Debian's /usr/bin/chromium; null when neither exists. */
export const chromiumPath: string | null = findChromium();

/** Why browser tests skip when no Chromium is found, and how to get one. */
export const skipReason = chromiumPath
  ? ''
  : 'no Chromium found at $EQA_CHROMIUM or /usr/bin/chromium; install it with `apt-get install -y chromium` ' +
    '(or point EQA_CHROMIUM at a Chromium binary)';

/**
 * Why a dashboard test skips: no Chromium, or no built dashboard to serve (`npm test` builds it before
 * vitest runs; a lone `npx vitest` may not have).
 */
export const dashboardSkipReason =
  skipReason ||
  (existsSync(join(repoRoot, 'dist', 'dashboard', 'index.html'))
    ? ''
    : 'the dashboard is not built (dist/dashboard); run `npm run build:dashboard` first');

const launchArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Page console errors and uncaught exceptions, collected so a test can assert the page stayed clean. */
export interface PageProblems {
  readonly errors: string[];
}

/** How withPage's browser starts: signed in as the test server's admin (default) or signed out. */
export interface PageOptions {
  signedIn?: boolean;
}

/**
 * Opens headless Chromium with a fresh profile, runs fn with a page whose relative URLs resolve
 * against baseUrl, and always closes the browser and deletes the profile afterwards. The browser is
 * signed in as the test admin of the server at baseUrl (test/setup/test-server.ts) unless
 * `options.signedIn` is false.
 */
export async function withPage<T>(
  baseUrl: string,
  fn: (page: Page, problems: PageProblems) => Promise<T>,
  viewport = { width: 1280, height: 1100 },
  options: PageOptions = {},
): Promise<T> {
  if (!chromiumPath) {
    throw new Error(skipReason);
  }
  const profileDir = mkdtempSync(join(tmpdir(), 'eqa-chromium-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: chromiumPath,
      headless: true,
      args: launchArgs,
      baseURL: baseUrl,
      viewport,
      locale: 'en-GB',
      timezoneId: 'UTC',
    });
    const session = options.signedIn === false ? undefined : browserSessionFor(baseUrl);
    if (session) {
      await context.addCookies([
        { name: sessionCookieName, value: session.token, url: baseUrl, httpOnly: true, sameSite: 'Lax' },
      ]);
    }
    const page = context.pages()[0] ?? (await context.newPage());
    const problems: PageProblems = { errors: [] };
    page.on('pageerror', (error) => problems.errors.push(`uncaught: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') {
        problems.errors.push(`console: ${message.text()}`);
      }
    });
    return await fn(page, problems);
  } finally {
    await context?.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
}

/** Saves a full-page screenshot as test-results/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
