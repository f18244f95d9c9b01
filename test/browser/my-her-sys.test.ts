// My HER-SYS, the patient's phone page (issue 11), in Chromium at a phone's size: the demo patient
// signs in with the スマホ入力ID, the date of birth and the code the SMS file received, and makes
// the first daily report in at most 8 actions and 30 seconds, downloading at most 150 KB; a report
// with SpO2 92 % tells the patient to call the centre; a network failure while sending keeps what
// was typed and makes one report; who opened the record and the settings, in ja, en and やさしい日本語;
// axe-core on every screen.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { deliverDueSms } from '../../src/server/jobs/outbox-worker.ts';
import { fileSmsTransport } from '../../src/server/sms/sms.ts';
import { assertAccessible, browserAvailable, launchBrowser, screenshot, serveApp, traceOf, waitShown } from '../harness/browser.ts';
import { ENGINES, freshDatabase, type TestDatabase } from '../harness/engines.ts';
import { firstLogin } from '../harness/http.ts';

/** What the first visit may download, compressed, up to and including the first report's confirmation. */
const FIRST_REPORT_BUDGET_BYTES = 150_000;
const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'ja-JP' };

for (const engine of browserAvailable() ? ENGINES : []) {
  describe(`My HER-SYS on a phone (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let url: string;
    let browser: Browser;
    let smsDir: string;
    let smsFile: string;
    let patient: { selfReportId: string; birthDate: string; phone: string; caseId: string };
    const shot = (name: string) => `my-${name}-${engine}`;

    /** The newest code the SMS file holds for the patient, once the outbox has delivered it. */
    async function smsCode(): Promise<string> {
      await deliverDueSms(t.db, fileSmsTransport(smsFile));
      const lines = existsSync(smsFile) ? readFileSync(smsFile, 'utf8').trim().split('\n') : [];
      const messages = lines.map((l) => JSON.parse(l) as { to: string; text: string }).filter((m) => m.to === patient.phone);
      const code = /\b(\d{6})\b/.exec(messages.at(-1)?.text ?? '')?.[1];
      assert.ok(code, `a code in the SMS file: ${JSON.stringify(messages.at(-1))}`);
      return code;
    }

    /** The patient's own reports of today as the database has them: the ones in force, or every one made (a correction replaces one). */
    const reportsToday = async (which: 'in force' | 'made' = 'in force') =>
      (
        await t.superuser(
          `SELECT count(*)::int AS n FROM health_observations WHERE case_id = $1 AND source = 'self'
             AND observed_on = (now() AT TIME ZONE 'Asia/Tokyo')::date ${which === 'in force' ? 'AND replaced_by IS NULL' : ''}`,
          [patient.caseId],
        )
      ).rows[0].n as number;

    async function phone(): Promise<{ context: BrowserContext; page: Page; trace: () => Promise<string> }> {
      const context = await browser.newContext(PHONE);
      const page = await context.newPage();
      return { context, page, trace: traceOf(page) };
    }

    /** Sign-in through the screens (Japanese labels). */
    async function signIn(page: Page) {
      await page.goto(`${url}/my`);
      await page.getByLabel('スマホ入力ID').fill(patient.selfReportId);
      await page.getByLabel('生年月日').fill(patient.birthDate);
      await page.getByRole('button', { name: 'コードを送る' }).click();
      await page.getByText(/6桁のコードを送りました/).waitFor();
      await page.getByLabel('コード（6桁の数字）').fill(await smsCode());
      await page.getByRole('button', { name: 'ログイン' }).click();
      await page.getByRole('heading', { level: 1, name: /今日の健康観察/ }).waitFor();
    }

    before(async () => {
      smsDir = mkdtempSync(join(tmpdir(), 'hersys-my-'));
      smsFile = join(smsDir, 'sms.jsonl');
      t = await freshDatabase(engine);
      ({ app, url } = await serveApp(t, { SMS_TRANSPORT: 'file', SMS_FILE: smsFile }));
      patient = await demoPatient(t);
      // The demo centre has no phone number: the call-the-centre message needs one to link to.
      await t.superuser("UPDATE organizations SET phone = '03-0000-0101' WHERE code = 'shinjuku-hc'");
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await app?.close();
      await t?.close();
      rmSync(smsDir, { recursive: true, force: true });
    });

    it(`the first report: at most 8 actions and 30 s from opening the page, at most ${FIRST_REPORT_BUDGET_BYTES / 1000} KB downloaded; every screen accessible`, async () => {
      const { context, page, trace } = await phone();
      const fetched: { url: string; type: string; body: number; headers: number }[] = [];
      const pending: Promise<void>[] = [];
      page.on('requestfinished', (request: Request) => {
        pending.push(
          (async () => {
            const sizes = await request.sizes();
            fetched.push({ url: request.url(), type: request.resourceType(), body: sizes.responseBodySize, headers: sizes.responseHeadersSize });
          })(),
        );
      });
      const actions: string[] = [];
      const act = async (what: string, step: () => Promise<void>) => {
        actions.push(what);
        await step();
      };
      // Time the patient spends: axe and screenshots are the test's own work, left out of the clock.
      let checking = 0;
      const check = async (name: string) => {
        const from = performance.now();
        await assertAccessible(page, name);
        await screenshot(page, shot(name));
        checking += performance.now() - from;
      };

      const started = performance.now();
      await page.goto(`${url}/my`);
      await waitShown(page.getByRole('heading', { level: 1, name: 'ログイン' }), trace);
      assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
      await check('sign-in');
      await act('fill スマホ入力ID', () => page.getByLabel('スマホ入力ID').fill(patient.selfReportId.toLowerCase()));
      await act('fill 生年月日', () => page.getByLabel('生年月日').fill(patient.birthDate));
      await act('tap コードを送る', () => page.getByRole('button', { name: 'コードを送る' }).click());
      await waitShown(page.getByText(/SMS で6桁のコードを送りました/), trace);
      await check('code');
      const code = await smsCode();
      await act('fill the code', () => page.getByLabel('コード（6桁の数字）').fill(code));
      await act('tap ログイン', () => page.getByRole('button', { name: 'ログイン' }).click());
      await waitShown(page.getByRole('heading', { level: 1, name: /今日の健康観察/ }), trace);
      await check('home-form');
      const form = page.locator('form.my-report').first();
      await act('fill 体温', () => form.getByLabel('体温（℃）').fill('36.8'));
      await act('tap 変わらない', () => form.getByRole('radio', { name: '変わらない' }).check());
      await act('tap 送信する', () => form.getByRole('button', { name: '送信する' }).click());
      await waitShown(page.getByRole('status').getByText('報告を受け付けました。ありがとうございました。'), trace);
      const seconds = (performance.now() - started - checking) / 1000;
      await page.waitForLoadState('networkidle');
      while (pending.length) await pending.shift();
      await check('home-thanks');
      await page.getByText(/今日の報告は届いています/).waitFor();

      const body = fetched.reduce((s, f) => s + f.body, 0);
      const headers = fetched.reduce((s, f) => s + f.headers, 0);
      const byType = [...new Set(fetched.map((f) => f.type))].map((type) => `${type} ${fetched.filter((f) => f.type === type).reduce((s, f) => s + f.body, 0)}`);
      console.log(
        `[my first report] ${actions.length} actions (${actions.join('; ')}), ${seconds.toFixed(1)} s, ${fetched.length} responses: ${body} bytes of bodies (${byType.join(', ')}) + ${headers} bytes of headers = ${body + headers} bytes (${engine}, 360×740)`,
      );
      assert.ok(actions.length <= 8, `${actions.length} actions`);
      assert.ok(seconds <= 30, `${seconds} s`);
      assert.ok(body + headers <= FIRST_REPORT_BUDGET_BYTES, `${body + headers} bytes transferred (bodies and headers)`);
      assert.ok(fetched.filter((f) => f.type === 'script').every((f) => !/\/assets\/(index|Form|CasePage)-/.test(f.url)), 'none of the staff app');
      assert.equal(await reportsToday(), 1);
      await context.close();
    });

    it('SpO2 92 % in a correction of today’s report: call the health centre now (tel: link) and 119 in an emergency, in ja and en', async () => {
      const { context, page, trace } = await phone();
      await signIn(page);
      await page.getByRole('button', { name: '今日の報告を直す' }).first().click();
      const form = page.locator('form.my-report').first();
      assert.equal(await form.getByLabel('体温（℃）').inputValue(), '36.8', 'today’s values to start from');
      await form.getByLabel('SpO2（%）（任意）').fill('92');
      await form.getByRole('checkbox', { name: '息苦しさ' }).check();
      await form.getByRole('button', { name: '直した内容を送る' }).click();
      const call = page.getByRole('alert');
      await waitShown(call.getByRole('heading', { name: 'すぐに保健所に電話してください' }), trace);
      const centreLink = call.getByRole('link', { name: '新宿区保健所 に電話する（03-0000-0101）' });
      assert.equal(await centreLink.getAttribute('href'), 'tel:0300000101');
      assert.equal(await call.getByRole('link', { name: '119 番に電話する' }).getAttribute('href'), 'tel:119');
      assert.ok(await call.getByRole('heading').evaluate((h) => document.activeElement === h), 'the message takes the focus');
      await assertAccessible(page, 'call the centre');
      await screenshot(page, shot('call-centre'));
      await page.getByRole('button', { name: 'English' }).click();
      await call.getByRole('heading', { name: 'Call your health centre now' }).waitFor();
      await call.getByRole('link', { name: 'Call Shinjuku Health Centre (03-0000-0101)' }).waitFor();
      await call.getByRole('link', { name: 'Call 119' }).waitFor();
      await assertAccessible(page, 'call the centre in English');
      await screenshot(page, shot('call-centre-en'));
      assert.equal(await reportsToday(), 1, 'a correction, not a second report');
      await page.evaluate(() => localStorage.removeItem('hersys.my.lang'));
      await context.close();
    });

    it('the network fails while sending: what was typed stays, the resend carries the same Idempotency-Key, and one report is made', async () => {
      // Today is free again: the earlier tests' reports move to yesterday.
      await t.superuser("UPDATE health_observations SET observed_on = observed_on - 1 WHERE case_id = $1 AND source = 'self'", [patient.caseId]);
      const { context, page, trace } = await phone();
      await signIn(page);
      const form = page.locator('form.my-report').first();
      await form.getByLabel('体温（℃）').fill('37.4');
      await form.getByRole('checkbox', { name: '咳' }).check();
      await form.getByRole('radio', { name: '良くなった' }).check();
      await form.getByLabel('伝えたいこと（任意）').fill('のどが少し痛い');
      const keys: string[] = [];
      let attempts = 0;
      let online = false;
      await page.route('**/api/my/reports', async (route) => {
        keys.push(route.request().headers()['idempotency-key']);
        attempts++;
        if (online) return route.continue();
        if (attempts === 1) await route.fetch(); // the server makes the report, and its answer is lost
        await route.abort('internetdisconnected');
      });
      await form.getByRole('button', { name: '送信する' }).click();
      await waitShown(page.getByRole('alert').getByText(/通信できませんでした。入力した内容は残っています。/), trace);
      assert.equal(await form.getByLabel('体温（℃）').inputValue(), '37.4');
      assert.ok(await form.getByRole('checkbox', { name: '咳' }).isChecked());
      assert.ok(await form.getByRole('radio', { name: '良くなった' }).isChecked());
      assert.equal(await form.getByLabel('伝えたいこと（任意）').inputValue(), 'のどが少し痛い');
      await assertAccessible(page, 'network failure');
      await screenshot(page, shot('network-failure'));
      online = true;
      await form.getByRole('button', { name: '送信する' }).click();
      await waitShown(page.getByRole('status').getByText('報告を受け付けました。ありがとうございました。'), trace);
      assert.ok(attempts >= 4, `the app tried ${attempts} times`);
      assert.equal(new Set(keys).size, 1, `one Idempotency-Key for every attempt: ${keys.join(', ')}`);
      assert.equal(await reportsToday('made'), 1, 'one report');
      await context.close();
    });

    it('who opened my record, asking about an access, and the settings — in ja, en and やさしい日本語', async () => {
      // The centre opens the case: one access to list.
      const centre = await firstLogin(t, app, 'shinjuku-h1');
      assert.equal((await centre.client.get(`/api/cases/${patient.caseId}`)).statusCode, 200);
      const { context, page, trace } = await phone();
      await signIn(page);
      await page.getByRole('link', { name: '記録を見た人' }).click();
      await waitShown(page.getByRole('heading', { level: 1, name: 'あなたの記録を見た人' }), trace);
      const first = page.locator('.my-accesses > li').filter({ hasText: '新宿区保健所（保健所の職員）' }).first();
      await waitShown(first, trace);
      assert.doesNotMatch(await page.locator('main').innerText(), /保健予防課/, 'staff are never named');
      await assertAccessible(page, 'accesses');
      await screenshot(page, shot('accesses'));
      await first.getByRole('button', { name: 'このアクセスについて問い合わせる' }).click();
      await first.getByLabel('問い合わせの内容').fill('この閲覧の理由を教えてください。');
      await assertAccessible(page, 'asking about an access');
      await first.getByRole('button', { name: '送る' }).click();
      await waitShown(first.getByRole('status').getByText('問い合わせを送りました。'), trace);
      await first.getByText('問い合わせ済み').waitFor();
      await page.getByRole('button', { name: 'English' }).click();
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      await page.getByRole('heading', { level: 1, name: 'Who opened my record' }).waitFor();
      await page.locator('.my-accesses > li').filter({ hasText: 'Shinjuku Health Centre (Health centre staff)' }).first().getByText('Asked', { exact: true }).waitFor();
      await assertAccessible(page, 'accesses in English');
      await screenshot(page, shot('accesses-en'));

      await page.getByRole('link', { name: 'Settings' }).click();
      await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
      await page.getByLabel('Time', { exact: true }).first().fill('08:30');
      await page.getByRole('button', { name: 'Use this time' }).first().click();
      await waitShown(page.getByRole('status').getByText('Reminders now come at 08:30.'), trace);
      await assertAccessible(page, 'settings in English');
      await screenshot(page, shot('settings-en'));
      await page.getByRole('link', { name: 'Today' }).click();
      await page.getByRole('heading', { level: 1, name: /Today’s health report/ }).waitFor();
      await assertAccessible(page, 'home in English');
      await screenshot(page, shot('home-en'));

      await page.getByRole('button', { name: 'やさしい日本語' }).click();
      assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
      await page.getByRole('heading', { level: 1, name: /きょうの けんこうの ほうこく/ }).waitFor();
      await assertAccessible(page, 'home in plain Japanese');
      await screenshot(page, shot('home-easy'));
      await page.getByRole('link', { name: 'せってい' }).click();
      await page.getByRole('heading', { level: 1, name: 'せってい' }).waitFor();
      await assertAccessible(page, 'settings in plain Japanese');
      // Remembered by the browser; signing out goes back to the sign-in, in the language chosen.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'せってい' }).waitFor();
      await page.getByRole('button', { name: 'ログアウト' }).click();
      await page.getByRole('status').getByText('ログアウト しました。').waitFor();
      await assertAccessible(page, 'sign-in in plain Japanese');
      await screenshot(page, shot('sign-in-easy'));
      assert.equal((await page.request.get(`${url}/api/my`)).status(), 401);
      await context.close();
    });

    it('sign-in refusals say what to do, without saying whether the ID or the date was wrong; an idle session ends with a notice', async () => {
      const { context, page, trace } = await phone();
      await page.goto(`${url}/my`);
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByLabel('Phone reporting ID').fill(patient.selfReportId);
      await page.getByLabel('Date of birth').fill('1901-01-01');
      await page.getByRole('button', { name: 'Send me a code' }).click();
      await waitShown(page.getByRole('alert').getByText('The ID or the date of birth is not correct.'), trace);
      await assertAccessible(page, 'sign-in refused');
      await screenshot(page, shot('sign-in-refused-en'));
      await page.getByLabel('Date of birth').fill(patient.birthDate);
      await page.getByRole('button', { name: 'Send me a code' }).click();
      await waitShown(page.getByText(/We sent a 6-digit code by SMS to \*\*\*-\*\*\*\*-\d{4}\./), trace);
      const code = await smsCode();
      await page.getByLabel('Code (6 digits)').fill(code === '000000' ? '111111' : '000000');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await waitShown(page.getByRole('alert').getByText('The code is not correct.'), trace);
      await assertAccessible(page, 'wrong code');
      await page.getByLabel('Code (6 digits)').fill(code);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { level: 1, name: /Today’s health report/ }).waitFor();
      await t.superuser("UPDATE patient_sessions SET last_seen_at = now() - interval '2 hours' WHERE ended_at IS NULL");
      await page.getByRole('link', { name: 'Who opened my record' }).click();
      await waitShown(page.getByRole('status').getByText('You were signed out after a while without use. Please sign in again.'), trace);
      await assertAccessible(page, 'signed out when idle');
      await screenshot(page, shot('idle-en'));
      await page.evaluate(() => localStorage.removeItem('hersys.my.lang'));
      await context.close();
    });
  });
}

/** The demo world's invited patient (src/server/demo/seed.ts: 山田 太郎, codes by SMS) and the phone the codes go to. */
async function demoPatient(t: TestDatabase): Promise<{ selfReportId: string; birthDate: string; phone: string; caseId: string }> {
  const [patient] = t.world.patients;
  assert.ok(patient, 'the demo world has an invited patient');
  const { rows } = await t.superuser('SELECT p.phone FROM cases c JOIN persons p ON p.id = c.person_id WHERE c.id = $1', [patient.caseId]);
  return { ...patient, phone: rows[0].phone as string };
}
