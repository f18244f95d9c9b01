// Two gaps closed, in a real browser on the demo world:
// - A person corrected after registration. A clerk of さくら内科クリニック registered a patient
//   without a 所在地 and drafted the notification (through the API); the doctor's 「報告」 is refused
//   for the legal minimum (Q&A 5), the form links to the case's 基本情報 with the address field
//   focused, a bad kana is refused at its field, the address is saved, and back in the form the
//   notification is submitted.
// - A close contact becomes a case. 新宿区保健所 records a positive result of one contact by
//   registering the case on さくら内科クリニック's behalf, and links another contact to the case the
//   clinic already registered for her; the chain is drawn to the depth chosen.
// axe on each screen, screenshots under test-results/.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { japanToday } from '../../src/domain/calendar.ts';
import { assertAccessible, browserAvailable, firstLoginInBrowser, launchBrowser, screenshot, serveApp } from '../harness/browser.ts';
import { ENGINES, freshDatabase, type TestDatabase } from '../harness/engines.ts';
import { changedPassword, firstLogin, loginAgain, type Client } from '../harness/http.ts';

const PCR_POSITIVE = { method: 'naat', specimen: 'nasopharyngeal_swab', collectedOn: '2022-10-02', result: 'positive', resultOn: '2022-10-03' };
const NOTIFICATION = {
  classification: 'patient',
  diagnosedOn: '2022-10-03',
  specimenCollectedOn: '2022-10-02',
  answers: { four_groups: { aged_65_or_over: false, needs_admission: true, risk_and_needs_treatment_or_oxygen: false, pregnant: false } },
};
/** Registered without a 所在地: the notification's legal minimum is not met. */
const NO_ADDRESS = { nameKanji: '森 一郎', nameKana: 'モリ イチロウ', sex: 'male', birthDate: '1985-07-07' };
const ADDRESS = '東京都新宿区大久保三丁目4番5号';
const SOURCE = { nameKanji: '青木 大輔', nameKana: 'アオキ ダイスケ', sex: 'male', birthDate: '1975-09-09', residenceAddress: '東京都新宿区戸山一丁目1番1号' };
/** A clinic registered her as a patient; the centre registers her as a contact, not knowing. */
const MIKI = { nameKanji: '小林 美希', nameKana: 'コバヤシ ミキ', sex: 'female', birthDate: '1990-01-10' };
const YUKI = { nameKanji: '中村 由紀', nameKana: 'ナカムラ ユキ', sex: 'female', birthDate: '1992-03-03' };

/** The label of the focused control, as a screen reader announces it. */
const focusedLabel = (page: Page) =>
  page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent?.trim() ?? document.activeElement?.tagName);

