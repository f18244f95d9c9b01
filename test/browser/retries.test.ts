// A form submitted twice never makes two records: when the answer to a registration is lost on the
// way back (the server did the work, the browser saw a network error), the app sends it again with
// the same Idempotency-Key and shows the one registration; a double click on 「登録して発生届へ」
// makes one case too.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, firstLoginInBrowser, launchBrowser, serveApp } from '../harness/browser.ts';
import { ENGINES, freshDatabase, type TestDatabase } from '../harness/engines.ts';

const REQ = '(?:\\s*(?:必須|報告前に必須|法定))?';
const field = (page: Page, label: string) => page.getByLabel(new RegExp(`^${label.replace(/[()（）]/g, '\\$&')}${REQ}$`));

for (const engine of browserAvailable() ? ENGINES : []) {
  describe(`a registration sent twice is one case, in the browser (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let url: string;
    let browser: Browser;
    let page: Page;
    const casesOf = async (kana: string) =>
      (await t.superuser('SELECT count(*)::int AS n FROM cases c JOIN persons p ON p.id = c.person_id WHERE p.name_kana = $1', [kana])).rows[0].n as number;

    before(async () => {
      t = await freshDatabase(engine);
      ({ app, url } = await serveApp(t));
      browser = await launchBrowser();
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
      page = await context.newPage();
      await page.goto(url);
      await firstLoginInBrowser(page, t, 'sakura-dr1');
    });
    after(async () => {
      await browser.close();
      await app.close();
      await t.close();
    });

    async function fillRegistration(kanji: string, kana: string) {
      await page.goto(`${url}/`);
      await page.getByRole('link', { name: '新規登録' }).click();
      await field(page, '感染症').selectOption('covid19');
      await field(page, '氏名（漢字）').fill(kanji);
      await field(page, '氏名（カナ）').fill(kana);
      await page.getByRole('radio', { name: '女' }).check();
      await field(page, '生年月日').fill('1975-03-03');
      await field(page, '所在地（居所）').fill('東京都新宿区高田馬場一丁目1番1号');
      await field(page, '検体採取日').fill('2022-10-02');
      await field(page, '結果').selectOption('positive');
    }

    it('the answer is lost after the server registered the case: the app resends with the same key and shows that one case', async () => {
      await fillRegistration('再送 花子', 'サイソウ ハナコ');
      let lost = 0;
      let keys: string[] = [];
      await page.route('**/api/registrations', async (route) => {
        keys.push(route.request().headers()['idempotency-key']);
        if (lost++ > 0) return route.continue();
        await route.fetch(); // the server does the work…
        await route.abort('connectionreset'); // …and its answer never arrives
      });
      await page.getByRole('button', { name: '登録して発生届へ' }).click();
      await page.waitForURL(/\/notifications\/[0-9a-f-]{36}$/);
      await page.getByRole('button', { name: '報告', exact: true }).waitFor();
      await page.unroute('**/api/registrations');
      assert.equal(keys.length, 2, 'sent once more after the network error');
      assert.ok(keys[0] && keys[0] === keys[1], 'with the same key');
      assert.equal(await casesOf('サイソウ ハナコ'), 1);
      keys = [];
    });

    it('a double click registers one case', async () => {
      await fillRegistration('連打 花子', 'レンダ ハナコ');
      await page.getByRole('button', { name: '登録して発生届へ' }).dblclick();
      await page.waitForURL(/\/notifications\/[0-9a-f-]{36}$/);
      await page.getByRole('button', { name: '報告', exact: true }).waitFor();
      assert.equal(await casesOf('レンダ ハナコ'), 1);
    });
  });
}
