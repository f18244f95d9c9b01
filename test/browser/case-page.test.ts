// The case page and the follow-up screens in a real browser, on the demo world: a health centre
// opens a case from its list (no purpose asked: that is its work), goes through every tab (axe on
// each, screenshots), sets 自宅療養中, registers close contacts after the duplicate check, sees the
// transmission chain drawn, and transfers the case — after which the other centre has it and the
// first no longer can open it. A case opened by its URL asks for the purpose, which the audit log
// keeps; a facility enters a health observation whose SpO2 raises an alert. The page-load time of
// the case page is measured and printed for the closing note.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assertAccessible, browserAvailable, firstLoginInBrowser, launchBrowser, screenshot, serveApp } from '../harness/browser.ts';
import { ENGINES, freshDatabase, type TestDatabase } from '../harness/engines.ts';

/** The tabs in the seeds' order, and the reads each waits for before it is checked. */
const TABS: [name: string, key: string, reads: RegExp[]][] = [
  ['基本情報', 'basic', [/\/external-ids$/]],
  ['検査', 'tests', []],
  ['発生届', 'notifications', []],
  ['居所', 'residence', [/\/residences$/]],
  ['健康観察', 'observations', [/\/observations$/, /\/alerts$/, /\/observations\/symptoms$/]],
  ['医療', 'medical', [/\/hospital-course$/]],
  ['記録', 'record', [/\/status$/, /\/responsibility$/]],
  ['濃厚接触者', 'contacts', [/\/contacts$/, /\/chain$/]],
  ['変更履歴', 'history', [/\/status$/, /\/responsibility$/]],
];

