// Registration and the 発生届 in a real browser, on the demo world. The product wins or loses on how
// fast a busy doctor files (hersys-domain.md §6), so the doctor's path from the home screen to a
// submitted legal-minimum notification is counted in user actions and fails above 20. Also: a
// health centre keying in a faxed form for さくら内科クリニック with the keyboard only, the likely
// duplicates shown before anything is created, a suspected case reclassified as confirmed, an
// 追加登録 after which the earlier notification is read-only, field errors in Japanese and then in
// English, and the centre confirming from its queue. axe on each screen, screenshots, and the
// form's page-load time printed for the closing note.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { assertAccessible, browserAvailable, firstLoginInBrowser, launchBrowser, screenshot, serveApp, traceOf, waitShown } from '../harness/browser.ts';
import { ENGINES, freshDatabase, type TestDatabase } from '../harness/engines.ts';

/** Counts what a user does: each click, each field filled, each option selected is one action. */
class Actions {
  count = 0;
  async click(l: Locator) {
    this.count += 1;
    await l.click();
  }
  async fill(l: Locator, value: string) {
    this.count += 1;
    await l.fill(value);
  }
  async select(l: Locator, value: string | { label: string }) {
    this.count += 1;
    await l.selectOption(value);
  }
  async check(l: Locator) {
    this.count += 1;
    await l.check();
  }
}

const REQ = '(?:\\s*(?:必須|報告前に必須|法定|required|required to submit|statutory))?';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A field by its label, whatever requirement mark follows it. */
const field = (scope: Page | Locator, label: string) => scope.getByLabel(new RegExp(`^${escape(label)}${REQ}$`));

/** The text of what describes a control (its help and messages), as a screen reader reads it. */
const description = (l: Locator) =>
  l.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );

/** Waits until the draft is saved (the indicator says so). */
const saved = (page: Page) => page.getByText(/^(保存済み|Saved)$/).waitFor();

