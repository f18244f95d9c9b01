// Every notifiable disease in a real browser (issue 16): a clinic's doctor picks the disease first.
// Today COVID-19's individual notification has ended: its date field says so before anything is
// created. Measles is notified today under its own form — its tests, its classifications, its case
// type — and the centre's work list shows a tuberculosis draft nearing its deadline. axe and a
// screenshot on each screen, in Japanese and in English.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { japanToday } from '../../src/domain/calendar.ts';
import { assertAccessible, browserAvailable, firstLoginInBrowser, launchBrowser, screenshot, serveApp, traceOf, waitShown } from '../harness/browser.ts';
import { ENGINES, freshDatabase, type TestDatabase } from '../harness/engines.ts';
import { firstLogin } from '../harness/http.ts';

const TODAY = japanToday(new Date());

for (const engine of browserAvailable() ? ENGINES : []) {
  describe(`every notifiable disease in the browser (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let url: string;
    let browser: Browser;
    let page: Page;
    const shot = (name: string) => screenshot(page, `diseases-${name}-${engine}`);
    const cases = async () => (await t.superuser('SELECT count(*)::int AS n FROM cases')).rows[0]!.n as number;

    before(async () => {
      t = await freshDatabase(engine);
      ({ app, url } = await serveApp(t));
      browser = await launchBrowser();
      page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' })).newPage();
      await page.goto(url);
      await firstLoginInBrowser(page, t, 'sakura-dr1');
    });
    after(async () => {
      await browser.close();
      await app.close();
      await t.close();
    });

    it('the disease comes first; a COVID-19 test of today is refused at its date before anything is created', async () => {
      const trace = traceOf(page);
      await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '新規登録' }).click();
      await waitShown(page.getByRole('heading', { level: 1, name: '新規登録（患者・検査）' }), trace);
      const disease = page.getByLabel(/^感染症/);
      assert.ok(await disease.evaluate((el) => el === document.activeElement), 'the disease has the focus');
      await page.getByText('感染症を選ぶと、その感染症の検査方法と検体を入力できます。').waitFor();
      await disease.selectOption('covid19');
      await page.getByLabel(/^氏名（漢字）/).fill('麻疹 一郎');
      await page.getByLabel(/^氏名（カナ）/).fill('マシン イチロウ');
      await page.getByRole('radio', { name: '男' }).check();
      await page.getByLabel(/^生年月日/).fill('1990-04-01');
      await page.getByLabel(/^所在地（居所）/).fill('東京都新宿区高田馬場一丁目1番1号');
      await page.getByLabel(/^結果/).first().selectOption('positive');
      const collected = page.getByLabel('検体採取日');
      assert.equal(await collected.inputValue(), TODAY);
      await waitShown(page.getByText(/新型コロナウイルス感染症の発生届の様式は、この日付には有効ではありません（2020年2月1日から2023年5月8日の前日まで）/), trace);
      assert.equal(await collected.getAttribute('aria-invalid'), 'true');
      await assertAccessible(page, 'registration: no COVID-19 form today');
      await shot('covid-today');
      const before = await cases();
      await page.getByRole('button', { name: '登録して発生届へ' }).click();
      assert.ok(await collected.evaluate((el) => el === document.activeElement), 'the date has the focus');
      assert.equal(await cases(), before, 'nothing was created');
    });

    it('measles is notified today under its own form: its tests, its classifications and its case type', async () => {
      const trace = traceOf(page);
      const disease = page.getByLabel(/^感染症/);
      await disease.selectOption('measles');
      // The rows keep their dates and result; the method and specimen are measles's own.
      const method = page.getByLabel(/^検査方法/);
      assert.deepEqual(await method.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)), ['isolation', 'naat', 'antibody_igm', 'antibody_paired']);
      assert.equal(await method.inputValue(), 'naat');
      assert.equal(await page.getByLabel(/^検体/).first().inputValue(), 'throat_swab');
      await page.getByText('五類感染症（全数把握）・診断後直ちに届出').waitFor();
      assert.equal(await page.getByText(/この日付には有効ではありません/).count(), 0);
      await assertAccessible(page, 'registration: measles');
      await shot('measles-register');
      await page.getByRole('button', { name: '登録して発生届へ' }).click();
      await page.waitForURL(/\/notifications\/[0-9a-f-]{36}$/);
      await waitShown(page.getByRole('button', { name: '報告', exact: true }), trace);
      // Measles takes patients and bodies only: no 疑似症患者, no 無症状病原体保有者.
      const classification = page.getByRole('group', { name: /診断分類/ });
      assert.deepEqual(await classification.getByRole('radio').evaluateAll((rs) => rs.map((r) => (r.closest('label')?.textContent ?? '').trim())), ['患者（確定例）', '感染症死亡者の死体']);
      assert.equal(await page.getByRole('radio', { name: '患者（確定例）' }).isChecked(), true);
      await page.getByLabel(/^病型/).selectOption('measles_lab');
      await assertAccessible(page, 'measles draft');
      await shot('measles-draft');
      // English too: the form's own labels.
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByText('Case type').first().waitFor();
      await assertAccessible(page, 'measles draft in English');
      await page.getByRole('button', { name: '日本語' }).click();

      await page.getByRole('button', { name: '報告', exact: true }).click();
      // Warnings of the shared checks, if any, are acknowledged where the form lists them.
      const acknowledge = page.getByRole('checkbox', { name: /確認済み/ });
      for (const box of await acknowledge.all()) await box.check();
      if (await acknowledge.count()) await page.getByRole('button', { name: '報告', exact: true }).click();
      await waitShown(page.getByRole('status').getByText(/報告しました/), trace);
      const stored = await t.superuser("SELECT n.form_id, n.status, n.due_on::text, n.submitted_late, c.disease FROM notifications n JOIN cases c ON c.id = n.case_id JOIN persons p ON p.id = c.person_id WHERE p.name_kana = 'マシン イチロウ'");
      assert.deepEqual(stored.rows.map((r) => [r.form_id, r.status, r.disease, r.submitted_late]), [['measles', 'submitted', 'measles', false]]);
      await shot('measles-submitted');
    });

    it('the centre sees a tuberculosis draft nearing its deadline on its work list', async () => {
      const doctor = (await firstLogin(t, app, 'midori-dr1')).client;
      const reg = await doctor.post('/api/registrations', {
        person: { nameKanji: '結核 次郎', nameKana: 'ケッカク ジロウ', sex: 'male', birthDate: '1950-01-01', residenceAddress: '東京都中野区中野四丁目1番1号' },
        disease: 'tuberculosis',
        choice: { kind: 'new_person' },
        tests: [{ method: 'smear', specimen: 'sputum', collectedOn: TODAY, result: 'positive', resultOn: TODAY }],
      });
      assert.equal(reg.statusCode, 201, JSON.stringify(reg.body));
      const draft = await doctor.post(`/api/cases/${reg.body.caseId}/notifications`, { classification: 'patient', diagnosedOn: TODAY });
      assert.equal(draft.statusCode, 201, JSON.stringify(draft.body));

      const centre = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' })).newPage();
      await centre.goto(url);
      await firstLoginInBrowser(centre, t, 'nakano-h1');
      const table = centre.getByRole('table', { name: /届出期限の近い・過ぎた発生届/ });
      await waitShown(table.getByRole('row', { name: /結核/ }), traceOf(centre));
      await table.getByRole('link', { name: '期限間近（未提出）' }).waitFor();
      await assertAccessible(centre, 'work list with deadlines');
      await screenshot(centre, `diseases-worklist-${engine}`);
      await centre.close();
    });
  });
}
