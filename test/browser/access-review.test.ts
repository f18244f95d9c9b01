// The access review in a real browser (issue 12): the officer's queue on their home, the alert page,
// the evidence shown on request, asking the user; the user's answer on their home; the officer's
// dismissal; the 通報窓口 signed in (from the footer) and public; the sensitive mark on the case page.
// axe on every screen, in Japanese and in English (the frame's language switch), screenshots of each.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { japanToday } from '../../src/domain/calendar.ts';
import { assertAccessible, browserAvailable, firstLoginInBrowser, launchBrowser, screenshot, serveApp, traceOf, waitShown } from '../harness/browser.ts';
import { ENGINES, freshDatabase, type TestDatabase } from '../harness/engines.ts';

for (const engine of browserAvailable() ? ENGINES : []) {
  describe(`access review in the browser (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let url: string;
    let browser: Browser;
    let officer: BrowserContext;
    let staff: BrowserContext;
    let officerPage: Page;
    let staffPage: Page;
    const shot = (page: Page, name: string) => screenshot(page, `access-review-${name}-${engine}`);
    /** axe in Japanese, then in English after the frame's switch, then back. */
    async function bothLanguages(page: Page, what: string, en: RegExp) {
      await assertAccessible(page, `${what} (ja)`);
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByText(en).first().waitFor();
      await assertAccessible(page, `${what} (en)`);
      await shot(page, `${what.replaceAll(' ', '-')}-en`);
      await page.getByRole('button', { name: '日本語' }).click();
    }

    before(async () => {
      t = await freshDatabase(engine);
      ({ app, url } = await serveApp(t));
      browser = await launchBrowser();
      staff = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      staffPage = await staff.newPage();
      await staffPage.goto(url);
      await firstLoginInBrowser(staffPage, t, 'nakano-h1');
      // A real access by the user: 鈴木 一郎's case, read through the API with the browser's session.
      const suzuki = (await t.superuser(`SELECT c.id, c.person_id FROM cases c JOIN persons p ON p.id = c.person_id WHERE p.name_kanji = '鈴木 一郎'`)).rows[0] as { id: string; person_id: string };
      assert.equal((await staffPage.request.get(`${url}/api/cases/${suzuki.id}`)).status(), 200);
      const { seq, actor } = (await t.superuser(`SELECT seq, actor_user_id AS actor FROM audit_log WHERE action = 'cases.read' ORDER BY seq DESC LIMIT 1`)).rows[0] as { seq: string; actor: string };
      // The explanation job's verdict and the detector's alert (their code is another module's).
      await t.superuser(
        `INSERT INTO access_explanations (seq, case_id, person_id, actor_user_id, actor_org_id, at, action, template) SELECT seq, $2, $3, actor_user_id, actor_org_id, at, action, NULL FROM audit_log WHERE seq = $1`,
        [seq, suzuki.id, suzuki.person_id],
      );
      const hits = [{ rule: 'off_hours', weight: 30, evidence: { seqs: [Number(seq)], caseIds: [suzuki.id], detail: {} } }];
      await t.superuser(
        `INSERT INTO review_alerts (source, subject_user_id, subject_org_id, review_org_id, day, score, hits) VALUES ('rules', $1, $2, $2, $3, 30, $4)`,
        [actor, t.world.orgIds['nakano-hc'], japanToday(new Date()), JSON.stringify(hits)],
      );
      officer = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      officerPage = await officer.newPage();
      await officerPage.goto(url);
      await firstLoginInBrowser(officerPage, t, 'nakano-hc-po');
    });
    after(async () => {
      await browser.close();
      await app.close();
      await t.close();
    });

    it('the officer’s home is the queue; the alert page shows the evidence only on request; the officer asks the user', async () => {
      const page = officerPage;
      const trace = traceOf(page);
      await waitShown(page.getByRole('heading', { level: 2, name: '審査待ちのアラート' }), trace);
      const row = page.getByRole('row').filter({ hasText: '中野区保健所 保健予防課1' });
      await waitShown(row, trace);
      assert.match(await row.innerText(), /時間外（深夜・早朝）のアクセス/);
      await bothLanguages(page, 'queue', /Alerts to review/);
      await row.getByRole('link', { name: /開く/ }).click();
      await waitShown(page.getByRole('heading', { level: 1, name: 'アラートの審査' }), trace);
      assert.doesNotMatch(await page.locator('main').innerText(), /鈴木/, 'no patient named before the evidence is asked for');
      await bothLanguages(page, 'alert', /Review an alert/);
      await page.getByRole('button', { name: '証跡を表示（監査記録あり）' }).click();
      const evidence = page.getByRole('table', { name: /アクセスの記録/ });
      await waitShown(evidence, trace);
      assert.match(await evidence.innerText(), /鈴木 一郎/);
      assert.match(await evidence.innerText(), /説明なし/);
      await assertAccessible(page, 'the evidence (ja)');
      await shot(page, 'evidence-ja');
      await page.getByLabel('本人への質問').fill('この閲覧の業務上の理由を教えてください。');
      await page.getByRole('button', { name: '本人に確認する' }).click();
      await waitShown(page.getByText('判定を記録しました。'), trace);
      await waitShown(page.getByText('本人に確認中').first(), trace);
      await assertAccessible(page, 'after asking (ja)');
    });

    it('the asked user answers on their home, in English, without seeing the alert', async () => {
      const page = staffPage;
      const trace = traceOf(page);
      await page.goto(url);
      await page.getByRole('button', { name: 'English' }).click();
      await waitShown(page.getByRole('heading', { level: 2, name: 'Questions about your access' }), trace);
      assert.match(await page.locator('main').innerText(), /この閲覧の業務上の理由を教えてください。/);
      await assertAccessible(page, 'questions about your access (en)');
      await page.getByLabel('Your answer').fill('I checked his status before the phone call.');
      await page.getByRole('button', { name: 'Send the answer' }).click();
      await waitShown(page.getByText('Your answer is sent.'), trace);
      await waitShown(page.getByText(/Answered on/), trace);
      await assertAccessible(page, 'answered (en)');
      await shot(page, 'answered-en');
      await page.getByRole('button', { name: '日本語' }).click();
      await assertAccessible(page, 'answered (ja)');
    });

    it('the officer reads the answer and dismisses with a reason', async () => {
      const page = officerPage;
      const trace = traceOf(page);
      await page.reload();
      await waitShown(page.getByText('本人の回答'), trace);
      assert.match(await page.locator('main').innerText(), /I checked his status before the phone call\./);
      await page.getByLabel('問題なしとする理由（必須）').fill('疫学調査の準備として妥当。');
      await page.getByRole('button', { name: '問題なしとして閉じる' }).click();
      await waitShown(page.getByText('このアラートは判定済みです。'), trace);
      await assertAccessible(page, 'dismissed (ja)');
      await page.getByRole('link', { name: 'アクセス審査' }).click();
      await waitShown(page.getByRole('heading', { level: 1, name: 'アクセス審査' }), trace);
      await page.getByLabel('状態', { exact: true }).selectOption('dismissed');
      await page.getByRole('button', { name: '絞り込む' }).click();
      await waitShown(page.getByRole('row').filter({ hasText: '問題なし' }).filter({ hasText: '中野区保健所 保健予防課1' }), trace);
      await bothLanguages(page, 'review screen', /Access review/);
    });

    it('通報窓口 signed in: from the footer of every screen, to the prefecture’s officers', async () => {
      const page = staffPage;
      const trace = traceOf(page);
      await page.getByRole('contentinfo').getByRole('link', { name: '不正閲覧の通報窓口' }).click();
      await waitShown(page.getByRole('heading', { level: 1, name: '不正閲覧の通報窓口' }), trace);
      await bothLanguages(page, 'report form', /Report suspected misuse/);
      await page.getByLabel('何があったか').fill('隣の席の職員が業務外で記録を見ていました。');
      await page.getByLabel('どの組織か（分かれば）').selectOption({ label: '中野区保健所' });
      await page.getByRole('button', { name: '通報する' }).click();
      await waitShown(page.getByText('通報を受け付けました。ご協力ありがとうございます。'), trace);
      await assertAccessible(page, 'report received (ja)');
      const alerts = await t.superuser(`SELECT review_org_id FROM review_alerts WHERE source = 'report'`);
      assert.deepEqual(alerts.rows.map((r) => r.review_org_id), [t.world.orgIds.tokyo]);
    });

    it('通報窓口 public: no login, from the login page, in Japanese and English', async () => {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      const trace = traceOf(page);
      await page.goto(url);
      await page.getByRole('link', { name: '不正閲覧の通報窓口' }).click();
      await waitShown(page.getByRole('heading', { level: 1, name: '不正閲覧の通報窓口' }), trace);
      await page.getByLabel('通報先の都道府県').selectOption({ label: '東京都' });
      await assertAccessible(page, 'the public form (ja)');
      await page.getByLabel('何があったか').fill('病院の職員が近所の人の感染を話していました。');
      await page.getByLabel(/連絡先/).fill('neighbour@example.jp');
      await page.getByRole('button', { name: '通報する' }).click();
      await waitShown(page.getByText('通報を受け付けました。ご協力ありがとうございます。'), trace);
      await assertAccessible(page, 'public report received (ja)');
      await page.getByRole('button', { name: 'English' }).click();
      await page.reload();
      await waitShown(page.getByRole('heading', { level: 1, name: 'Report suspected misuse' }), trace);
      await assertAccessible(page, 'the public form (en)');
      await shot(page, 'public-en');
      const saved = await t.superuser(`SELECT reporter_contact, reporter_user_id FROM misuse_reports WHERE reporter_contact IS NOT NULL`);
      assert.deepEqual(saved.rows, [{ reporter_contact: 'neighbour@example.jp', reporter_user_id: null }]);
      await context.close();
    });

    it('the responsible centre marks a record sensitive on the case page', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const trace = traceOf(page);
      await page.goto(url);
      await firstLoginInBrowser(page, t, 'shinjuku-h1');
      await page.getByRole('link', { name: '患者一覧' }).click();
      await page.getByLabel('氏名（カナ）').fill('ヤマダ');
      await page.getByRole('button', { name: '検索' }).click();
      const row = page.getByRole('table', { name: '患者一覧' }).getByRole('row').filter({ hasText: 'ヤ** タ**' });
      await waitShown(row, trace);
      await row.getByRole('link').first().click();
      await waitShown(page.getByRole('heading', { level: 2, name: '要配慮の記録' }), trace);
      await waitShown(page.getByText('設定なし'), trace);
      await page.getByLabel('区分').selectOption('staff');
      await page.getByRole('button', { name: '要配慮に設定' }).click();
      await waitShown(page.getByText('要配慮として設定中（職員）'), trace);
      await bothLanguages(page, 'sensitive mark', /Marked sensitive \(Staff\)/);
      const marks = await t.superuser('SELECT kind FROM sensitive_persons');
      assert.deepEqual(marks.rows, [{ kind: 'staff' }]);
      await context.close();
    });
  });
}
