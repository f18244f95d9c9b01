// Less typing in a real browser (issue 15). A clinic's doctor registers a child: the postal code
// fills the 所在地 (a code shared by towns asks which; an unknown code says so; an address typed by
// hand is kept unless replaced), and the household member already registered gives the address and
// phone by HER-SYS ID — only a case the doctor may see, the reading audited with its purpose. The
// address is saved normalised. Then the person edit form fills the 所在地 from a new code. axe and
// a screenshot on each screen, in Japanese and in English.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { assertAccessible, browserAvailable, firstLoginInBrowser, launchBrowser, screenshot, serveApp, traceOf, waitShown } from '../harness/browser.ts';
import { ENGINES, freshDatabase, type TestDatabase } from '../harness/engines.ts';
import { Client, firstLogin } from '../harness/http.ts';

/** The household member the clinic registered before. */
const PARENT = {
  nameKanji: '森 花子',
  nameKana: 'モリ ハナコ',
  sex: 'female',
  birthDate: '1988-02-14',
  residenceAddress: '東京都新宿区高田馬場3-2-1 メゾン高田101',
  registeredAddress: '東京都新宿区高田馬場3-2-1',
  phone: '03-0000-5678',
};
const PURPOSE = '患者登録（同一世帯の住所・電話番号の転記）';

