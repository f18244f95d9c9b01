// The daily aggregate report (日次報告) in a real browser: a doctor enters today's counts in the
// grid by age band (a negative count is refused at its cell), files, corrects the same day and sees
// the day among the recent ones; the health centre sees it in its area's day, the demo world's
// missing, late and overlapping days flagged. axe on every screen, in Japanese and English.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { japanToday } from '../../src/domain/calendar.ts';
import { assertAccessible, browserAvailable, firstLoginInBrowser, launchBrowser, screenshot, serveApp } from '../harness/browser.ts';
import { ENGINES, freshDatabase, type TestDatabase } from '../harness/engines.ts';

const daysAgo = (n: number) => japanToday(new Date(Date.now() - n * 86_400_000));

for (const engine of browserAvailable() ? ENGINES : []) {
  describe(`the daily report in the browser (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let url: string;
    let browser: Browser;
    let doctor: Page;
    const shot = (name: string) => `daily-report-${name}-${engine}`;

    before(async () => {
      t = await freshDatabase(engine);
      ({ app, url } = await serveApp(t));
      browser = await launchBrowser();
      doctor = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      await doctor.goto(url);
      await firstLoginInBrowser(doctor, t, 'sakura-dr1');
    });
    after(async () => {
      await browser.close();
      await app.close();
      await t.close();
    });

    it('a doctor files today’s counts by age band, is refused a negative one at its cell, and corrects them the same day', async () => {
      await doctor.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '日次報告' }).click();
      await doctor.getByRole('heading', { level: 1, name: '日次報告' }).waitFor();
      const recent = doctor.getByRole('table', { name: '最近の報告' });
      // The demo clinic filed the two weeks before today.
      await recent.locator('tbody tr').nth(13).waitFor();
      await assertAccessible(doctor, 'daily report, today empty');

      await doctor.getByLabel('20代').fill('3');
      await doctor.getByLabel('30代').fill('2');
      await doctor.getByLabel('40代').fill('-1');
      await doctor.getByRole('button', { name: '報告する' }).click();
      await doctor.getByText('0以上の整数を入力してください（上限あり）。').waitFor();
      assert.equal(await doctor.getByLabel('40代').getAttribute('aria-invalid'), 'true');
      await assertAccessible(doctor, 'daily report with a refused cell');
      await doctor.getByLabel('40代').fill('0');
      await doctor.getByRole('button', { name: '報告する' }).click();
      await doctor.getByRole('status').filter({ hasText: '報告しました。' }).waitFor();
      await recent.locator('tbody tr').nth(14).waitFor();
      assert.match((await recent.locator('tbody tr').first().textContent())!, /^[^|]*5/);
      await screenshot(doctor, shot('filed'));

      // Same day: the form now corrects, and asks why.
      await doctor.getByLabel('20代').fill('4');
      await doctor.getByLabel('修正の理由').fill('入力誤り');
      await doctor.getByRole('button', { name: '修正する' }).click();
      await doctor.getByRole('status').filter({ hasText: '修正しました。' }).waitFor();
      await doctor.waitForFunction(() => document.querySelector('tfoot td')?.textContent === '6');

      // A past day is shown read-only: only the prefecture corrects it now.
      await recent.getByRole('button', { name: /^表示 / }).nth(3).click();
      await doctor.getByText('この日の報告は当日を過ぎたため修正できません。修正は都道府県に依頼してください。').waitFor();
      assert.equal(await doctor.getByRole('button', { name: '修正する' }).count(), 0);
      await assertAccessible(doctor, 'daily report, a past day');

      await doctor.getByRole('button', { name: 'English' }).click();
      await doctor.getByRole('heading', { level: 1, name: 'Daily report' }).waitFor();
      await doctor.getByRole('table', { name: 'Recent reports' }).waitFor();
      await assertAccessible(doctor, 'daily report in English');
    });

    it('the health centre sees the report in its area’s day, and the demo’s late, missing and overlapping days flagged', async () => {
      const centre = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      await centre.goto(url);
      await firstLoginInBrowser(centre, t, 'shinjuku-h1');
      await centre.getByRole('link', { name: '管内の日次報告（未報告・期限後・重複の確認）' }).click();
      await centre.getByRole('heading', { level: 1, name: '日次報告（管内医療機関）' }).waitFor();
      await assertAccessible(centre, 'area daily reports');

      await centre.getByLabel('診断日').fill(daysAgo(0));
      await centre.getByRole('button', { name: '表示' }).click();
      const row = centre.getByRole('row', { name: /さくら内科クリニック/ });
      await row.getByRole('link', { name: '6（さくら内科クリニック 詳細）' }).waitFor();
      assert.match((await row.textContent())!, /期限内/);
      await screenshot(centre, shot('area'));

      // The demo clinic put an 80-year-old in its aggregate two days ago: everyone 65 and over is notified.
      await centre.getByLabel('診断日').fill(daysAgo(2));
      await centre.getByRole('button', { name: '表示' }).click();
      await row.getByText(/80代: 65歳以上は発生届の対象です/).waitFor();
      await assertAccessible(centre, 'area daily reports with an overlap flag');

      // A day before the demo's reports: the clinic, expected daily, has not filed.
      await centre.getByLabel('診断日').fill(daysAgo(20));
      await centre.getByRole('button', { name: '表示' }).click();
      await row.getByRole('cell', { name: '未報告' }).waitFor();
      await row.getByRole('button', { name: 'さくら内科クリニック: 対象から外す' }).click();
      await row.getByRole('button', { name: 'さくら内科クリニック: 毎日の報告対象にする' }).waitFor();
      assert.equal(await row.getByRole('cell', { name: '未報告' }).count(), 0);

      await centre.getByRole('button', { name: 'English' }).click();
      await centre.getByRole('heading', { level: 1, name: 'Daily reports of the area' }).waitFor();
      await assertAccessible(centre, 'area daily reports in English');
    });

    it('the prefecture corrects a past day with a reason, kept in the history; the overlap flag is gone', async () => {
      const prefecture = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      await prefecture.goto(url);
      await firstLoginInBrowser(prefecture, t, 'tokyo-sg1');
      await prefecture.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '日次報告（管内）' }).click();
      await prefecture.getByRole('heading', { level: 1, name: '日次報告（管内医療機関）' }).waitFor();
      await prefecture.getByLabel('診断日').fill(daysAgo(2));
      await prefecture.getByRole('button', { name: '表示' }).click();
      const row = prefecture.getByRole('row', { name: /さくら内科クリニック/ });
      await row.getByText(/80代: 65歳以上は発生届の対象です/).waitFor();
      await row.getByRole('link', { name: /（さくら内科クリニック 詳細）$/ }).click();
      await prefecture.getByRole('table', { name: '報告と修正の履歴' }).waitFor();
      await assertAccessible(prefecture, 'daily report detail');
      await prefecture.getByLabel('80代').fill('0');
      await prefecture.getByRole('button', { name: '修正する' }).click();
      await prefecture.getByText('修正の理由を入力してください。').waitFor();
      await prefecture.getByLabel('修正の理由').fill('発生届の患者を二重計上');
      await prefecture.getByRole('button', { name: '修正する' }).click();
      await prefecture.getByRole('status').filter({ hasText: '修正しました。' }).waitFor();
      const history = prefecture.getByRole('table', { name: '報告と修正の履歴' });
      await history.locator('tbody tr').nth(1).waitFor();
      assert.match((await history.locator('tbody tr').nth(1).textContent())!, /東京都.*発生届の患者を二重計上/);
      await screenshot(prefecture, shot('corrected'));
      await prefecture.goBack();
      await prefecture.getByRole('heading', { level: 1, name: '日次報告（管内医療機関）' }).waitFor();
      await prefecture.getByLabel('診断日').fill(daysAgo(2));
      await prefecture.getByRole('button', { name: '表示' }).click();
      await row.getByRole('link', { name: /（さくら内科クリニック 詳細）$/ }).waitFor();
      assert.equal(await row.getByText(/65歳以上は発生届の対象です/).count(), 0);
    });
  });
}