for (const engine of browserAvailable() ? ENGINES : []) {
  describe(`correcting a person, and contacts becoming cases, in the browser (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let url: string;
    let browser: Browser;
    let clerk: Client;
    let noAddress: { caseId: string; personId: string; caseNumber: string };
    let notificationId: string;
    let source: { caseId: string; caseNumber: string };
    let clinicCaseOfMiki: { caseId: string; caseNumber: string };
    const shot = (name: string) => `person-contact-${name}-${engine}`;
    const register = async (person: object) => {
      const r = await clerk.post('/api/registrations', { person, choice: { kind: 'new_person' }, tests: [PCR_POSITIVE] });
      assert.equal(r.statusCode, 201, JSON.stringify(r.body));
      return r.body;
    };

    before(async () => {
      t = await freshDatabase(engine);
      ({ app, url } = await serveApp(t));
      browser = await launchBrowser();
      clerk = (await firstLogin(t, app, 'sakura-clerk1')).client;
      noAddress = await register(NO_ADDRESS);
      const draft = await clerk.post(`/api/cases/${noAddress.caseId}/notifications`, NOTIFICATION);
      assert.equal(draft.statusCode, 201, JSON.stringify(draft.body));
      notificationId = draft.body.id;
      source = await register(SOURCE);
      clinicCaseOfMiki = await register(MIKI);
    });
    after(async () => {
      await browser.close();
      await app.close();
      await t.close();
    });

    it('the doctor is stopped by the missing 所在地, enters it on 基本情報 from the form’s link, and submits', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
      const page = await context.newPage();
      await page.goto(url);
      await firstLoginInBrowser(page, t, 'sakura-dr1');
      await page.getByRole('table', { name: '作成中の発生届' }).getByRole('row').filter({ hasText: noAddress.caseNumber }).getByRole('link', { name: '開く' }).click();
      const submit = page.getByRole('button', { name: '報告', exact: true });
      await submit.waitFor();
      await submit.click();
      const summary = page.getByRole('alert').filter({ hasText: '報告できません' });
      await summary.getByText('報告に必要な最低限の項目', { exact: false }).waitFor();
      assert.equal((await t.superuser('SELECT status FROM notifications WHERE id = $1', [notificationId])).rows[0]!.status, 'draft');
      const fix = page.getByRole('link', { name: '所在地（居所）を入力・訂正する（基本情報）' });
      await fix.waitFor();
      await assertAccessible(page, 'notification refused for the legal minimum');
      await screenshot(page, shot('refused'));

      // To the case's 基本情報: the work of writing the notification, no purpose asked; the address has the focus.
      await fix.click();
      await page.getByRole('heading', { level: 1, name: /森 一郎/ }).waitFor();
      assert.equal(await page.getByRole('heading', { name: '閲覧の目的' }).count(), 0);
      assert.equal(await page.getByRole('tab', { name: '基本情報' }).getAttribute('aria-selected'), 'true');
      const panel = page.getByRole('tabpanel', { name: '基本情報' });
      const form = panel.getByRole('form', { name: '本人の基本情報の編集' });
      await form.waitFor();
      await page.waitForFunction(() => document.activeElement?.tagName === 'INPUT');
      assert.equal(await focusedLabel(page), '所在地（居所）');
      const read = await t.superuser("SELECT purpose FROM audit_log WHERE action = 'cases.read' AND $1 = ANY(record_ids) ORDER BY seq DESC LIMIT 1", [noAddress.caseId]);
      assert.equal(read.rows[0]!.purpose, '発生届の作成（不足項目の入力）');
      await assertAccessible(page, 'person edit form');
      await screenshot(page, shot('edit'));

      // A kanji name in the kana field: refused at the field, in Japanese, and nothing is written.
      await page.keyboard.type(ADDRESS);
      const kana = form.getByLabel('氏名（カナ）');
      await kana.fill('森 一郎');
      await form.getByLabel('所在地（居所）').press('Enter');
      await form.getByText('カタカナまたはひらがなで入力してください').waitFor();
      assert.equal(await kana.getAttribute('aria-invalid'), 'true');
      const described = await kana.evaluate((el) => (el.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent).join(' '));
      assert.match(described, /カタカナまたはひらがなで入力してください/);
      const person = async () => (await t.superuser('SELECT name_kana, residence_address, version FROM persons WHERE id = $1', [noAddress.personId])).rows[0]!;
      assert.deepEqual(await person(), { name_kana: 'モリ イチロウ', residence_address: null, version: 1 });
      await assertAccessible(page, 'person edit form with an error');
      await screenshot(page, shot('edit-error'));

      await kana.fill('モリ イチロウ');
      await form.getByRole('button', { name: '保存' }).click();
      await panel.getByRole('status').getByText('基本情報を保存しました。').waitFor();
      await panel.getByText(ADDRESS, { exact: true }).waitFor();
      assert.equal(await form.count(), 0, 'the form closes');
      assert.deepEqual(await person(), { name_kana: 'モリ イチロウ', residence_address: ADDRESS, version: 2 });
      const audit = await t.superuser("SELECT details FROM audit_log WHERE action = 'persons.update' AND $1 = ANY(record_ids)", [noAddress.personId]);
      assert.deepEqual(audit.rows.map((r) => r.details), [{ fields: ['residenceAddress'] }], 'only what changed, by name');
      await assertAccessible(page, 'basic tab after the correction');
      await screenshot(page, shot('saved'));
      // In English: the same tab, its button and link from the catalogue.
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('tabpanel', { name: 'Basic' }).getByRole('button', { name: 'Edit', exact: true }).click();
      await page.getByRole('form', { name: 'Edit the person’s details' }).getByLabel('Location (where the person stays)').waitFor();
      await assertAccessible(page, 'person edit form in English');
      await screenshot(page, shot('edit-en'));
      await page.getByRole('button', { name: 'Cancel' }).click();
      await page.getByRole('link', { name: 'Back to the notification' }).waitFor();
      await page.getByRole('button', { name: '日本語' }).click();

      // Back to the notification: the legal minimum is met now.
      await panel.getByRole('link', { name: '発生届に戻る' }).click();
      await page.getByText(ADDRESS).waitFor();
      assert.equal(await page.getByRole('link', { name: /所在地（居所）を入力・訂正する/ }).count(), 0, 'nothing left to fix');
      await page.getByRole('button', { name: '報告', exact: true }).click();
      await page.getByRole('status').getByText(/報告しました（受付日：\d{4}年\d{1,2}月\d{1,2}日）/).waitFor();
      assert.equal((await t.superuser('SELECT status FROM notifications WHERE id = $1', [notificationId])).rows[0]!.status, 'submitted');
      await screenshot(page, shot('submitted'));
      await context.close();
    });

    it('the health centre registers one contact’s case on the clinic’s behalf and links another to the case the clinic registered', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
      const page = await context.newPage();
      await page.goto(url);
      const totpSecret = await firstLoginInBrowser(page, t, 'shinjuku-h1');
      // Set-up through the API as the same user: two contacts of 青木 大輔.
      const account = t.world.accounts.find((a) => a.loginId === 'shinjuku-h1')!;
      const centre = await loginAgain(t, app, 'shinjuku-h1', { client: undefined as never, totpSecret, password: changedPassword(account.password) });
      const today = japanToday(new Date());
      for (const [person, setting] of [[YUKI, 'household'], [MIKI, 'workplace']] as const) {
        const r = await centre.post(`/api/cases/${source.caseId}/contacts`, { person, setting, lastContactOn: today });
        assert.equal(r.statusCode, 201, JSON.stringify(r.body));
      }
      const contactOf = async (kana: string) =>
        (await t.superuser('SELECT ct.id, ct.became_case_id FROM contacts ct JOIN persons p ON p.id = ct.person_id WHERE p.name_kana = $1', [kana])).rows[0]!;

      await page.getByRole('link', { name: '患者一覧' }).click();
      await page.getByLabel('氏名（カナ）').fill('アオキ');
      await page.getByRole('button', { name: '検索' }).click();
      await page.getByRole('table', { name: '患者一覧' }).getByRole('link', { name: source.caseNumber }).click();
      await page.getByRole('heading', { level: 1, name: /青木 大輔/ }).waitFor();
      await page.getByRole('tab', { name: '濃厚接触者' }).click();
      const panel = page.getByRole('tabpanel', { name: '濃厚接触者' });
      const list = panel.getByRole('table', { name: '濃厚接触者の一覧' });
      await list.getByRole('cell', { name: '中村 由紀（ナカムラ ユキ）', exact: true }).waitFor();

      // 中村 由紀 tested positive at さくら内科クリニック: the centre registers the case for her.
      await list.getByRole('button', { name: '陽性判明（患者登録）：中村 由紀（ナカムラ ユキ）' }).click();
      const form = panel.getByRole('form', { name: '中村 由紀（ナカムラ ユキ） の患者登録' });
      await form.waitFor();
      assert.equal(await form.getByRole('radio', { name: '医療機関に代わって新たに患者登録する' }).isChecked(), true);
      const institution = form.getByLabel('報告医療機関');
      await page.waitForFunction(() => [...document.querySelectorAll('option')].some((o) => o.textContent === 'さくら内科クリニック'));
      assert.equal(await institution.locator('option:checked').textContent(), 'さくら内科クリニック', 'the only institution of the area is chosen');
      assert.equal(await form.getByLabel('結果', { exact: true }).inputValue(), 'positive');
      await assertAccessible(page, 'contact becoming a case: registration');
      await screenshot(page, shot('contact-register'));
      await form.getByRole('button', { name: '患者として登録' }).click();
      const done = panel.getByRole('status').filter({ hasText: /患者番号 \d{8} として登録しました。/ });
      await done.waitFor();
      const yuki = await contactOf('ナカムラ ユキ');
      assert.ok(yuki.became_case_id, 'the contact is linked to its case');
      const yukiCase = (await t.superuser('SELECT case_number, reporting_org_id, responsible_hc_id FROM cases WHERE id = $1', [yuki.became_case_id])).rows[0]!;
      assert.equal(yukiCase.reporting_org_id, t.world.orgIds['sakura-clinic']);
      assert.equal(yukiCase.responsible_hc_id, t.world.orgIds['shinjuku-hc']);
      const tests = await t.superuser('SELECT method, specimen, result FROM lab_tests WHERE case_id = $1', [yuki.became_case_id]);
      assert.deepEqual(tests.rows, [{ method: 'naat', specimen: 'nasopharyngeal_swab', result: 'positive' }], 'PCR from a nasopharyngeal swab, positive: the defaults');
      await list.getByRole('link', { name: `患者化（${yukiCase.case_number}）` }).waitFor();
      assert.equal(await list.getByRole('button', { name: /中村 由紀/ }).count(), 0, 'no second registration');

      // 小林 美希: the clinic has registered her already; the centre links that case.
      await list.getByRole('button', { name: '陽性判明（患者登録）：小林 美希（コバヤシ ミキ）' }).click();
      const link = panel.getByRole('form', { name: '小林 美希（コバヤシ ミキ） の患者登録' });
      await link.getByRole('radio', { name: '既に登録されている症例に紐付ける' }).check();
      const choice = link.getByLabel('紐付ける症例');
      await choice.waitFor();
      assert.deepEqual(
        (await choice.locator('option').allTextContents()).map((o) => o.replace(/、.*登録/, '')),
        [`患者番号 ${clinicCaseOfMiki.caseNumber}（さくら内科クリニック）`],
      );
      await assertAccessible(page, 'contact becoming a case: linking');
      await screenshot(page, shot('contact-link'));
      await link.getByRole('button', { name: '症例に紐付ける' }).click();
      await panel.getByRole('status').filter({ hasText: `患者番号 ${clinicCaseOfMiki.caseNumber} に紐付けました。` }).waitFor();
      assert.equal((await contactOf('コバヤシ ミキ')).became_case_id, clinicCaseOfMiki.caseId);
      await list.getByRole('link', { name: `患者化（${clinicCaseOfMiki.caseNumber}）` }).waitFor();

      // The chain to the depth chosen: a contact of 中村 由紀's case is two generations away.
      const d = await centre.post(`/api/cases/${yuki.became_case_id}/contacts`, {
        person: { nameKanji: '中村 翔', nameKana: 'ナカムラ ショウ', sex: 'male', birthDate: '2015-05-05' },
        setting: 'household',
        lastContactOn: today,
      });
      assert.equal(d.statusCode, 201, JSON.stringify(d.body));
      const people = panel.getByRole('table', { name: '感染経路の人（表）' }).getByRole('row');
      const depth = panel.getByLabel('表示する世代数');
      assert.equal(await depth.inputValue(), '3');
      await depth.selectOption({ label: '前後 2 世代' });
      await people.filter({ hasText: 'ナカムラ ショウ' }).waitFor();
      assert.equal(await people.count(), 5, 'a header, this case, the two cases its contacts became and the contact of 中村 由紀');
      assert.equal(await panel.getByRole('img', { name: /感染経路図/ }).locator('g.chain-node').count(), 4);
      await assertAccessible(page, 'contacts that became cases, chain of two generations');
      await screenshot(page, shot('chain'));
      await depth.selectOption({ label: '前後 1 世代' });
      await people.filter({ hasText: 'ナカムラ ショウ' }).waitFor({ state: 'detached' });
      assert.equal(await people.count(), 4, 'one generation: the contact of 中村 由紀 is beyond it');

      // The case number opens the new case.
      await list.getByRole('link', { name: `患者化（${yukiCase.case_number}）` }).click();
      await page.getByRole('heading', { level: 1, name: /中村 由紀/ }).waitFor();
      await page.getByText(String(yukiCase.case_number), { exact: true }).first().waitFor();
      await context.close();
    });
  });
}
