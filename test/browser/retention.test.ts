// Retention in a real browser (issue 14): after a dry run and a run of the job, a prefecture's
// administrator opens the retention screen from the menu and reads the period, what is due next and
// the runs; the same in English; axe on each.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { runRetention } from '../../src/server/retention/run.ts';
import { assertAccessible, browserAvailable, firstLoginInBrowser, launchBrowser, screenshot, serveApp } from '../harness/browser.ts';
import { ENGINES, freshDatabase, type TestDatabase } from '../harness/engines.ts';

for (const engine of browserAvailable() ? ENGINES : []) {
  describe(`retention in the browser (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let url: string;
    let browser: Browser;
    let admin: Page;

    before(async () => {
      t = await freshDatabase(engine);
      ({ app, url } = await serveApp(t));
      // The demo world's cases, seen ten years on: those released are due.
      const later = new Date(Date.now() + 10 * 366 * 86_400_000);
      await runRetention(t.db, { years: 5, dryRun: true, triggeredBy: 'cli', now: later });
      await runRetention(t.db, { years: 5, dryRun: false, triggeredBy: 'scheduler' });
      browser = await launchBrowser();
      admin = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      await admin.goto(url);
      await firstLoginInBrowser(admin, t, 'tokyo-admin');
    });
    after(async () => {
      await browser.close();
      await app.close();
      await t.close();
    });

    it('a prefecture’s administrator reads the period, what is due and the runs, in Japanese and English', async () => {
      await admin.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '保存期間' }).click();
      await admin.getByRole('heading', { level: 1, name: '保存期間経過後の個人情報の削除' }).waitFor();
      await admin.getByText('保存期間：事例の終了から 5 年').waitFor();
      await admin.getByText('現在の対象者：0 人').waitFor();
      const runs = admin.getByRole('table', { name: '実行履歴（新しい順）' });
      await runs.getByRole('cell', { name: '試行（変更なし）' }).waitFor();
      await runs.getByRole('cell', { name: '自動' }).waitFor();
      assert.equal(await runs.getByRole('row').count(), 3, 'a header and two runs');
      await assertAccessible(admin, 'retention screen');
      await screenshot(admin, `retention-${engine}`);

      await admin.getByRole('button', { name: 'English' }).click();
      await admin.getByRole('heading', { level: 1, name: 'Removal of personal data after the retention period' }).waitFor();
      await admin.getByRole('table', { name: 'Runs, newest first' }).getByRole('cell', { name: 'Dry run (no change)' }).waitFor();
      await assertAccessible(admin, 'retention screen in English');
    });
  });
}
