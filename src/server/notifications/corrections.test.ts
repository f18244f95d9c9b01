// After 「報告」: corrections with their history, withdrawal by the centre (Q&A 3, negative result),
// reclassification with its own submission date (Q&A 3, 8), 追加登録 making earlier notifications
// read-only (Q&A 7), what each form version requires of the typed items, and the doctor's name.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { actorFor } from '../../../test/harness/actors.ts';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { closeApp, firstLogin, openApp, type LoggedIn } from '../../../test/harness/http.ts';
import { japanToday } from '../../domain/calendar.ts';
import { pgErrorCode } from '../db/database.ts';

const PCR = { method: 'naat', specimen: 'nasopharyngeal_swab', collectedOn: '2022-03-09' } as const;
let people = 0;
/** A new adult, registered by the clinic with one test (each test its own person). */
const person = () => {
  people += 1;
  return {
    nameKanji: `訂正 ${people}郎`,
    nameKana: `テイセイ ${'イチニサンシゴロクナナハチキュウ'.slice(0, people)}`,
    sex: 'male',
    birthDate: '1980-05-05',
    residenceAddress: '東京都新宿区高田馬場一丁目1番1号',
    phone: `03-0000-${String(1000 + people)}`,
  };
};

interface Case {
  caseId: string;
  caseNumber: string;
  testIds: string[];
}

