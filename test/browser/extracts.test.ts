// Pseudonymised extracts in a real browser (issue 14, Q&A 21–22): health-centre staff choose the
// period, quasi-identifiers, k, purpose and recipient, see how many rows were released and suppressed,
// and download the data and its dictionary — the data holds no name, HER-SYS ID or date of birth, and
// each file names the columns; the extract is on the log, and the centre's privacy officer sees it
// there too. axe on every screen, in Japanese and English.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { addDays } from '../../src/domain/contacts.ts';
import { japanToday } from '../../src/domain/calendar.ts';
import { generateEpidemic } from '../../src/server/demo/epidemic.ts';
import { actorFor } from '../harness/actors.ts';
import { assertAccessible, browserAvailable, firstLoginInBrowser, launchBrowser, screenshot, serveApp } from '../harness/browser.ts';
import { ENGINES, freshDatabase, type TestDatabase } from '../harness/engines.ts';

const today = japanToday(new Date());

for (const engine of browserAvailable() ? ENGINES : []) {
  describe(`pseudonymised extracts in the browser (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let url: string;
    let browser: Browser;
    let staff: Page;
    const shot = (name: string) => `extracts-${name}-${engine}`;

    before(async () => {
      t = await freshDatabase(engine);
      const me = await actorFor(t.db, 'shinjuku-h1');
      await generateEpidemic(t.db, {
        areas: [{ prefectureId: t.world.orgIds.tokyo, hcId: t.world.orgIds['shinjuku-hc'], institutionId: t.world.orgIds['sakura-clinic'], weight: 1, residences: ['東京都新宿区', '東京都中野区'] }],
        from: addDays(today, -27),
        days: 28,
        cases: 300,
        today,
        staff: { id: me.userId, name: '新宿区保健所 保健予防課1', orgName: '新宿区保健所' },
      });
      ({ app, url } = await serveApp(t));
      browser = await launchBrowser();
      staff = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })).newPage();
      await staff.goto(url);
      await firstLoginInBrowser(staff, t, 'shinjuku-h1');
    });
    after(async () => {
      await browser.close();
      await app.close();
      await t.close();
    });

    it('centre staff make an extract: the suppression is shown, the files hold no identity and come with their dictionary', async () => {
      await staff.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '仮名加工データ' }).click();
      await staff.getByRole('heading', { level: 1, name: '仮名加工データの抽出' }).waitFor();
      await assertAccessible(staff, 'extract form');

      await staff.getByLabel('k（同じ組み合わせの最小人数）').fill('1');
      await staff.getByLabel('利用目的').fill('区内の年代別発生動向の分析');
      await staff.getByLabel('提供先').fill('新宿区 健康部');
      await staff.getByRole('button', { name: '抽出する' }).click();
      await staff.getByText('k は2以上にしてください').waitFor();
      assert.equal(await staff.getByLabel('k（同じ組み合わせの最小人数）').getAttribute('aria-invalid'), 'true');
      await assertAccessible(staff, 'extract form with an error');

      await staff.getByLabel('k（同じ組み合わせの最小人数）').fill('5');
      await staff.getByLabel(/^診断週/).check();
      await staff.getByRole('button', { name: '抽出する' }).click();
      const status = staff.getByText(/^抽出しました：/);
      await status.waitFor();
      const [, read, released, suppressed] = (await status.textContent())!.match(/(\d+) 件中 (\d+) 行を提供、(\d+) 行を秘匿/)!.map(Number);
      assert.ok(read >= 300 && suppressed > 0 && released + suppressed === read, `${read} ${released} ${suppressed}`);
      await assertAccessible(staff, 'extract made');
      await screenshot(staff, shot('made'));

      const download = async (name: RegExp) => {
        const [file] = await Promise.all([staff.waitForEvent('download'), staff.getByRole('link', { name }).click()]);
        return (await readFile((await file.path())!, 'utf8')).replace(/^\uFEFF/, '');
      };
      const data = await download(/-data\.csv をダウンロード/);
      const lines = data.trim().split('\r\n');
      assert.equal(lines[0], 'pseudonym,age_band,sex,municipality,diagnosis_week,disease,classification,status,severity,hospitalised,vaccination');
      assert.equal(lines.length - 1, released);
      const identities = (await t.superuser(`SELECT c.case_number, p.name_kanji, p.birth_date::text AS birth_date FROM cases c JOIN persons p ON p.id = c.person_id`)).rows as {
        case_number: string;
        name_kanji: string;
        birth_date: string;
      }[];
      for (const p of identities) assert.ok(!data.includes(p.case_number) && !data.includes(p.name_kanji) && !data.includes(p.birth_date), 'no identity in the file');
      const dictionary = await download(/-dictionary\.csv をダウンロード/);
      assert.match(dictionary, /# 提供先 \/ recipient,新宿区 健康部/);
      assert.match(dictionary, /diagnosis_week,診断週/);
    });

    it('the log lists the extract, for its maker and for the centre’s privacy officer', async () => {
      await staff.getByRole('link', { name: '抽出の記録を見る' }).click();
      const log = staff.getByRole('table', { name: '抽出の記録' });
      await log.getByRole('cell', { name: '区内の年代別発生動向の分析' }).waitFor();
      await log.getByRole('cell', { name: '新宿区 健康部' }).waitFor();
      await assertAccessible(staff, 'extract log');
      await screenshot(staff, shot('log'));
      await staff.getByRole('button', { name: 'English' }).click();
      await staff.getByRole('heading', { level: 1, name: 'Log of extracts' }).waitFor();
      await assertAccessible(staff, 'extract log in English');
      await staff.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Pseudonymised extract' }).click();
      await staff.getByRole('heading', { level: 1, name: 'Pseudonymised extract' }).waitFor();
      await assertAccessible(staff, 'extract form in English');

      const officer = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      await officer.goto(url);
      await firstLoginInBrowser(officer, t, 'shinjuku-hc-po');
      assert.equal(await officer.getByRole('link', { name: '仮名加工データ' }).count(), 0, 'the officer reads the log, makes no extract');
      await officer.getByRole('link', { name: '抽出の記録' }).click();
      await officer.getByRole('table', { name: '抽出の記録' }).getByRole('cell', { name: '新宿区 健康部' }).waitFor();
    });
  });
}
