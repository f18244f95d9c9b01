// Exports in a real browser (issue 14): a centre's staff asks for a line-list export from the case
// list's dialog with a reason; above the threshold it waits; the second person of the centre approves
// it on Approvals; the requester downloads it once from My exports, and the file carries the header
// block and a check code on every row. From outside the allowed networks the dialog answers with the
// refusal. axe on every screen, in Japanese and English.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { CHECK_CODE } from '../../src/server/exports/fingerprint.ts';
import { assertAccessible, browserAvailable, firstLoginInBrowser, launchBrowser, screenshot, serveApp } from '../harness/browser.ts';
import { ENGINES, freshDatabase, type TestDatabase } from '../harness/engines.ts';

const NOTE = '週末の健康観察の電話リストとして分担する';

for (const engine of browserAvailable() ? ENGINES : []) {
  describe(`exports in the browser (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let url: string;
    let browser: Browser;
    let h1: Page;
    const shot = (name: string) => `exports-${name}-${engine}`;
    const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name, exact: true }).click();

    async function askInDialog(page: Page) {
      await nav(page, '患者一覧');
      await page.getByRole('button', { name: 'データ出力（CSV・Excel）' }).click();
      const dialog = page.getByRole('dialog', { name: 'データ出力の申請' });
      await dialog.waitFor();
      await dialog.getByLabel('出力内容').selectOption('line_list');
      await dialog.getByLabel('形式').selectOption('csv');
      await dialog.getByLabel('出力の理由').selectOption('followup_work');
      await dialog.getByLabel('具体的な目的').fill(NOTE);
      return dialog;
    }

    before(async () => {
      t = await freshDatabase(engine);
      ({ app, url } = await serveApp(t, { EXPORT_APPROVAL_THRESHOLD: 1 }));
      browser = await launchBrowser();
      h1 = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })).newPage();
      await h1.goto(url);
      await firstLoginInBrowser(h1, t, 'shinjuku-h1');
    });
    after(async () => {
      await browser.close();
      await app.close();
      await t.close();
    });

    it('staff ask for an export from the case list with a reason; above the threshold it waits for approval', async () => {
      const dialog = await askInDialog(h1);
      await assertAccessible(h1, 'export dialog');
      await screenshot(h1, shot('dialog'));
      await dialog.getByRole('button', { name: '申請する' }).click();
      await h1.getByText('申請しました（3 件、承認待ち）').waitFor();
      await nav(h1, 'データ出力');
      const mine = h1.getByRole('table', { name: 'データ出力' });
      await mine.getByRole('cell', { name: '承認待ち' }).waitFor();
      await assertAccessible(h1, 'my exports, waiting');
    });

    it('the second person of the centre approves it on Approvals', async () => {
      const h2 = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      await h2.goto(url);
      await firstLoginInBrowser(h2, t, 'shinjuku-h2');
      await nav(h2, '出力の承認');
      await h2.getByRole('heading', { level: 1, name: 'データ出力の承認' }).waitFor();
      const table = h2.getByRole('table', { name: 'データ出力の承認' });
      await table.getByText(NOTE, { exact: false }).waitFor();
      await assertAccessible(h2, 'approvals');
      await screenshot(h2, shot('approvals'));
      await table.getByRole('button', { name: '承認: 新宿区保健所 保健予防課1' }).click();
      await h2.getByText('承認しました。').waitFor();
      await h2.getByText('該当する出力はありません。').waitFor();
      await h2.getByRole('button', { name: 'English' }).click();
      await h2.getByRole('heading', { level: 1, name: 'Export approvals' }).waitFor();
      await assertAccessible(h2, 'approvals in English');
      await h2.context().close();
    });

    it('the requester downloads it once: the file carries the header block and a check code on every row', async () => {
      await h1.reload();
      const mine = h1.getByRole('table', { name: 'データ出力' });
      await mine.getByRole('cell', { name: 'ダウンロード可' }).waitFor();
      const [download] = await Promise.all([h1.waitForEvent('download'), mine.getByRole('button', { name: 'ダウンロード' }).click()]);
      const text = await readFile((await download.path())!, 'utf8');
      const [{ id }] = (await t.superuser(`SELECT id FROM exports`)).rows as { id: string }[];
      assert.ok(text.includes(`HER-SYS export,${id}`), 'the export id in the header block');
      assert.match(text, /承認者 \/ Approved by,新宿区保健所 保健予防課2/);
      assert.ok(text.includes(NOTE));
      assert.equal([...text.matchAll(CHECK_CODE)].length, 3, 'a check code on each of the 3 rows');
      await mine.getByRole('cell', { name: 'ダウンロード済み' }).waitFor();
      assert.equal(await mine.getByRole('button', { name: 'ダウンロード' }).count(), 0, 'no second download');
      await assertAccessible(h1, 'my exports, fetched');
      await h1.getByRole('button', { name: 'English' }).click();
      await h1.getByRole('heading', { level: 1, name: 'My exports' }).waitFor();
      await assertAccessible(h1, 'my exports in English');
      await h1.getByRole('button', { name: '日本語' }).click();
      await h1.getByRole('heading', { level: 1, name: 'データ出力' }).waitFor();
    });

    it('outside the allowed networks the dialog answers with the refusal, and the attempt is audited', async () => {
      const limited = await serveApp(t, { EXPORT_NETWORKS: ['10.20.0.0/16'] as never });
      try {
        // The same session (one database), through a server that allows exports only from 10.20.0.0/16.
        await h1.goto(limited.url);
        const dialog = await askInDialog(h1);
        await dialog.getByRole('button', { name: '申請する' }).click();
        await dialog.getByText('このネットワークからはデータ出力できません', { exact: false }).waitFor();
        await assertAccessible(h1, 'export refused outside the allowed networks');
        const denied = await t.superuser(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'exports.request' AND outcome = 'denied'`);
        assert.equal(denied.rows[0].n, 1);
      } finally {
        await limited.app.close();
      }
    });
  });
}
