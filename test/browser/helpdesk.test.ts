// Helpdesk access and contractors in a real browser (issue 14, Q&A 24): the ministry's helpdesk asks
// for a case by HER-SYS ID for a support ticket; the responsible centre approves; the helpdesk opens
// the case; the centre sees the page viewed and ends the access; the helpdesk no longer reaches the
// case. Then the administrator marks an ID as a contractor's staff and the privacy officer pulls the
// surprise inspection. axe on every screen, in Japanese and English.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { assertAccessible, browserAvailable, firstLoginInBrowser, launchBrowser, screenshot, serveApp } from '../harness/browser.ts';
import { ENGINES, freshDatabase, type TestDatabase } from '../harness/engines.ts';

for (const engine of browserAvailable() ? ENGINES : []) {
  describe(`helpdesk access and contractors in the browser (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let url: string;
    let browser: Browser;
    let caseNumber: string;
    let caseId: string;
    const shot = (name: string) => `helpdesk-${name}-${engine}`;
    const page = async (loginId: string): Promise<Page> => {
      const p = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      await p.goto(url);
      await firstLoginInBrowser(p, t, loginId);
      return p;
    };
    const menu = (p: Page, name: string) => p.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name, exact: true });

    before(async () => {
      t = await freshDatabase(engine);
      ({ app, url } = await serveApp(t));
      ({ case_number: caseNumber, id: caseId } = (await t.superuser(`SELECT c.id, c.case_number FROM cases c JOIN persons p ON p.id = c.person_id WHERE p.name_kana = 'ヤマダ タロウ'`)).rows[0] as {
        id: string;
        case_number: string;
      });
      browser = await launchBrowser();
    });
    after(async () => {
      await browser.close();
      await app.close();
      await t.close();
    });

    it('request → the centre approves → the helpdesk reads the case → the centre sees the page viewed and ends it → out of reach', async () => {
      const desk = await page('mhlw-helpdesk');
      await menu(desk, 'ヘルプデスクの閲覧申請').click();
      await desk.getByRole('heading', { level: 1, name: 'ヘルプデスクの閲覧申請' }).waitFor();
      await assertAccessible(desk, 'helpdesk request form');
      await desk.getByLabel('問合せ番号').fill('HD-2026-0007');
      await desk.getByLabel('問合せの内容（閲覧が必要な理由）').fill('保健所から「健康観察が表示されない」との問合せ。画面を確認する。');
      await desk.getByLabel(/HER-SYS ID（1行に1件/).fill(caseNumber);
      await desk.getByRole('button', { name: '担当保健所に申請する' }).click();
      await desk.getByText(/申請を受け付けました/).waitFor();
      const mine = desk.getByRole('table', { name: 'あなたの申請' });
      await mine.getByRole('cell', { name: '承認待ち' }).first().waitFor();
      assert.equal(await mine.getByRole('link').count(), 0, 'nothing to open before approval');
      await screenshot(desk, shot('requested'));

      const centre = await page('shinjuku-h1');
      await centre.getByRole('link', { name: /ヘルプデスクによる閲覧: 回答待ち 1 件/ }).click();
      await centre.getByRole('heading', { level: 1, name: 'ヘルプデスクによる閲覧' }).waitFor();
      await centre.getByText('回答待ち 1 件').waitFor();
      const list = centre.getByRole('table', { name: 'ヘルプデスクによる閲覧' });
      await list.getByText('委託先：株式会社ヘルプデスクサービス').waitFor();
      await assertAccessible(centre, 'centre helpdesk list');
      await list.getByRole('button', { name: `${caseNumber} への閲覧を承認する` }).click();
      await centre.getByText('承認しました。閲覧が始まりました。').waitFor();

      await desk.reload();
      await desk.getByRole('link', { name: `事例 ${caseNumber} を開く` }).click();
      await desk.getByRole('heading', { level: 1, name: /山田 太郎/ }).waitFor();
      await desk.getByRole('note', { name: 'ヘルプデスクの閲覧申請' }).getByText(/HD-2026-0007.*閲覧のみ/).waitFor();
      await assertAccessible(desk, 'case under a helpdesk access');
      await screenshot(desk, shot('case'));

      await centre.reload();
      await list.getByText(/事例（基本情報）/).first().waitFor();
      await screenshot(centre, shot('centre'));
      await list.getByRole('button', { name: `${caseNumber} への閲覧を今すぐ終了する` }).click();
      await centre.getByText('閲覧を終了しました。').waitFor();
      await list.getByRole('cell', { name: /^終了/ }).waitFor();

      const status = await desk.evaluate(async (path) => (await fetch(path)).status, `/api/cases/${caseId}`);
      assert.equal(status, 404, 'after the end the case is out of reach again');
      await menu(desk, 'ヘルプデスクの閲覧申請').click();
      await desk.getByRole('table', { name: 'あなたの申請' }).getByRole('cell', { name: '終了', exact: true }).waitFor();

      await desk.getByRole('button', { name: 'English' }).click();
      await desk.getByRole('heading', { level: 1, name: 'Helpdesk access requests' }).waitFor();
      await assertAccessible(desk, 'helpdesk request form in English');
      await centre.getByRole('button', { name: 'English' }).click();
      await centre.getByRole('heading', { level: 1, name: 'Helpdesk accesses to your centre’s cases' }).waitFor();
      await assertAccessible(centre, 'centre helpdesk list in English');
    });

    it('the administrator marks a contractor’s staff; the privacy officer pulls the surprise inspection', async () => {
      const admin = await page('shinjuku-admin');
      await admin.goto(`${url}/admin`);
      await admin.getByRole('table', { name: /^ID一覧/ }).getByRole('link', { name: 'shinjuku-h1' }).click();
      await admin.getByLabel(/^委託先（/).fill('株式会社ケアコール');
      await admin.getByRole('button', { name: '保存', exact: true }).click();
      await admin.getByRole('status').getByText(/保存しました/).waitFor();
      await assertAccessible(admin, 'user screen with the contractor');
      await admin.goto(`${url}/admin`);
      await admin.getByRole('table', { name: /^ID一覧/ }).getByRole('cell', { name: '株式会社ケアコール' }).waitFor();

      const officer = await page('shinjuku-hc-po');
      await menu(officer, '委託先の抜き打ち検査').click();
      await officer.getByRole('heading', { level: 1, name: '委託先の抜き打ち検査' }).waitFor();
      await officer.getByRole('button', { name: '表示する' }).click();
      const table = officer.getByRole('table', { name: '委託先職員のアクセス' });
      // shinjuku-h1 logged in and read the helpdesk list of the case above.
      await table.getByRole('cell', { name: 'auth.login' }).first().waitFor();
      await table.getByRole('cell', { name: 'helpdesk.list' }).first().waitFor();
      await table.getByRole('cell', { name: caseNumber }).first().waitFor();
      await officer.getByRole('link', { name: 'CSVをダウンロード' }).waitFor();
      await assertAccessible(officer, 'contractor inspection');
      await screenshot(officer, shot('inspection'));
      await officer.getByRole('button', { name: 'English' }).click();
      await officer.getByRole('heading', { level: 1, name: 'Contractor surprise inspection' }).waitFor();
      await assertAccessible(officer, 'contractor inspection in English');
    });
  });
}
