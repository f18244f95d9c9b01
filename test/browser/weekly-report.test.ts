// 週報 (issue 16) in a real browser: the ministry opens the weekly report from the menu on the last
// complete week, sees the diseases by category with the demo's counts, picks Tokyo, charts a
// disease's last 12 weeks, finds the PDF and CSV; prefecture staff get their own prefecture. axe on
// every screen, in Japanese and English.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { japanToday } from '../../src/domain/calendar.ts';
import { weekKey } from '../../src/domain/iso-week.ts';
import { lastCompleteWeek } from '../../src/domain/weekly-report/report.ts';
import { addDemoNotifiableDiseases } from '../../src/server/demo/notifiable-diseases.ts';
import { refreshAllCounts } from '../../src/server/statistics/refresh.ts';
import { assertAccessible, browserAvailable, firstLoginInBrowser, launchBrowser, screenshot, serveApp } from '../harness/browser.ts';
import { ENGINES, freshDatabase, type TestDatabase } from '../harness/engines.ts';

const week = weekKey(lastCompleteWeek(japanToday(new Date())));

for (const engine of browserAvailable() ? ENGINES : []) {
  describe(`the weekly report in the browser (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let url: string;
    let browser: Browser;
    let expected: { code: string; thisWeek: number }[];
    const open = async (loginId: string): Promise<Page> => {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      await page.goto(url);
      await firstLoginInBrowser(page, t, loginId);
      return page;
    };

    before(async () => {
      t = await freshDatabase(engine);
      await addDemoNotifiableDiseases(t.db, japanToday(new Date()));
      await refreshAllCounts(t.db);
      ({ app, url } = await serveApp(t));
      browser = await launchBrowser();
      // This week's Tokyo counts by plain SQL (every demo case has one notification in force).
      const rows = (await t.superuser(
        `SELECT c.disease AS code, count(*)::int AS n FROM cases c JOIN notifications x ON x.case_id = c.id JOIN organizations o ON o.id = c.prefecture_id
          WHERE o.area_code = '13' AND x.status = 'submitted' AND x.superseded_at IS NULL AND to_char(x.diagnosed_on, 'IYYY-"W"IW') = $1 GROUP BY 1`,
        [week],
      )).rows as { code: string; n: number }[];
      expected = rows.map((r) => ({ code: r.code, thisWeek: r.n }));
    });
    after(async () => {
      await browser.close();
      await app.close();
      await t.close();
    });

    it('the ministry reads the nation, then Tokyo, by category and disease, by age group and over 12 weeks', async () => {
      const page = await open('mhlw-stats');
      await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '週報（全数把握）' }).click();
      await page.getByRole('heading', { level: 1, name: '感染症発生動向調査 週報（全数把握）' }).waitFor();
      assert.equal(await page.getByLabel('週（ISO週、月曜〜日曜）').inputValue(), week);
      const byDisease = page.getByRole('table', { name: '類型・疾患別届出数' });
      await byDisease.getByRole('row', { name: /^結核/ }).waitFor();
      await page.getByRole('heading', { level: 2, name: /^全国：/ }).waitFor();
      const groups = await byDisease.locator('th[scope="rowgroup"]').allTextContents();
      assert.deepEqual(groups.slice(0, 5), ['一類感染症', '二類感染症', '三類感染症', '四類感染症', '五類感染症（全数把握）']);
      await assertAccessible(page, 'weekly report, the nation');

      await page.getByLabel('地域', { exact: true }).selectOption('13');
      await page.getByRole('button', { name: '表示' }).click();
      await page.getByRole('heading', { level: 2, name: /^東京都：/ }).waitFor();
      const syphilis = expected.find((e) => e.code === 'syphilis')?.thisWeek ?? 0;
      assert.equal(await byDisease.getByRole('row', { name: /^梅毒/ }).locator('td').first().textContent(), String(syphilis));
      const byClassification = await byDisease.getByRole('row', { name: /^梅毒/ }).locator('td').nth(3).textContent();
      assert.match(byClassification!, syphilis ? /患者（確定例） \d+/ : /^—$/);
      if (expected.length) await page.getByRole('table', { name: '年齢群別届出数（今週）' }).waitFor();
      const pdf = await page.getByRole('link', { name: 'PDF をダウンロード' }).getAttribute('href');
      assert.equal(pdf, `/api/weekly-report.pdf?week=${week}&prefecture=13`);
      await page.getByRole('link', { name: /オープンデータ（CSV/ }).waitFor();

      await page.getByLabel('推移を見る疾患').selectOption('tuberculosis');
      await page.getByText('結核：直近12週の届出数', { exact: true }).first().waitFor();
      await page.getByText('表で見る').click();
      const trend = page.getByRole('table', { name: '結核：直近12週の届出数' });
      assert.equal(await trend.locator('tbody tr').count(), 12);
      assert.equal(await trend.locator('tbody tr th').last().textContent(), week);
      await assertAccessible(page, 'weekly report, Tokyo with a chart');
      await screenshot(page, `weekly-report-tokyo-${engine}`);

      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Weekly surveillance report (notifiable diseases)' }).waitFor();
      await page.getByRole('table', { name: 'Notified cases by category and disease' }).getByRole('row', { name: /^Syphilis/ }).waitFor();
      await assertAccessible(page, 'weekly report in English');
    });

    it('prefecture staff get their own prefecture, with the nation as the only other choice', async () => {
      const page = await open('tokyo-sg1');
      await page.goto(`${url}/weekly-report`);
      await page.getByRole('heading', { level: 2, name: /^東京都：/ }).waitFor();
      const options = await page.getByLabel('地域', { exact: true }).locator('option').allTextContents();
      assert.deepEqual(options, ['全国', '東京都']);
      await assertAccessible(page, 'weekly report, prefecture staff');
    });
  });
}