for (const engine of browserAvailable() ? ENGINES : []) {
  describe(`less typing in the browser (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let url: string;
    let browser: Browser;
    let page: Page;
    let parent: { caseId: string; caseNumber: string };
    let nakanoCase: string;
    const shot = (name: string) => screenshot(page, `less-typing-${name}-${engine}`);

    before(async () => {
      t = await freshDatabase(engine);
      ({ app, url } = await serveApp(t));
      const clerk: Client = (await firstLogin(t, app, 'sakura-clerk1')).client;
      const r = await clerk.post('/api/registrations', { person: PARENT, choice: { kind: 'new_person' }, tests: [] });
      assert.equal(r.statusCode, 201, JSON.stringify(r.body));
      parent = r.body;
      // A case of 中野区保健所's area, out of the clinic's sight.
      nakanoCase = (await t.superuser("SELECT c.case_number FROM cases c JOIN persons p ON p.id = c.person_id WHERE p.name_kana = 'タナカ ケン'")).rows[0]!.case_number as string;
      browser = await launchBrowser();
      page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' })).newPage();
      await page.goto(url);
      await firstLoginInBrowser(page, t, 'sakura-dr1');
    });
    after(async () => {
      await browser.close();
      await app.close();
      await t.close();
    });

    it('registration: the postal code fills the 所在地, a shared code asks for the town, a household member gives address and phone', async () => {
      const trace = traceOf(page);
      await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '新規登録' }).click();
      await waitShown(page.getByRole('heading', { level: 1, name: '新規登録（患者・検査）' }), trace);
      await page.getByLabel(/^感染症/).selectOption('covid19');
      const postal = page.getByLabel('郵便番号');
      const address = page.getByLabel(/^所在地（居所）/);

      // Full-width digits and 〒, as people type them.
      await postal.fill('〒１６０－００２２');
      await waitShown(page.getByText('所在地（居所）に「東京都新宿区新宿」を入れました。続きの番地などを入力してください。'), trace);
      assert.equal(await address.inputValue(), '東京都新宿区新宿');
      await address.fill('東京都新宿区新宿１ー２ー３');

      // A code shared by towns: the shared prefecture and city replace the earlier place, the 番地 stay; then the town is chosen.
      await postal.fill('391-0321');
      await waitShown(page.getByText('この郵便番号には 2 件の町域があります。「町域」から選んでください。'), trace);
      assert.equal(await address.inputValue(), '長野県北佐久郡立科町１ー２ー３');
      const town = page.getByLabel('町域', { exact: true });
      assert.deepEqual(await town.locator('option').allTextContents(), ['選択してください', '芦田八ケ野（北佐久郡立科町）', '池の平（北佐久郡立科町）']);
      await assertAccessible(page, 'registration with the town to choose');
      await shot('towns');
      await town.selectOption({ label: '池の平（北佐久郡立科町）' });
      await waitShown(page.getByText('所在地（居所）に「長野県北佐久郡立科町池の平」を入れました。続きの番地などを入力してください。'), trace);
      assert.equal(await address.inputValue(), '長野県北佐久郡立科町池の平１ー２ー３');

      // An unknown code says so and leaves the address alone.
      await postal.fill('999-9999');
      await waitShown(page.getByText('郵便番号 999-9999 は見つかりません。住所を直接入力してください。'), trace);
      assert.equal(await address.inputValue(), '長野県北佐久郡立科町池の平１ー２ー３');

      // An address typed by hand is kept until the user asks to replace it.
      await address.fill('大阪府大阪市北区梅田1-1');
      await postal.fill('1600022');
      await waitShown(page.getByText('所在地（居所）に入力済みの住所は変えていません。郵便番号の住所は「東京都新宿区新宿」です。'), trace);
      assert.equal(await address.inputValue(), '大阪府大阪市北区梅田1-1');
      await page.getByRole('button', { name: '郵便番号の住所で置き換える' }).click();
      assert.equal(await address.inputValue(), '東京都新宿区新宿');
      await assertAccessible(page, 'registration with the postal code filled');
      await shot('postal');

      // A household member's case out of sight is not found; a mistyped ID is caught before asking.
      const household = page.getByRole('group', { name: '同じ世帯の患者と同じ住所' });
      await household.getByText('同じ世帯の患者と同じ住所').click(); // closed until wanted
      const number = household.getByLabel('世帯員の患者番号（8桁）');
      const copy = household.getByRole('button', { name: '住所と電話番号を写す' });
      await number.fill(nakanoCase);
      await copy.click();
      await waitShown(household.getByText(`患者番号 ${nakanoCase} の患者は見つかりません（閲覧できる患者のみ）。`), trace);
      const wrongDigit = parent.caseNumber.slice(0, 7) + String((Number(parent.caseNumber[7]) + 1) % 10);
      await number.fill(wrongDigit);
      await number.press('Enter'); // copies, and does not submit the registration
      await waitShown(household.getByText('患者番号は8桁の数字です（最後の桁は誤入力を見つけるための数字です）。'), trace);
      assert.equal(await page.getByRole('heading', { name: /似ている|重複/ }).count(), 0, 'the registration was not submitted');

      // The household member's case: 所在地, 住所 and phone copied; the reading audited with its purpose.
      const readsBefore = (await t.superuser("SELECT count(*)::int AS n FROM audit_log WHERE action = 'cases.read' AND $1 = ANY(record_ids)", [parent.caseId])).rows[0]!.n as number;
      await number.fill(parent.caseNumber);
      await copy.click();
      await waitShown(household.getByText(`モ* ハ**（患者番号 ${parent.caseNumber}）の所在地・住所・電話番号を写しました。`), trace);
      assert.equal(await address.inputValue(), PARENT.residenceAddress);
      assert.equal(await page.getByLabel('住所（住民票）').inputValue(), PARENT.registeredAddress);
      assert.equal(await page.getByLabel('電話番号', { exact: true }).inputValue(), PARENT.phone);
      assert.equal(await page.locator('details.more').filter({ hasText: '住所（住民票）' }).getAttribute('open'), '', 'the copied 住所 and phone are shown');
      const reads = await t.superuser("SELECT purpose FROM audit_log WHERE action = 'cases.read' AND $1 = ANY(record_ids) ORDER BY seq", [parent.caseId]);
      assert.equal(reads.rows.length, readsBefore + 1);
      assert.equal(reads.rows.at(-1)!.purpose, PURPOSE);
      const searches = await t.superuser("SELECT record_ids, details FROM audit_log WHERE action = 'cases.search' ORDER BY seq DESC LIMIT 1");
      assert.deepEqual(searches.rows[0]!.record_ids, [parent.caseId]);
      assert.equal((searches.rows[0]!.details as { filter: { caseNumber: string } }).filter.caseNumber, parent.caseNumber);
      await assertAccessible(page, 'registration with the household address copied');
      await shot('household');

      // Edited still, and saved normalised.
      await address.fill('東京都新宿区高田馬場３ー２ー１　メゾン高田１０２');
      await page.getByLabel('氏名（漢字）').fill('森 小太郎');
      await page.getByLabel(/^氏名（カナ）/).fill('モリ コタロウ');
      await page.getByRole('radio', { name: '男' }).check();
      await page.getByLabel(/^生年月日/).fill('2018-05-05');
      await page.getByLabel('検体採取日').fill('2022-10-02');
      await page.getByLabel('結果 必須').selectOption('positive');
      await page.getByRole('button', { name: '登録して発生届へ' }).click();
      // The parent is no likely duplicate (another name, sex and birth date): straight on to the notification.
      await page.waitForURL(/\/notifications\/[0-9a-f-]{36}$/);
      const saved = await t.superuser("SELECT residence_address, registered_address, phone FROM persons WHERE name_kana = 'モリ コタロウ'");
      assert.deepEqual(saved.rows[0], { residence_address: '東京都新宿区高田馬場3-2-1　メゾン高田102', registered_address: PARENT.registeredAddress, phone: PARENT.phone });
    });

    it('the same in English', async () => {
      const trace = traceOf(page);
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Register' }).click();
      await waitShown(page.getByRole('heading', { level: 1, name: 'Register a patient and tests' }), trace);
      await page.getByLabel('Postal code').fill('391-0321');
      await waitShown(page.getByText('This postal code has 2 towns: choose one under “Town”.'), trace);
      await page.getByLabel('Town', { exact: true }).selectOption({ index: 1 });
      await waitShown(page.getByText('“長野県北佐久郡立科町芦田八ケ野” was entered into Location (where the person stays). Type the rest of the address.'), trace);
      const household = page.getByRole('group', { name: 'Same address as a household member' });
      await household.getByText('Same address as a household member').click();
      await household.getByLabel('Household member’s case number (8 digits)').fill(parent.caseNumber);
      await household.getByRole('button', { name: 'Copy address and phone' }).click();
      await waitShown(household.getByText(`Copied the location, address, phone of モ* ハ** (case number ${parent.caseNumber}).`), trace);
      await assertAccessible(page, 'registration in English');
      await shot('en');
      await page.getByRole('button', { name: '日本語' }).click();
    });

    it('the person edit form fills the 所在地 from a new postal code, in Japanese and English', async () => {
      const trace = traceOf(page);
      await page.goto(`${url}/cases/${parent.caseId}`);
      await waitShown(page.getByRole('heading', { level: 1, name: '閲覧の目的' }), trace);
      await page.getByRole('button', { name: '開く' }).click();
      const panel = page.getByRole('tabpanel', { name: '基本情報' });
      await waitShown(panel.getByRole('button', { name: '編集', exact: true }), trace);
      await panel.getByRole('button', { name: '編集', exact: true }).click();
      const form = panel.getByRole('form', { name: '本人の基本情報の編集' });
      const address = form.getByLabel('所在地（居所）');
      assert.equal(await address.inputValue(), PARENT.residenceAddress);
      // A moved household: the address typed before is kept until replaced; the rest is typed.
      await form.getByLabel('郵便番号').fill('135-0064');
      await waitShown(form.getByText('所在地（居所）に入力済みの住所は変えていません。郵便番号の住所は「東京都江東区青海」です。'), trace);
      await form.getByRole('button', { name: '郵便番号の住所で置き換える' }).click();
      await address.press('End');
      await address.pressSequentially('２ー７ー１');
      assert.equal(await address.inputValue(), '東京都江東区青海２ー７ー１');
      await assertAccessible(page, 'person edit form with the postal code');
      await shot('person-edit');
      await form.getByRole('button', { name: '保存' }).click();
      await waitShown(panel.getByRole('status').getByText('基本情報を保存しました。'), trace);
      const row = await t.superuser('SELECT residence_address FROM persons p JOIN cases c ON c.person_id = p.id WHERE c.id = $1', [parent.caseId]);
      assert.equal(row.rows[0]!.residence_address, '東京都江東区青海2-7-1');

      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('tabpanel', { name: 'Basic' }).getByRole('button', { name: 'Edit', exact: true }).click();
      const en = page.getByRole('form', { name: 'Edit the person’s details' });
      await en.getByLabel('Postal code').fill('1600022');
      await waitShown(en.getByText('The address already in Location (where the person stays) was left as it is. The postal code’s address is “東京都新宿区新宿”.'), trace);
      await assertAccessible(page, 'person edit form in English');
      await shot('person-edit-en');
    });
  });
}
