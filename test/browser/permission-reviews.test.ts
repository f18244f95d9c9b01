// 権限の棚卸し in a real browser: Shinjuku's administrator opens its review from the admin menu,
// confirms an ID by keyboard (the result is announced and focused), suspends another through the
// dialog, and sees that its own ID is left to someone else; Tokyo's administrator sees Nakano's
// overdue review escalated to it (the in-app notice), decides both IDs and completes it. axe on
// every screen, in Japanese and in English.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { runPermissionReviews } from '../../src/server/permission-reviews/run.ts';
import { assertAccessible, browserAvailable, firstLoginInBrowser, launchBrowser, screenshot, serveApp, traceOf, waitShown } from '../harness/browser.ts';
import { ENGINES, freshDatabase, type TestDatabase } from '../harness/engines.ts';

for (const engine of browserAvailable() ? ENGINES : []) {
  describe(`permission reviews in the browser (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let url: string;
    let browser: Browser;
    const shot = (page: Page, name: string) => screenshot(page, `permission-reviews-${name}-${engine}`);
    async function bothLanguages(page: Page, what: string, en: RegExp) {
      await assertAccessible(page, `${what} (ja)`);
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByText(en).first().waitFor();
      await assertAccessible(page, `${what} (en)`);
      await shot(page, `${what.replaceAll(' ', '-')}-en`);
      await page.getByRole('button', { name: '日本語' }).click();
    }
    async function adminPage(loginId: string): Promise<Page> {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      await page.goto(url);
      await firstLoginInBrowser(page, t, loginId);
      return page;
    }

    before(async () => {
      t = await freshDatabase(engine);
      ({ app, url } = await serveApp(t));
      // The job escalates Nakano's overdue review to Tokyo (and opens the other organisations').
      await runPermissionReviews(t.db, { publicUrl: url });
      browser = await launchBrowser();
    });
    after(async () => {
      await browser.close();
      await app.close();
      await t.close();
    });

    it('an administrator walks through its review: confirm by keyboard, suspend through the dialog, its own ID left to another', async () => {
      const page = await adminPage('shinjuku-admin');
      const trace = traceOf(page);
      await page.goto(`${url}/admin`);
      await page.getByRole('navigation', { name: 'ID管理メニュー' }).getByRole('link', { name: '権限の棚卸し' }).click();
      await waitShown(page.getByRole('heading', { level: 1, name: '権限の棚卸し' }), trace);
      const list = page.getByRole('table', { name: /^棚卸し一覧/ });
      await waitShown(list.getByRole('link', { name: /新宿区保健所/ }), trace);
      assert.ok(!(await page.getByText('中野区保健所').count()), 'never another centre’s review');
      await bothLanguages(page, 'list', /Permission reviews/);
      await shot(page, 'list');

      await list.getByRole('link', { name: /新宿区保健所/ }).click();
      await waitShown(page.getByRole('heading', { level: 1, name: '権限の棚卸し：新宿区保健所' }), trace);
      const ids = page.getByRole('table', { name: /^有効なID/ });
      assert.deepEqual(await ids.locator('tbody th').allTextContents(), ['shinjuku-admin', 'shinjuku-h1', 'shinjuku-h2', 'shinjuku-hc-po']);
      await assertAccessible(page, 'review page');

      // Keyboard: focus the named button, press Enter; the announcement takes the focus.
      await page.getByRole('button', { name: 'shinjuku-h1 を今の権限で継続' }).focus();
      await page.keyboard.press('Enter');
      const status = page.getByRole('status').filter({ hasText: 'shinjuku-h1 を継続としました。' });
      await waitShown(status, trace);
      await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'status');
      assert.equal(await page.getByRole('button', { name: 'shinjuku-h1 を今の権限で継続' }).count(), 0, 'decided once');

      await page.getByRole('button', { name: 'shinjuku-hc-po を停止する' }).click();
      const dialog = page.getByRole('dialog', { name: 'shinjuku-hc-po を停止する' });
      await dialog.waitFor();
      await assertAccessible(page, 'suspend dialog');
      await dialog.getByLabel('停止の理由').fill('異動のため');
      await dialog.getByLabel('停止の理由').press('Enter');
      await waitShown(page.getByRole('status').filter({ hasText: 'shinjuku-hc-po を停止しました。' }), trace);
      await waitShown(ids.getByText('停止（異動のため）'), trace);
      assert.ok(await ids.getByText('自分のIDは他の管理者（またはID発行元）が判断します').isVisible());
      assert.ok(await page.getByText('2 / 4').isVisible());
      await bothLanguages(page, 'review page', /Permission review: Shinjuku Health Centre/);
      await shot(page, 'review');
    });

    it('the issuing organisation sees an overdue review escalated to it, and completes it', async () => {
      const page = await adminPage('tokyo-admin');
      const trace = traceOf(page);
      await page.goto(`${url}/admin/permission-reviews`);
      const notice = page.getByRole('region', { name: /期限を過ぎた棚卸し/ });
      await waitShown(notice.getByRole('link', { name: /中野区保健所：期限 .*未判断 2 件/ }), trace);
      await assertAccessible(page, 'list with the notice');
      await shot(page, 'escalated');
      await notice.getByRole('link', { name: /中野区保健所/ }).click();
      await waitShown(page.getByRole('heading', { level: 1, name: '権限の棚卸し：中野区保健所' }), trace);
      assert.ok(await page.getByText('期限超過').first().isVisible());
      await page.getByRole('button', { name: 'nakano-h1 を今の権限で継続' }).click();
      await waitShown(page.getByRole('status').filter({ hasText: 'nakano-h1 を継続としました。' }), trace);
      await page.getByRole('button', { name: 'nakano-hc-po を今の権限で継続' }).click();
      await waitShown(page.getByRole('status').filter({ hasText: 'すべてのIDを判断し、棚卸しが完了しました。' }), trace);
      await waitShown(page.getByText('期限後に完了'), trace);
      await assertAccessible(page, 'completed review');
      const rows = await t.superuser("SELECT decided_by FROM permission_review_items i JOIN users u ON u.id = i.user_id WHERE u.login_id LIKE 'nakano-%'");
      assert.equal(rows.rows.length, 2);
    });
  });
}
