import { existsSync } from 'node:fs';
import { Injectable } from '@nestjs/common';
import { chromium } from 'playwright-core';
import { DomainError } from '../../common/domain-error.js';
import { parseEnv } from '../../config/env.js';
import { sessionCookieName } from '../../contracts/auth.contract.js';

/** The Chromium to print with: CHROMIUM_PATH, else Debian's /usr/bin/chromium; null when neither exists. */
export function findChromium(env: { CHROMIUM_PATH?: string } = parseEnv()): string | null {
  const candidates = [env.CHROMIUM_PATH, '/usr/bin/chromium'].filter((p): p is string => Boolean(p));
  return candidates.find((path) => existsSync(path)) ?? null;
}

interface PageHooks {
  __eqaReady?: boolean;
  __eqaError?: string | null;
}

/** How to get a Chromium, for the 503 when none is found. */
export const chromiumMissing =
  'PDF export needs Chromium, and none was found at CHROMIUM_PATH or /usr/bin/chromium: install it with ' +
  '`apt-get install -y chromium` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium binary, then try again. ' +
  'The print page (Print in the browser) and the CSV export work without it.';

/**
 * Prints the dashboard's print page of a session (/roleplay/print?id=…) to A4 PDF with headless
 * Chromium through playwright-core, signed in with the requester's own session so that the page sees
 * what the requester may see. One browser per export, closed afterwards whatever happens.
 */
@Injectable()
export class SessionPdfService {
  async print(baseUrl: string, sessionId: string, sessionToken: string | null): Promise<Buffer> {
    const executablePath = findChromium();
    if (!executablePath) {
      throw new DomainError(chromiumMissing, 'UNAVAILABLE');
    }
    const browser = await chromium.launch({
      executablePath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    try {
      const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'UTC' });
      if (sessionToken) {
        await context.addCookies([
          { name: sessionCookieName, value: sessionToken, url: baseUrl, httpOnly: true, sameSite: 'Lax' },
        ]);
      }
      const page = await context.newPage();
      await page.goto(`${baseUrl}/roleplay/print?id=${encodeURIComponent(sessionId)}`, { waitUntil: 'load' });
      // The page's test hooks (dashboard/src/lib/test-hooks.ts) say when it has drawn; the server has no
      // DOM types, hence globalThis.
      await page.waitForFunction(() => (globalThis as PageHooks).__eqaReady === true, undefined, {
        timeout: 30_000,
      });
      const error = await page.evaluate(() => (globalThis as PageHooks).__eqaError ?? null);
      if (error) {
        throw new DomainError(`The print page could not load the session: ${error}`, 'UNAVAILABLE');
      }
      await page.emulateMedia({ media: 'print' });
      return await page.pdf({
        format: 'A4',
        printBackground: true,
        margin: { top: '16mm', bottom: '16mm', left: '14mm', right: '14mm' },
      });
    } finally {
      await browser.close();
    }
  }
}
