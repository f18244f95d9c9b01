// Sentinel surveillance (定点把握) in a real browser: the demo doctor opens this week's report from
// Home, enters influenza and COVID-19 patients by age band and sex (a negative count refused at its
// cell), files, and sees the week among the recent ones; the prefecture's staff see the clinic as a
// sentinel and the week's per-sentinel average in its table. axe on every screen, in ja and en.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { japanToday } from '../../src/domain/calendar.ts';
import { isoWeekOf, weekKey } from '../../src/domain/iso-week.ts';
import { assertAccessible, browserAvailable, firstLoginInBrowser, launchBrowser, screenshot, serveApp } from '../harness/browser.ts';
import { ENGINES, freshDatabase, type TestDatabase } from '../harness/engines.ts';

const thisWeek = () => weekKey(isoWeekOf(japanToday(new Date())));

for (const engine of browserAvailable() ? ENGINES : []) {
  describe(`sentinel surveillance in the browser (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let url: string;
    let browser: Browser;
    let doctor: Page;
    const shot = (name: string) => `sentinel-${name}-${engine}`;

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

    it('the sentinel doctor files this week’s patients by age band and sex from Home', async () => {
      await doctor.getByRole('link', { name: '定点報告（今週の患者数）を入力する' }).click();
      await doctor.getByRole('heading', { level: 1, name: '定点報告（週報）' }).waitFor();
      const flu = doctor.getByRole('table', { name: /^インフルエンザ（/ });
      const covid = doctor.getByRole('table', { name: /^新型コロナウイルス感染症/ });
      await flu.waitFor();
      assert.equal(await doctor.getByLabel('報告週').inputValue(), thisWeek());
      const recent = doctor.getByRole('table', { name: '最近の報告' });
      assert.match((await recent.getByRole('row', { name: new RegExp(thisWeek()) }).textContent())!, /未報告/);
      await assertAccessible(doctor, 'sentinel report, this week empty');

      await flu.getByLabel('5歳 女').fill('3');
      await flu.getByLabel('30代 男').fill('1');
      await covid.getByLabel('80歳以上 男').fill('-1');
      await doctor.getByRole('button', { name: '報告する' }).click();
      await doctor.getByText('0以上の整数を入力してください（上限あり）。').waitFor();
      assert.equal(await covid.getByLabel('80歳以上 男').getAttribute('aria-invalid'), 'true');
      await assertAccessible(doctor, 'sentinel report with a refused cell');
      await covid.getByLabel('80歳以上 男').fill('2');
      await doctor.getByRole('button', { name: '報告する' }).click();
      await doctor.getByRole('status').filter({ hasText: '報告しました。' }).waitFor();
      const row = recent.getByRole('row', { name: new RegExp(thisWeek()) });
      await row.getByText('期限内').waitFor();
      assert.match((await row.textContent())!, /4.*2/);
      // Filed: the same week now corrects (until the Monday after), asking why.
      await doctor.getByRole('button', { name: '修正する' }).waitFor();
      await screenshot(doctor, shot('filed'));

      await doctor.getByRole('button', { name: 'English' }).click();
      await doctor.getByRole('heading', { level: 1, name: 'Sentinel weekly report' }).waitFor();
      await doctor.getByRole('table', { name: 'Recent reports' }).waitFor();
      await assertAccessible(doctor, 'sentinel report in English');
    });

    it('the prefecture’s staff see their sentinels and this week’s per-sentinel average', async () => {
      const prefecture = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      await prefecture.goto(url);
      await firstLoginInBrowser(prefecture, t, 'tokyo-sg1');
      await prefecture.getByRole('link', { name: '定点医療機関の指定' }).click();
      await prefecture.getByRole('heading', { level: 1, name: '定点医療機関の指定' }).waitFor();
      const sites = prefecture.getByRole('table', { name: '定点医療機関の指定' });
      await sites.getByRole('row', { name: /さくら内科クリニック/ }).getByRole('button', { name: '指定を終了する' }).waitFor();
      await assertAccessible(prefecture, 'sentinel designations');

      // Last week's report of the clinic, past its due day: only the prefecture corrects it, with a reason.
      await sites.getByRole('link', { name: /（詳細・修正） さくら内科クリニック$/ }).click();
      await prefecture.getByRole('table', { name: '報告と修正の履歴' }).waitFor();
      await assertAccessible(prefecture, 'sentinel report detail');
      await prefecture.getByRole('table', { name: /^新型コロナウイルス感染症/ }).getByLabel('80歳以上 女').fill('9');
      await prefecture.getByRole('button', { name: '修正する' }).click();
      await prefecture.getByText('修正の理由を入力してください。').waitFor();
      await prefecture.getByLabel('修正の理由').fill('医療機関からの訂正連絡');
      await prefecture.getByRole('button', { name: '修正する' }).click();
      await prefecture.getByRole('status').filter({ hasText: '修正しました。' }).waitFor();
      const history = prefecture.getByRole('table', { name: '報告と修正の履歴' });
      await history.locator('tbody tr').nth(1).waitFor();
      assert.match((await history.locator('tbody tr').nth(1).textContent())!, /東京都.*医療機関からの訂正連絡/);
      await prefecture.goBack();
      await prefecture.getByRole('heading', { level: 1, name: '定点医療機関の指定' }).waitFor();

      await prefecture.goBack();
      await prefecture.getByRole('link', { name: '定点当たり報告数（注意報・警報）' }).click();
      await prefecture.getByRole('heading', { level: 1, name: '定点当たり報告数' }).waitFor();
      await prefecture.getByRole('table', { name: /^インフルエンザ .* 都道府県別$/ }).waitFor();
      await assertAccessible(prefecture, 'sentinel averages, last week');
      await prefecture.getByLabel('表示する週').selectOption(thisWeek());
      // This week only the clinic has filed: 4 influenza patients from 1 of the 2 sentinels.
      const tokyo = prefecture.getByRole('table', { name: new RegExp(`^インフルエンザ ${thisWeek()}`) }).getByRole('row', { name: /東京都/ });
      await tokyo.waitFor();
      assert.deepEqual(await tokyo.getByRole('cell').allTextContents(), ['4', '1', '2', '4.00', '—']);
      await screenshot(prefecture, shot('averages'));

      await prefecture.getByRole('button', { name: 'English' }).click();
      await prefecture.getByRole('heading', { level: 1, name: 'Patients per sentinel' }).waitFor();
      await prefecture.getByRole('table', { name: /^Influenza, / }).first().waitFor();
      await assertAccessible(prefecture, 'sentinel averages in English');
    });
  });
}
