// The staff's side of My HER-SYS (issue 11) in a real browser on the demo world: 新宿区保健所
// (shinjuku-h1) opens 山田 太郎, already invited by SMS, sees the My HER-SYS panel on the 健康観察
// tab, resends his invitation (a last day in the past refused at its field), pauses and resumes his
// reminders; links 佐藤 花子 (no mobile number: SMS is disabled and says why) to his household;
// after 山田 reports for her that she feels worse, the home shows him
// under 期限までに未報告 (his phone a tel: link) and her under 報告あり・要確認, and her entries say
// 本人入力 and 悪くなった. The patient asks about an access and shinjuku-admin answers on 問い合わせ.
// axe on every screen, in Japanese and English.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assertAccessible, browserAvailable, firstLoginInBrowser, launchBrowser, screenshot, serveApp, traceOf, waitShown } from '../harness/browser.ts';
import { ENGINES, freshDatabase, type TestDatabase } from '../harness/engines.ts';
import { Client } from '../harness/http.ts';

const PANEL_JA = 'My HER-SYS（本人による健康観察の入力）';
const PANEL_EN = 'My HER-SYS (the patient’s own reports)';

for (const engine of browserAvailable() ? ENGINES : []) {
  describe(`My HER-SYS, the staff's side, in the browser (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let url: string;
    let browser: Browser;
    let staff: BrowserContext;
    let page: Page;
    let trace: () => Promise<string>;
    let yamada: { caseId: string; selfReportId: string; birthDate: string; caseNumber: string };
    let hanako: { caseId: string; caseNumber: string };
    const shot = (name: string) => `my-hersys-staff-${name}-${engine}`;
    const caseOf = async (kana: string) =>
      (await t.superuser('SELECT c.id, c.case_number FROM cases c JOIN persons p ON p.id = c.person_id WHERE p.name_kana = $1', [kana])).rows[0] as { id: string; case_number: string };
    const patient = () => new Client(app, '10.0.0.7');
    const lastSmsCode = async () => {
      const r = await t.superuser(`SELECT payload FROM outbox WHERE kind = 'sms' ORDER BY created_at DESC, id LIMIT 1`);
      return /確認コード: (\d{6})/.exec((r.rows[0]!.payload as { text: string }).text)![1];
    };
    const signIn = async (client: Client) => {
      const start = await client.post('/api/my/sign-in', { selfReportId: yamada.selfReportId, birthDate: yamada.birthDate });
      assert.equal(start.statusCode, 200, JSON.stringify(start.body));
      const code = await client.post('/api/my/sign-in/code', { code: await lastSmsCode() });
      assert.equal(code.statusCode, 200, JSON.stringify(code.body));
    };

    /** Finds a case by kana in the case list and opens its 健康観察 tab (from one's own list: no purpose asked). */
    async function openObservations(kana: string, tab = '健康観察') {
      await page.getByRole('link', { name: /^(患者一覧|Cases)$/ }).click();
      await page.getByLabel(/^(氏名（カナ）|Name \(kana\))$/).fill(kana);
      await page.getByRole('button', { name: /^(検索|Search)$/ }).click();
      const row = page.getByRole('table', { name: /^(患者一覧|Cases)$/ }).getByRole('row').nth(1);
      await row.waitFor();
      await row.getByRole('link').click();
      const access = page.waitForResponse((r) => /\/patient-access$/.test(new URL(r.url()).pathname) && r.request().method() === 'GET');
      await page.getByRole('tab', { name: tab, exact: true }).click();
      await access;
    }

    before(async () => {
      t = await freshDatabase(engine);
      ({ app, url } = await serveApp(t));
      browser = await launchBrowser();
      const y = await caseOf('ヤマダ タロウ');
      const demo = t.world.patients.find((p) => p.caseId === y.id)!;
      yamada = { ...demo, caseNumber: y.case_number };
      const h = await caseOf('サトウ ハナコ');
      hanako = { caseId: h.id, caseNumber: h.case_number };
      // The centre's due time at midnight: whoever has not reported today is late, whatever the hour of the run.
      await t.superuser(`UPDATE organizations SET report_due_time = '00:00' WHERE name_ja = '新宿区保健所'`);
      staff = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
      page = await staff.newPage();
      trace = traceOf(page);
      await page.goto(url);
      await firstLoginInBrowser(page, t, 'shinjuku-h1');
    });
    after(async () => {
      await browser.close();
      await app.close();
      await t.close();
    });

    it('山田 太郎’s 健康観察 tab shows the panel: invited by SMS, reminders on; a resend with a past last day refused at its field; pausing and resuming reminders', async () => {
      await openObservations('ヤマダ');
      const panel = page.getByRole('region', { name: PANEL_JA });
      await waitShown(panel.getByText(/^招待済（SMS、/), trace);
      assert.match((await panel.locator('dl').first().innerText()), /療養期間/);
      await panel.getByText(/^送信中（/).waitFor();
      await panel.getByRole('heading', { name: '招待を再送する' }).waitFor();
      assert.equal(await panel.getByRole('button', { name: 'SMSで送る' }).isEnabled(), true, 'he has a mobile number');
      assert.equal(await panel.getByRole('button', { name: '電子メールで送る' }).isEnabled(), true, 'and an e-mail address');
      await assertAccessible(page, 'case 健康観察 with the My HER-SYS panel');
      await screenshot(page, shot('panel'));

      // Resending: a last day in the past is refused at its field, with the server's sentence.
      const lastDay = panel.getByLabel('健康観察の最終日（空欄なら療養期間の最終日）');
      await lastDay.fill('2020-01-01');
      await panel.getByRole('button', { name: 'SMSで送る' }).click();
      await waitShown(panel.locator('p.error', { hasText: '健康観察の最終日が過去の日付です。' }), trace);
      assert.equal(await lastDay.getAttribute('aria-invalid'), 'true');
      await assertAccessible(page, 'invitation refused at the last day');
      const until = new Date(Date.now() + 6 * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' });
      await lastDay.fill(until);
      await panel.getByRole('button', { name: 'SMSで送る' }).click();
      await panel.getByRole('status').getByText('招待を送りました（SMS）。').waitFor();
      const stored = await t.superuser('SELECT observe_until::text AS until, channel FROM patient_access WHERE case_id = $1', [yamada.caseId]);
      assert.deepEqual(stored.rows[0], { until, channel: 'sms' });

      await panel.getByRole('button', { name: 'リマインドを停止' }).click();
      await panel.getByRole('status').getByText('リマインドを停止しました。').waitFor();
      await panel.getByText('停止中', { exact: true }).waitFor();
      const paused = await t.superuser('SELECT reminders_paused_at IS NOT NULL AS paused FROM patient_access WHERE case_id = $1', [yamada.caseId]);
      assert.equal(paused.rows[0]!.paused, true);
      await assertAccessible(page, 'reminders paused');

      await panel.getByRole('button', { name: 'リマインドを再開' }).click();
      await panel.getByRole('status').getByText('リマインドを再開しました。').waitFor();
      await panel.getByText(/^送信中（/).waitFor();
      const resumed = await t.superuser('SELECT reminders_paused_at IS NULL AS on FROM patient_access WHERE case_id = $1', [yamada.caseId]);
      assert.equal(resumed.rows[0]!.on, true);
    });

    it('佐藤 花子 has no mobile number: SMS is disabled and says why; she is linked to 山田’s household by his case number', async () => {
      await openObservations('サトウ');
      const panel = page.getByRole('region', { name: PANEL_JA });
      await waitShown(panel.getByText('未招待', { exact: true }), trace);
      const sms = panel.getByRole('button', { name: 'SMSで送る' });
      assert.equal(await sms.isDisabled(), true);
      assert.equal(await sms.getAttribute('aria-describedby').then((id) => page.locator(`#${id}`).innerText()), '携帯電話番号が登録されていないため、SMSでは送れません。');
      await assertAccessible(page, 'panel of a patient not invited');

      await panel.getByLabel('代わりに入力する世帯員の患者番号（8桁）').fill(yamada.caseNumber);
      await panel.getByRole('button', { name: '世帯に紐付ける' }).click();
      await panel.getByRole('status').getByText(`患者番号 ${yamada.caseNumber} の世帯員が代わりに入力します。`).waitFor();
      await panel.getByRole('link', { name: `患者番号 ${yamada.caseNumber}` }).waitFor();
      await panel.getByRole('button', { name: '紐付けを解除' }).waitFor();
      const linked = await t.superuser('SELECT head_case_id FROM household_links WHERE case_id = $1', [hanako.caseId]);
      assert.equal(linked.rows[0]?.head_case_id, yamada.caseId);
      await assertAccessible(page, 'panel of a household dependant');
      await screenshot(page, shot('household'));
    });

    it('山田 reports for 花子 that she feels worse; the home lists him as not reported (tel: link) and her as needing a look', async () => {
      const client = patient();
      await signIn(client);
      const r = await client.post('/api/my/reports', { caseId: hanako.caseId, temperature: 37.8, symptoms: ['cough'], feeling: 'worse' });
      assert.equal(r.statusCode, 201, JSON.stringify(r.body));

      await page.getByRole('link', { name: 'ホーム' }).click();
      const late = page.getByRole('table', { name: /^期限までに未報告（報告期限 00:00、1 件）/ });
      const lateRow = late.getByRole('row').filter({ hasText: yamada.caseNumber });
      await waitShown(lateRow, trace);
      assert.equal(await lateRow.getByRole('link', { name: '090-0000-4321' }).getAttribute('href'), 'tel:09000004321');
      assert.equal(await late.getByRole('row').filter({ hasText: hanako.caseNumber }).count(), 0, 'her report is made');
      const look = page.getByRole('table', { name: /^報告あり・要確認（/ });
      const lookRow = look.getByRole('row').filter({ hasText: hanako.caseNumber });
      await lookRow.waitFor();
      assert.match(await lookRow.innerText(), /悪くなった/);
      assert.match(await lookRow.innerText(), /咳/);
      await assertAccessible(page, 'health-centre home with the My HER-SYS sections');
      await screenshot(page, shot('home'));

      // From the row to her case: the self-report says 本人入力 and how she feels.
      await lookRow.getByRole('link', { name: hanako.caseNumber }).click();
      await page.getByRole('heading', { level: 1, name: /佐藤 花子/ }).waitFor();
      await page.getByRole('tab', { name: '健康観察', exact: true }).click();
      const entry = page.getByRole('table', { name: '健康観察の記録' }).getByRole('row').nth(1);
      await entry.waitFor();
      assert.match(await entry.innerText(), /本人入力/);
      assert.match(await entry.innerText(), /悪くなった/);
    });

    it('in English: the panel and the home’s two sections', async () => {
      await page.getByRole('button', { name: 'English' }).click();
      const panel = page.getByRole('region', { name: PANEL_EN });
      await panel.getByText(`Case ${yamada.caseNumber}`).waitFor();
      await assertAccessible(page, 'My HER-SYS panel in English');
      await screenshot(page, shot('panel-en'));
      await page.getByRole('link', { name: 'Home' }).click();
      await page.getByRole('table', { name: /^Not reported by the due time \(due 00:00, 1 in all\)/ }).waitFor();
      await page.getByRole('table', { name: /^Reported, needs a look/ }).getByRole('row').filter({ hasText: 'Worse' }).waitFor();
      await assertAccessible(page, 'health-centre home in English');
      await screenshot(page, shot('home-en'));
      await page.getByRole('button', { name: '日本語' }).click();
    });

    it('the patient asks about an access; shinjuku-admin reads it on 問い合わせ and answers, in Japanese and English', async () => {
      const client = patient();
      await signIn(client);
      const accesses = await client.get('/api/my/accesses');
      assert.equal(accesses.statusCode, 200, JSON.stringify(accesses.body));
      const read = accesses.body.accesses.find((a: { action: string }) => a.action === 'cases.read');
      assert.ok(read, 'shinjuku-h1 opened the case');
      const asked = await client.post(`/api/my/accesses/${read.seq}/question`, { question: 'どのような用件で見たのですか' });
      assert.equal(asked.statusCode, 201, JSON.stringify(asked.body));

      const adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
      const admin = await adminContext.newPage();
      const adminTrace = traceOf(admin);
      await admin.goto(url);
      await firstLoginInBrowser(admin, t, 'shinjuku-admin');
      await admin.goto(`${url}/admin`);
      await admin.getByRole('navigation', { name: 'ID管理メニュー' }).getByRole('link', { name: '問い合わせ' }).click();
      await admin.getByRole('heading', { level: 1, name: '問い合わせ' }).waitFor();
      const row = admin.getByRole('table', { name: /^問い合わせ（1 件）/ }).getByRole('row').filter({ hasText: 'どのような用件で見たのですか' });
      await waitShown(row, adminTrace);
      assert.match(await row.innerText(), /cases\.read/);
      await row.getByRole('link', { name: 'shinjuku-h1' }).waitFor();
      await assertAccessible(admin, 'questions');
      await screenshot(admin, shot('questions'));

      await row.getByRole('textbox').fill('健康観察の確認のためです。');
      await row.getByRole('button', { name: '回答する' }).click();
      await row.getByRole('status').getByText('回答しました。').waitFor();
      await row.getByText('健康観察の確認のためです。').waitFor();
      const stored = await t.superuser('SELECT answer, answered_by IS NOT NULL AS by FROM access_questions');
      assert.deepEqual(stored.rows, [{ answer: '健康観察の確認のためです。', by: true }]);
      await assertAccessible(admin, 'question answered');

      await admin.getByRole('button', { name: 'English' }).click();
      await admin.getByRole('heading', { level: 1, name: 'Questions' }).waitFor();
      await admin.getByRole('table', { name: /^Questions \(1 in all\)/ }).getByText(/^answered /).waitFor();
      await assertAccessible(admin, 'questions in English');
      await screenshot(admin, shot('questions-en'));
      await adminContext.close();
    });
  });
}
