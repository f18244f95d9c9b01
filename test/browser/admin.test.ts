// ID administration in a real browser: a health centre's administrator sees the IDs it issues
// (its own and its clinic's, never another centre's), issues a doctor ID whose initial password is
// shown once and used for a first login in a second browser, suspends it (the user is out at once),
// sets a quota (one below the IDs in use is refused at the field), deletes an unused ID, reviews a
// security flag and reads the audit trail; a prefecture's administrator sees its organisations; a
// doctor has no way in. axe on every screen, screenshots of each.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assertAccessible, browserAvailable, firstLoginInBrowser, launchBrowser, screenshot, serveApp } from '../harness/browser.ts';
import { ENGINES, freshDatabase, type TestDatabase } from '../harness/engines.ts';
import { changedPassword, totpCode } from '../harness/http.ts';

/** First login of a newly issued ID, from the password the administrator's screen showed. */
async function firstLoginWith(page: Page, loginId: string, password: string): Promise<string> {
  await page.getByLabel('ログインID').fill(loginId);
  await page.getByLabel('パスワード', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
  await page.getByLabel('新しいパスワード').fill(changedPassword(password));
  await page.getByRole('button', { name: '変更する' }).click();
  const secret = (await page.getByTestId('totp-secret').textContent())!;
  await page.getByLabel(/ワンタイムパスワード/).fill(await totpCode(secret));
  await page.getByRole('button', { name: '確認' }).click();
  await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor();
  return secret;
}

const cellTexts = async (page: Page, table: string, column: number) =>
  page.getByRole('table', { name: new RegExp(`^${table}`) }).locator(`tbody tr td:nth-child(${column})`).allTextContents();

for (const engine of browserAvailable() ? ENGINES : []) {
  describe(`ID administration in the browser (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let url: string;
    let browser: Browser;
    let adminContext: BrowserContext;
    let admin: Page;
    let newUserContext: BrowserContext;
    let newUser: Page;
    let issuedPassword: string;
    const shot = (name: string) => `admin-${name}-${engine}`;

    before(async () => {
      t = await freshDatabase(engine);
      ({ app, url } = await serveApp(t));
      browser = await launchBrowser();
      adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      admin = await adminContext.newPage();
      await admin.goto(url);
      await firstLoginInBrowser(admin, t, 'shinjuku-admin');
    });
    after(async () => {
      await browser.close();
      await app.close();
      await t.close();
    });

    it('a health centre’s administrator sees the IDs of its centre and its clinic, not Nakano’s; filters by organisation', async () => {
      assert.ok(await admin.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: 'ID管理' }).isVisible());
      const started = performance.now();
      await admin.goto(`${url}/admin`);
      await admin.getByRole('table', { name: /^ID一覧/ }).getByRole('link', { name: 'sakura-dr1' }).waitFor();
      console.log(`/admin (${engine}) loaded in ${Math.round(performance.now() - started)} ms`);
      const ids = await cellTexts(admin, 'ID一覧', 1);
      assert.deepEqual([...ids].sort(), ['sakura-clerk1', 'sakura-clinic-po', 'sakura-dr1', 'shinjuku-admin', 'shinjuku-h1', 'shinjuku-h2', 'shinjuku-hc-po']);
      assert.ok(!(await admin.getByText('nakano-h1').count()), 'never another centre’s IDs');
      const orgs = await cellTexts(admin, 'ID一覧', 3);
      assert.ok(orgs.includes('さくら内科クリニック') && orgs.includes('新宿区保健所'));
      assert.ok((await cellTexts(admin, 'ID一覧', 7)).every((c) => c === '未ログイン' || /^\d{4}年\d{1,2}月\d{1,2}日 \d{1,2}:\d{2}$/.test(c)), 'last login, Japanese-style');
      await assertAccessible(admin, 'ID list');
      await screenshot(admin, shot('users'));

      await admin.getByRole('combobox', { name: '組織' }).selectOption({ label: 'さくら内科クリニック' });
      await admin.waitForURL(/orgId=/);
      await admin.getByRole('table', { name: /^ID一覧（3 件）/ }).waitFor();
      assert.deepEqual((await cellTexts(admin, 'ID一覧', 1)).sort(), ['sakura-clerk1', 'sakura-clinic-po', 'sakura-dr1']);

      // A tablet: the page itself does not scroll sideways.
      await admin.setViewportSize({ width: 800, height: 1000 });
      assert.ok(await admin.evaluate(() => document.documentElement.scrollWidth <= 800), 'fits 800 px');
      await screenshot(admin, shot('users-tablet'));
      await admin.setViewportSize({ width: 1280, height: 900 });
    });

    it('issues a doctor ID for さくら内科クリニック with only the roles a clinic allows; the password is shown once', async () => {
      // The list's own link (the menu's comes first) carries the organisation filtered on.
      await admin.getByRole('link', { name: 'IDの発行' }).last().click();
      await admin.getByRole('heading', { level: 1, name: 'IDの発行' }).waitFor();
      const org = admin.getByRole('combobox', { name: '組織' });
      // Came from the clinic's list: the clinic is chosen and the login ID field has focus.
      assert.equal(await org.inputValue(), t.world.orgIds['sakura-clinic']);
      assert.equal(await admin.evaluate(() => (document.activeElement as HTMLInputElement).name), 'loginId');
      const options = await org.locator('option').allTextContents();
      assert.ok(!options.some((o) => o.includes('中野')), `only the issuing scope: ${options}`);
      // The roles offered follow the kind of organisation (src/domain/organizations.ts).
      await org.selectOption({ label: '新宿区保健所（保健所）' });
      const roles = admin.getByRole('group', { name: '役割' });
      assert.deepEqual(await roles.getByRole('checkbox').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)), ['hc_staff', 'org_admin', 'privacy_officer']);
      assert.ok(await roles.getByRole('checkbox', { name: '保健所職員' }).isChecked(), 'the only work role is ticked');
      await org.selectOption({ label: 'さくら内科クリニック（医療機関）' });
      assert.deepEqual(await roles.getByRole('checkbox').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)), ['doctor', 'clerk', 'org_admin', 'privacy_officer']);
      assert.equal(await roles.getByRole('checkbox', { checked: true }).count(), 0);
      await admin.getByText('使用中のID 3（上限なし）').waitFor();

      // A login ID already taken is refused at the field.
      await admin.getByRole('textbox', { name: 'ログインID' }).fill('sakura-dr1');
      await admin.getByRole('textbox', { name: '氏名・名称' }).fill('さくら内科 医師2');
      await roles.getByRole('checkbox', { name: '医師' }).check();
      await admin.getByRole('button', { name: '発行する' }).click();
      const loginId = admin.getByRole('textbox', { name: 'ログインID' });
      await admin.getByText('このIDは既に使われています。').first().waitFor();
      assert.equal(await loginId.getAttribute('aria-invalid'), 'true');
      await assertAccessible(admin, 'issue form with an error');
      await screenshot(admin, shot('issue-error'));

      await loginId.fill('sakura-dr2');
      await admin.getByRole('textbox', { name: '氏名・名称' }).press('Enter');
      const panel = admin.getByRole('region', { name: '初期パスワード（この一度だけ表示されます）' });
      await panel.waitFor();
      issuedPassword = (await panel.getByTestId('initial-password').textContent())!;
      assert.match(issuedPassword, /^[A-Za-z2-9]{16}$/);
      assert.equal(await panel.getByTestId('issued-login-id').textContent(), 'sakura-dr2');
      await panel.getByText('この画面を離れると初期パスワードは二度と表示できません', { exact: false }).waitFor();
      assert.equal(await admin.evaluate(() => document.activeElement?.id), 'initial-password-title', 'focus on the password');
      await admin.getByText('使用中のID 4（上限なし）').waitFor();
      await assertAccessible(admin, 'initial password');
      await screenshot(admin, shot('issued'));

      // Shown once: after leaving the screen it is nowhere.
      await admin.getByRole('link', { name: 'ID一覧' }).click();
      await admin.getByRole('link', { name: 'IDの発行' }).first().click();
      await admin.getByRole('heading', { level: 1, name: 'IDの発行' }).waitFor();
      assert.equal(await admin.getByTestId('initial-password').count(), 0);
      assert.ok(!(await admin.content()).includes(issuedPassword));
    });

    it('the new doctor logs in for the first time with that password in another browser', async () => {
      newUserContext = await browser.newContext();
      newUser = await newUserContext.newPage();
      await newUser.goto(url);
      await firstLoginWith(newUser, 'sakura-dr2', issuedPassword);
      await newUser.getByText('さくら内科 医師2').first().waitFor();
      assert.equal(await newUser.getByRole('link', { name: 'ID管理' }).count(), 0);

      await admin.goto(`${url}/admin`);
      const row = admin.getByRole('row').filter({ has: admin.getByRole('link', { name: 'sakura-dr2' }) });
      await row.waitFor();
      assert.match((await row.locator('td').nth(6).textContent())!, /^\d{4}年/, 'its last login is shown');
    });

    it('suspends the ID with a reason after a confirmation; the user is logged out and cannot log in', async () => {
      await admin.getByRole('link', { name: 'sakura-dr2' }).click();
      await admin.getByRole('heading', { level: 1, name: 'sakura-dr2（さくら内科 医師2）' }).waitFor();
      await assertAccessible(admin, 'ID page');
      await screenshot(admin, shot('user'));

      // Escape closes the dialog without doing anything.
      await admin.getByRole('button', { name: '利用停止…' }).click();
      const dialog = admin.getByRole('dialog', { name: 'sakura-dr2 の利用を停止します' });
      await dialog.waitFor();
      await admin.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      assert.ok(await admin.getByText('利用中', { exact: true }).isVisible());

      await admin.getByRole('button', { name: '利用停止…' }).click();
      await dialog.waitFor();
      const reason = dialog.getByRole('textbox', { name: '理由' });
      assert.ok(await reason.evaluate((e) => e === document.activeElement), 'the reason has focus');
      await assertAccessible(admin, 'suspend dialog');
      await screenshot(admin, shot('suspend-dialog'));
      // No reason: the dialog stays (the field is required) and nothing is sent.
      await dialog.getByRole('button', { name: '利用停止する' }).click();
      assert.ok(await dialog.isVisible());
      await reason.fill('退職のため');
      await reason.press('Enter');
      await dialog.waitFor({ state: 'detached' });
      await admin.getByRole('status').getByText('sakura-dr2 の利用を停止しました。').waitFor();
      await admin.getByText('（退職のため）').waitFor();
      assert.ok(await admin.getByRole('button', { name: '利用再開' }).isVisible());
      await screenshot(admin, shot('suspended'));

      // The new user's session ended at once; logging in again is refused.
      await newUser.reload();
      await newUser.getByRole('heading', { name: 'ログイン', level: 2 }).waitFor();
      await newUser.getByLabel('ログインID').fill('sakura-dr2');
      await newUser.getByLabel('パスワード', { exact: true }).fill(changedPassword(issuedPassword));
      await newUser.getByRole('button', { name: 'ログイン', exact: true }).click();
      await newUser.getByRole('alert').getByText('このIDは利用停止中です。').waitFor();
      await newUserContext.close();
    });

    it('reactivates it, changes its roles and gives a new initial password, shown once, that logs in', async () => {
      await admin.getByRole('button', { name: '利用再開' }).click();
      await admin.getByRole('status').getByText('sakura-dr2 の利用を再開しました。').waitFor();
      await admin.getByText('利用中', { exact: true }).waitFor();

      const roles = admin.getByRole('group', { name: '役割' });
      await roles.getByRole('checkbox', { name: '事務（入力補助）' }).check();
      await admin.getByRole('button', { name: '保存' }).click();
      await admin.getByRole('status').getByText('保存しました。').waitFor();
      const stored = await t.superuser("SELECT roles FROM users WHERE login_id = 'sakura-dr2'");
      assert.deepEqual(stored.rows[0].roles, ['doctor', 'clerk']);

      await admin.getByRole('button', { name: '初期パスワードの再発行…' }).click();
      const dialog = admin.getByRole('dialog', { name: 'sakura-dr2 の初期パスワードを再発行します' });
      await dialog.getByRole('button', { name: '再発行する' }).click();
      await dialog.waitFor({ state: 'detached' });
      const fresh = (await admin.getByTestId('initial-password').textContent())!;
      assert.match(fresh, /^[A-Za-z2-9]{16}$/);
      assert.notEqual(fresh, issuedPassword);
      await assertAccessible(admin, 'new initial password');
      await admin.getByRole('button', { name: '受け渡したので閉じる' }).click();
      assert.equal(await admin.getByTestId('initial-password').count(), 0, 'gone once closed');

      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(url);
      await firstLoginWith(page, 'sakura-dr2', fresh);
      await context.close();
      // Suspended again for what follows: the quota counts it all the same.
      await admin.reload();
      await admin.getByRole('button', { name: '利用停止…' }).click();
      await admin.getByRole('dialog').getByRole('textbox', { name: '理由' }).fill('退職のため');
      await admin.getByRole('dialog').getByRole('button', { name: '利用停止する' }).click();
      await admin.getByText('（退職のため）').waitFor();
    });

    it('sets a clinic’s quota; one below the IDs in use is refused with the server’s message at the field', async () => {
      await admin.getByRole('link', { name: 'ID数の上限' }).click();
      const table = admin.getByRole('table', { name: 'ID数の上限' });
      await table.waitFor();
      const own = table.getByRole('row').filter({ hasText: '新宿区保健所' });
      assert.equal(await own.getByRole('spinbutton').count(), 0, 'one’s own quota is set above');
      await own.getByText('上位の組織が設定').waitFor();
      const clinic = table.getByRole('row').filter({ hasText: 'さくら内科クリニック' });
      assert.equal(await clinic.locator('td').nth(1).textContent(), '4', 'IDs in use, the suspended one included');
      const quota = clinic.getByRole('spinbutton', { name: 'さくら内科クリニックのID数の上限' });
      await quota.fill('2');
      await quota.press('Enter');
      const message = '上限は使用中のID数より少なくできません。先に不要なIDを削除してください。';
      await clinic.getByText(message).waitFor();
      assert.equal(await quota.getAttribute('aria-invalid'), 'true');
      const describedBy = (await quota.getAttribute('aria-describedby'))!;
      assert.equal(await admin.locator(`[id="${describedBy}"]`).textContent(), message, 'the message is tied to the field');
      await assertAccessible(admin, 'quota refused');
      await screenshot(admin, shot('quota-refused'));

      await quota.fill('5');
      await clinic.getByRole('button', { name: '保存' }).click();
      await admin.getByRole('status').getByText('さくら内科クリニックの上限を 5 にしました。').waitFor();
      assert.equal(await quota.getAttribute('aria-invalid'), null);
      const stored = await t.superuser('SELECT id_quota FROM organizations WHERE id = $1', [t.world.orgIds['sakura-clinic']]);
      assert.equal(stored.rows[0].id_quota, 5);
      await assertAccessible(admin, 'quotas');
      await screenshot(admin, shot('quotas'));
    });

    it('lists IDs unused for long and deletes one after a confirmation', async () => {
      await t.superuser("UPDATE users SET last_login_at = now() - interval '200 days' WHERE login_id = 'sakura-clerk1'");
      await admin.getByRole('link', { name: '未使用ID' }).click();
      const caption = /^90日以上使われていないID/;
      await admin.getByRole('table', { name: caption }).waitFor();
      assert.deepEqual(await cellTexts(admin, '90日以上使われていないID', 1), ['sakura-clerk1']);
      assert.deepEqual(await cellTexts(admin, '90日以上使われていないID', 6), ['200日']);
      await assertAccessible(admin, 'unused IDs');
      await screenshot(admin, shot('unused'));

      await admin.getByRole('button', { name: 'sakura-clerk1 を削除…' }).click();
      const dialog = admin.getByRole('dialog', { name: 'sakura-clerk1 を削除します' });
      await dialog.getByText('操作記録は残ります。', { exact: false }).waitFor();
      await assertAccessible(admin, 'delete dialog');
      await dialog.getByRole('button', { name: '削除する' }).click();
      await admin.getByRole('status').getByText('sakura-clerk1 を削除しました。').waitFor();
      assert.deepEqual(await cellTexts(admin, '90日以上使われていないID', 1), ['該当なし']);
      const row = await t.superuser("SELECT status FROM users WHERE login_id = 'sakura-clerk1'");
      assert.equal(row.rows[0].status, 'deleted');

      // A shorter period finds nothing else: every other ID was issued or used just now.
      await admin.getByRole('spinbutton', { name: '未使用の日数（以上）' }).fill('1');
      await admin.getByRole('button', { name: '表示' }).click();
      await admin.getByRole('table', { name: /^1日以上使われていないID（0 件）/ }).waitFor();
    });

    it('reviews a security flag', async () => {
      await t.superuser(
        "INSERT INTO security_flags (user_id, kind, details) SELECT id, 'concurrent_sessions', '{\"addresses\":[\"192.0.2.10\",\"198.51.100.7\"]}' FROM users WHERE login_id = 'sakura-dr1'",
      );
      await admin.getByRole('link', { name: 'セキュリティ確認' }).click();
      const table = admin.getByRole('table', { name: /^未確認のセキュリティ確認事項（1 件）/ });
      await table.waitFor();
      await table.getByText('同じIDが複数の場所から同時に使われました').waitFor();
      await table.getByText('192.0.2.10、198.51.100.7', { exact: false }).waitFor();
      await assertAccessible(admin, 'security flags');
      await screenshot(admin, shot('flags'));
      await table.getByRole('button', { name: 'sakura-dr1 の確認事項を確認済みにする' }).click();
      await admin.getByRole('table', { name: /^未確認のセキュリティ確認事項（0 件）/ }).waitFor();
      await admin.getByRole('checkbox', { name: '確認済みのものも表示' }).check();
      await admin.getByRole('table', { name: /^セキュリティ確認事項（1 件）/ }).waitFor();
      const reviewed = await t.superuser('SELECT reviewed_by FROM security_flags');
      assert.ok(reviewed.rows[0].reviewed_by, 'the reviewer is recorded');
    });

    it('reads the audit trail filtered by user, action and date', async () => {
      await admin.getByRole('link', { name: '操作記録' }).click();
      await admin.getByRole('table', { name: /^操作記録/ }).waitFor();
      await admin.getByRole('combobox', { name: '利用者' }).selectOption({ label: 'shinjuku-admin（新宿区保健所 ID管理者）' });
      await admin.getByRole('combobox', { name: '操作' }).fill('users.');
      const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());
      await admin.getByLabel('期間（開始日）').fill(today);
      await admin.getByLabel('期間（終了日）').fill(today);
      await admin.getByRole('button', { name: '検索' }).click();
      const table = admin.getByRole('table', { name: /^操作記録/ });
      const suspend = table.getByRole('row').filter({ hasText: 'users.suspend' }).first();
      await suspend.waitFor();
      await suspend.getByText('sakura-dr2').waitFor();
      await suspend.getByText('退職のため', { exact: false }).waitFor();
      const actions = await table.locator('tbody tr td:nth-child(4) code').allTextContents();
      assert.ok(actions.length && actions.every((a) => a.startsWith('users.')), `only users.* : ${actions}`);
      for (const a of ['users.issue', 'users.reactivate', 'users.roles_change', 'users.reset_credentials', 'users.delete']) assert.ok(actions.includes(a), a);
      assert.ok((await table.locator('tbody tr td:nth-child(2)').allTextContents()).every((w) => w === 'shinjuku-admin'));
      await assertAccessible(admin, 'audit trail');
      await screenshot(admin, shot('audit'));

      // A period with nothing in it.
      await admin.getByLabel('期間（開始日）').fill('2020-01-01');
      await admin.getByLabel('期間（終了日）').fill('2020-01-31');
      await admin.getByRole('button', { name: '検索' }).click();
      await table.getByText('該当なし').waitFor();
      await adminContext.close();
    });

    it('a prefecture’s administrator sees the organisations it issues for, in Japanese and English', async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(url);
      await firstLoginInBrowser(page, t, 'tokyo-admin');
      await page.getByRole('link', { name: 'ID管理' }).click();
      await page.getByRole('table', { name: /^ID一覧/ }).getByRole('link', { name: 'nakano-h1' }).waitFor();
      const ids = await cellTexts(page, 'ID一覧', 1);
      assert.ok(ids.includes('shinjuku-h1') && ids.includes('tokyo-hotel1') && ids.includes('tokyo-sg1'));
      assert.ok(!ids.includes('sakura-dr1') && !ids.includes('midori-dr1'), 'clinics are the centres’ to administer');
      await page.getByRole('link', { name: 'ID数の上限' }).click();
      const table = page.getByRole('table', { name: 'ID数の上限' });
      await table.waitFor();
      const orgs = await table.locator('tbody th').allTextContents();
      assert.deepEqual(
        [...orgs].sort(),
        ['中野区保健所', '新宿区保健所', '東京都', '東京都健康安全研究センター', '東京都入院調整本部', '東京都陽性者フォローアップセンター', '都宿泊療養施設（新宿）'].sort(),
      );
      assert.equal(await table.getByRole('row').filter({ hasText: '新宿区保健所' }).getByRole('spinbutton').inputValue(), '200');
      await assertAccessible(page, 'prefecture quotas');
      await screenshot(page, shot('prefecture-quotas'));
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'ID quotas' }).waitFor();
      await page.getByRole('table', { name: 'ID quotas' }).getByRole('link', { name: 'Nakano Health Centre' }).waitFor();
      await page.getByRole('link', { name: 'Issue an ID' }).click();
      const org = page.getByRole('combobox', { name: 'Organisation' });
      await org.selectOption({ label: 'Tokyo Follow-up Centre (Follow-up centre)' });
      assert.deepEqual(await page.getByRole('group', { name: 'Roles' }).getByRole('checkbox').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)), ['followup_staff', 'doctor', 'org_admin', 'privacy_officer']);
      await assertAccessible(page, 'issue form in English');
      await screenshot(page, shot('issue-en'));
      await context.close();
    });

    it('a doctor gets no ID管理 link, and /admin says they have no access', async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(url);
      await firstLoginInBrowser(page, t, 'sakura-dr1');
      assert.equal(await page.getByRole('link', { name: 'ID管理' }).count(), 0);
      await page.goto(`${url}/admin`);
      await page.getByRole('heading', { level: 1, name: 'ID管理' }).waitFor();
      await page.getByText('この画面を利用する権限がありません。', { exact: false }).waitFor();
      assert.equal(await page.getByRole('table').count(), 0);
      await assertAccessible(page, 'no access');
      await screenshot(page, shot('no-access'));
      await context.close();
    });
  });
}