for (const engine of ENGINES) {
  describe(`notification corrections, withdrawal and 追加登録 (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let doctor: LoggedIn;
    let clerk: LoggedIn;
    let shinjuku: LoggedIn;
    let nakano: LoggedIn;
    let prefecture: LoggedIn;
    let midoriDoctor: LoggedIn;
    const userId = async (loginId: string) => (await t.superuser('SELECT id FROM users WHERE login_id = $1', [loginId])).rows[0].id as string;
    const count = async (table: string, where = 'TRUE', params: unknown[] = []) =>
      (await t.superuser(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params)).rows[0].n as number;

    const register = async (result: 'pending' | 'positive'): Promise<Case> => {
      const r = await doctor.client.post('/api/registrations', { person: person(), choice: { kind: 'new_person' }, tests: [{ ...PCR, result }] });
      assert.equal(r.statusCode, 201, JSON.stringify(r.body));
      return r.body;
    };
    /** Drafts and submits as the clinic's doctor, acknowledging the warnings found. */
    const submitted = async (kase: Case, body: Record<string, unknown>) => {
      const d = await doctor.client.post(`/api/cases/${kase.caseId}/notifications`, { diagnosedOn: '2022-03-10', specimenCollectedOn: '2022-03-09', ...body });
      assert.equal(d.statusCode, 201, JSON.stringify(d.body));
      return submit(d.body);
    };
    const submit = async (n: { id: string; findings: { ruleId: string; severity: string }[] }) => {
      const warnings = n.findings.filter((f) => f.severity === 'warning').map((f) => f.ruleId);
      const s = await doctor.client.post(`/api/notifications/${n.id}/submit`, { acknowledgedWarnings: warnings });
      assert.equal(s.statusCode, 200, JSON.stringify(s.body));
      return s.body;
    };
    const suspectedInpatient = { classification: 'suspected', admitted: true };

    before(async () => {
      ({ t, app } = await openApp(engine));
      doctor = await firstLogin(t, app, 'sakura-dr1');
      clerk = await firstLogin(t, app, 'sakura-clerk1');
      shinjuku = await firstLogin(t, app, 'shinjuku-h1');
      nakano = await firstLogin(t, app, 'nakano-h1');
      prefecture = await firstLogin(t, app, 'tokyo-sg1');
      midoriDoctor = await firstLogin(t, app, 'midori-dr1');
    });
    after(() => closeApp(t, app));

    it('a suspected case is notified only when admitted (Q&A 10-2, 11): an outpatient suspected case cannot be submitted', async () => {
      const kase = await register('pending');
      const d = await doctor.client.post(`/api/cases/${kase.caseId}/notifications`, { classification: 'suspected', admitted: false, diagnosedOn: '2022-03-10' });
      const r = await doctor.client.post(`/api/notifications/${d.body.id}/submit`, { acknowledgedWarnings: [] });
      assert.equal(r.statusCode, 422);
      assert.ok(r.body.errors.some((e: { path: string[]; code: string }) => e.path.join('.') === 'admitted' && e.code === 'logic_check_error'));
      assert.equal(await count('notification_submissions', 'notification_id = $1', [d.body.id]), 0);
    });

    it('suspected, then negative (Q&A 3): the test result is corrected and the centre withdraws the notification with a reason', async () => {
      const kase = await register('pending');
      const n = await submitted(kase, suspectedInpatient);
      const test = (await doctor.client.get(`/api/cases/${kase.caseId}`)).body.tests[0];
      const negative = await doctor.client.patch(`/api/tests/${test.id}`, { version: test.version, result: 'negative', resultOn: '2022-03-11' });
      assert.equal(negative.statusCode, 200, JSON.stringify(negative.body));
      assert.equal(negative.body.result, 'negative');

      // Withdrawing is the centre's: not the clinic's, not another centre's, and it needs a reason.
      assert.equal((await doctor.client.post(`/api/notifications/${n.id}/withdraw`, { reason: '陰性' })).statusCode, 403);
      assert.equal((await nakano.client.post(`/api/notifications/${n.id}/withdraw`, { reason: '陰性' })).statusCode, 404);
      const noReason = await shinjuku.client.post(`/api/notifications/${n.id}/withdraw`, { reason: ' ' });
      assert.equal(noReason.statusCode, 400);
      assert.deepEqual(noReason.body.errors[0].path, ['body', 'reason']);

      const w = await shinjuku.client.post(`/api/notifications/${n.id}/withdraw`, { version: n.version, reason: 'PCR検査の結果が陰性のため' });
      assert.equal(w.statusCode, 200, JSON.stringify(w.body));
      assert.equal(w.body.status, 'withdrawn');
      assert.equal(w.body.withdrawnBy, await userId('shinjuku-h1'));
      assert.equal(w.body.withdrawnReason, 'PCR検査の結果が陰性のため');
      assert.equal(w.body.submissions.length, 1, 'kept with its submission');

      // Kept in history, out of the counts: the case list shows no current notification.
      const history = await doctor.client.get(`/api/notifications/${n.id}/history`);
      assert.equal(history.statusCode, 200);
      const [withdrawal, testCorrection] = history.body.changes;
      assert.deepEqual(withdrawal.changes, [{ path: ['status'], old: 'submitted', new: 'withdrawn' }]);
      assert.equal(withdrawal.reason, 'PCR検査の結果が陰性のため');
      assert.equal(withdrawal.changedByOrgName, '新宿区保健所');
      // The corrected test result is part of the notification's history (its diagnosis method).
      assert.deepEqual(testCorrection.changes, [
        { path: ['tests', test.id, 'result'], old: 'pending', new: 'negative' },
        { path: ['tests', test.id, 'resultOn'], old: null, new: '2022-03-11' },
      ]);
      const listed = await shinjuku.client.get(`/api/cases?caseNumber=${kase.caseNumber}`);
      assert.equal(listed.body.cases[0].classification, null);
      assert.equal(listed.body.cases[0].notificationStatus, null);
      const byClassification = await shinjuku.client.get('/api/cases?classification=suspected');
      assert.ok(!byClassification.body.cases.some((c: { caseId: string }) => c.caseId === kase.caseId));

      // A withdrawn notification is not corrected, confirmed or withdrawn again.
      const again = await shinjuku.client.post(`/api/notifications/${n.id}/withdraw`, { reason: 'again' });
      assert.equal(again.statusCode, 409);
      assert.equal(again.body.code, 'notification_withdrawn');
      assert.equal((await shinjuku.client.post(`/api/notifications/${n.id}/confirm`, {})).body.code, 'notification_withdrawn');
      const fix = await doctor.client.post(`/api/notifications/${n.id}/corrections`, { version: w.body.version, reason: 'x', occupation: '会社員' });
      assert.equal(fix.body.code, 'notification_withdrawn');
      const audited = await t.superuser("SELECT details FROM audit_log WHERE action = 'notifications.withdraw' AND $1 = ANY(record_ids)", [n.id]);
      assert.equal(audited.rows.length, 1);
    });

    it('suspected, then positive (Q&A 3, 8): reclassified with a new diagnosis date; the new classification gets its own submission date', async () => {
      const kase = await register('pending');
      const n = await submitted(kase, suspectedInpatient);
      const confirmed = await shinjuku.client.post(`/api/notifications/${n.id}/confirm`, {});
      assert.equal(confirmed.body.notification.confirmed, true);
      const suspectedRow = (await t.superuser('SELECT * FROM notification_submissions WHERE notification_id = $1', [n.id])).rows;
      const mails = await count('outbox');

      const positive = await doctor.client.post(`/api/cases/${kase.caseId}/tests`, { tests: [{ ...PCR, collectedOn: '2022-03-11', result: 'positive', resultOn: '2022-03-12' }] });
      assert.equal(positive.statusCode, 201, JSON.stringify(positive.body));
      const version = confirmed.body.notification.version;
      const noReason = await doctor.client.post(`/api/notifications/${n.id}/corrections`, { version, classification: 'patient', diagnosedOn: '2022-03-12' });
      assert.equal(noReason.statusCode, 400);
      assert.deepEqual(noReason.body.errors[0].path, ['body', 'reason']);
      const noDate = await doctor.client.post(`/api/notifications/${n.id}/corrections`, { version, reason: '陽性判明', classification: 'patient' });
      assert.equal(noDate.statusCode, 400);
      assert.deepEqual(noDate.body.errors[0], { path: ['body', 'diagnosedOn'], code: 'reclassification_needs_diagnosis_date', message: noDate.body.errors[0].message });
      assert.ok(noDate.body.errors[0].message.ja && noDate.body.errors[0].message.en);

      const r = await doctor.client.post(`/api/notifications/${n.id}/corrections`, { version, reason: '再検査で陽性判明', classification: 'patient', diagnosedOn: '2022-03-12' });
      assert.equal(r.statusCode, 200, JSON.stringify(r.body));
      assert.equal(r.body.classification, 'patient');
      assert.equal(r.body.diagnosedOn, '2022-03-12');
      assert.equal(r.body.status, 'submitted');
      assert.equal(r.body.confirmed, false, 'the centre checks the new classification again');
      const byClass = Object.fromEntries(r.body.submissions.map((s: { classification: string; submittedOn: string }) => [s.classification, s.submittedOn]));
      assert.equal(byClass.patient, japanToday(new Date()));
      assert.ok(byClass.suspected);
      // Q&A 8: the suspected case's submission (= acceptance) date is untouched.
      assert.deepEqual((await t.superuser('SELECT * FROM notification_submissions WHERE notification_id = $1 AND classification = $2', [n.id, 'suspected'])).rows, suspectedRow);
      assert.equal(await count('outbox'), mails + 1, 'the centre is told of the new classification');

      const history = (await shinjuku.client.get(`/api/notifications/${n.id}/history`)).body.changes;
      assert.equal(history.length, 1);
      assert.equal(history[0].changedBy, await userId('sakura-dr1'));
      // Named for readers who cannot see the clinic's users.
      const dr = (await t.superuser("SELECT display_name FROM users WHERE login_id = 'sakura-dr1'")).rows[0].display_name;
      assert.equal(history[0].changedByName, dr);
      assert.equal(history[0].changedByOrgName, 'さくら内科クリニック');
      assert.equal(history[0].reason, '再検査で陽性判明');
      assert.deepEqual(history[0].changes, [
        { path: ['classification'], old: 'suspected', new: 'patient' },
        { path: ['diagnosedOn'], old: '2022-03-10', new: '2022-03-12' },
      ]);
      const audited = (await t.superuser("SELECT details FROM audit_log WHERE action = 'notifications.correct' AND $1 = ANY(record_ids)", [n.id])).rows as { details: { items: string[] } }[];
      assert.deepEqual(audited[0].details.items, ['classification', 'diagnosedOn']);
      assert.ok(!JSON.stringify(audited[0].details).includes('2022-03-12'), 'values stay out of the audit trail');
    });

    it('a correction that would not pass submission, a stale version or no change writes nothing', async () => {
      const kase = await register('positive');
      const n = await submitted(kase, { classification: 'patient' });
      const before = (await t.superuser('SELECT * FROM notifications WHERE id = $1', [n.id])).rows[0];
      const deathForPatient = await doctor.client.post(`/api/notifications/${n.id}/corrections`, { version: n.version, reason: '誤記', deathOn: '2022-03-11' });
      assert.equal(deathForPatient.statusCode, 422);
      assert.equal(deathForPatient.body.code, 'correction_blocked');
      assert.ok(deathForPatient.body.errors.some((e: { path: string[] }) => e.path.join('.') === 'dates.death'));
      const future = await doctor.client.post(`/api/notifications/${n.id}/corrections`, { version: n.version, reason: '誤記', onsetOn: '2099-01-01' });
      assert.equal(future.statusCode, 422);
      const stale = await doctor.client.post(`/api/notifications/${n.id}/corrections`, { version: n.version - 1, reason: '誤記', occupation: '教員' });
      assert.equal(stale.statusCode, 409);
      assert.equal(stale.body.code, 'version_conflict');
      const same = await doctor.client.post(`/api/notifications/${n.id}/corrections`, { version: n.version, reason: '誤記', diagnosedOn: '2022-03-10' });
      assert.equal(same.statusCode, 400);
      assert.equal(same.body.code, 'nothing_changed');
      assert.deepEqual((await t.superuser('SELECT * FROM notifications WHERE id = $1', [n.id])).rows[0], before);
      assert.equal(await count('notification_changes', 'notification_id = $1', [n.id]), 0);
      assert.equal(await count('audit_log', "action = 'notifications.correct' AND $1 = ANY(record_ids)", [n.id]), 0);
    });

    it('who may correct: the clinic’s doctor, the responsible centre and the prefecture; not a clerk; the history is for whoever sees the case', async () => {
      const kase = await register('positive');
      const n = await submitted(kase, { classification: 'patient' });
      const byClerk = await clerk.client.post(`/api/notifications/${n.id}/corrections`, { version: n.version, reason: '追記', occupation: '会社員' });
      assert.equal(byClerk.statusCode, 403);
      assert.equal((await midoriDoctor.client.post(`/api/notifications/${n.id}/corrections`, { version: n.version, reason: '追記', occupation: '会社員' })).statusCode, 404);
      assert.equal((await nakano.client.post(`/api/notifications/${n.id}/corrections`, { version: n.version, reason: '追記', occupation: '会社員' })).statusCode, 404);

      const a = await doctor.client.post(`/api/notifications/${n.id}/corrections`, { version: n.version, reason: '職業を追記', occupation: '会社員' });
      assert.equal(a.statusCode, 200, JSON.stringify(a.body));
      const symptoms = { version: a.body.version, reason: '疫学調査で判明', estimatedInfectionOn: '2022-03-03', answers: { symptoms: ['fever', 'cough'] } };
      // Symptoms without an onset date raise a new warning, which the corrector must acknowledge.
      const unacknowledged = await shinjuku.client.post(`/api/notifications/${n.id}/corrections`, symptoms);
      assert.equal(unacknowledged.statusCode, 422);
      assert.deepEqual(unacknowledged.body.errors, [{ path: ['dates', 'onset'], code: 'warning_not_acknowledged', message: unacknowledged.body.errors[0].message }]);
      const b = await shinjuku.client.post(`/api/notifications/${n.id}/corrections`, { ...symptoms, acknowledgedWarnings: ['LC-ONSET-FOR-SYMPTOMATIC'] });
      assert.equal(b.statusCode, 200, JSON.stringify(b.body));
      assert.ok(b.body.acknowledgedWarnings.includes('LC-ONSET-FOR-SYMPTOMATIC'));
      const c = await prefecture.client.post(`/api/notifications/${n.id}/corrections`, { version: b.body.version, reason: '本庁で代理修正', occupation: '会社員（営業）' });
      assert.equal(c.statusCode, 200, JSON.stringify(c.body));

      const history = await clerk.client.get(`/api/notifications/${n.id}/history`);
      assert.equal(history.statusCode, 200);
      const changes = history.body.changes;
      assert.deepEqual(changes.map((h: { changedBy: string }) => h.changedBy), [await userId('tokyo-sg1'), await userId('shinjuku-h1'), await userId('sakura-dr1')]);
      assert.deepEqual(changes[0].changes, [{ path: ['occupation'], old: '会社員', new: '会社員（営業）' }]);
      assert.deepEqual(changes[1].changes, [
        { path: ['estimatedInfectionOn'], old: null, new: '2022-03-03' },
        { path: ['answers', 'symptoms'], old: null, new: ['fever', 'cough'] },
      ]);
      assert.equal((await nakano.client.get(`/api/notifications/${n.id}/history`)).statusCode, 404);
      assert.equal(await count('audit_log', "action = 'notifications.history' AND $1 = ANY(record_ids)", [n.id]), 1);
    });

    it('追加登録 (Q&A 7): once a later notification is submitted, every earlier one of the case is read-only for everyone', async () => {
      const kase = await register('pending');
      const first = await submitted(kase, suspectedInpatient);
      await doctor.client.post(`/api/cases/${kase.caseId}/tests`, { tests: [{ ...PCR, collectedOn: '2022-03-11', result: 'positive', resultOn: '2022-03-12' }] });
      const added = await doctor.client.post(`/api/cases/${kase.caseId}/notifications`, { classification: 'patient', diagnosedOn: '2022-03-12' });
      assert.equal(added.statusCode, 201, JSON.stringify(added.body));
      // While the new one is a draft the first may still be corrected. The later test now trips the
      // first one's specimen-date check; a correction is refused only for problems it adds.
      const firstNow = (await doctor.client.get(`/api/notifications/${first.id}`)).body;
      assert.ok(firstNow.findings.some((f: { ruleId: string }) => f.ruleId === 'LC-SPECIMEN-AFTER-DIAGNOSIS'));
      const early = await shinjuku.client.post(`/api/notifications/${first.id}/corrections`, { version: first.version, reason: '追記', occupation: '会社員' });
      assert.equal(early.statusCode, 200, JSON.stringify(early.body));

      const second = await submit(added.body);
      const old = (await doctor.client.get(`/api/notifications/${first.id}`)).body;
      assert.ok(old.supersededAt);
      for (const [who, path, body] of [
        [doctor, 'corrections', { version: old.version, reason: '修正', occupation: '教員' }],
        [shinjuku, 'corrections', { version: old.version, reason: '修正', occupation: '教員' }],
        [prefecture, 'corrections', { version: old.version, reason: '修正', occupation: '教員' }],
        [shinjuku, 'confirm', {}],
        [shinjuku, 'withdraw', { reason: '重複' }],
      ] as const) {
        const r = await who.client.post(`/api/notifications/${first.id}/${path}`, body);
        assert.equal(r.statusCode, 409, `${path}: ${JSON.stringify(r.body)}`);
        assert.equal(r.body.code, 'notification_superseded');
      }
      assert.equal((await t.superuser('SELECT occupation FROM notifications WHERE id = $1', [first.id])).rows[0].occupation, '会社員');
      // The database refuses too, whatever the code path: the superseded row, its submission date (Q&A 8), its history.
      const actor = await actorFor(t.db, 'shinjuku-h1');
      for (const statement of [
        sql`UPDATE notifications SET occupation = '教員' WHERE id = ${first.id}`,
        sql`UPDATE notification_submissions SET submitted_on = '2022-01-01' WHERE notification_id = ${second.id}`,
        sql`UPDATE notification_changes SET reason = 'x' WHERE notification_id = ${first.id}`,
        sql`DELETE FROM notification_changes WHERE notification_id = ${first.id}`,
      ]) {
        await assert.rejects(t.db.asActor(actor, (tx) => tx.execute(statement)), (e) => pgErrorCode(e) === '42501');
      }

      // The case shows both, oldest first; the list counts the current one.
      const detail = (await shinjuku.client.get(`/api/cases/${kase.caseId}`)).body;
      assert.deepEqual(
        detail.notifications.map((x: { id: string; superseded: boolean; classification: string }) => [x.id, x.classification, x.superseded]),
        [
          [first.id, 'suspected', true],
          [second.id, 'patient', false],
        ],
      );
      const listed = (await shinjuku.client.get(`/api/cases?caseNumber=${kase.caseNumber}`)).body.cases[0];
      assert.equal(listed.classification, 'patient');
      const audited = await t.superuser("SELECT details FROM audit_log WHERE action = 'notifications.submit' AND $1 = ANY(record_ids)", [second.id]);
      assert.deepEqual((audited.rows[0].details as { superseded: string[] }).superseded, [first.id]);
    });

    it('each form version asks for its own typed items: the full form lists them as missing, 2022-09-26 refuses the dropped ones', async () => {
      const kase = await register('positive');
      const full = await doctor.client.post(`/api/cases/${kase.caseId}/notifications`, { classification: 'patient', diagnosedOn: '2022-03-10', specimenCollectedOn: '2022-03-09' });
      assert.equal(full.body.formVersion, '2022-01-24');
      const missing = full.body.missing.filter((m: { path: string[] }) => m.path[0] !== 'answers').map((m: { path: string[]; level: string }) => `${m.path.join('.')}:${m.level}`);
      assert.deepEqual(missing, ['occupation:law', 'person.registeredAddress:law', 'dates.initialConsultation:law', 'dates.onset:law', 'dates.estimatedInfection:law']);
      // Q&A 5: these may follow later; the legal minimum is enough to submit.
      const s = await submit(full.body);
      assert.equal(s.status, 'submitted');
      assert.ok(s.missing.some((m: { path: string[] }) => m.path.join('.') === 'occupation'));

      const other = await register('positive');
      const limited = { classification: 'patient', diagnosedOn: '2022-10-03', answers: { four_groups: { aged_65_or_over: false, needs_admission: true, risk_and_needs_treatment_or_oxygen: false, pregnant: false } } };
      const refused = await doctor.client.post(`/api/cases/${other.caseId}/notifications`, { ...limited, occupation: '会社員', onsetOn: '2022-10-01' });
      assert.equal(refused.statusCode, 400);
      assert.deepEqual(
        refused.body.errors.map((e: { path: string[]; code: string }) => [e.path.join('.'), e.code]),
        [
          ['body.occupation', 'not_collected_by_form'],
          ['body.onsetOn', 'not_collected_by_form'],
        ],
      );
      assert.match(refused.body.errors[0].message.ja, /届け出ない項目/);
      const ok = await doctor.client.post(`/api/cases/${other.caseId}/notifications`, limited);
      assert.equal(ok.statusCode, 201, JSON.stringify(ok.body));
      assert.deepEqual(ok.body.missing.map((m: { path: string[] }) => m.path.join('.')), ['dates.specimenCollected']);
    });

    it("the doctor is named as their ID has it: on a doctor's draft, and when the doctor submits a clerk's draft", async () => {
      const name = (await t.superuser("SELECT display_name FROM users WHERE login_id = 'sakura-dr1'")).rows[0].display_name as string;
      const own = await register('positive');
      const d = await doctor.client.post(`/api/cases/${own.caseId}/notifications`, { classification: 'patient', diagnosedOn: '2022-03-10', doctorName: '別人' });
      assert.equal(d.body.doctorName, name);
      const typed = await register('positive');
      const c = await clerk.client.post(`/api/cases/${typed.caseId}/notifications`, { classification: 'patient', diagnosedOn: '2022-03-10' });
      assert.equal(c.body.doctorName, null);
      const s = await submit(c.body);
      assert.equal(s.doctorName, name);
      assert.equal(s.doctorUserId, await userId('sakura-dr1'));
      assert.deepEqual([s.institutionName, s.institutionAddress, s.institutionPhone], ['さくら内科クリニック', '東京都新宿区高田馬場三丁目2番5号', '03-0000-1101']);

      // The institution moves: the submitted notification keeps what was reported; a draft shows the new address.
      const admin = await firstLogin(t, app, 'shinjuku-admin');
      const clinic = (await admin.client.get('/api/orgs')).body.organizations.find((o: { code: string }) => o.code === 'sakura-clinic');
      const moved = await admin.client.patch(`/api/orgs/${clinic.id}`, { version: clinic.version, address: '東京都新宿区大久保一丁目1番1号', phone: null });
      assert.equal(moved.statusCode, 200, JSON.stringify(moved.body));
      assert.equal((await doctor.client.get(`/api/notifications/${s.id}`)).body.institutionAddress, '東京都新宿区高田馬場三丁目2番5号');
      const draftNow = (await doctor.client.get(`/api/notifications/${d.body.id}`)).body;
      assert.equal(draftNow.institutionAddress, '東京都新宿区大久保一丁目1番1号');
      assert.deepEqual(
        draftNow.missing.filter((m: { path: string[] }) => m.path[0] === 'reporter'),
        [{ path: ['reporter', 'phone'], level: 'law' }],
      );
      await admin.client.patch(`/api/orgs/${clinic.id}`, { version: moved.body.version, address: '東京都新宿区高田馬場三丁目2番5号', phone: '03-0000-1101' });
    });

    it('Q&A 14: a pregnant woman tested under the support programme is notified with 「妊婦支援事業」 in the free-text item', async () => {
      const kase = await register('positive');
      const answers = {
        four_groups: { aged_65_or_over: false, needs_admission: false, risk_and_needs_treatment_or_oxygen: false, pregnant: true },
        remarks: '妊婦支援事業（分娩前検査）',
      };
      const n = await submitted(kase, { classification: 'patient', diagnosedOn: '2022-10-03', specimenCollectedOn: '2022-10-02', answers });
      assert.equal(n.formVersion, '2022-09-26');
      assert.equal(n.answers.remarks, '妊婦支援事業（分娩前検査）');
      const stored = (await t.superuser('SELECT answers FROM notifications WHERE id = $1', [n.id])).rows[0].answers as { remarks: string };
      assert.equal(stored.remarks, '妊婦支援事業（分娩前検査）');
    });
  });
}
