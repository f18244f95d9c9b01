// 陽性者登録 in a real browser: the public form on a 360 px phone (44 px targets) in Japanese — the
// form, the code read from the outbox, the reference — and in English with its field errors; then
// the follow-up centre's doctor reviews in Japanese (list, a likely duplicate, acceptance) and in
// English (rejection with a reason). axe on every screen, screenshots of each.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { japanToday } from '../../src/domain/calendar.ts';
import { addDays } from '../../src/domain/contacts.ts';
import { assertAccessible, browserAvailable, firstLoginInBrowser, launchBrowser, screenshot, serveApp, traceOf, waitShown } from '../harness/browser.ts';
import { ENGINES, freshDatabase, type TestDatabase } from '../harness/engines.ts';

for (const engine of browserAvailable() ? ENGINES : []) {
  describe(`陽性者登録 in the browser (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let url: string;
    let browser: Browser;
    const shot = (page: Page, name: string) => screenshot(page, `self-registration-${name}-${engine}`);

    before(async () => {
      t = await freshDatabase(engine);
      ({ app, url } = await serveApp(t));
      browser = await launchBrowser();
    });
    after(async () => {
      await browser.close();
      await app.close();
      await t.close();
    });

    it('a person registers from a phone in Japanese: form, code, reference', async () => {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      const trace = traceOf(page);
      await page.goto(`${url}/self-register`);
      await waitShown(page.getByRole('heading', { level: 1, name: /陽性者登録/ }), trace);
      await page.getByLabel('登録する都道府県').selectOption({ label: '東京都' });
      await assertAccessible(page, 'the form (ja)');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 360, `no sideways scrolling at 360 px (${width})`);
      for (const control of [page.getByLabel('氏名（漢字）'), page.getByLabel('性別'), page.getByRole('button', { name: '確認コードを送る' }), page.getByLabel('発熱')]) {
        const box = (await control.boundingBox())!;
        const target = (await control.evaluate((el) => (el.closest('.field') ?? el).getBoundingClientRect().height)) as number;
        assert.ok(Math.max(box.height, target) >= 44, `touch target ≥ 44 px (${box.height})`);
      }
      await page.getByLabel('氏名（漢字）').fill('中村 蓮');
      await page.getByLabel('氏名（フリガナ）').fill('ナカムラ レン');
      await page.getByLabel('性別').selectOption('male');
      await page.getByLabel('生年月日').fill('1992-03-03');
      await page.getByLabel('今いる場所の住所').fill('東京都新宿区百人町一丁目1番1号');
      await page.getByLabel('電話番号').fill('090-2222-3333');
      await page.getByLabel('メールアドレス').fill('ren@example.jp');
      await page.getByLabel(/検査キットの名前/).fill('エスプライン SARS-CoV-2');
      await page.getByLabel('検査日', { exact: true }).fill(japanToday(new Date()));
      await page.getByLabel('咳').check();
      await page.getByLabel('症状が出た日').fill(japanToday(new Date()));
      await shot(page, 'form-ja');
      await page.getByRole('button', { name: '確認コードを送る' }).click();
      await waitShown(page.getByRole('heading', { level: 1, name: '確認コードの入力' }), trace);
      await assertAccessible(page, 'the code step (ja)');
      const { payload } = (await t.superuser("SELECT payload FROM outbox WHERE payload->>'to' = 'ren@example.jp'")).rows[0] as { payload: { text: string } };
      await page.getByLabel('確認コード（6桁）').fill('000000' === /(\d{6})/.exec(payload.text)![1] ? '111111' : '000000');
      await page.getByRole('button', { name: '登録する' }).click();
      await waitShown(page.getByText('確認コードが正しくありません。').first(), trace);
      await assertAccessible(page, 'a wrong code (ja)');
      await page.getByLabel('確認コード（6桁）').fill(/(\d{6})/.exec(payload.text)![1]);
      await page.getByRole('button', { name: '登録する' }).click();
      await waitShown(page.getByRole('heading', { level: 1, name: '登録を受け付けました' }), trace);
      const reference = await page.locator('.sr-reference').textContent();
      assert.match(reference!, /^R-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      assert.ok(payload.text.includes(reference!));
      await assertAccessible(page, 'the reference (ja)');
      await shot(page, 'done-ja');
      await context.close();
    });

    it('the form in English answers bad input at each field', async () => {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      const trace = traceOf(page);
      await page.goto(`${url}/self-register`);
      await page.getByRole('button', { name: 'English' }).click();
      await waitShown(page.getByRole('heading', { level: 1, name: 'Register a positive self-test' }), trace);
      await assertAccessible(page, 'the form (en)');
      await page.getByLabel('Name (kana)').fill('Nakamura');
      await page.getByLabel('Test date').fill('2000-01-01');
      await page.getByRole('button', { name: 'Send me the code' }).click();
      await waitShown(page.getByRole('alert').filter({ hasText: 'The input is not valid.' }), trace);
      assert.ok(await page.getByText('kana only').first().isVisible());
      await assertAccessible(page, 'the form with errors (en)');
      await shot(page, 'errors-en');
      await context.close();
    });

    it('the centre’s doctor reviews in Japanese: the list, a likely duplicate, acceptance', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const trace = traceOf(page);
      await page.goto(url);
      await firstLoginInBrowser(page, t, 'tokyo-fu-dr1');
      await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '陽性者登録' }).click();
      await waitShown(page.getByRole('table', { name: '陽性者登録の確認' }), trace);
      assert.ok(await page.getByRole('link', { name: 'R-DEMO-0003' }).isVisible());
      await assertAccessible(page, 'the list (ja)');
      await shot(page, 'list-ja');
      await page.getByRole('link', { name: 'R-DEMO-0003' }).click();
      await waitShown(page.getByRole('heading', { level: 1, name: '陽性者登録 R-DEMO-0003' }), trace);
      assert.ok(await page.getByText(/タ\*\*\* ミ\*\*/).first().isVisible(), 'the likely duplicate, masked');
      await assertAccessible(page, 'a registration with a duplicate (ja)');
      await shot(page, 'detail-ja');
      await page.getByRole('link', { name: '一覧へ戻る' }).click();
      await page.getByRole('link', { name: 'R-DEMO-0001' }).click();
      await waitShown(page.getByRole('heading', { level: 1, name: '陽性者登録 R-DEMO-0001' }), trace);
      await page.getByLabel(/担当保健所/).selectOption({ label: '新宿区保健所' });
      await page.getByLabel('My HER-SYS の健康観察の最終日').fill(addDays(japanToday(new Date()), 7));
      await page.getByRole('button', { name: '受理して発生届を提出' }).click();
      await waitShown(page.getByRole('status').filter({ hasText: '受理しました。' }), trace);
      assert.ok(await page.getByRole('link', { name: '患者のページを開く' }).isVisible());
      await assertAccessible(page, 'accepted (ja)');
      await shot(page, 'accepted-ja');
      await context.close();
    });

    it('and in English: a rejection with its reason', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const trace = traceOf(page);
      await page.goto(url);
      await page.evaluate(() => localStorage.setItem('hersys.lang', 'en'));
      await page.reload();
      await firstLoginInBrowser(page, t, 'tokyo-fu1');
      await page.goto(`${url}/registrations`);
      await waitShown(page.getByRole('table', { name: 'Self-registrations to review' }), trace);
      await assertAccessible(page, 'the list (en)');
      await page.getByRole('link', { name: 'R-DEMO-0002' }).click();
      await waitShown(page.getByRole('heading', { level: 1, name: 'Self-registration R-DEMO-0002' }), trace);
      assert.equal(await page.getByRole('button', { name: 'Accept and file the notification' }).count(), 0, 'staff who are not doctors do not accept');
      await assertAccessible(page, 'a registration (en)');
      await page.getByLabel('Reason (the person is told)').selectOption('needs_doctor');
      await page.getByRole('button', { name: 'Reject' }).click();
      await waitShown(page.getByRole('status').filter({ hasText: 'Rejected.' }), trace);
      await assertAccessible(page, 'rejected (en)');
      await shot(page, 'rejected-en');
      await context.close();
    });
  });
}
