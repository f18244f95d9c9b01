// Correcting a person after registration (PATCH /api/persons/:id): the fields registration
// validates, the search keys derived again, the version, the scope of row-level security (a person
// seen through a case or a contact), who may, the audit row naming the fields and not the values —
// and the point of it all: a notification refused for a missing 所在地 (Q&A 5) can be submitted
// once the address is added.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { closeApp, firstLogin, openApp, type LoggedIn } from '../../../test/harness/http.ts';
import { japanToday } from '../../domain/calendar.ts';

/** Registered without a 所在地 or a registered address: the legal minimum is not met. */
const PERSON = { nameKanji: '石田 三郎', nameKana: 'イシダ サブロウ', sex: 'male', birthDate: '1970-04-01', phone: '090-1111-2222' };
const PCR_POSITIVE = { method: 'naat', specimen: 'nasopharyngeal_swab', collectedOn: '2022-03-09', result: 'positive', resultOn: '2022-03-10' };
const ADDRESS = '東京都新宿区高田馬場一丁目1番1号';

for (const engine of ENGINES) {
  describe(`correcting a person after registration (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let doctor: LoggedIn;
    let shinjuku: LoggedIn;
    let kase: { caseId: string; personId: string };
    let notification: { id: string; findings: { ruleId: string; severity: string }[] };

    const personRow = async (id: string) =>
      (await t.superuser('SELECT name_kanji, name_kana, name_kana_key, residence_address, phone, phone_key, guardian_name, guardian_phone, version FROM persons WHERE id = $1', [id]))
        .rows[0]!;
    const audits = async () => (await t.superuser("SELECT record_ids, details FROM audit_log WHERE action = 'persons.update' ORDER BY seq")).rows;
    const versionOf = async (id: string) => (await personRow(id)).version as number;

    before(async () => {
      ({ t, app } = await openApp(engine));
      doctor = await firstLogin(t, app, 'sakura-dr1');
      shinjuku = await firstLogin(t, app, 'shinjuku-h1');
      const r = await doctor.client.post('/api/registrations', { person: PERSON, choice: { kind: 'new_person' }, tests: [PCR_POSITIVE] });
      assert.equal(r.statusCode, 201, JSON.stringify(r.body));
      kase = r.body;
      const d = await doctor.client.post(`/api/cases/${kase.caseId}/notifications`, { classification: 'patient', diagnosedOn: '2022-03-10', specimenCollectedOn: '2022-03-09' });
      assert.equal(d.statusCode, 201, JSON.stringify(d.body));
      notification = d.body;
    });
    after(() => closeApp(t, app));

    it('without a 所在地 the notification cannot be submitted (the legal minimum, Q&A 5)', async () => {
      const r = await doctor.client.post(`/api/notifications/${notification.id}/submit`, { acknowledgedWarnings: [] });
      assert.equal(r.statusCode, 422, JSON.stringify(r.body));
      const fields = r.body.errors.map((e: { path: string[]; code: string }) => `${e.path.join('.')}:${e.code}`);
      assert.ok(fields.includes('person.residenceAddress:legal_minimum_missing'), fields.join());
    });

    it('the doctor adds the address and corrects the kana: only those change, the kana key follows, the audit names the fields', async () => {
      const r = await doctor.client.patch(`/api/persons/${kase.personId}`, { version: 1, residenceAddress: `  ${ADDRESS} `, nameKana: 'いしだ　さぶろう' });
      assert.equal(r.statusCode, 200, JSON.stringify(r.body));
      assert.equal(r.body.residenceAddress, ADDRESS, 'trimmed like registration');
      assert.equal(r.body.nameKana, 'いしだ　さぶろう');
      assert.equal(r.body.nameKanji, '石田 三郎', 'fields left out stay');
      assert.equal(r.body.version, 2);
      const row = await personRow(kase.personId);
      assert.equal(row.name_kana_key, 'イシダサブロウ', 'the search key derived from the new kana');
      assert.equal(row.phone_key, '09011112222');
      const [entry] = await audits();
      assert.deepEqual(entry!.record_ids, [kase.personId]);
      assert.deepEqual(entry!.details, { fields: ['nameKana', 'residenceAddress'] }, 'in the schema’s order');
      assert.ok(!JSON.stringify(entry!.details).includes('高田馬場'), 'no values in the audit trail');

      // The case page reads the corrected person.
      const opened = await doctor.client.get(`/api/cases/${kase.caseId}`);
      assert.equal(opened.body.person.residenceAddress, ADDRESS);
      assert.equal(opened.body.person.version, 2);
    });

    it('now the notification’s legal minimum is met and it is submitted', async () => {
      const now = await doctor.client.get(`/api/notifications/${notification.id}`);
      assert.deepEqual(now.body.missing.filter((m: { level: string }) => m.level === 'legal_minimum'), []);
      const warnings = now.body.findings.filter((f: { severity: string }) => f.severity === 'warning').map((f: { ruleId: string }) => f.ruleId);
      const r = await doctor.client.post(`/api/notifications/${notification.id}/submit`, { acknowledgedWarnings: warnings });
      assert.equal(r.statusCode, 200, JSON.stringify(r.body));
      assert.equal(r.body.status, 'submitted');
    });

    it('a stale version is refused with 409 and nothing is written', async () => {
      const before = await personRow(kase.personId);
      const r = await doctor.client.patch(`/api/persons/${kase.personId}`, { version: 1, phone: '03-9999-0000' });
      assert.equal(r.statusCode, 409);
      assert.equal(r.body.code, 'version_conflict');
      assert.equal(r.body.details.currentVersion, 2);
      assert.deepEqual(await personRow(kase.personId), before);
      assert.equal((await audits()).length, 1);
    });

    it('bad input is refused with the field paths, as registration refuses it; nothing is written', async () => {
      const before = await personRow(kase.personId);
      const version = before.version as number;
      const kanji = await doctor.client.patch(`/api/persons/${kase.personId}`, { version, nameKana: '石田 三郎', residenceAddress: '東京都中野区' });
      assert.equal(kanji.statusCode, 400);
      assert.deepEqual(kanji.body.errors.map((e: { path: unknown[] }) => e.path), [['body', 'nameKana']]);
      assert.match(kanji.body.errors[0].message.ja, /カタカナまたはひらがな/);
      const several = await doctor.client.patch(`/api/persons/${kase.personId}`, { version, phone: 'abc', email: 'not-an-address', sex: 'other', nameKanji: null, guardian: { phone: '03-1234-5678' } });
      assert.equal(several.statusCode, 400);
      const paths = several.body.errors.map((e: { path: unknown[] }) => e.path.join('.')).sort();
      assert.deepEqual(paths, ['body.email', 'body.guardian.name', 'body.nameKanji', 'body.phone', 'body.sex']);
      const noVersion = await doctor.client.patch(`/api/persons/${kase.personId}`, { residenceAddress: '東京都中野区' });
      assert.deepEqual(noVersion.body.errors.map((e: { path: unknown[] }) => e.path), [['body', 'version']]);
      const same = await doctor.client.patch(`/api/persons/${kase.personId}`, { version, residenceAddress: ADDRESS });
      assert.equal(same.statusCode, 400);
      assert.equal(same.body.code, 'nothing_changed');
      assert.deepEqual(await personRow(kase.personId), before);
      assert.equal((await audits()).length, 1);
    });

    it('optional fields are cleared with null (the phone key with the phone); a guardian is set as a whole', async () => {
      const version = await versionOf(kase.personId);
      const r = await doctor.client.patch(`/api/persons/${kase.personId}`, { version, phone: null, guardian: { name: '石田 花子', phone: '03-1234-5678' } });
      assert.equal(r.statusCode, 200, JSON.stringify(r.body));
      assert.equal(r.body.phone, null);
      assert.deepEqual(r.body.guardian, { name: '石田 花子', phone: '03-1234-5678', address: null });
      const row = await personRow(kase.personId);
      assert.equal(row.phone_key, null);
      assert.deepEqual((await audits()).at(-1)!.details, { fields: ['phone', 'guardian'] });
      const removed = await doctor.client.patch(`/api/persons/${kase.personId}`, { version: r.body.version, guardian: null });
      assert.deepEqual(removed.body.guardian, { name: null, phone: null, address: null });
    });

    it('outside one’s scope the person does not exist; roles that neither register nor follow contacts may not', async () => {
      const version = await versionOf(kase.personId);
      const before = await personRow(kase.personId);
      const otherClinic = await firstLogin(t, app, 'midori-dr1');
      const nakano = await firstLogin(t, app, 'nakano-h1');
      for (const who of [otherClinic, nakano]) {
        const r = await who.client.patch(`/api/persons/${kase.personId}`, { version, residenceAddress: '東京都中野区中野四丁目' });
        assert.equal(r.statusCode, 404, JSON.stringify(r.body));
      }
      const prefecture = await firstLogin(t, app, 'tokyo-sg1');
      assert.equal((await prefecture.client.get(`/api/cases/${kase.caseId}`)).statusCode, 200, 'the prefecture reads the case');
      const refused = await prefecture.client.patch(`/api/persons/${kase.personId}`, { version, residenceAddress: '東京都中野区中野四丁目' });
      assert.equal(refused.statusCode, 403);
      assert.equal((await doctor.client.patch('/api/persons/00000000-0000-4000-8000-000000000000', { version: 1, phone: '03-0000-0000' })).statusCode, 404);
      assert.deepEqual(await personRow(kase.personId), before);
    });

    it('the health centre corrects the case’s person and a contact’s person it follows', async () => {
      const version = await versionOf(kase.personId);
      const r = await shinjuku.client.patch(`/api/persons/${kase.personId}`, { version, registeredAddress: '東京都新宿区大久保二丁目' });
      assert.equal(r.statusCode, 200, JSON.stringify(r.body));

      const contact = await shinjuku.client.post(`/api/cases/${kase.caseId}/contacts`, {
        person: { nameKanji: '石田 春子', nameKana: 'イシダ ハルコ', sex: 'female', birthDate: '1972-06-01' },
        setting: 'household',
        lastContactOn: japanToday(new Date()),
      });
      assert.equal(contact.statusCode, 201, JSON.stringify(contact.body));
      const fixed = await shinjuku.client.patch(`/api/persons/${contact.body.personId}`, { version: 1, birthDate: '1972-06-02', phone: '080-3333-4444' });
      assert.equal(fixed.statusCode, 200, JSON.stringify(fixed.body));
      assert.equal(fixed.body.birthDate, '1972-06-02');
      assert.equal((await personRow(contact.body.personId)).phone_key, '08033334444');
      // The clinic reported the case, not the contact: a contact's person is not its to see.
      assert.equal((await doctor.client.patch(`/api/persons/${contact.body.personId}`, { version: 2, phone: '03-0000-0000' })).statusCode, 404);
    });
  });
}
