// Bulk upload in a real browser (issue 15): the demo clinic's doctor uploads the 200-row sample CSV
// with its errors, watches it being checked, finds each error at its cell, fixes the rows in the
// browser (and decides on the likely duplicate), and registers and submits all 200; a health centre's
// upload is discarded after a confirmation. axe on every screen, in Japanese and English.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { stringify } from 'csv-stringify/sync';
import { headingOf } from '../../src/domain/bulk-upload/columns.ts';
import { templateColumns } from '../../src/server/bulk-uploads/rows.ts';
import { SAMPLE_DUPLICATE, SAMPLE_ROWS, sampleCsv, sampleRows } from '../../src/server/bulk-uploads/sample.ts';
import { assertAccessible, browserAvailable, firstLoginInBrowser, launchBrowser, screenshot, serveApp } from '../harness/browser.ts';
import { ENGINES, freshDatabase, type TestDatabase } from '../harness/engines.ts';

for (const engine of browserAvailable() ? ENGINES : []) {
  describe(`bulk upload in the browser (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let url: string;
    let browser: Browser;
    let page: Page;
    const shot = (name: string) => `bulk-upload-${name}-${engine}`;
    const table = () => page.getByRole('table', { name: 'アップロードした行（誤りはセルに表示）' });

    /** Opens the editor of a row, checks the field's error is tied to it, fills the fixes and saves. */
    async function fix(rowNo: number, fields: Record<string, string>, invalid: string, status = '登録可') {
      await page.getByRole('button', { name: `${rowNo} 行目を修正`, exact: true }).click();
      const editor = page.getByRole('region', { name: `${rowNo} 行目を修正`, exact: true });
      await editor.waitFor();
      const field = editor.getByLabel(invalid, { exact: true });
      assert.equal(await field.getAttribute('aria-invalid'), 'true', `row ${rowNo}: ${invalid} is marked invalid`);
      assert.ok(await field.getAttribute('aria-describedby'), 'its error is tied to it');
      for (const [label, value] of Object.entries(fields)) await editor.getByLabel(label, { exact: true }).fill(value);
      await editor.getByRole('button', { name: '保存して再チェック' }).click();
      await page.getByText(`${rowNo} 行目を保存しました（${status}）。`).waitFor();
    }

    before(async () => {
      t = await freshDatabase(engine);
      ({ app, url } = await serveApp(t));
      browser = await launchBrowser();
      page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
      await page.goto(url);
      await firstLoginInBrowser(page, t, 'sakura-dr1');
    });
    after(async () => {
      await browser.close();
      await app.close();
      await t.close();
    });

    it('the clinic uploads the 200-row sample and sees it checked, with each error at its cell', async () => {
      await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '一括登録', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: '一括登録（CSV・Excel）' }).waitFor();
      await page.getByText('アップロードはまだありません。').waitFor();
      await page.getByText('感染症を選ぶと、そのテンプレートをダウンロードできます。').waitFor();
      await assertAccessible(page, 'bulk upload');
      // A file is one disease's: its templates come once it is chosen.
      await page.getByLabel(/^感染症/).selectOption('covid19');
      assert.match((await page.getByRole('link', { name: 'CSV テンプレート（UTF-8）' }).getAttribute('href'))!, /disease=covid19&format=csv/);
      // A file that is not the template: refused, with what does not match.
      await page.getByLabel('ファイル（CSV または XLSX、5,000行・5 MB まで）').setInputFiles({ name: 'wrong.csv', mimeType: 'text/csv', buffer: Buffer.from('氏名,好きな色\n山田,青\n') });
      await page.getByRole('button', { name: 'アップロード', exact: true }).click();
      await page.getByRole('alert').getByText('見出し行がテンプレートと合いません', { exact: false }).waitFor();
      await page.getByText('必須の列がありません：フリガナ').waitFor();
      await page.getByText('テンプレートにない列：好きな色').waitFor();
      await assertAccessible(page, 'bulk upload, a file refused');
      await page.getByLabel('ファイル（CSV または XLSX、5,000行・5 MB まで）').setInputFiles({ name: 'sample.csv', mimeType: 'text/csv', buffer: sampleCsv() });
      await page.getByRole('button', { name: 'アップロード', exact: true }).click();
      await page.getByText(`${SAMPLE_ROWS} 行をチェックしました`).waitFor({ timeout: 60_000 });
      await page.getByText('登録済 0・登録可 193・重複の疑い 1・要修正 6').waitFor();
      // Row 8 of the file (1985/02/30): the error is in the birth-date cell.
      const eight = table().getByRole('row').filter({ has: page.getByRole('rowheader', { name: '8', exact: true }) });
      const cell = eight.getByRole('cell', { name: /生年月日」が正しい日付ではありません/ });
      await cell.waitFor();
      assert.equal(await cell.getAttribute('aria-invalid'), 'true', 'the cell is marked invalid');
      assert.equal(await eight.locator('td[aria-invalid="true"]').count(), 1, 'and only that cell of the row');
      await assertAccessible(page, 'bulk upload preview');
      await screenshot(page, shot('preview'));
    });

    it('the rows are fixed in the browser, each checked again', async () => {
      const rows = sampleRows();
      await fix(8, { '生年月日 *': '1985/02/28' }, '生年月日 *');
      await page.getByRole('button', { name: '24 行目を修正', exact: true }).click();
      await assertAccessible(page, 'row editor');
      await page.getByRole('button', { name: '閉じる' }).click();
      await fix(24, { '性別 *': '男' }, '性別 *');
      await fix(59, { 'フリガナ *': 'テスト イチロウ' }, 'フリガナ *');
      await fix(92, { '検体採取日': rows[90].diagnosedOn }, '検体採取日');
      await fix(135, { '発生届の対象（4類型）：入院を要する者 *': 'はい' }, '発生届の対象（4類型）：入院を要する者 *');
      await fix(178, { '検体': '鼻腔拭い液' }, '検体');
      // The likely duplicate of the demo world's ヤマダ タロウ: another person after all.
      await page.getByRole('button', { name: `${SAMPLE_DUPLICATE + 1} 行目を修正`, exact: true }).click();
      const editor = page.getByRole('region', { name: `${SAMPLE_DUPLICATE + 1} 行目を修正`, exact: true });
      await editor.getByLabel('別人として新規登録する').check();
      await editor.getByRole('button', { name: '保存して再チェック' }).click();
      await page.getByText(`${SAMPLE_DUPLICATE + 1} 行目を保存しました（登録可）。`).waitFor();
      await page.getByText('登録済 0・登録可 200・重複の疑い 0・要修正 0').waitFor();
    });

    it('all 200 are registered and submitted; each row shows its HER-SYS ID', async () => {
      await page.getByRole('button', { name: '誤りのない行を登録して報告する（200 行）' }).click();
      await page.getByText('200 行を登録しました。').waitFor({ timeout: 120_000 });
      await page.getByText('登録済 200・登録可 0・重複の疑い 0・要修正 0').waitFor();
      await page.getByLabel('すべて').check();
      const two = table().getByRole('row').filter({ has: page.getByRole('rowheader', { name: '2', exact: true }) });
      await two.getByRole('link', { name: /HER-SYS ID \d{8}/ }).waitFor();
      const submitted = await t.superuser(`SELECT count(*)::int AS n FROM notifications n JOIN bulk_upload_rows r ON r.notification_id = n.id WHERE n.status = 'submitted'`);
      assert.equal(submitted.rows[0].n, SAMPLE_ROWS);
      await assertAccessible(page, 'bulk upload registered');
      await screenshot(page, shot('registered'));
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Bulk upload (CSV, Excel): sample.csv' }).waitFor();
      await assertAccessible(page, 'bulk upload registered, in English');
      await page.getByRole('link', { name: 'Back to bulk upload' }).click();
      await page.getByRole('heading', { level: 1, name: 'Bulk upload (CSV, Excel)' }).waitFor();
      await page.getByRole('table', { name: 'Earlier uploads' }).getByRole('link', { name: 'sample.csv' }).waitFor();
      await page.getByRole('table', { name: 'Earlier uploads' }).getByRole('cell', { name: 'COVID-19' }).waitFor();
      await assertAccessible(page, 'bulk upload list, in English');
      await page.getByRole('button', { name: '日本語' }).click();
    });

    it('a health centre keys in faxed forms: it names the institution of its area, and each row its doctor', async () => {
      const hc = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
      await hc.goto(url);
      await firstLoginInBrowser(hc, t, 'shinjuku-h1');
      await hc.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '一括登録', exact: true }).click();
      await hc.getByLabel(/^感染症/).selectOption('covid19');
      await hc.getByLabel('届出医療機関').selectOption({ label: 'さくら内科クリニック' });
      await assertAccessible(hc, 'bulk upload, health centre');
      const rows = sampleRows().slice(0, 2).map((r, i) => ({ ...r, nameKana: i ? 'ファクス ニ' : 'ファクス イチ', birthDate: i ? '1941/01/01' : '1940/01/01', 'answers.four_groups.aged_65_or_over': 'はい' }));
      const { columns } = templateColumns('covid19', '2022-10-20');
      const file = '\uFEFF' + stringify([columns.map((c) => headingOf(c, 'ja')), ...rows.map((r) => columns.map((c) => (r as Record<string, string>)[c.key] ?? ''))]);
      await hc.getByLabel('ファイル（CSV または XLSX、5,000行・5 MB まで）').setInputFiles({ name: 'fax.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
      await hc.getByRole('button', { name: 'アップロード', exact: true }).click();
      await hc.getByText('2 行をチェックしました').waitFor({ timeout: 60_000 });
      await hc.getByText('登録済 0・登録可 0・重複の疑い 0・要修正 2').waitFor();
      await hc.getByRole('cell', { name: /FAX・紙の届出の入力では医師名が必要です/ }).first().waitFor();
      await assertAccessible(hc, 'bulk upload preview, health centre');
      await hc.getByRole('button', { name: 'English' }).click();
      await hc.getByRole('cell', { name: /needs the doctor's name/ }).first().waitFor();
      await assertAccessible(hc, 'bulk upload preview, health centre, in English');
      // Discarded after a confirmation: its rows (none registered) deleted, the upload gone.
      await hc.getByRole('button', { name: 'Discard this upload' }).click();
      const dialog = hc.getByRole('dialog', { name: 'Discard this upload' });
      await dialog.getByText('Delete the 2 rows not registered and discard this upload?').waitFor();
      await assertAccessible(hc, 'bulk upload discard confirmation, in English');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });
      await hc.getByRole('button', { name: '日本語' }).click();
      await hc.getByRole('button', { name: 'このアップロードを破棄する' }).click();
      const jaDialog = hc.getByRole('dialog', { name: 'このアップロードを破棄する' });
      await jaDialog.getByText('未登録の 2 行を削除して、このアップロードを破棄しますか？').waitFor();
      await assertAccessible(hc, 'bulk upload discard confirmation');
      await jaDialog.getByRole('button', { name: '破棄する', exact: true }).click();
      await hc.getByRole('heading', { level: 1, name: '一括登録（CSV・Excel）' }).waitFor();
      await hc.getByText('未登録の 2 行を削除しました。').waitFor();
      await hc.getByText('アップロードはまだありません。').waitFor();
      const left = await t.superuser(`SELECT count(*)::int AS n FROM bulk_upload_rows WHERE cells::text LIKE '%ファクス%'`);
      assert.equal(left.rows[0].n, 0, 'nothing of the rows kept');
      await assertAccessible(hc, 'bulk upload list after a discard');
      await hc.context().close();
    });
  });
}
