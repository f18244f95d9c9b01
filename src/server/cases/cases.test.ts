// Registration and the 検査 tab through the API: case numbers, likely duplicates within one's
// scope (masked), the three choices of Q&A 7, proxy entry by a health centre, test records with
// specimens per method and at most 4 at once (Q&A 6), corrections with version and audit.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { closeApp, firstLogin, openApp, type LoggedIn } from '../../../test/harness/http.ts';
import { japanToday } from '../../domain/calendar.ts';
import { isValidCaseNumber } from '../../domain/case-number.ts';

const PERSON = {
  nameKanji: '山本 花子',
  nameKana: 'ヤマモト ハナコ',
  sex: 'female',
  birthDate: '1985-05-05',
  residenceAddress: '東京都新宿区西新宿2-8-1',
  phone: '090-1234-5678',
};
const PCR_POSITIVE = { method: 'naat', specimen: 'nasopharyngeal_swab', collectedOn: '2026-11-19', result: 'positive', resultOn: '2026-11-20' };

for (const engine of ENGINES) {
  describe(`registration and test records (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let doctor: LoggedIn;
    let hc: LoggedIn;
    let otherClinic: LoggedIn;
    let registered: { caseId: string; personId: string; caseNumber: string };
    const count = async (table: string) => (await t.superuser(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;

    before(async () => {
      ({ t, app } = await openApp(engine));
      [doctor, hc, otherClinic] = [
        await firstLogin(t, app, 'sakura-dr1'),
        await firstLogin(t, app, 'shinjuku-h1'),
        await firstLogin(t, app, 'midori-dr1'),
      ];
    });
    after(() => closeApp(t, app));

    it('a doctor registers a new person with a positive PCR test; the case goes to the centre of the clinic’s area', async () => {
      const r = await doctor.client.post('/api/registrations', { person: PERSON, choice: { kind: 'new_person' }, tests: [PCR_POSITIVE] });
      assert.equal(r.statusCode, 201, JSON.stringify(r.body));
      assert.equal(r.body.created, 'person_and_case');
      assert.ok(isValidCaseNumber(r.body.caseNumber));
      assert.match(r.body.selfReportId, /^[A-Z2-9]{10}$/);
      assert.equal(r.body.testIds.length, 1);
      registered = r.body;
      const row = (await t.superuser('SELECT responsible_hc_id, reporting_org_id, prefecture_id FROM cases WHERE id = $1', [r.body.caseId])).rows[0];
      assert.deepEqual(row, { responsible_hc_id: t.world.orgIds['shinjuku-hc'], reporting_org_id: t.world.orgIds['sakura-clinic'], prefecture_id: t.world.orgIds.tokyo });

      const opened = await doctor.client.get(`/api/cases/${r.body.caseId}`, { 'x-hersys-purpose': encodeURIComponent('発生届の作成') });
      assert.equal(opened.statusCode, 200);
      assert.equal(opened.body.person.nameKanji, '山本 花子');
      assert.equal(opened.body.tests[0].result, 'positive');
      const read = (await t.superuser("SELECT purpose, record_ids FROM audit_log WHERE action = 'cases.read' ORDER BY seq DESC LIMIT 1")).rows[0];
      assert.equal(read.purpose, '発生届の作成');
      assert.deepEqual(read.record_ids, [r.body.caseId, r.body.personId]);
    });

    it('finds likely duplicates by kana, similar kana and phone, masked, within the user’s scope only', async () => {
      const check = (body: object, who = doctor) => who.client.post('/api/registrations/duplicates', body);
      const same = await check({ nameKana: 'やまもと　はなこ', birthDate: '1985-05-05', sex: 'female' });
      assert.equal(same.statusCode, 200);
      assert.equal(same.body.candidates.length, 1);
      const c = same.body.candidates[0];
      assert.deepEqual(c.matchedBy, ['same_kana']);
      assert.equal(c.maskedName, 'ヤ*** ハ**');
      assert.equal(c.cases[0].caseNumber, registered.caseNumber);
      assert.ok(!JSON.stringify(same.body).includes('ヤマモト') && !JSON.stringify(same.body).includes('山本'), 'masked');

      const similar = await check({ nameKana: 'ヤマモト ハナ', birthDate: '1985-05-05', sex: 'female' });
      assert.deepEqual(similar.body.candidates[0].matchedBy, ['similar_kana']);
      const otherSex = await check({ nameKana: 'ヤマモト ハナ', birthDate: '1985-05-05', sex: 'male' });
      assert.equal(otherSex.body.candidates.length, 0, 'similar kana counts only with the same sex');
      const phone = await check({ nameKana: 'タナカ ユミ', birthDate: '1985-05-05', sex: 'female', phone: '09012345678' });
      assert.deepEqual(phone.body.candidates[0].matchedBy, ['same_phone']);
      assert.equal((await check({ nameKana: 'ヤマモト ハナコ', birthDate: '1985-05-06', sex: 'female' })).body.candidates.length, 0);
      assert.equal((await check({ nameKana: 'ヤマモト ハナコ', birthDate: '1985-05-05', sex: 'female' }, otherClinic)).body.candidates.length, 0, 'another clinic cannot see her');
      assert.equal((await check({ nameKana: 'ヤマモト ハナコ', birthDate: '1985-05-05', sex: 'female' }, hc)).body.candidates.length, 1, 'her health centre can');
    });

    it('same person, new case (a new episode) or the existing case (same course of care) — Q&A 7', async () => {
      const episode = await doctor.client.post('/api/registrations', { person: PERSON, choice: { kind: 'new_case', personId: registered.personId } });
      assert.equal(episode.body.created, 'case');
      assert.equal(episode.body.personId, registered.personId);
      assert.notEqual(episode.body.caseId, registered.caseId);
      const persons = await count('persons');
      const same = await doctor.client.post('/api/registrations', {
        person: PERSON,
        choice: { kind: 'existing_case', caseId: registered.caseId },
        tests: [{ method: 'antigen_qualitative', specimen: 'nasal_swab', collectedOn: '2026-11-20', result: 'positive' }],
      });
      assert.equal(same.body.created, 'nothing');
      assert.equal(same.body.caseId, registered.caseId);
      assert.equal(await count('persons'), persons);
      const opened = await doctor.client.get(`/api/cases/${registered.caseId}`);
      assert.equal(opened.body.tests.length, 2);
    });

    it('a health centre enters a faxed registration for a clinic in its area, not elsewhere', async () => {
      const person = { ...PERSON, nameKanji: '佐々木 一', nameKana: 'ササキ ハジメ', sex: 'male', birthDate: '1950-02-02' };
      const ok = await hc.client.post('/api/registrations', { person, choice: { kind: 'new_person' }, institutionId: t.world.orgIds['sakura-clinic'], tests: [PCR_POSITIVE] });
      assert.equal(ok.statusCode, 201);
      const row = (await t.superuser('SELECT reporting_org_id FROM cases WHERE id = $1', [ok.body.caseId])).rows[0];
      assert.equal(row.reporting_org_id, t.world.orgIds['sakura-clinic']);
      const elsewhere = await hc.client.post('/api/registrations', { person, choice: { kind: 'new_person' }, institutionId: t.world.orgIds['midori-hospital'] });
      assert.equal(elsewhere.statusCode, 403);
      assert.equal(elsewhere.body.code, 'institution_outside_area');
      const missing = await hc.client.post('/api/registrations', { person, choice: { kind: 'new_person' } });
      assert.equal(missing.statusCode, 400);
      assert.deepEqual(missing.body.errors[0].path, ['body', 'institutionId']);
    });

    it('refuses bad input with field paths and writes nothing', async () => {
      const [persons, cases, tests] = [await count('persons'), await count('cases'), await count('lab_tests')];
      const five = await doctor.client.post('/api/registrations', { person: PERSON, choice: { kind: 'new_person' }, tests: Array(5).fill(PCR_POSITIVE) });
      assert.equal(five.statusCode, 400);
      assert.deepEqual(five.body.errors[0].path, ['body', 'tests']);
      // The disease's own specimens: COVID-19's antigen tests took swabs, not saliva.
      const saliva = await doctor.client.post('/api/registrations', {
        person: PERSON,
        disease: 'covid19',
        choice: { kind: 'new_person' },
        tests: [{ method: 'antigen_qualitative', specimen: 'saliva', collectedOn: '2022-10-02', result: 'positive' }],
      });
      assert.equal(saliva.statusCode, 400);
      assert.deepEqual(saliva.body.errors[0].path, ['body', 'tests', 0, 'specimen']);
      assert.equal(saliva.body.errors[0].code, 'not_for_disease');
      assert.match(saliva.body.errors[0].message.ja, /検体/);
      // No form of the disease on the date the tests suggest: refused before anything is created.
      const late = await doctor.client.post('/api/registrations', { person: PERSON, disease: 'covid19', choice: { kind: 'new_person' }, tests: [PCR_POSITIVE] });
      assert.equal(late.statusCode, 400);
      assert.deepEqual(late.body.errors[0].path, ['body', 'tests', 0, 'resultOn']);
      assert.equal(late.body.errors[0].code, 'no_form_in_force');
      const untested = await doctor.client.post('/api/registrations', { person: PERSON, disease: 'covid19', choice: { kind: 'new_person' } });
      assert.deepEqual([untested.statusCode, untested.body.errors[0].path], [400, ['body', 'disease']]);
      const unknown = await doctor.client.post('/api/registrations', { person: PERSON, disease: 'plague', choice: { kind: 'new_person' } });
      assert.deepEqual([unknown.statusCode, unknown.body.errors[0].code], [400, 'unknown_disease']);
      const measlesSwab = await doctor.client.post('/api/registrations', { person: PERSON, disease: 'measles', choice: { kind: 'new_person' }, tests: [PCR_POSITIVE] });
      assert.deepEqual([measlesSwab.statusCode, measlesSwab.body.errors[0].path], [400, ['body', 'tests', 0, 'specimen']]);
      const kanji = await doctor.client.post('/api/registrations', { person: { ...PERSON, nameKana: '山本 花子' }, choice: { kind: 'new_person' } });
      assert.deepEqual(kanji.body.errors[0].path, ['body', 'person', 'nameKana']);
      const badChoice = await doctor.client.post('/api/registrations', { person: PERSON, choice: { kind: 'merge' } });
      assert.equal(badChoice.statusCode, 400);
      assert.deepEqual([await count('persons'), await count('cases'), await count('lab_tests')], [persons, cases, tests]);
    });

    it('outside one’s scope a case does not exist, and only registering roles register', async () => {
      assert.equal((await otherClinic.client.get(`/api/cases/${registered.caseId}`)).statusCode, 404);
      const sneaky = await otherClinic.client.post('/api/registrations', { person: PERSON, choice: { kind: 'new_case', personId: registered.personId } });
      assert.equal(sneaky.statusCode, 404);
      const hotel = await firstLogin(t, app, 'tokyo-hotel1');
      assert.equal((await hotel.client.post('/api/registrations', { person: PERSON, choice: { kind: 'new_person' } })).statusCode, 403);
    });

    it('adds test records later and corrects a result with the current version, audited', async () => {
      const added = await doctor.client.post(`/api/cases/${registered.caseId}/tests`, {
        tests: [{ method: 'naat', specimen: 'saliva', collectedOn: '2026-11-20', result: 'pending' }],
      });
      assert.equal(added.statusCode, 201);
      const test = added.body.tests[0];
      const fixed = await doctor.client.patch(`/api/tests/${test.id}`, { version: test.version, result: 'negative', resultOn: '2026-11-21' });
      assert.equal(fixed.statusCode, 200);
      assert.equal(fixed.body.result, 'negative');
      const stale = await doctor.client.patch(`/api/tests/${test.id}`, { version: test.version, result: 'positive' });
      assert.equal(stale.statusCode, 409);
      const audit = (await t.superuser("SELECT details FROM audit_log WHERE action = 'lab_tests.update'")).rows[0];
      assert.deepEqual((audit.details as { changes: object }).changes, {
        result: { from: 'pending', to: 'negative' },
        resultOn: { from: null, to: '2026-11-21' },
      });
      assert.equal((await otherClinic.client.patch(`/api/tests/${test.id}`, { version: 2, result: 'positive' })).statusCode, 404);
    });

    describe('the case list', () => {
      const list = async (query: string, who = hc) => {
        const r = await who.client.get(`/api/cases?${query}`);
        assert.equal(r.statusCode, 200, JSON.stringify(r.body));
        return r.body as {
          cases: { caseId: string; caseNumber: string; maskedName: string; classification: string | null; confirmed: boolean; disease: string }[];
          nextCursor: string | null;
        };
      };

      it('shows the centre its cases masked, newest first, and finds by number, kana, birth date and institution', async () => {
        const all = await list('limit=200');
        assert.ok(all.cases.some((c) => c.caseId === registered.caseId));
        assert.ok(!JSON.stringify(all).includes('ヤマモト') && !JSON.stringify(all).includes('山本'), 'identity masked');
        const visible = (await t.superuser(
          `SELECT count(*)::int AS n FROM cases WHERE responsible_hc_id = $1 OR id IN (SELECT case_id FROM case_related_hcs WHERE hc_id = $1)`,
          [t.world.orgIds['shinjuku-hc']],
        )).rows[0].n;
        assert.equal(all.cases.length, visible);
        assert.deepEqual((await list(`caseNumber=${registered.caseNumber}`)).cases.map((c) => c.caseId), [registered.caseId]);
        const yamamoto = await list(`kana=${encodeURIComponent('やまもと')}`);
        assert.equal(yamamoto.cases.length, 2, 'her two cases');
        assert.ok(yamamoto.cases.every((c) => c.maskedName === 'ヤ*** ハ**'));
        assert.equal((await list(`kana=${encodeURIComponent('ヤマモト ハナ')}&kanaMatch=similar`)).cases.length, 2);
        assert.equal((await list('birthDate=1985-05-05')).cases.length, 2);
        const sakura = await list(`institutionId=${t.world.orgIds['sakura-clinic']}`);
        assert.ok(sakura.cases.length >= 4);
        assert.equal((await list(`kana=${encodeURIComponent('ヤマモト')}`, otherClinic)).cases.length, 0, 'nothing outside the scope');
      });

      it('filters by the current notification’s classification and confirmation', async () => {
        const doctorId = (await t.superuser("SELECT id FROM users WHERE login_id = 'sakura-dr1'")).rows[0].id;
        await t.superuser(
          `INSERT INTO notifications (case_id, form_id, form_version, classification, status, institution_id, created_by, first_submitted_at)
           VALUES ($1, 'covid19', '2022-09-26', 'patient', 'submitted', $2, $3, now())`,
          [registered.caseId, t.world.orgIds['sakura-clinic'], doctorId],
        );
        assert.deepEqual((await list('classification=patient')).cases.map((c) => c.caseId), [registered.caseId]);
        assert.deepEqual((await list('confirmed=false')).cases.map((c) => c.caseId), [registered.caseId]);
        assert.equal((await list('confirmed=true')).cases.length, 0);
        await t.superuser('UPDATE notifications SET confirmed_at = now() WHERE case_id = $1', [registered.caseId]);
        assert.deepEqual((await list('confirmed=true')).cases.map((c) => c.caseId), [registered.caseId]);
      });

      it('shows each case’s disease and finds the cases of one; an unknown disease is refused at its field', async () => {
        const visible = `(responsible_hc_id = $1 OR id IN (SELECT case_id FROM case_related_hcs WHERE hc_id = $1))`;
        const shinjuku = [t.world.orgIds['shinjuku-hc']];
        const byDisease = new Map(
          (await t.superuser(`SELECT id, disease FROM cases WHERE ${visible}`, shinjuku)).rows.map((r) => [r.id as string, r.disease as string]),
        );
        const all = await list('limit=200');
        assert.deepEqual(all.cases.map((c) => c.disease), all.cases.map((c) => byDisease.get(c.caseId)), 'each row its case’s disease');
        assert.equal(all.cases.find((c) => c.caseId === registered.caseId)?.disease, 'covid19');
        // A tuberculosis case of the clinic's, today (COVID-19's individual notification has ended).
        const today = japanToday(new Date());
        const tb = await doctor.client.post('/api/registrations', {
          person: { ...PERSON, nameKanji: '結核 次郎', nameKana: 'ケッカク ジロウ', sex: 'male', birthDate: '1950-01-01' },
          disease: 'tuberculosis',
          choice: { kind: 'new_person' },
          tests: [{ method: 'smear', specimen: 'sputum', collectedOn: today, result: 'positive', resultOn: today }],
        });
        assert.equal(tb.statusCode, 201, JSON.stringify(tb.body));
        const tbCases = (await t.superuser(`SELECT id FROM cases WHERE ${visible} AND disease = 'tuberculosis'`, shinjuku)).rows.map((r) => r.id as string);
        assert.ok(tbCases.includes(tb.body.caseId));
        const found = await list('disease=tuberculosis&limit=200');
        assert.deepEqual(found.cases.map((c) => c.caseId).sort(), tbCases.sort());
        assert.ok(found.cases.every((c) => c.disease === 'tuberculosis'));
        assert.ok(!found.cases.some((c) => c.caseId === registered.caseId));
        // With another filter: her COVID-19 cases, none of tuberculosis.
        assert.equal((await list(`kana=${encodeURIComponent('ヤマモト')}&disease=covid19`)).cases.length, 2);
        assert.equal((await list(`kana=${encodeURIComponent('ヤマモト')}&disease=tuberculosis`)).cases.length, 0);
        const audit = (await t.superuser("SELECT details FROM audit_log WHERE action = 'cases.search' ORDER BY seq DESC LIMIT 1")).rows[0];
        assert.deepEqual((audit.details as { filter: unknown }).filter, { kana: 'ヤマモト', kanaMatch: 'prefix', limit: 50, disease: 'tuberculosis' });
        for (const [disease, code] of [['plague', 'unknown_disease'], ['Measles!', 'invalid_format']]) {
          const refused = await hc.client.get(`/api/cases?disease=${encodeURIComponent(disease)}`);
          assert.equal(refused.statusCode, 400, disease);
          assert.deepEqual([refused.body.errors[0].path, refused.body.errors[0].code], [['querystring', 'disease'], code]);
          assert.ok(refused.body.errors[0].message.ja && refused.body.errors[0].message.en);
        }
      });

      it('pages with a cursor without gaps or repeats, and audits each search', async () => {
        const all = (await list('limit=200')).cases.map((c) => c.caseId);
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page: Awaited<ReturnType<typeof list>> = await list(`limit=2${cursor ? `&after=${cursor}` : ''}`);
          seen.push(...page.cases.map((c) => c.caseId));
          cursor = page.nextCursor;
        } while (cursor);
        assert.deepEqual(seen, all);
        assert.equal((await hc.client.get('/api/cases?after=garbage')).statusCode, 400);
        const audit = (await t.superuser("SELECT details FROM audit_log WHERE action = 'cases.search' ORDER BY seq DESC LIMIT 1")).rows[0];
        assert.deepEqual((audit.details as { filter: { limit: number } }).filter.limit, 2);
      });
    });
  });
}
