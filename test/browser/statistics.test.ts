// The counting dashboards in a real browser (issue 13): the ministry reads the nation, opens
// Tokyo from the prefecture table and its centres from Tokyo's, switches the breakdown, reads a
// chart as a table and downloads the figures; a health centre sees its own area only; a clinic has
// no menu entry. axe on every screen, in Japanese and English.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { japanToday } from '../../src/domain/calendar.ts';
import { addDemoEpidemic } from '../../src/server/demo/epidemic.ts';
import { publishOpenData } from '../../src/server/open-data/publish.ts';
import { assertAccessible, browserAvailable, firstLoginInBrowser, launchBrowser, screenshot, serveApp } from '../harness/browser.ts';
import { ENGINES, freshDatabase, type TestDatabase } from '../harness/engines.ts';

for (const engine of browserAvailable() ? ENGINES : []) {
  describe(`counting dashboards in the browser (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let url: string;
    let browser: Browser;
    const shot = (name: string) => `statistics-${name}-${engine}`;
    const open = async (loginId: string): Promise<Page> => {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })).newPage();
      await page.goto(url);
      await firstLoginInBrowser(page, t, loginId);
      return page;
    };

    before(async () => {
      t = await freshDatabase(engine);
      await addDemoEpidemic(t.db, t.world, japanToday(new Date()));
      await publishOpenData(t.db, { on: japanToday(new Date()), threshold: 3 });
      ({ app, url } = await serveApp(t));
      browser = await launchBrowser();
    });
    after(async () => {
      await browser.close();
      await app.close();
      await t.close();
    });

    it('the ministry reads the nation, then Tokyo and its centres; charts read as tables; the figures download', async () => {
      const page = await open('mhlw-stats');
      await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '集計' }).click();
      await page.getByRole('heading', { level: 1, name: '集計ダッシュボード' }).waitFor();
      await page.getByRole('heading', { level: 2, name: /全国/ }).waitFor();
      await page.locator('figure.chart svg').first().waitFor();
      // The tile map: all 47 prefectures, each with its rate in the table beside it.
      const map = page.locator('figure.chart').filter({ hasText: '都道府県別の直近7日間' });
      await map.getByText('表で見る').click();
      assert.equal(await map.getByRole('table').locator('tbody tr').count(), 47);
      assert.equal(await map.getByRole('table').locator('tbody tr').filter({ hasText: '—' }).count(), 0, 'every prefecture has a rate');
      await assertAccessible(page, 'national dashboard');
      await screenshot(page, shot('nation'));

      await page.getByRole('table', { name: '都道府県別' }).getByRole('button', { name: '東京都' }).click();
      await page.getByRole('heading', { level: 2, name: /東京都/ }).waitFor();
      const centres = page.getByRole('table', { name: '保健所別' });
      await centres.getByRole('button', { name: '新宿区保健所' }).waitFor();
      const newCases = Number((await page.locator('dl.figures dd').first().textContent())!.replace(/,/g, ''));
      assert.ok(newCases > 500, `Tokyo's new cases in 90 days: ${newCases}`);
      // Where the cases live: the demo's Tokyo cases live in Shinjuku and Nakano; daily reports have no address.
      const municipalities = page.getByRole('table', { name: '市区町村別（居住地、報告日別）' });
      await municipalities.getByRole('rowheader', { name: '新宿区' }).waitFor();
      await municipalities.getByRole('rowheader', { name: '中野区' }).waitFor();

      // The curve by age band, as a table: each day's bands add up to its total.
      await page.getByLabel('内訳').selectOption({ label: '年代' });
      await page.getByRole('button', { name: '表示' }).click();
      await page.getByRole('heading', { level: 2, name: /東京都/ }).waitFor();
      const curve = page.locator('figure.chart').first();
      await curve.getByText('表で見る').click();
      const table = curve.getByRole('table');
      await table.getByRole('columnheader', { name: '90歳以上' }).waitFor();
      const lastRow = await table.locator('tbody tr').last().locator('td').allTextContents();
      const bands = lastRow.slice(0, -3).map(Number); // then the total, the 7-day average, week on week
      assert.equal(bands.reduce((a, b) => a + b, 0), Number(lastRow.at(-3)));
      await assertAccessible(page, 'Tokyo by age band, table open');
      await screenshot(page, shot('tokyo-age'));

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '集計値をCSVでダウンロード' }).click()]);
      const csv = await readFile((await download.path())!, 'utf8');
      assert.match(csv, /^\uFEFF# 東京都/);
      assert.equal(csv.trim().split('\r\n').length, 2 + 90);

      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Counts dashboard' }).waitFor();
      await page.getByText('How each figure is counted').click();
      await page.getByText(/counts once, on the day its first notification was submitted/).waitFor();
      await assertAccessible(page, 'dashboard in English');
      await page.getByRole('button', { name: '日本語' }).click();
      await page.close();
    });

    it('a health centre sees its own area; a clinic has no counts', async () => {
      const page = await open('nakano-h1');
      await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '集計' }).click();
      await page.getByRole('heading', { level: 2, name: /中野区保健所/ }).waitFor();
      const options = await page.getByLabel('地域').locator('option').allTextContents();
      assert.deepEqual(options.map((o) => o.trim()), ['中野区保健所']);
      assert.equal(await page.getByRole('table', { name: '保健所別' }).count(), 0);
      await assertAccessible(page, 'health-centre dashboard');
      await screenshot(page, shot('centre'));
      await page.close();

      const clinic = await open('sakura-dr1');
      assert.equal(await clinic.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '集計' }).count(), 0);
      await clinic.close();
    });

    it('anyone reads the open data without login: the files, the revisions and the dictionary', async () => {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })).newPage();
      await page.goto(url);
      await page.getByRole('link', { name: 'オープンデータ（公表データ）' }).click();
      await page.getByRole('heading', { level: 1, name: '感染症の発生状況 オープンデータ' }).waitFor();
      const files = page.getByRole('table', { name: 'ファイル' });
      await files.getByRole('link', { name: 'newly_confirmed_cases_by_age_sex_daily.csv' }).waitFor();
      // The ministry's four daily files, the daily age × sex file and the weekly report's file (issue 16).
      assert.equal(await files.locator('tbody tr').count(), 6);
      await files.getByRole('link', { name: 'notifiable_cases_by_age_sex_weekly.csv' }).waitFor();
      await page.getByText('訂正はありません。').waitFor();
      await page.getByRole('heading', { level: 3, name: /newly_confirmed_cases_by_age_sex_daily\.csv/ }).waitFor();
      await assertAccessible(page, 'open data');
      await screenshot(page, shot('open-data'));
      const [download] = await Promise.all([page.waitForEvent('download'), files.getByRole('link', { name: 'newly_confirmed_cases_daily.csv' }).click()]);
      const csv = await readFile((await download.path())!, 'utf8');
      assert.match(csv, /^\uFEFFDate,ALL,Hokkaido,/);
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Infectious disease counts: open data' }).waitFor();
      await assertAccessible(page, 'open data in English');
      await page.close();
    });
  });
}
