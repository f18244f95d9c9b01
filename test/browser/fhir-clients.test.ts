// FHIR client administration in a real browser (issue 15, /admin/fhir-clients): the health centre's
// administrator registers さくら内科's EHR with a public key generated here, is shown its client_id
// and token URL, sees it in the list, gets an error at the key field for text that is not JSON and
// for a key the server refuses, and revokes it after confirming. axe on each state, in ja and en.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { exportJWK, generateKeyPair } from 'jose';
import type { Browser, Locator, Page } from 'playwright-core';
import { assertAccessible, browserAvailable, firstLoginInBrowser, launchBrowser, screenshot, serveApp } from '../harness/browser.ts';
import { ENGINES, freshDatabase, type TestDatabase } from '../harness/engines.ts';

/** The texts a field's aria-describedby points at (its help and its error). */
const description = (field: Locator) =>
  field.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );

for (const engine of browserAvailable() ? ENGINES : []) {
  describe(`FHIR client administration in the browser (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let url: string;
    let browser: Browser;
    let admin: Page;
    const shot = (name: string) => `fhir-clients-${name}-${engine}`;

    before(async () => {
      t = await freshDatabase(engine);
      ({ app, url } = await serveApp(t));
      browser = await launchBrowser();
      admin = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      await admin.goto(url);
      await firstLoginInBrowser(admin, t, 'shinjuku-admin');
    });
    after(async () => {
      await browser.close();
      await app.close();
      await t.close();
    });

    it('registers さくら内科’s EHR, shows its client_id and token URL, lists it, refuses a bad key at the field and revokes it after confirming', async () => {
      await admin.goto(`${url}/admin`);
      await admin.getByRole('link', { name: 'FHIR連携' }).click();
      await admin.getByRole('heading', { level: 1, name: 'FHIR連携クライアント' }).waitFor();
      const table = admin.getByRole('table', { name: /^登録済みクライアント/ });
      await table.waitFor();
      await assertAccessible(admin, 'FHIR clients, empty');
      await screenshot(admin, shot('empty'));

      const form = admin.getByRole('form', { name: 'クライアントを登録' });
      const key = form.getByLabel('公開鍵（JWK 形式の JSON）');
      await form.getByRole('combobox', { name: '医療機関' }).selectOption({ label: 'さくら内科クリニック' });
      const orgs = await form.getByRole('combobox', { name: '医療機関' }).locator('option').allTextContents();
      assert.ok(!orgs.includes('新宿区保健所') && !orgs.some((o) => o.includes('中野')), `medical institutions in scope only: ${orgs.join(', ')}`);
      await form.getByLabel('システム名').fill('さくら内科 電子カルテ');
      for (const s of ['Patient', 'Condition', 'Observation', 'Encounter', 'Questionnaire', 'QuestionnaireResponse']) {
        assert.ok(await form.getByRole('checkbox', { name: new RegExp(`（${s}）の参照`) }).isChecked(), `${s}.read ticked by default`);
      }
      const write = form.getByRole('checkbox', { name: /発生届の提出（Bundle）：この医療機関の医師として届け出ます/ });
      assert.equal(await write.isChecked(), false, 'Bundle.write not ticked by default');

      // Not JSON: the error is at the key field, nothing is sent.
      await key.fill('{"kty": "EC", ');
      await form.getByRole('button', { name: '登録する' }).click();
      await form.getByText(/JSON として読めません/).waitFor();
      assert.equal(await key.getAttribute('aria-invalid'), 'true');
      assert.match(await description(key), /JSON として読めません/);
      await assertAccessible(admin, 'FHIR clients, key not JSON');
      await screenshot(admin, shot('not-json'));

      // JSON, but refused by the server: an EC key for RS384.
      const { publicKey } = await generateKeyPair('ES384', { extractable: true });
      const jwk = JSON.stringify(await exportJWK(publicKey), null, 2);
      await key.fill(jwk);
      await form.getByRole('combobox', { name: '署名アルゴリズム' }).selectOption('RS384');
      await form.getByRole('button', { name: '登録する' }).click();
      await admin.waitForFunction(() => !document.body.textContent?.includes('JSON として読めません'));
      await admin.waitForFunction((el) => el.getAttribute('aria-invalid') === 'true', await key.elementHandle());
      const refused = await description(key);
      assert.ok(refused.length > 0 && !/JSON として読めません/.test(refused), `the server's refusal at the field: ${refused}`);
      await assertAccessible(admin, 'FHIR clients, key refused');
      await screenshot(admin, shot('refused'));

      // A good key, with Bundle.write.
      await form.getByRole('combobox', { name: '署名アルゴリズム' }).selectOption('ES384');
      await write.check();
      await form.getByRole('button', { name: '登録する' }).click();
      const clientId = (await admin.getByTestId('fhir-client-id').textContent())!;
      assert.match(clientId, /^[0-9a-f-]{36}$/);
      assert.match((await admin.getByTestId('fhir-token-url').textContent())!, /^https?:\/\/.+\/fhir\/auth\/token$/);
      await admin.getByText('「さくら内科 電子カルテ」を登録しました').waitFor();
      assert.equal(await key.getAttribute('aria-invalid'), null, 'the error is gone');
      const row = table.getByRole('row').filter({ hasText: 'さくら内科 電子カルテ' });
      await row.getByRole('cell', { name: 'さくら内科クリニック' }).waitFor();
      assert.match((await row.textContent())!, /Bundle\.write/);
      await row.getByText('有効').waitFor();
      await assertAccessible(admin, 'FHIR clients, registered');
      await screenshot(admin, shot('registered'));

      // The same in English.
      await admin.getByRole('button', { name: 'English' }).click();
      await admin.getByRole('heading', { level: 1, name: 'FHIR clients' }).waitFor();
      await admin.getByText('File notifications (Bundle): files notifications as this clinic’s doctor').waitFor();
      await admin.getByText('client_id (iss and sub of its assertions)').waitFor();
      await assertAccessible(admin, 'FHIR clients, registered, in English');
      const enForm = admin.getByRole('form', { name: 'Register a client' });
      await enForm.getByLabel('Public key (JWK as JSON)').fill('not json');
      await enForm.getByRole('button', { name: 'Register', exact: true }).click();
      await enForm.getByText(/This is not valid JSON/).waitFor();
      await assertAccessible(admin, 'FHIR clients, key not JSON, in English');
      await admin.getByRole('table', { name: /^Registered clients/ }).getByRole('button', { name: 'Revoke: さくら内科 電子カルテ' }).click();
      const enDialog = admin.getByRole('dialog', { name: 'Revoke “さくら内科 電子カルテ”?' });
      await enDialog.waitFor();
      await assertAccessible(admin, 'FHIR clients, revoke dialog, in English');
      await enDialog.getByRole('button', { name: 'Cancel' }).click();
      await enDialog.waitFor({ state: 'detached' });
      await admin.getByRole('button', { name: '日本語' }).click();
      await admin.getByRole('heading', { level: 1, name: 'FHIR連携クライアント' }).waitFor();
      await form.getByText(/JSON として読めません/).waitFor(); // the field's error follows the language

      // Revoke, after confirming.
      await row.getByRole('button', { name: '失効させる: さくら内科 電子カルテ' }).click();
      const dialog = admin.getByRole('dialog', { name: '「さくら内科 電子カルテ」を失効させますか？' });
      await dialog.getByText(/直ちに使えなくなり/).waitFor();
      await assertAccessible(admin, 'FHIR clients, revoke dialog');
      await screenshot(admin, shot('confirm'));
      await dialog.getByRole('button', { name: '失効させる' }).click();
      await admin.getByRole('status').getByText('「さくら内科 電子カルテ」を失効させました。').waitFor();
      await row.getByText(/^失効（/).waitFor();
      assert.equal(await row.getByRole('button').count(), 0, 'no revoke button on a revoked client');
      await assertAccessible(admin, 'FHIR clients, revoked');
      await screenshot(admin, shot('revoked'));
      await admin.getByRole('button', { name: 'English' }).click();
      await admin.getByRole('table', { name: /^Registered clients/ }).getByRole('row').filter({ hasText: 'さくら内科 電子カルテ' }).getByText(/^Revoked \(/).waitFor();
      await assertAccessible(admin, 'FHIR clients, revoked, in English');
      await admin.getByRole('button', { name: '日本語' }).click();

      // The server agrees: revoked, and its service account suspended.
      const { rows } = await t.superuser('SELECT c.revoked_at, u.status FROM fhir_clients c JOIN users u ON u.id = c.user_id WHERE c.id = $1', [clientId]);
      assert.equal(rows.length, 1);
      assert.ok(rows[0].revoked_at, 'revoked in the database');
      assert.equal(rows[0].status, 'suspended', 'its service-account ID suspended');
    });
  });
}
