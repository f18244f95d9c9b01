// The privacy officer's incident register and compliance report in a real browser: a confirmed
// alert waits in the register, becomes an incident through the form (a field the rules refuse is
// marked at the field), the edit leaves a history, the report upward downloads; the compliance
// report shows each section's figures, charts and method and downloads as XLSX. axe on every
// screen, in Japanese and English; a staff member has no menu entry.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { assertAccessible, browserAvailable, firstLoginInBrowser, launchBrowser, screenshot, serveApp } from '../harness/browser.ts';
import { ENGINES, freshDatabase, type TestDatabase } from '../harness/engines.ts';
import { xlsxText } from '../harness/xlsx.ts';

for (const engine of browserAvailable() ? ENGINES : []) {
  describe(`leak incidents and the compliance report in the browser (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let url: string;
    let browser: Browser;
    let page: Page;
    const shot = (name: string) => `incidents-${name}-${engine}`;

    before(async () => {
      t = await freshDatabase(engine);
      ({ app, url } = await serveApp(t));
      const org = t.world.orgIds['shinjuku-hc'];
      await t.superuser(
        `INSERT INTO review_alerts (source, subject_user_id, subject_org_id, review_org_id, day, score, status)
         SELECT 'rules', id, $1, $1, current_date - 1, 12, 'confirmed' FROM users WHERE login_id = 'shinjuku-h1'`,
        [org],
      );
      browser = await launchBrowser();
      page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })).newPage();
      await page.goto(url);
      await firstLoginInBrowser(page, t, 'shinjuku-hc-po');
    });
    after(async () => {
      await browser.close();
      await app.close();
      await t.close();
    });

    it('a confirmed alert becomes an incident; the rules answer at the field; the edit leaves a history; the report downloads', async () => {
      await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '漏えい等事案' }).click();
      await page.getByRole('heading', { level: 1, name: '漏えい等事案の台帳' }).waitFor();
      await page.getByText(/shinjuku-h1（rules）/).waitFor();
      await assertAccessible(page, 'incident register');
      await screenshot(page, shot('register'));

      await page.getByRole('link', { name: 'この事案として登録' }).click();
      await page.getByRole('heading', { level: 1, name: '漏えい等事案の登録' }).waitFor();
      await page.getByLabel('発覚日時').fill('2026-05-10T09:00');
      await page.getByLabel('事案の概要（経過）').fill('職員が業務外で患者情報を閲覧した。');
      await page.getByLabel('人数').fill('1');
      await page.getByLabel('電子データ').check();
      await page.getByLabel('二次被害', { exact: true }).selectOption({ label: 'あり' });
      await page.getByRole('button', { name: '保存' }).click();
      await page.getByText('二次被害が「あり」の場合は内容を入力してください。').waitFor();
      assert.equal(await page.getByLabel('二次被害の内容').getAttribute('aria-invalid'), 'true');
      await assertAccessible(page, 'incident form with an error');
      await page.getByLabel('二次被害の内容').fill('SNS への投稿を確認');
      await page.getByRole('button', { name: '保存' }).click();
      await page.getByRole('heading', { level: 1, name: '漏えい等事案' }).waitFor();
      await page.getByRole('heading', { level: 2, name: '関連するアラート' }).waitFor();

      await page.getByLabel('都道府県').fill('2026-05-15');
      await page.getByLabel('状況', { exact: true }).selectOption({ label: '報告済' });
      await page.getByRole('button', { name: '保存' }).click();
      await page.getByRole('status').filter({ hasText: '保存しました。' }).waitFor();
      const history = page.getByRole('table', { name: '変更履歴' });
      await history.locator('tbody tr').nth(1).waitFor();
      assert.match((await history.locator('tbody tr').nth(1).textContent())!, /状況/);
      await assertAccessible(page, 'incident detail');
      await screenshot(page, shot('detail'));

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '報告書をダウンロード（XLSX）' }).click()]);
      const file = Buffer.from(await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c as Buffer[])));
      assert.ok(xlsxText(file).includes('SNS への投稿を確認'));
    });

    it('the compliance report shows each section with its method and charts, in Japanese and English, and downloads', async () => {
      await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '確認結果報告' }).click();
      await page.getByRole('heading', { level: 1, name: '個人情報の取扱いに関する確認結果' }).waitFor();
      await page.getByRole('button', { name: '表示' }).click();
      await page.getByRole('heading', { level: 2, name: '4. 外部への持ち出し' }).waitFor();
      assert.equal(await page.getByText('確認方法：').count(), 6);
      assert.ok(await page.getByRole('figure', { name: 'アラートの件数' }).isVisible());
      assert.ok(await page.getByRole('table', { name: /^ID一覧/ }).getByRole('cell', { name: 'shinjuku-h1', exact: true }).isVisible());
      await assertAccessible(page, 'compliance report');
      await screenshot(page, shot('compliance'));
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'XLSX でダウンロード' }).click()]);
      const file = Buffer.concat((await (await download.createReadStream()).toArray()) as Buffer[]);
      assert.ok(xlsxText(file).includes('確認方法'));

      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Compliance report: handling of personal data' }).waitFor();
      await page.getByRole('button', { name: 'Show' }).click();
      await page.getByRole('heading', { level: 2, name: '4. Data taken out' }).waitFor();
      await assertAccessible(page, 'compliance report in English');
      await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Leak incidents' }).click();
      await page.getByRole('heading', { level: 1, name: 'Leak-incident register' }).waitFor();
      await assertAccessible(page, 'incident register in English');
    });

    it('a staff member has no menu entry, and the API refuses them', async () => {
      const staff = await (await browser.newContext()).newPage();
      await staff.goto(url);
      await firstLoginInBrowser(staff, t, 'shinjuku-h1');
      assert.equal(await staff.getByRole('link', { name: '漏えい等事案' }).count(), 0);
      assert.equal(await staff.getByRole('link', { name: '確認結果報告' }).count(), 0);
      const status = await staff.evaluate(async () => (await fetch('/api/incidents')).status);
      assert.equal(status, 403);
    });
  });
}
