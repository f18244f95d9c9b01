// The login screens and the home of each kind of user, in a real browser: first login with the
// password change and the authenticator enrolled from the QR code's key, Japanese by default and
// English by a remembered switch, the session ending, and no accessibility violation on any screen.
// Also what Chromium downloads to show /login, against the same budget as web-app.test.ts. The case
// list shows each case's disease and finds the cases of one, in Japanese and in English.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Request } from 'playwright-core';
import { assertAccessible, browserAvailable, firstLoginInBrowser, launchBrowser, screenshot, serveApp } from '../harness/browser.ts';
import { ENGINES, freshDatabase, type TestDatabase } from '../harness/engines.ts';
import { japanToday } from '../../src/domain/calendar.ts';
import { changedPassword, firstLogin, totpCode } from '../harness/http.ts';
import { LOGIN_BUDGET_BYTES } from './login-budget.ts';

for (const engine of browserAvailable() ? ENGINES : []) {
  describe(`login and home in the browser (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let url: string;
    let browser: Browser;
    const shot = (name: string) => `${name}-${engine}`;

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

    it('a doctor’s first login: password change, authenticator from the QR code’s key, then home; every step accessible', async () => {
      const page = await browser.newPage();
      await page.goto(url);
      assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
      await firstLoginInBrowser(page, t, 'sakura-dr1', async (step) => {
        await assertAccessible(page, step);
        await screenshot(page, shot(`login-${step}`));
      });
      await assertAccessible(page, 'home');
      await screenshot(page, shot('home-doctor'));
      assert.ok(await page.getByText('さくら内科 医師1').first().isVisible(), 'who is logged in');
      await page.close();
    });

    it('a wrong password is refused with the message in Japanese, then in English after switching', async () => {
      const page = await browser.newPage();
      await page.goto(url);
      await page.getByLabel('ログインID').fill('nakano-h1');
      await page.getByLabel('パスワード').fill('wrong-password-1');
      await page.getByRole('button', { name: 'ログイン' }).click();
      await page.getByRole('alert').getByText('ID・パスワードまたはワンタイムパスワードが正しくありません。').waitFor();
      await assertAccessible(page, 'login error');
      await page.getByRole('button', { name: 'English' }).click();
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      await page.getByLabel('Password', { exact: true }).fill('wrong-password-2');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('alert').getByText('The ID, password or one-time code is not correct.').waitFor();
      // Remembered: a new visit is in English.
      await page.reload();
      await page.getByRole('heading', { name: 'Log in' }).waitFor();
      await page.close();
    });

    it('a wrong one-time code is refused with its own message and selected for the next try; the right one logs in', async () => {
      const page = await browser.newPage();
      await page.goto(url);
      const secret = await firstLoginInBrowser(page, t, 'tokyo-sg1');
      await page.getByRole('button', { name: 'ログアウト' }).click();
      const account = t.world.accounts.find((a) => a.loginId === 'tokyo-sg1')!;
      await page.getByLabel('ログインID').fill('tokyo-sg1');
      await page.getByLabel('パスワード').fill(changedPassword(account.password));
      await page.getByRole('button', { name: 'ログイン' }).click();
      const code = page.getByLabel(/ワンタイムパスワード/);
      const right = await totpCode(secret);
      await code.fill(right === '000000' ? '111111' : '000000');
      await page.getByRole('button', { name: '確認' }).click();
      await page.getByRole('alert').getByText('ワンタイムパスワードが正しくありません。').waitFor();
      const selected = await code.evaluate((i: HTMLInputElement) => document.activeElement === i && i.selectionStart === 0 && i.selectionEnd === i.value.length);
      assert.ok(selected, 'the wrong code is selected, to be typed over');
      await assertAccessible(page, 'wrong one-time code');
      await screenshot(page, shot('login-wrong-code'));
      // The enrolment's code may be this step's: the test clears the last one used.
      await t.superuser("UPDATE credentials SET totp_last_step = NULL WHERE user_id = (SELECT id FROM users WHERE login_id = 'tokyo-sg1')");
      await code.fill(await totpCode(secret));
      await page.getByRole('button', { name: '確認' }).click();
      await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor();
      await page.close();
    });

    it('a health centre’s home is its work list; the case list searches by kana, masked, and by disease; logout ends the session', async () => {
      // A faxed tuberculosis registration the centre entered for a clinic of its area, today.
      const today = japanToday(new Date());
      const tb = await (await firstLogin(t, app, 'shinjuku-h2')).client.post('/api/registrations', {
        person: { nameKanji: '結核 三郎', nameKana: 'ケッカク サブロウ', sex: 'male', birthDate: '1948-03-03', residenceAddress: '東京都新宿区西新宿2-8-1' },
        disease: 'tuberculosis',
        choice: { kind: 'new_person' },
        institutionId: t.world.orgIds['sakura-clinic'],
        tests: [{ method: 'smear', specimen: 'sputum', collectedOn: today, result: 'positive', resultOn: today }],
      });
      assert.equal(tb.statusCode, 201, JSON.stringify(tb.body));
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(url);
      await firstLoginInBrowser(page, t, 'shinjuku-h1');
      for (const caption of ['要注意アラート（未確認）', '現在のステータス未入力', '保健所確認待ちの発生届']) {
        await page.getByText(caption, { exact: false }).first().waitFor();
      }
      await assertAccessible(page, 'health centre home');
      await screenshot(page, shot('home-health-centre'));
      await page.getByRole('link', { name: '患者一覧' }).click();
      await page.getByLabel('氏名（カナ）').fill('ヤマダ');
      await page.getByRole('button', { name: '検索' }).click();
      const table = page.getByRole('table', { name: '患者一覧' });
      await table.waitFor();
      await table.getByText('ヤ** タ**').waitFor();
      assert.equal(await table.getByText('ヤマダ タロウ').count(), 0, 'never the full name in the list');
      const disease = async (row: number) => (await table.getByRole('row').nth(row).getByRole('cell').allTextContents())[5];
      assert.deepEqual(await table.getByRole('columnheader').allTextContents(), ['患者番号（8桁）', '氏名', '性別', '年代', '現在のステータス', '感染症', '報告医療機関', '診断日', '登録日']);
      assert.equal(await disease(1), '新型コロナウイルス感染症');
      await assertAccessible(page, 'case list');
      await screenshot(page, shot('cases'));
      // By disease: the centre's tuberculosis case, and no COVID-19 one.
      await page.getByLabel('氏名（カナ）').fill('');
      const filter = page.getByLabel('感染症', { exact: true });
      assert.equal(await filter.inputValue(), '', 'every disease at first');
      assert.equal(await filter.locator('optgroup:has(option[value="tuberculosis"])').getAttribute('label'), '二類感染症', 'grouped by the law’s categories');
      await filter.selectOption({ label: '結核' });
      const searched = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/cases' && new URL(r.url()).searchParams.get('disease') === 'tuberculosis');
      await page.getByRole('button', { name: '検索' }).click();
      await searched;
      await table.getByRole('row').filter({ hasText: 'ケ*** サ***' }).waitFor();
      assert.equal(await table.getByRole('row').count(), 2, 'the heading and its one case');
      assert.equal(await disease(1), '結核');
      await assertAccessible(page, 'case list by disease');
      await page.getByRole('button', { name: 'English' }).click();
      const cases = page.getByRole('table', { name: 'Cases' });
      await cases.getByRole('columnheader', { name: 'Disease' }).waitFor();
      assert.equal((await cases.getByRole('row').nth(1).getByRole('cell').allTextContents())[5], 'Tuberculosis');
      assert.equal(await page.getByLabel('Disease', { exact: true }).locator('option:checked').textContent(), 'Tuberculosis');
      await assertAccessible(page, 'case list by disease in English');
      await screenshot(page, shot('cases-by-disease-en'));
      await page.getByRole('button', { name: '日本語' }).click();
      await page.getByRole('button', { name: 'ログアウト' }).click();
      await page.getByRole('heading', { name: 'ログイン', level: 2 }).waitFor();
      const me = await page.request.get(`${url}/api/auth/me`);
      assert.equal(me.status(), 401);
      await context.close();
    });

    it('a session that timed out sends the user back to the login with a notice, on reload and at the next request', async () => {
      const page = await browser.newPage();
      await page.goto(url);
      const secret = await firstLoginInBrowser(page, t, 'tokyo-fu1');
      const account = t.world.accounts.find((a) => a.loginId === 'tokyo-fu1')!;
      const notice = page.getByRole('status').getByText('一定時間操作がなかったため、ログアウトしました。もう一度ログインしてください。');
      const idle = () =>
        t.superuser("UPDATE sessions SET last_seen_at = now() - interval '2 hours' WHERE user_id = (SELECT id FROM users WHERE login_id = 'tokyo-fu1') AND ended_at IS NULL");
      await idle();
      await page.reload();
      await notice.waitFor();
      await assertAccessible(page, 'session expired');
      await screenshot(page, shot('session-expired'));
      // Back in (a code is taken once per time step: the test clears the last one), idle, then a search.
      await t.superuser("UPDATE credentials SET totp_last_step = NULL WHERE user_id = (SELECT id FROM users WHERE login_id = 'tokyo-fu1')");
      await page.getByLabel('ログインID').fill('tokyo-fu1');
      await page.getByLabel('パスワード').fill(changedPassword(account.password));
      await page.getByRole('button', { name: 'ログイン' }).click();
      await page.getByLabel(/ワンタイムパスワード/).fill(await totpCode(secret));
      await page.getByRole('button', { name: '確認' }).click();
      await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor();
      assert.equal(await notice.count(), 0);
      await idle();
      await page.getByRole('link', { name: '患者一覧' }).click();
      await page.getByRole('button', { name: '検索' }).click();
      await notice.waitFor();
      await page.close();
    });

    it(`the login page downloads at most ${LOGIN_BUDGET_BYTES / 1000} KB of JavaScript and CSS, compressed as Chromium accepts`, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const fetched: { url: string; type: string; encoding: string | undefined; bytes: number }[] = [];
      // Each size arrives asynchronously: counted once all have arrived, and none is left pending when the page closes.
      const pending: Promise<void>[] = [];
      const record = (request: Request) => {
        pending.push(
          (async () => {
            const response = await request.response();
            const { responseBodySize } = await request.sizes();
            fetched.push({ url: request.url(), type: request.resourceType(), encoding: response?.headers()['content-encoding'], bytes: responseBodySize });
          })(),
        );
      };
      const arrived = async () => {
        while (pending.length) await pending.shift();
      };
      page.on('requestfinished', record);
      await page.goto(`${url}/login`);
      await page.getByRole('heading', { name: 'ログイン', level: 2 }).waitFor();
      await page.waitForLoadState('networkidle');
      await arrived();
      const code = fetched.filter((f) => f.type === 'script' || f.type === 'stylesheet');
      const total = code.reduce((sum, f) => sum + f.bytes, 0);
      console.log(`[web size] /login in Chromium (${engine}): ${code.length} files, ${total} bytes of JS+CSS as ${[...new Set(code.map((f) => f.encoding))].join(', ')}`);
      assert.ok(code.length >= 2 && code.every((f) => f.encoding === 'br' || f.encoding === 'gzip'), `compressed: ${JSON.stringify(code)}`);
      assert.ok(total <= LOGIN_BUDGET_BYTES, `Chromium fetched ${total} bytes of JS+CSS for /login (at most ${LOGIN_BUDGET_BYTES})`);
      // The screens after login come when first opened, in their own chunks.
      const before = new Set(code.map((f) => f.url));
      await firstLoginInBrowser(page, t, 'midori-dr1');
      page.off('requestfinished', record);
      await arrived();
      const later = fetched.filter((f) => f.type === 'script' && !before.has(f.url));
      console.log(`[web size] then a doctor's home in Chromium (${engine}): ${later.length} more files, ${later.reduce((sum, f) => sum + f.bytes, 0)} bytes`);
      assert.ok(later.length > 0, 'the home screen is a chunk of its own');
      // A chunk that cannot be fetched (connection lost, or a new version deployed meanwhile) says so.
      await page.route(/\/assets\/Cases-[^/]*\.js$/, (route) => route.abort());
      await page.getByRole('link', { name: '患者一覧' }).click();
      await page.getByRole('alert').getByText('画面を読み込めませんでした。通信状態を確認して、再読み込みしてください。').waitFor();
      await assertAccessible(page, 'screen that failed to load');
      await page.getByRole('link', { name: 'ホーム' }).click();
      await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor();
      await context.close();
    });

    it('pages of the app load on reload, and unknown API paths stay JSON 404', async () => {
      const page = await browser.newPage();
      const res = await page.goto(`${url}/cases`);
      assert.equal(res?.status(), 200);
      await page.getByRole('heading', { name: 'ログイン', level: 2 }).waitFor();
      const api = await page.request.get(`${url}/api/nothing-here`);
      assert.equal(api.status(), 404);
      assert.equal((await api.json()).code, 'not_found');
      await page.close();
    });
  });
}