/** Opens a tab and waits until what it reads has arrived and been drawn. */
async function openTab(page: Page, name: string) {
  const tab = TABS.find(([n]) => n === name)!;
  const selected = await page.getByRole('tab', { name, exact: true }).getAttribute('aria-selected');
  const reads = selected === 'true' ? [] : tab[2].map((re) => page.waitForResponse((r) => re.test(new URL(r.url()).pathname) && r.request().method() === 'GET'));
  await page.getByRole('tab', { name, exact: true }).click();
  await Promise.all(reads);
  await page.getByRole('tabpanel', { name }).getByRole('heading', { level: 2 }).first().waitFor();
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

for (const engine of browserAvailable() ? ENGINES : []) {
  describe(`the case page and follow-up in the browser (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let url: string;
    let browser: Browser;
    let shinjuku: BrowserContext;
    let page: Page;
    let yamadaId: string;
    let satoId: string;
    const shot = (name: string) => `case-${name}-${engine}`;
    const caseIdOf = async (kana: string) =>
      (await t.superuser('SELECT c.id FROM cases c JOIN persons p ON p.id = c.person_id WHERE p.name_kana = $1', [kana])).rows[0].id as string;

    before(async () => {
      t = await freshDatabase(engine);
      ({ app, url } = await serveApp(t));
      browser = await launchBrowser();
      yamadaId = await caseIdOf('ヤマダ タロウ');
      satoId = await caseIdOf('サトウ ハナコ');
      shinjuku = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      page = await shinjuku.newPage();
      await page.goto(url);
      await firstLoginInBrowser(page, t, 'shinjuku-h1');
    });
    after(async () => {
      await browser.close();
      await app.close();
      await t.close();
    });

    it('health-centre staff opens ヤマダ タロウ from the case list (no purpose asked); every tab is accessible; arrow keys move between tabs', async () => {
      await page.getByRole('link', { name: '患者一覧' }).click();
      await page.getByLabel('氏名（カナ）').fill('ヤマダ');
      await page.getByRole('button', { name: '検索' }).click();
      const row = page.getByRole('table', { name: '患者一覧' }).getByRole('row').filter({ hasText: 'ヤ** タ**' });
      await row.waitFor();

      // Page-load time: from the click in the list to the 基本情報 tab showing the person.
      const started = performance.now();
      await Promise.all([page.waitForResponse((r) => /\/external-ids$/.test(r.url())), row.getByRole('link').click()]);
      await page.getByRole('tabpanel', { name: '基本情報' }).getByText('ヤマダ タロウ', { exact: true }).waitFor();
      const ms = performance.now() - started;
      console.log(`[page-load] case page from the case list to 基本情報 shown (${engine}): ${ms.toFixed(0)} ms`);

      await page.getByRole('heading', { level: 1, name: /山田 太郎/ }).waitFor();
      assert.equal(await page.getByRole('heading', { name: '閲覧の目的' }).count(), 0, 'no purpose asked for one’s own work');
      const tabs = await page.getByRole('tab').allTextContents();
      assert.deepEqual(tabs, TABS.map(([n]) => n), 'the tabs in the seeds’ order');
      const read = await t.superuser("SELECT purpose FROM audit_log WHERE action = 'cases.read' AND $1 = ANY(record_ids) ORDER BY seq DESC LIMIT 1", [yamadaId]);
      assert.equal(read.rows[0].purpose, '担当業務（一覧から）');

      // The ARIA tab pattern: arrow keys (and Home, End) move the selection and the focus.
      const focusedTab = (name: string) => page.waitForFunction((n) => document.activeElement?.getAttribute('role') === 'tab' && document.activeElement.textContent === n, name);
      await page.getByRole('tab', { name: '基本情報' }).focus();
      await page.keyboard.press('ArrowRight');
      await page.getByRole('tab', { name: '検査', selected: true }).waitFor();
      await focusedTab('検査');
      await page.keyboard.press('End');
      await page.getByRole('tab', { name: '変更履歴', selected: true }).waitFor();
      await focusedTab('変更履歴');
      await page.keyboard.press('ArrowRight');
      await page.getByRole('tab', { name: '基本情報', selected: true }).waitFor();
      await focusedTab('基本情報');
      await page.keyboard.press('ArrowLeft');
      await focusedTab('変更履歴');
      await page.keyboard.press('Home');
      await focusedTab('基本情報');
      assert.equal(await page.getByRole('tab', { selected: true }).count(), 1);

      for (const [name, key] of TABS) {
        await openTab(page, name);
        await assertAccessible(page, `case tab ${name}`);
        await screenshot(page, shot(`tab-${key}`));
      }

      // In English after the switch, the same tabs and labels.
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('tab', { name: 'Record' }).click();
      await page.getByRole('tabpanel', { name: 'Record' }).getByLabel('New status').waitFor();
      assert.deepEqual(await page.getByRole('tab').allTextContents(), ['Basic', 'Tests', 'Notifications', 'Residence', 'Health observation', 'Medical', 'Record', 'Close contacts', 'History']);
      await assertAccessible(page, 'record tab in English');
      await screenshot(page, shot('tab-record-en'));
      await page.getByRole('button', { name: '日本語' }).click();
      await page.getByRole('tab', { name: '基本情報' }).click();
    });

    it('sets 自宅療養中 on the 記録 tab, offering only the moves the rules allow', async () => {
      await openTab(page, '記録');
      const select = page.getByLabel('新しいステータス');
      // From no status the health centre may set any of the 8 (plus the empty first choice).
      assert.equal(await select.locator('option').count(), 9);
      await select.selectOption({ label: '自宅療養中' });
      await page.getByRole('button', { name: 'ステータスを変更' }).click();
      await page.getByText('ステータスを変更しました。').waitFor();
      await page.locator('.current-status').getByText('自宅療養中').waitFor();
      assert.equal(await select.locator('option', { hasText: '自宅療養中' }).count(), 0, 'the same status is no move');
      const row = await t.superuser('SELECT current_status FROM cases WHERE id = $1', [yamadaId]);
      assert.equal(row.rows[0].current_status, 'home');
      await openTab(page, '変更履歴');
      await page.getByRole('tabpanel', { name: '変更履歴' }).getByText('未入力 → 自宅療養中', { exact: false }).waitFor();
      await screenshot(page, shot('status-history'));
    });

    it('adds close contacts on the 濃厚接触者 tab after the duplicate check, and draws the chain', async () => {
      await openTab(page, '濃厚接触者');
      const panel = page.getByRole('tabpanel', { name: '濃厚接触者' });
      // A new person: the duplicate check finds nobody, the contact is registered at once.
      await panel.getByLabel('氏名', { exact: true }).fill('山田 花子');
      await panel.getByLabel('氏名（カナ）').fill('ヤマダ ハナコ');
      await panel.getByLabel('性別').selectOption({ label: '女' });
      await panel.getByLabel('生年月日').fill('1960-05-01');
      await panel.getByLabel('続柄・関係').fill('配偶者');
      await panel.getByRole('button', { name: '重複を確認して登録' }).click();
      await page.getByText('濃厚接触者を登録しました。').waitFor();
      await panel.getByRole('table', { name: '濃厚接触者の一覧' }).getByRole('cell', { name: '山田 花子（ヤマダ ハナコ）', exact: true }).waitFor();

      // A person already known (サトウ ハナコ, same birth date): the candidates are shown and chosen.
      await panel.getByLabel('氏名', { exact: true }).fill('佐藤 花子');
      await panel.getByLabel('氏名（カナ）').fill('サトウ ハナコ');
      await panel.getByLabel('性別').selectOption({ label: '女' });
      await panel.getByLabel('生年月日').fill('1990-11-03');
      await panel.getByLabel('接触の状況').selectOption({ label: '職場' });
      await panel.getByRole('button', { name: '重複を確認して登録' }).click();
      const candidates = panel.getByRole('table', { name: '重複の可能性がある人' });
      await candidates.getByText('サ** ハ**').waitFor();
      await assertAccessible(page, 'duplicate candidates');
      await screenshot(page, shot('contact-candidates'));
      await candidates.getByRole('button', { name: 'この人を登録（サ** ハ**）' }).click();
      await page.getByText('濃厚接触者を登録しました。').waitFor();
      const list = panel.getByRole('table', { name: '濃厚接触者の一覧' });
      await list.getByRole('cell', { name: '佐藤 花子（サトウ ハナコ）', exact: true }).waitFor();
      const persons = await t.superuser("SELECT count(*)::int AS n FROM persons WHERE name_kana = 'サトウ ハナコ'");
      assert.equal(persons.rows[0].n, 1, 'the known person was chosen, not registered twice');

      // The chain: this case and its two contacts, as an image and as tables.
      const graph = panel.getByRole('img', { name: /感染経路図/ });
      await graph.waitFor();
      await panel.getByRole('table', { name: '感染経路の人（表）' }).getByRole('row').nth(3).waitFor();
      assert.equal(await panel.getByRole('table', { name: '感染経路の人（表）' }).getByRole('row').count(), 4, 'a header and three people');
      assert.equal(await panel.getByRole('table', { name: '感染経路の接触（表）' }).getByRole('row').count(), 3, 'a header and two links');
      assert.equal(await graph.locator('g.chain-node').count(), 3);
      assert.equal(await graph.locator('line.chain-edge').count(), 2);
      await assertAccessible(page, 'contacts and chain');
      await screenshot(page, shot('chain'));
    });

    it('the other follow-up forms: tests, external ID, stay, admission and course, related and follow-up centres, processing number', async () => {
      const panel = (name: string) => page.getByRole('tabpanel', { name });
      // 検査: one more test, then its correction.
      await openTab(page, '検査');
      await panel('検査').getByLabel('検体', { exact: true }).selectOption({ label: '鼻咽頭拭い液' });
      await panel('検査').getByRole('button', { name: '検査を登録' }).click();
      await page.getByText('保存しました。').first().waitFor();
      const tests = panel('検査').getByRole('table', { name: '検査' });
      await tests.getByRole('cell', { name: '陽性', exact: true }).waitFor();
      await tests.getByRole('button', { name: '訂正' }).click();
      const correction = panel('検査').locator('form', { has: page.getByRole('heading', { name: /検査の訂正/ }) });
      await correction.getByLabel('結果', { exact: true }).selectOption({ label: '陰性' });
      await correction.getByRole('button', { name: '保存', exact: true }).click();
      await tests.getByRole('cell', { name: '陰性', exact: true }).waitFor();
      assert.equal((await t.superuser('SELECT result FROM lab_tests WHERE case_id = $1', [yamadaId])).rows[0].result, 'negative');

      // 基本情報: a NESID ID, kept in upper case.
      await openTab(page, '基本情報');
      await panel('基本情報').getByLabel('ID', { exact: true }).fill('tky0001a');
      await panel('基本情報').getByRole('button', { name: 'IDを追加' }).click();
      await panel('基本情報').getByRole('cell', { name: 'TKY0001A', exact: true }).waitFor();

      // 居所: a stay at home from today, then ended.
      await openTab(page, '居所');
      await panel('居所').getByLabel('住所', { exact: true }).fill('東京都新宿区西新宿二丁目8番1号');
      await panel('居所').getByRole('button', { name: '居所を登録' }).click();
      await panel('居所').getByRole('cell', { name: '継続中', exact: true }).waitFor();
      await panel('居所').getByRole('button', { name: '終了する' }).click();
      await panel('居所').getByText('居所を終了しました。').waitFor();
      assert.equal(await panel('居所').getByRole('cell', { name: '継続中', exact: true }).count(), 0);

      // 医療: the centre records an admission to a hospital, the course with ICU (重症), the discharge.
      await openTab(page, '医療');
      await panel('医療').getByLabel('医療機関', { exact: true }).selectOption({ label: '中野みどり病院' });
      await panel('医療').getByRole('button', { name: '入院を登録' }).click();
      await panel('医療').getByRole('cell', { name: '入院中', exact: true }).waitFor();
      await panel('医療').getByLabel('重症度', { exact: true }).selectOption({ label: '中等症Ⅱ' });
      await panel('医療').getByLabel('ICU').check();
      await panel('医療').getByRole('button', { name: '臨床経過を登録' }).click();
      await panel('医療').getByText('現在の重症度: 重症').waitFor();
      await panel('医療').getByRole('button', { name: '退院を入力' }).click();
      await panel('医療').getByLabel('転帰', { exact: true }).selectOption({ label: '軽快' });
      await panel('医療').getByLabel('退院後のステータス').selectOption({ label: '自宅療養中' });
      await panel('医療').getByRole('button', { name: '退院を登録' }).click();
      await panel('医療').getByRole('cell', { name: '軽快', exact: true }).waitFor();
      await assertAccessible(page, 'medical tab with entries');
      await screenshot(page, shot('medical-entries'));

      // 記録: a related centre added and removed; a follow-up centre assigned and ended.
      await openTab(page, '記録');
      const record = panel('記録');
      await record.getByLabel('関係保健所', { exact: true }).selectOption({ label: '中野区保健所' });
      await record.getByRole('button', { name: '追加する' }).click();
      await record.getByRole('button', { name: '関係保健所 中野区保健所 を削除' }).click();
      await record.getByRole('button', { name: '関係保健所 中野区保健所 を削除' }).waitFor({ state: 'detached' });
      await record.getByLabel('フォローアップセンター', { exact: true }).selectOption({ label: '東京都陽性者フォローアップセンター' });
      await record.getByRole('button', { name: '割り当てる' }).click();
      await record.getByRole('button', { name: '東京都陽性者フォローアップセンター への割り当てを終了' }).click();
      await record.getByRole('button', { name: /への割り当てを終了/ }).waitFor({ state: 'detached' });
      const assigned = await t.superuser("SELECT ends_at IS NOT NULL AS ended FROM case_assignments WHERE case_id = $1 AND kind = 'followup'", [yamadaId]);
      assert.deepEqual(assigned.rows.map((r) => r.ended), [true]);

      // 処理番号: shown once, with the notice to write it down; the list shows it without the number.
      await record.getByRole('button', { name: '処理番号を発行' }).click();
      await record.getByText('今すぐ控えてください。この番号は二度と表示されません。').waitFor();
      const number = (await record.locator('.once .number').textContent())!;
      assert.match(number, /^\d{8}$/);
      await record.getByRole('cell', { name: '有効', exact: true }).waitFor();
      assert.equal(await record.getByRole('table', { name: '処理番号' }).getByText(number).count(), 0);
      await assertAccessible(page, 'record tab with a processing number');
      await screenshot(page, shot('processing-number'));
    });

    it('a case opened by its URL asks for the purpose first; the audit log keeps it', async () => {
      await page.goto(`${url}/cases/${satoId}`);
      await page.getByRole('heading', { level: 1, name: '閲覧の目的' }).waitFor();
      const before = await t.superuser("SELECT count(*)::int AS n FROM audit_log WHERE action = 'cases.read' AND $1 = ANY(record_ids)", [satoId]);
      assert.equal(before.rows[0].n, 0, 'nothing is opened before the purpose is given');
      await assertAccessible(page, 'purpose prompt');
      await screenshot(page, shot('purpose'));
      // その他 without saying what is refused at the field.
      await page.getByLabel('目的', { exact: true }).selectOption({ label: 'その他' });
      await page.getByRole('button', { name: '開く' }).click();
      await page.getByText('「その他」の目的を入力してください。').waitFor();
      await page.getByLabel('目的', { exact: true }).selectOption({ label: '疫学調査' });
      await page.getByLabel(/補足/).fill('接触者の確認');
      await page.getByRole('button', { name: '開く' }).click();
      await page.getByRole('heading', { level: 1, name: /佐藤 花子/ }).waitFor();
      const read = await t.superuser("SELECT purpose FROM audit_log WHERE action = 'cases.read' AND $1 = ANY(record_ids) ORDER BY seq DESC LIMIT 1", [satoId]);
      assert.equal(read.rows[0].purpose, '疫学調査: 接触者の確認');
      // Every read of the viewing carries it, e.g. the record tab's.
      await openTab(page, '記録');
      const status = await t.superuser("SELECT purpose FROM audit_log WHERE action = 'cases.status_read' AND $1 = ANY(record_ids) ORDER BY seq DESC LIMIT 1", [satoId]);
      assert.equal(status.rows[0].purpose, '疫学調査: 接触者の確認');

      // Navigation Timing: a reload of the case page (the purpose stays with the history entry).
      await page.reload();
      await page.getByRole('tabpanel', { name: '記録' }).locator('.current-status').waitFor();
      const sinceNavigation = await page.evaluate(() => performance.now());
      console.log(`[page-load] case page reloaded, navigation start to 記録 tab shown (${engine}): ${sinceNavigation.toFixed(0)} ms`);
    });

    it('transfers the case to 中野区保健所: Nakano sees it in its list, Shinjuku can no longer open it', async () => {
      await page.goto(`${url}/cases`);
      await page.getByLabel('氏名（カナ）').fill('ヤマダ');
      await page.getByRole('button', { name: '検索' }).click();
      await page.getByRole('table', { name: '患者一覧' }).getByRole('row').filter({ hasText: 'ヤ** タ**' }).getByRole('link').click();
      await page.getByRole('heading', { level: 1, name: /山田 太郎/ }).waitFor();
      await openTab(page, '記録');
      await page.getByLabel('移管先の保健所').selectOption({ label: '中野区保健所' });
      await page.getByLabel('移管の理由').fill('中野区の親族宅へ転居のため');
      await screenshot(page, shot('transfer'));
      await page.getByRole('button', { name: '移管する' }).click();
      await page.getByText('中野区保健所へ移管しました。').waitFor();
      await assertAccessible(page, 'transferred');

      const nakano = await browser.newContext({ viewport: { width: 800, height: 1000 } });
      const other = await nakano.newPage();
      await other.goto(url);
      await firstLoginInBrowser(other, t, 'nakano-h1');
      await other.getByRole('link', { name: '患者一覧' }).click();
      await other.getByLabel('氏名（カナ）').fill('ヤマダ');
      await other.getByRole('button', { name: '検索' }).click();
      const row = other.getByRole('table', { name: '患者一覧' }).getByRole('row').filter({ hasText: 'ヤ** タ**' });
      await row.waitFor();
      await row.getByRole('link').click();
      await other.getByRole('heading', { level: 1, name: /山田 太郎/ }).waitFor();
      await openTab(other, '記録');
      await other.getByRole('tabpanel', { name: '記録' }).getByText('中野区保健所', { exact: true }).first().waitFor();
      await assertAccessible(other, 'record tab on a tablet');
      await screenshot(other, shot('tablet-record-nakano'));
      await nakano.close();

      await page.goto(`${url}/cases/${yamadaId}`);
      await page.getByRole('heading', { level: 1, name: '閲覧の目的' }).waitFor();
      await page.getByRole('button', { name: '開く' }).click();
      await page.getByRole('alert').getByText('対象が見つかりません。').waitFor();
      assert.equal(await page.getByRole('heading', { name: /山田 太郎/ }).count(), 0);
      await assertAccessible(page, 'case not found');
      await screenshot(page, shot('not-found'));
    });

    it('a facility sees its resident サトウ ハナコ and enters a health observation; SpO2 93 raises an alert on the 健康観察 tab', async () => {
      const facility = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const fp = await facility.newPage();
      await fp.goto(url);
      await firstLoginInBrowser(fp, t, 'tokyo-hotel1');
      const row = fp.getByRole('table', { name: '担当の患者' }).getByRole('row').filter({ hasText: 'サ** ハ**' });
      await row.getByRole('link').click();
      await fp.getByRole('heading', { level: 1, name: /佐藤 花子/ }).waitFor();
      assert.equal(await fp.getByRole('tab', { name: '濃厚接触者' }).count(), 0, 'no contacts tab without the right');

      await openTab(fp, '健康観察');
      const panel = fp.getByRole('tabpanel', { name: '健康観察' });
      assert.equal(await panel.getByLabel('方法').inputValue(), 'facility_round', 'a facility’s usual method first');
      await panel.getByLabel('体温（℃）').fill('37.8');
      await panel.getByLabel('SpO2（%）').fill('93');
      await panel.getByLabel('咳').check();
      await panel.getByRole('button', { name: '健康観察を登録' }).click();
      await panel.getByRole('alert').getByText('要注意アラートが発生しました', { exact: false }).waitFor();
      await panel.getByRole('table', { name: '要注意アラート' }).getByText('SpO2 が 93% です（93% 以下）。').waitFor();
      await panel.getByRole('table', { name: '健康観察の記録' }).getByText('37.8 ℃').waitFor();
      assert.equal(await panel.getByRole('button', { name: '確認済にする' }).count(), 0, 'only the health centre acknowledges');
      await assertAccessible(fp, 'facility observation');
      await screenshot(fp, shot('facility-observation'));
      const alerts = await t.superuser("SELECT rule FROM case_alerts WHERE case_id = $1", [satoId]);
      assert.deepEqual(alerts.rows.map((r) => r.rule), ['low_spo2']);

      // No status yet: a facility moves only its residents' 宿泊療養中 on (case-status.ts).
      await openTab(fp, '記録');
      await fp.getByText('あなたが変更できるステータスはありません', { exact: false }).waitFor();
      await facility.close();

      // The responsible centre acknowledges it on the same tab.
      await page.goto(`${url}/`);
      await page.getByRole('table', { name: /要注意アラート/ }).getByRole('row').filter({ hasText: 'サ** ハ**' }).getByRole('link').click();
      await openTab(page, '健康観察');
      const hc = page.getByRole('tabpanel', { name: '健康観察' });
      await hc.getByLabel('対応メモ').fill('電話で状態確認、受診調整');
      await hc.getByRole('button', { name: '確認済にする' }).click();
      await page.getByText('アラートを確認済にしました。').waitFor();
      await hc.getByRole('table', { name: '要注意アラート' }).getByText('電話で状態確認、受診調整').waitFor();
    });
  });
}
