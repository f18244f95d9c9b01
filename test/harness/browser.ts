// Browser tests: Debian's Chromium driven by playwright-core (never a downloaded browser), against
// the real server on a real port with the built web app. Each page is checked by axe-core inside
// the browser, and screenshots go to test-results/ for people to look at.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import type { Config } from '../../src/server/config.ts';
import { WEB_DIR } from '../../src/server/http/web-app.ts';
import type { TestDatabase } from './engines.ts';
import { changedPassword, startApp, totpCode } from './http.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RESULTS = 'test-results';

/** Whether browser tests can run here; under CI=true they must. */
export function browserAvailable(): boolean {
  const ok = existsSync(CHROMIUM) && existsSync(`${WEB_DIR}/index.html`);
  if (!ok && process.env.CI === 'true') throw new Error(`CI=true but no Chromium at ${CHROMIUM} or no web build (npm run build)`);
  return ok;
}

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });

/** The app listening on a free port of localhost, where browsers keep Secure cookies over http. */
export async function serveApp(t: TestDatabase, config: Partial<Config> = {}): Promise<{ app: FastifyInstance; url: string }> {
  const app = await startApp(t, { LOGIN_RATE_LIMIT_PER_MINUTE: 10_000, ...config });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  return { app, url: `http://localhost:${port}` };
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2.1 A/AA rules on the page as it is now: no violation allowed. */
export async function assertAccessible(page: Page, what: string): Promise<void> {
  // Evaluated through the debugging protocol: the page's Content-Security-Policy stays as served.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  assert.deepEqual(violations, [], `axe on ${what}`);
}

/**
 * Keeps what a page did (its API answers, failed requests, script errors) so that a wait which
 * times out can say what the page showed instead: a failure seen once on a busy machine explains
 * itself. Call the returned function to get the account.
 */
export function traceOf(page: Page): () => Promise<string> {
  const events: string[] = [];
  const path = (url: string) => new URL(url).pathname;
  page.on('response', (r) => {
    if (path(r.url()).startsWith('/api/')) events.push(`${r.request().method()} ${path(r.url())} → ${r.status()}`);
  });
  page.on('requestfailed', (r) => events.push(`${r.method()} ${path(r.url())} failed: ${r.failure()?.errorText}`));
  page.on('pageerror', (e) => events.push(`script error: ${e.message}`));
  return async () => {
    const shown = await page.locator('main').innerText({ timeout: 1000 }).catch(() => '(no main)');
    return `page at ${path(page.url())}; last requests:\n${events.slice(-15).join('\n')}\nshowing:\n${shown.slice(0, 1500)}`;
  };
}

/** Waits for a locator; on timeout the error carries the page's trace (traceOf). */
export async function waitShown(locator: Locator, trace: () => Promise<string>): Promise<void> {
  try {
    await locator.waitFor();
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${await trace()}`, { cause: e });
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: `${RESULTS}/${name}.png`, fullPage: true });
}

/**
 * A demo account's first login through the screens: initial password, new password, the
 * authenticator enrolled from the key shown under the QR code. Returns the TOTP secret.
 */
export async function firstLoginInBrowser(page: Page, t: TestDatabase, loginId: string, check?: (step: string) => Promise<void>): Promise<string> {
  const account = t.world.accounts.find((a) => a.loginId === loginId)!;
  await page.getByLabel(/ログインID|Login ID/).fill(loginId);
  await page.getByLabel(/^(パスワード|Password)$/).fill(account.password);
  await check?.('login');
  await page.getByRole('button', { name: /^(ログイン|Log in)$/ }).click();
  await page.getByLabel(/新しいパスワード|New password/).fill(changedPassword(account.password));
  await check?.('change-password');
  await page.getByRole('button', { name: /変更する|Change/ }).click();
  const secret = (await page.getByTestId('totp-secret').textContent())!;
  await check?.('enrol-totp');
  await page.getByLabel(/ワンタイムパスワード|One-time code/).fill(await totpCode(secret));
  await page.getByRole('button', { name: /確認|Verify/ }).click();
  await page.getByRole('heading', { level: 1, name: /ホーム|Home/ }).waitFor();
  return secret;
}