for (const engine of browserAvailable() ? ENGINES : []) {
  describe(`registration and the notification form in the browser (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let url: string;
    let browser: Browser;
    const contexts = new Map<string, BrowserContext>();
    const shot = (name: string) => `notify-${name}-${engine}`;
    let doctorNotification: { id: string; caseNumber: string };
    let reclassified: string;

    /** A page of a demo user, logged in once per suite (the session is kept in the context). */
    async function pageOf(loginId: string, options: { width?: number } = {}): Promise<Page> {
      let context = contexts.get(loginId);
      if (!context) {
        context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 }, locale: 'ja-JP' });
        contexts.set(loginId, context);
        const page = await context.newPage();
        await page.goto(url);
        await firstLoginInBrowser(page, t, loginId);
        return page;
      }
      const page = await context.newPage();
      await page.goto(url);
      await page.getByRole('heading', { level: 1, name: /ホーム|Home/ }).waitFor();
      return page;
    }

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

    it('a doctor registers a person with one positive PCR test and submits the legal-minimum notification in at most 20 actions', async () => {
      const page = await pageOf('sakura-dr1');
      const act = new Actions();

      // From the home screen after login to the submitted confirmation, every action counted.
      await act.click(page.getByRole('link', { name: '新規登録' }));
      await page.getByRole('heading', { level: 1, name: '新規登録（患者・検査）' }).waitFor();
      // The disease comes first: it decides the tests' methods and the form.
      const disease = field(page, '感染症');
      assert.ok(await disease.evaluate((el) => el === document.activeElement), 'the first field has the focus');
      await assertAccessible(page, 'registration');
      await screenshot(page, shot('register'));

      await act.select(disease, 'covid19');
      const kanji = field(page, '氏名（漢字）');
      await act.fill(kanji, '桜井 一郎');
      await act.fill(field(page, '氏名（カナ）'), 'サクライ イチロウ');
      await act.check(page.getByRole('radio', { name: '男' }));
      await act.fill(field(page, '生年月日'), '1980-05-05');
      await page.getByText(/^満\d+歳$/).waitFor(); // the age, computed from the birth date
      await act.fill(field(page, '所在地（居所）'), '東京都新宿区高田馬場一丁目1番1号');
      // One test: PCR (the default method) from a nasopharyngeal swab (the default specimen).
      assert.equal(await field(page, '検査方法').inputValue(), 'naat');
      await act.fill(field(page, '検体採取日'), '2022-10-02');
      await act.select(field(page, '結果'), 'positive');
      await screenshot(page, shot('register-filled'));

      const started = performance.now();
      await act.click(page.getByRole('button', { name: '登録して発生届へ' }));
      // No likely duplicate: straight on to the draft, created from the case.
      await page.waitForURL(/\/notifications\/[0-9a-f-]{36}$/);
      const submit = page.getByRole('button', { name: '報告', exact: true });
      await submit.waitFor();
      const toForm = performance.now() - started;
      assert.equal(await page.getByRole('radio', { name: '患者（確定例）' }).isChecked(), true, 'a positive test makes a patient');
      assert.equal(await field(page, '診断（検案）年月日').inputValue(), '2022-10-02', 'diagnosed on the day of the positive test');
      await page.getByText('桜井 一郎（サクライ イチロウ）').waitFor();
      // Under the 2022-09-26 form a notification is limited to the four groups: the checks say so at the field.
      const fourGroups = page.getByRole('group', { name: /発生届の対象（4類型）/ });
      await fourGroups.getByText(/発生届の対象は、65歳以上/).waitFor();
      await assertAccessible(page, 'notification draft');
      await screenshot(page, shot('draft'));

      await act.check(fourGroups.getByRole('checkbox', { name: '入院を要する者' }));
      await act.click(submit);
      await page.getByRole('status').getByText(/報告しました（受付日：\d{4}年\d{1,2}月\d{1,2}日）/).waitFor();

      console.log(`[notification] doctor's legal-minimum path (${engine}): ${act.count} actions from the home screen to the submitted notification`);
      console.log(`[notification] registration to a usable draft (${engine}): ${toForm.toFixed(0)} ms`);
      assert.ok(act.count <= 20, `the doctor's path took ${act.count} actions (at most 20)`);

      await page.getByText('報告済（保健所未確認）').first().waitFor();
      assert.equal(await submit.count(), 0, 'no second 「報告」');
      assert.equal(await page.getByRole('radio', { name: '疑似症患者' }).isDisabled(), true, 'read-only once submitted');
      await assertAccessible(page, 'notification submitted');
      await screenshot(page, shot('submitted'));
      const caseNumber = (await page.locator('.case-line').textContent())!.match(/\d{8}/)![0];
      doctorNotification = { id: page.url().split('/').at(-1)!, caseNumber };

      // The doctor's home lists it as submitted, not yet confirmed.
      await page.getByRole('link', { name: 'ホーム' }).click();
      const submitted = page.getByRole('table', { name: '報告済みの発生届' });
      await submitted.getByRole('row').filter({ hasText: caseNumber }).getByText('未').waitFor();
      await assertAccessible(page, 'doctor home');
      await screenshot(page, shot('home-doctor'));

      // Page-load time of the form: a fresh navigation to the notification until it is drawn.
      const before = performance.now();
      await page.goto(`${url}/notifications/${doctorNotification.id}`);
      await page.getByRole('radio', { name: '患者（確定例）' }).waitFor();
      await page.getByText('桜井 一郎（サクライ イチロウ）').waitFor();
      const usable = performance.now() - before;
      const nav = await page.evaluate(() => {
        const [n] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
        return { domContentLoaded: n!.domContentLoadedEventEnd, load: n!.loadEventEnd };
      });
      console.log(
        `[notification] form page load (${engine}): DOMContentLoaded ${nav.domContentLoaded.toFixed(0)} ms, load ${nav.load.toFixed(0)} ms, drawn with the case ${usable.toFixed(0)} ms`,
      );
      await page.close();
    });

    it('the health centre finds the submitted notification in its confirmation queue and confirms it', async () => {
      const page = await pageOf('shinjuku-h1');
      const queue = page.getByRole('table', { name: '保健所確認待ちの発生届' });
      await queue.getByRole('row').filter({ hasText: doctorNotification.caseNumber }).waitFor();
      await page.goto(`${url}/notifications/${doctorNotification.id}`);
      const confirm = page.getByRole('button', { name: '保健所確認済にする' });
      await confirm.waitFor();
      assert.equal(await page.getByRole('button', { name: '報告', exact: true }).count(), 0, 'the centre does not submit a clinic’s notification');
      await assertAccessible(page, 'notification to confirm');
      await screenshot(page, shot('to-confirm'));
      await confirm.click();
      await page.getByRole('status').getByText('保健所確認済にしました。').waitFor();
      await page.getByText('報告済・保健所確認済').first().waitFor();
      assert.equal(await confirm.count(), 0);
      await assertAccessible(page, 'confirmed notification');
      await screenshot(page, shot('confirmed'));

      await page.getByRole('link', { name: 'ホーム' }).click();
      await page.getByText('保健所確認待ちの発生届').first().waitFor();
      const after = page.getByRole('table', { name: '保健所確認待ちの発生届' }).getByRole('row').filter({ hasText: doctorNotification.caseNumber });
      assert.equal(await after.count(), 0, 'out of the queue');
      await page.close();
    });

    it('health-centre proxy entry of a faxed form for さくら内科クリニック, with the keyboard only, as fast as the doctor’s path', async () => {
      const page = await pageOf('shinjuku-h1');
      const act = new Actions();
      await act.click(page.getByRole('link', { name: '新規登録' }));
      await page.getByRole('heading', { level: 1, name: '新規登録（FAX・紙の発生届の代理入力）' }).waitFor();
      // The disease has the focus; the only institution of the area is chosen already.
      assert.equal(await field(page, '報告医療機関').locator('option:checked').textContent(), 'さくら内科クリニック');
      const focused = () => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent?.trim() ?? document.activeElement?.tagName);
      assert.match((await focused())!, /^感染症/);
      await assertAccessible(page, 'proxy registration');
      await screenshot(page, shot('proxy-register'));

      // Keyboard only, top to bottom: each value typed into the field the Tab key reaches.
      const type = async (label: RegExp, text: string) => {
        assert.match((await focused())!, label);
        act.count += 1;
        await page.keyboard.type(text);
      };
      const tab = () => page.keyboard.press('Tab');
      /** A date typed as staff write it (western or Japanese calendar), then Tab out of it. */
      const typeDate = async (label: RegExp, typed: string) => {
        await type(label, typed);
        await tab();
      };
      act.count += 1;
      await page.keyboard.press('End'); // COVID-19, the last of the list (新型インフルエンザ等感染症)
      assert.equal(await field(page, '感染症').inputValue(), 'covid19');
      await tab();
      assert.match((await focused())!, /^報告医療機関/);
      await tab();
      await type(/^届出医師の氏名/, '小林 医師');
      await tab(); // 受付方法: FAX is chosen
      assert.match((await focused())!, /^FAX$/);
      await tab();
      await type(/^氏名（漢字）/, '代理 花子');
      await tab();
      await type(/^氏名（カナ）/, 'だいり はなこ'); // hiragana is a kana name too
      await tab();
      assert.match((await focused())!, /^男$/);
      act.count += 1;
      await page.keyboard.press('ArrowRight'); // 女
      assert.match((await focused())!, /^女$/);
      await tab();
      await typeDate(/^生年月日/, 'S30.3.15'); // 昭和30年, as a birth date is often written
      // Read back as a date, so the user sees what the form will send.
      assert.match(await description(field(page, '生年月日')), /1955年3月15日/);
      assert.match((await focused())!, /^SUMMARY$/); // 同じ世帯の患者と同じ住所: closed
      await tab();
      assert.match((await focused())!, /^郵便番号/); // left empty: the address is typed in full
      await tab();
      await type(/^所在地（居所）/, '東京都新宿区百人町二丁目3番4号');
      await tab(); // the optional address and contact details: closed
      await tab();
      assert.match((await focused())!, /^検査方法/);
      await tab();
      await tab();
      await typeDate(/^検体採取日/, '2022/10/1');
      assert.match((await focused())!, /^結果/);
      act.count += 1;
      await page.keyboard.press('ArrowDown'); // 陽性, the first result
      assert.equal(await field(page, '結果').inputValue(), 'positive');
      await tab();
      assert.match((await focused())!, /^結果判明日/);
      act.count += 1;
      await page.keyboard.press('Enter'); // Enter in a field submits the form
      await page.waitForURL(/\/notifications\/[0-9a-f-]{36}$/);
      await page.getByText('さくら内科クリニック（FAX）').waitFor();
      // 67 on the diagnosis date: the first of the four groups is ticked from the birth date.
      assert.equal(await page.getByRole('checkbox', { name: '65歳以上の者' }).isChecked(), true);
      assert.equal(await field(page, '届出医師の氏名').inputValue(), '小林 医師');
      await saved(page);
      await assertAccessible(page, 'proxy draft');
      await screenshot(page, shot('proxy-draft'));

      // On to 「報告」 with Tab alone: every control of the form is reachable in order.
      let steps = 0;
      while (!(await page.evaluate(() => document.activeElement?.textContent === '報告'))) {
        await tab();
        assert.ok(++steps < 80, 'the 報告 button is reachable with Tab');
      }
      act.count += 1;
      await page.keyboard.press('Enter');
      await page.getByRole('status').getByText(/報告しました/).waitFor();
      console.log(`[notification] health-centre fax entry (${engine}): ${act.count} actions (keys into fields and choices) from the home screen to the submitted notification`);
      assert.ok(act.count <= 20, `proxy entry took ${act.count} actions`);
      await page.getByText('FAX').first().waitFor();

      // The centre confirms what it keyed in itself: allowed, with the server's warning (Q&A 14-2).
      await page.getByRole('button', { name: '保健所確認済にする' }).click();
      await page.getByRole('status').getByText(/入力・報告した職員自身による確認です/).waitFor();
      await screenshot(page, shot('proxy-confirmed'));
      await page.close();
    });

    it('likely duplicates are shown before anything is created, and the user chooses the existing case (Q&A 7)', async () => {
      const page = await pageOf('sakura-dr1');
      await page.getByRole('link', { name: '新規登録' }).click();
      await field(page, '感染症').selectOption('covid19');
      await field(page, '氏名（漢字）').fill('山田 太郎');
      await field(page, '氏名（カナ）').fill('やまだ たろう');
      await page.getByRole('radio', { name: '男' }).check();
      await field(page, '生年月日').fill('1958-04-12');
      await field(page, '所在地（居所）').fill('東京都新宿区高田馬場三丁目1番1号');
      await field(page, '検体採取日').fill('2022-10-04');
      await field(page, '結果').selectOption('positive');
      await page.getByRole('button', { name: '登録して発生届へ' }).click();
      const duplicates = page.getByRole('region', { name: /同一人物の可能性がある登録が 1 件あります/ });
      await duplicates.waitFor();
      await duplicates.getByText(/^ヤ\*\* タ\*\*・男・60代/).waitFor();
      assert.equal(await page.getByText('ヤマダ タロウ').count(), 0, 'a candidate is masked');
      const register = page.getByRole('button', { name: '選んだ方法で登録して発生届へ' });
      assert.equal(await register.isDisabled(), true, 'nothing is created until the user chooses');
      await assertAccessible(page, 'duplicates');
      await screenshot(page, shot('duplicates'));
      const existing = (await t.superuser("SELECT c.case_number FROM cases c JOIN persons p ON p.id = c.person_id WHERE p.name_kana = 'ヤマダ タロウ'")).rows[0]
        .case_number as string;
      await duplicates.getByRole('radio', { name: new RegExp(`既存の症例 ${existing}`) }).check();
      await register.click();
      await page.waitForURL(/\/notifications\/[0-9a-f-]{36}$/);
      await page.getByRole('button', { name: '報告', exact: true }).waitFor();
      assert.match((await page.locator('.case-line').textContent())!, new RegExp(existing), 'the notification is on the existing case');
      const persons = (await t.superuser("SELECT count(*)::int AS n FROM persons WHERE name_kana_key = 'ヤマダタロウ'")).rows[0].n;
      assert.equal(persons, 1, 'no second person');
      await page.close();
    });

    it('a suspected case is reclassified as confirmed with a new diagnosis date; the history shows it', async () => {
      const page = await pageOf('sakura-dr1');
      await registerPending(page, '疑似 次郎', 'ギジ ジロウ', '2022-10-03');
      // No positive test: the doctor chooses the classification.
      await page.getByRole('heading', { level: 1, name: '発生届の作成' }).waitFor();
      await assertAccessible(page, 'new notification');
      await screenshot(page, shot('new'));
      await page.getByRole('radio', { name: '疑似症患者' }).check();
      assert.equal(await field(page, '診断（検案）年月日').inputValue(), '2022-10-03');
      await page.getByRole('button', { name: '発生届を作成' }).click();
      await page.getByRole('button', { name: '報告', exact: true }).waitFor();
      // A suspected case is notified only when admitted: the check says so at the field as the user types.
      const admitted = field(page, '届出時点の入院の有無');
      await admitted.waitFor();
      assert.match(await description(admitted), /疑似症患者の届出は入院している場合に限られます/);
      await page.getByRole('checkbox', { name: '入院を要する者' }).check();
      // An unacknowledged warning stops 「報告」: the summary names it and links to the field.
      await page.getByRole('button', { name: '報告', exact: true }).click();
      const blocked = page.getByRole('alert').filter({ hasText: '報告できません。' });
      await blocked.getByRole('link', { name: '疑似症患者の届出は入院している場合に限られます。入院の有無を確認してください。' }).click();
      // The link takes the focus to the field (after the section holding it has opened).
      await page.waitForFunction((el) => el === document.activeElement, await admitted.elementHandle(), { timeout: 5000 });
      await admitted.selectOption('no');
      await page.getByText(/入院していない方は、検査で陽性となった場合に患者として届け出てください/).first().waitFor();
      await admitted.selectOption('yes');
      await saved(page);
      await page.getByRole('button', { name: '報告', exact: true }).click();
      await page.getByRole('status').getByText(/報告しました/).waitFor();
      reclassified = page.url();

      // The PCR comes back positive: corrected in the form, then the classification with a new diagnosis date.
      await page.getByRole('button', { name: '訂正・再分類' }).click();
      await page.getByText(/訂正中：/).waitFor();
      await Promise.all([
        page.waitForResponse((r) => r.url().includes('/api/tests/') && r.request().method() === 'PATCH'),
        field(page, '検査1の結果').selectOption('positive'),
      ]);
      await page.getByRole('radio', { name: '患者（確定例）' }).check();
      await field(page, '診断（検案）年月日').fill('2022-10-05');
      await field(page, '訂正の理由').fill('PCR検査の結果が陽性と判明したため');
      await assertAccessible(page, 'correction');
      await screenshot(page, shot('reclassify'));
      await page.getByRole('button', { name: '訂正を保存' }).click();
      await page.getByRole('status').getByText('診断分類を「患者（確定例）」に変更しました。保健所に通知しました。').waitFor();
      assert.equal(await page.getByRole('radio', { name: '患者（確定例）' }).isChecked(), true);
      // Each classification keeps its own submission date (Q&A 8).
      const submissions = page.getByRole('region', { name: '報告（受付）日' });
      await submissions.getByText(/^疑似症患者：/).waitFor();
      await submissions.getByText(/^患者（確定例）：/).waitFor();
      await page.getByText('訂正履歴', { exact: true }).click();
      const history = page.getByRole('table', { name: '訂正履歴' });
      await history.getByText('診断分類：疑似症患者 → 患者（確定例）').waitFor();
      await history.getByText('診断（検案）年月日：2022年10月3日 → 2022年10月5日').waitFor();
      await history.getByText('PCR検査の結果が陽性と判明したため').waitFor();
      await assertAccessible(page, 'history');
      await screenshot(page, shot('history'));
      await page.close();
    });

    it('追加登録: once the new notification is submitted, the earlier one is read-only in the UI (Q&A 7)', async () => {
      const page = await pageOf('sakura-dr1');
      // Once flaky under load (timed out waiting for the notice, never reproduced since): a failure says what the page showed.
      const trace = traceOf(page);
      await registerPending(page, '追加 三郎', 'ツイカ サブロウ', '2022-10-03');
      await page.getByRole('radio', { name: '疑似症患者' }).check();
      await page.getByRole('button', { name: '発生届を作成' }).click();
      await field(page, '届出時点の入院の有無').selectOption('yes');
      await page.getByRole('checkbox', { name: '入院を要する者' }).check();
      await page.getByRole('button', { name: '報告', exact: true }).click();
      await page.getByRole('status').getByText(/報告しました/).waitFor();
      const first = page.url();

      await page.getByRole('link', { name: '追加登録' }).click();
      await page.getByRole('heading', { level: 1, name: '追加登録（新しい発生届）' }).waitFor();
      await page.getByRole('radio', { name: '患者（確定例）' }).check();
      await field(page, '診断（検案）年月日').fill('2022-10-06');
      await page.getByRole('button', { name: '発生届を作成' }).click();
      await page.getByRole('button', { name: '報告', exact: true }).waitFor();
      assert.notEqual(page.url(), first);
      // The new positive test, entered in the form's diagnosis method.
      await page.getByRole('button', { name: '検査を追加' }).click();
      const added = page.locator('.add-test');
      await field(added, '検体採取日').fill('2022-10-05');
      await field(added, '結果').selectOption('positive');
      await field(added, '結果判明日').fill('2022-10-06');
      await added.getByRole('button', { name: 'この検査を登録' }).click();
      await field(page, '検査2の結果').waitFor();
      await page.getByRole('checkbox', { name: '入院を要する者' }).check();
      // 「65歳以上」 ticked for a 47-year-old: a warning at the field, which the doctor may acknowledge.
      await page.getByRole('checkbox', { name: '65歳以上の者' }).check();
      const ack = page.getByRole('checkbox', { name: '確認済み（このまま報告する）' });
      await ack.waitFor();
      await page.getByRole('button', { name: '報告', exact: true }).click();
      await page.getByRole('alert').getByText(/「65歳以上」の選択が生年月日と合いません/).waitFor();
      await ack.check();
      await saved(page);
      await page.getByRole('button', { name: '報告', exact: true }).click();
      await page.getByRole('status').getByText(/報告しました/).waitFor();
      const acknowledged = await t.superuser('SELECT acknowledged_warnings FROM notifications WHERE id = $1', [page.url().split('/').at(-1)]);
      assert.deepEqual(acknowledged.rows[0].acknowledged_warnings, ['LC-FOUR-GROUPS-AGE']);

      await page.goto(first);
      await waitShown(page.getByText('この症例には追加登録された発生届があるため、この発生届は変更できません（Q&A 7）。'), trace);
      for (const name of ['訂正・再分類', '報告', '保健所確認済にする', '取下げ']) {
        assert.equal(await page.getByRole('button', { name, exact: true }).count(), 0, `no ${name}`);
      }
      assert.equal(await page.getByRole('link', { name: '追加登録' }).count(), 0);
      assert.equal(await page.getByRole('radio', { name: '疑似症患者' }).isDisabled(), true);
      assert.equal(await field(page, '届出時点の入院の有無').isDisabled(), true);
      await page.getByText('追加登録により変更不可', { exact: false }).first().waitFor();
      await assertAccessible(page, 'superseded notification');
      await screenshot(page, shot('superseded'));
      await page.getByRole('link', { name: '最新の発生届を開く' }).click();
      await page.getByRole('button', { name: '訂正・再分類' }).waitFor();
      await page.close();
    });

    it('the centre withdraws a notification with a reason (Q&A 3); it stays, read-only, with its history', async () => {
      const page = await pageOf('shinjuku-h1');
      await page.goto(reclassified);
      await page.getByRole('button', { name: '取下げ', exact: true }).click();
      const reason = field(page, '取下げの理由');
      assert.ok(await reason.evaluate((el) => el === document.activeElement));
      const confirm = page.getByRole('button', { name: '取り下げる' });
      assert.equal(await confirm.isDisabled(), true, 'a reason first');
      await reason.fill('同一患者の重複届出のため');
      await assertAccessible(page, 'withdraw');
      await confirm.click();
      await page.getByRole('status').getByText('発生届を取り下げました。').waitFor();
      await page.getByText(/この発生届は取り下げられました（.+）。\s?（理由：同一患者の重複届出のため）/).waitFor();
      for (const name of ['保健所確認済にする', '訂正・再分類', '取下げ']) assert.equal(await page.getByRole('button', { name, exact: true }).count(), 0, `no ${name}`);
      await page.getByText('訂正履歴', { exact: true }).click();
      await page.getByRole('table', { name: '訂正履歴' }).getByText('状態：報告済（保健所未確認） → 取下げ').waitFor();
      await screenshot(page, shot('withdrawn'));
      await page.close();
    });

    it('a clerk types a draft (saved as typed and on leaving) but only the doctor submits it (Q&A 17)', async () => {
      const page = await pageOf('sakura-clerk1');
      await page.goto(`${url}/notifications/${await draftOf(page)}`);
      await page.getByText('入力内容は自動で保存されます。報告は医師が行います（Q&A 17）。').waitFor();
      assert.equal(await page.getByRole('button', { name: '報告', exact: true }).count(), 0);
      // Typed, then the screen left at once: nothing is lost.
      await page.getByText('その他の項目（任意）').click();
      const remarks = field(page, 'その他（感染症のまん延の防止及び当該者の医療のために医師が必要と認める事項）');
      await remarks.fill('家族内に濃厚接触者2名');
      await page.getByRole('link', { name: 'ホーム' }).click();
      await page.getByRole('table', { name: '作成中の発生届' }).getByRole('link', { name: '開く' }).first().waitFor();
      await page.getByRole('table', { name: '作成中の発生届' }).getByRole('row').filter({ hasText: 'ヤ** タ**' }).getByRole('link', { name: '開く' }).click();
      await page.getByText('その他の項目（任意）').click();
      assert.equal(await remarks.inputValue(), '家族内に濃厚接触者2名');
      await assertAccessible(page, 'clerk draft');
      await screenshot(page, shot('clerk-draft'));
      await page.close();
    });

    it('bad input shows the field errors in Japanese, and in English after switching the language', async () => {
      const page = await pageOf('sakura-dr1');
      await page.getByRole('link', { name: '新規登録' }).click();
      await field(page, '感染症').selectOption('covid19');
      const kana = field(page, '氏名（カナ）');
      await kana.fill('山田');
      // As the user types: the kana rule of the server, at the field.
      assert.match(await description(kana), /カタカナまたはひらがなで入力してください。/);
      assert.equal(await kana.getAttribute('aria-invalid'), 'true');
      await page.getByRole('button', { name: '登録して発生届へ' }).click();
      const kanji = field(page, '氏名（漢字）');
      assert.match(await description(kanji), /入力してください。/);
      assert.ok(await kanji.evaluate((el) => el === document.activeElement), 'the first wrong field has the focus');
      assert.match(await description(field(page, '結果')), /選んでください。/);
      await page.getByRole('group', { name: /性別/ }).getByText('選んでください。').waitFor();
      await assertAccessible(page, 'registration errors');
      await screenshot(page, shot('errors-ja'));

      await page.getByRole('button', { name: 'English' }).click();
      const kanaEn = field(page, 'Name (kana)');
      assert.match(await description(kanaEn), /Enter the name in kana \(katakana or hiragana\) only\./);
      assert.match(await description(field(page, 'Name (kanji)')), /Enter this item\./);
      assert.match(await description(field(page, 'Result')), /Choose one\./);
      await assertAccessible(page, 'registration errors in English');
      await screenshot(page, shot('errors-en'));

      // In the notification form: the shared checks' own sentences, in the language shown.
      await page.goto(`${url}/notifications/${await draftOf(page)}`);
      const diagnosed = field(page, 'Date of diagnosis');
      await diagnosed.fill('2022-09-30');
      assert.match(await description(diagnosed), /The specimen collection date of test 1 \(2022-10-0\d\) is after the date of diagnosis \(2022-09-30\)\./);
      await page.getByRole('button', { name: '日本語' }).click();
      const diagnosedJa = field(page, '診断（検案）年月日');
      assert.match(await description(diagnosedJa), /検査1の検体採取日（2022-10-0\d）が診断（検案）年月日（2022-09-30）より後になっています。/);
      // A date no form version covers: the catalogue's message, and the draft keeps its last good date.
      await diagnosedJa.fill('2024-01-10');
      assert.match(await description(diagnosedJa), /この診断日に有効な発生届の様式がありません。/);
      await page.getByRole('button', { name: '報告', exact: true }).click();
      await page.getByText(/報告できません。次の \d+ 件を確認してください。/).waitFor();
      await assertAccessible(page, 'form errors');
      await screenshot(page, shot('form-errors'));
      await diagnosedJa.fill('2022-10-05');
      await saved(page);
      await page.close();
    });

    it('works on a tablet (800 px): the draft form and its actions fit', async () => {
      const context = contexts.get('sakura-dr1')!;
      const page = await context.newPage();
      await page.setViewportSize({ width: 800, height: 1000 });
      await page.goto(`${url}/notifications/${await draftOf(page)}`);
      await page.getByRole('button', { name: '報告', exact: true }).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `no sideways scrolling (${overflow}px)`);
      await assertAccessible(page, 'tablet form');
      await screenshot(page, shot('tablet'));
      await page.close();
    });

    /** Registers a person with one pending PCR test and lands on the new notification. */
    async function registerPending(page: Page, kanji: string, kana: string, collectedOn: string) {
      await page.getByRole('link', { name: '新規登録' }).click();
      await field(page, '感染症').selectOption('covid19');
      await field(page, '氏名（漢字）').fill(kanji);
      await field(page, '氏名（カナ）').fill(kana);
      await page.getByRole('radio', { name: '男' }).check();
      await field(page, '生年月日').fill('1975-06-01');
      await field(page, '所在地（居所）').fill('東京都新宿区西早稲田一丁目2番3号');
      await field(page, '検体採取日').fill(collectedOn);
      await field(page, '結果').selectOption('pending');
      await page.getByRole('button', { name: '登録して発生届へ' }).click();
      await page.waitForURL(/\/notifications\/new$/);
    }

    /** The draft left by the duplicates test (the case of ヤマダ タロウ). */
    async function draftOf(page: Page): Promise<string> {
      void page;
      const r = await t.superuser(
        "SELECT n.id FROM notifications n JOIN cases c ON c.id = n.case_id JOIN persons p ON p.id = c.person_id WHERE p.name_kana = 'ヤマダ タロウ' AND n.status = 'draft'",
      );
      return r.rows[0].id as string;
    }
  });
}
