// Break-the-glass in a real browser (issue 14): a hospital doctor who does not see a case finds it by
// HER-SYS ID (a wrong ID is answered at its field), states the reason and the situation, opens the
// case read-only under a banner with the grant's end time and ends the grant; the responsible centre
// sees the notice on its home page, the list of grants (who, when, why, until) and marks it seen.
// axe on every screen, in Japanese and English.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { assertAccessible, browserAvailable, firstLoginInBrowser, launchBrowser, screenshot, serveApp } from '../harness/browser.ts';
import { ENGINES, freshDatabase, type TestDatabase } from '../harness/engines.ts';

for (const engine of browserAvailable() ? ENGINES : []) {
  describe(`emergency access in the browser (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let url: string;
    let browser: Browser;
    let doctor: Page;
    let caseNumber: string;
    const shot = (name: string) => `break-glass-${name}-${engine}`;

    before(async () => {
      t = await freshDatabase(engine);
      ({ app, url } = await serveApp(t));
      caseNumber = (await t.superuser(`SELECT c.case_number FROM cases c JOIN persons p ON p.id = c.person_id WHERE p.name_kana = 'ヤマダ タロウ'`)).rows[0].case_number as string;
      browser = await launchBrowser();
      doctor = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      await doctor.goto(url);
      await firstLoginInBrowser(doctor, t, 'midori-dr1');
    });
    after(async () => {
      await browser.close();
      await app.close();
      await t.close();
    });

    it('a doctor finds the case by HER-SYS ID with a reason, opens it read-only under a banner, and ends the grant', async () => {
      await doctor.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '緊急アクセス' }).click();
      await doctor.getByRole('heading', { level: 1, name: '緊急アクセス（担当外の患者）' }).waitFor();
      await assertAccessible(doctor, 'emergency access form');

      await doctor.getByLabel('HER-SYS ID（8桁）').fill('12345678');
      await doctor.getByLabel('理由').selectOption('emergency_treatment');
      await doctor.getByLabel('状況（具体的に）').fill('救急搬送された意識障害の患者。前医の記録を確認する。');
      await doctor.getByRole('button', { name: '理由を記録してアクセスする' }).click();
      await doctor.getByText('HER-SYS ID（8桁、最後の桁はチェック数字）を入力してください').waitFor();
      assert.equal(await doctor.getByLabel('HER-SYS ID（8桁）').getAttribute('aria-invalid'), 'true');
      await assertAccessible(doctor, 'emergency access form with an error');

      await doctor.getByLabel('HER-SYS ID（8桁）').fill(caseNumber);
      await doctor.getByRole('button', { name: '理由を記録してアクセスする' }).click();
      await doctor.getByText('緊急アクセスが許可されました。').waitFor();
      await screenshot(doctor, shot('granted'));
      await doctor.getByRole('link', { name: /患者を開く/ }).click();
      await doctor.getByRole('heading', { level: 1, name: /山田 太郎/ }).waitFor();
      const banner = doctor.getByRole('note', { name: '緊急アクセス' });
      await banner.waitFor();
      assert.match((await banner.textContent())!, /閲覧のみ.*まで/);
      assert.equal(await doctor.locator('fieldset.read-only-grant').count(), 1, 'the tabs are shown disabled');
      await assertAccessible(doctor, 'case under a grant');
      await screenshot(doctor, shot('case'));

      await banner.getByRole('button', { name: '終了する' }).click();
      await doctor.getByRole('heading', { level: 1, name: '緊急アクセス（担当外の患者）' }).waitFor();
      const mine = doctor.getByRole('table', { name: 'あなたの緊急アクセス' });
      await mine.getByRole('cell', { name: '終了', exact: true }).waitFor();
      const status = await doctor.evaluate(async (path) => (await fetch(path)).status, `/api/cases/${(await t.superuser(`SELECT id FROM cases WHERE case_number = $1`, [caseNumber])).rows[0].id}`);
      assert.equal(status, 404, 'after the grant the case is out of reach again');

      await doctor.getByRole('button', { name: 'English' }).click();
      await doctor.getByRole('heading', { level: 1, name: 'Emergency access (a case outside your scope)' }).waitFor();
      await assertAccessible(doctor, 'emergency access form in English');
    });

    it('the responsible centre sees the notice on its home page, the grant on its list, and marks it seen', async () => {
      const centre = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      await centre.goto(url);
      await firstLoginInBrowser(centre, t, 'shinjuku-h1');
      await centre.getByRole('link', { name: /担当事例への緊急アクセス: 未確認 1 件/ }).click();
      await centre.getByRole('heading', { level: 1, name: '担当事例への緊急アクセス' }).waitFor();
      const list = centre.getByRole('table', { name: '担当事例への緊急アクセス' });
      await list.getByText('みどり病院 感染症科1').waitFor();
      await list.getByText(/救急搬送された意識障害の患者/).waitFor();
      await assertAccessible(centre, 'centre grant list');
      await screenshot(centre, shot('centre'));
      await list.getByRole('button', { name: `確認済みにする ${caseNumber}` }).click();
      await list.getByText('新宿区保健所 保健予防課1 が確認').waitFor();
      await centre.getByText('未確認 0 件').waitFor();

      await centre.getByRole('button', { name: 'English' }).click();
      await centre.getByRole('heading', { level: 1, name: 'Emergency accesses to your centre’s cases' }).waitFor();
      await assertAccessible(centre, 'centre grant list in English');
    });

    it('a clerk has no menu entry', async () => {
      const clerk = await (await browser.newContext()).newPage();
      await clerk.goto(url);
      await firstLoginInBrowser(clerk, t, 'sakura-clerk1');
      assert.equal(await clerk.getByRole('link', { name: '緊急アクセス' }).count(), 0);
    });
  });
}
