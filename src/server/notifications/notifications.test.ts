// 発生届 through the API: a clerk drafts, only the doctor submits (Q&A 17), submission is refused
// while the Q&A 5 minimum is missing or a check objects, the first submission date is kept (Q&A 8),
// the centre gets an e-mail without personal data and confirms (Q&A 14-2); scope hides the rest.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import nodemailer from 'nodemailer';
import { actorFor } from '../../../test/harness/actors.ts';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { closeApp, firstLogin, openApp, type LoggedIn } from '../../../test/harness/http.ts';
import { startSmtp, type TestSmtp } from '../../../test/harness/smtp.ts';
import { japanToday } from '../../domain/calendar.ts';
import { rows } from '../db/database.ts';
import { labTests, persons } from '../db/schema.ts';
import { deliverDue } from '../jobs/outbox-worker.ts';

const PUBLIC_URL = 'https://hersys.example.jp';
const ADDRESS = '東京都新宿区西新宿二丁目8番1号';
const fourGroups = (over: Record<string, boolean> = {}) => ({
  four_groups: { aged_65_or_over: false, needs_admission: true, risk_and_needs_treatment_or_oxygen: false, pregnant: false, ...over },
});
/** A draft under the four-groups form (diagnosed 2022-10-03). */
const draft = (over: Record<string, unknown> = {}) => ({
  classification: 'patient',
  diagnosedOn: '2022-10-03',
  specimenCollectedOn: '2022-10-02',
  answers: fourGroups(),
  ...over,
});

for (const engine of ENGINES) {
  describe(`notifications (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let smtp: TestSmtp;
    let doctor: LoggedIn;
    let clerk: LoggedIn;
    let shinjuku: LoggedIn;
    let nakano: LoggedIn;
    let midoriDoctor: LoggedIn;
    const org = (key: string) => t.world.orgIds[key];
    const userId = async (loginId: string) =>
      (await t.superuser('SELECT id FROM users WHERE login_id = $1', [loginId])).rows[0].id as string;
    /** A demo case by the person's kana name. */
    const caseOf = async (kana: string) => {
      const r = await t.superuser(
        'SELECT c.id, c.self_report_id, p.id AS person_id FROM cases c JOIN persons p ON p.id = c.person_id WHERE p.name_kana = $1',
        [kana],
      );
      return r.rows[0] as { id: string; self_report_id: string; person_id: string };
    };
    /** Test records and addresses are registration's to enter; here they are written directly, as that user. */
    const addPositiveTest = async (loginId: string, caseId: string) => {
      const actor = await actorFor(t.db, loginId);
      await t.db.asActor(actor, (tx) =>
        tx.insert(labTests).values({
          caseId,
          entryId: randomUUID(),
          method: 'naat',
          specimen: 'nasopharyngeal_swab',
          collectedOn: '2022-10-02',
          result: 'positive',
          resultOn: '2022-10-03',
          createdBy: actor.userId,
        }),
      );
    };
    const setAddress = async (loginId: string, personId: string) => {
      const actor = await actorFor(t.db, loginId);
      await t.db.asActor(actor, (tx) => tx.update(persons).set({ residenceAddress: ADDRESS }).where(eq(persons.id, personId)));
    };
    const audits = (action: string) => t.superuser('SELECT * FROM audit_log WHERE action = $1 ORDER BY seq', [action]);

    let yamada: Awaited<ReturnType<typeof caseOf>>;
    let notificationId: string;

    before(async () => {
      ({ t, app } = await openApp(engine, { PUBLIC_URL }));
      smtp = await startSmtp();
      doctor = await firstLogin(t, app, 'sakura-dr1');
      clerk = await firstLogin(t, app, 'sakura-clerk1');
      shinjuku = await firstLogin(t, app, 'shinjuku-h1');
      nakano = await firstLogin(t, app, 'nakano-h1');
      midoriDoctor = await firstLogin(t, app, 'midori-dr1');
      yamada = await caseOf('ヤマダ タロウ');
    });
    after(async () => {
      await smtp.close();
      await closeApp(t, app);
    });

    it('a clerk drafts: the form version in force on the diagnosis date is stored, and the draft is audited', async () => {
      const r = await clerk.client.post(`/api/cases/${yamada.id}/notifications`, draft());
      assert.equal(r.statusCode, 201, JSON.stringify(r.body));
      assert.equal(r.body.status, 'draft');
      assert.equal(r.body.formId, 'covid19');
      assert.equal(r.body.formVersion, '2022-09-26');
      assert.equal(r.body.institutionId, org('sakura-clinic'));
      assert.equal(r.body.source, 'direct');
      assert.equal(r.body.doctorUserId, null, 'a clerk is not the doctor');
      assert.equal(r.body.createdBy, await userId('sakura-clerk1'));
      notificationId = r.body.id;
      // A case has one draft at a time; another notification is 追加登録 after this one.
      const second = await clerk.client.post(`/api/cases/${yamada.id}/notifications`, draft());
      assert.equal(second.statusCode, 409);
      assert.equal(second.body.code, 'case_has_draft');
      assert.equal(second.body.details.notificationId, notificationId);
      // Another diagnosis date puts the draft under the version in force then.
      const older = await clerk.client.patch(`/api/notifications/${notificationId}`, { version: r.body.version, diagnosedOn: '2022-07-01', answers: {} });
      assert.equal(older.body.formVersion, '2022-06-30');
      const back = await clerk.client.patch(`/api/notifications/${notificationId}`, { version: older.body.version, ...draft() });
      assert.equal(back.body.formVersion, '2022-09-26');
      const rows = (await audits('notifications.create')).rows;
      assert.equal(rows.length, 1);
      assert.deepEqual(rows[0].record_ids, [notificationId]);
      assert.equal(rows[0].actor_user_id, await userId('sakura-clerk1'));
    });

    it('answers that do not fit the form are a 400 at their path, in Japanese and English; nothing is written', async () => {
      const countBefore = (await t.superuser('SELECT count(*)::int AS n FROM notifications')).rows[0].n;
      const r = await clerk.client.post(
        `/api/cases/${yamada.id}/notifications`,
        draft({ answers: { ...fourGroups({ pregnant: 'yes' as never }), symptoms: ['fever'] } }),
      );
      assert.equal(r.statusCode, 400);
      const paths = r.body.errors.map((e: { path: unknown }) => e.path);
      assert.equal(paths.length, 2);
      assert.ok(paths.some((p: string[]) => p.join('.') === 'body.answers.four_groups.pregnant'));
      assert.ok(paths.some((p: string[]) => p.join('.') === 'body.answers.symptoms'), 'no symptoms item in the 2022-09-26 form');
      for (const e of r.body.errors) assert.ok(e.message.ja && e.message.en);
      assert.match(r.body.details.answers.find((a: { code: string }) => a.code === 'wrong_type').message.ja, /妊婦/);
      const noForm = await clerk.client.post(`/api/cases/${yamada.id}/notifications`, draft({ diagnosedOn: '2024-01-10' }));
      assert.equal(noForm.statusCode, 400);
      assert.deepEqual(noForm.body.errors[0].path, ['body', 'diagnosedOn']);
      assert.equal(noForm.body.errors[0].code, 'no_form_in_force');
      const badDate = await clerk.client.post(`/api/cases/${yamada.id}/notifications`, draft({ diagnosedOn: '2022-02-30' }));
      assert.equal(badDate.statusCode, 400);
      assert.equal((await t.superuser('SELECT count(*)::int AS n FROM notifications')).rows[0].n, countBefore);
    });

    it('reading shows what is missing and what the checks find, and is audited with its purpose', async () => {
      const r = await doctor.client.get(`/api/notifications/${notificationId}`, { 'x-hersys-purpose': encodeURIComponent('発生届の確認') });
      assert.equal(r.statusCode, 200);
      const minimum = r.body.missing.filter((m: { level: string }) => m.level === 'legal_minimum').map((m: { path: string[] }) => m.path);
      assert.deepEqual(minimum, [['person', 'residenceAddress'], ['tests']]);
      assert.deepEqual(r.body.findings.map((f: { ruleId: string }) => f.ruleId), ['LC-POSITIVE-TEST-REQUIRED']);
      assert.deepEqual(r.body.submissions, []);
      assert.equal(r.body.confirmed, false);
      const read = (await audits('notifications.read')).rows.at(-1)!;
      assert.equal(read.purpose, '発生届の確認');
      assert.deepEqual(read.record_ids, [notificationId]);
      assert.equal(read.actor_user_id, await userId('sakura-dr1'));
    });

    it('a draft is changed with its current version; a stale version is a 409 and changes nothing', async () => {
      const current = (await clerk.client.get(`/api/notifications/${notificationId}`)).body;
      const ok = await clerk.client.patch(`/api/notifications/${notificationId}`, { version: current.version, answers: fourGroups({ aged_65_or_over: true }) });
      assert.equal(ok.statusCode, 200, JSON.stringify(ok.body));
      assert.equal(ok.body.version, current.version + 1);
      const stale = await clerk.client.patch(`/api/notifications/${notificationId}`, { version: current.version, answers: fourGroups() });
      assert.equal(stale.statusCode, 409);
      assert.equal(stale.body.code, 'version_conflict');
      const bad = await clerk.client.patch(`/api/notifications/${notificationId}`, { version: ok.body.version, answers: { four_groups: { pregnant: 3 } } });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(bad.body.errors[0].path, ['body', 'answers', 'four_groups', 'pregnant']);
      const row = (await t.superuser('SELECT answers, version FROM notifications WHERE id = $1', [notificationId])).rows[0];
      assert.equal(row.version, ok.body.version);
      assert.equal((row.answers as { four_groups: { aged_65_or_over: boolean } }).four_groups.aged_65_or_over, true);
      assert.equal((await audits('notifications.update')).rows.length, 3, 'two changes of the diagnosis date, then this one');
    });

    it('only a doctor submits (Q&A 17): a clerk gets 403', async () => {
      const r = await clerk.client.post(`/api/notifications/${notificationId}/submit`, { acknowledgedWarnings: [] });
      assert.equal(r.statusCode, 403);
      assert.equal((await t.superuser("SELECT status FROM notifications WHERE id = $1", [notificationId])).rows[0].status, 'draft');
    });

    it('submission is refused (422) while the legal minimum is missing or a check gives an error', async () => {
      const r = await doctor.client.post(`/api/notifications/${notificationId}/submit`, { acknowledgedWarnings: [] });
      assert.equal(r.statusCode, 422);
      assert.equal(r.body.code, 'submission_blocked');
      const fields = r.body.errors.map((e: { path: string[]; code: string }) => `${e.path.join('.')}:${e.code}`);
      assert.ok(fields.includes('person.residenceAddress:legal_minimum_missing'), fields.join());
      assert.ok(fields.includes('tests:legal_minimum_missing'));
      assert.ok(fields.includes('tests:logic_check_error'));
      for (const e of r.body.errors) assert.ok(e.message.ja && e.message.en);
      assert.ok(r.body.details.findings.some((f: { ruleId: string }) => f.ruleId === 'LC-POSITIVE-TEST-REQUIRED'));
      const n = await t.superuser('SELECT count(*)::int AS n FROM outbox');
      assert.equal(n.rows[0].n, 0);
    });

    it('an unacknowledged warning blocks until the doctor acknowledges it by rule id', async () => {
      await setAddress('sakura-clerk1', yamada.person_id);
      await addPositiveTest('sakura-clerk1', yamada.id);
      // 65 or over is ticked, but he is 64 on the diagnosis date: a warning.
      const r = await doctor.client.post(`/api/notifications/${notificationId}/submit`, { acknowledgedWarnings: [] });
      assert.equal(r.statusCode, 422, JSON.stringify(r.body));
      assert.deepEqual(
        r.body.errors.map((e: { path: string[]; code: string }) => `${e.path.join('.')}:${e.code}`),
        ['fourGroups.aged65OrOver:warning_not_acknowledged', 'person.birthDate:warning_not_acknowledged'],
      );
      assert.equal((await t.superuser('SELECT count(*)::int AS n FROM notification_submissions')).rows[0].n, 0);
    });

    it('the doctor submits: first submission date in Japan, one e-mail to the responsible centre, audited', async () => {
      const r = await doctor.client.post(`/api/notifications/${notificationId}/submit`, { acknowledgedWarnings: ['LC-FOUR-GROUPS-AGE', 'NOT-A-RULE'] });
      assert.equal(r.statusCode, 200, JSON.stringify(r.body));
      assert.equal(r.body.status, 'submitted');
      assert.equal(r.body.submittedBy, await userId('sakura-dr1'));
      assert.equal(r.body.doctorUserId, await userId('sakura-dr1'));
      assert.deepEqual(r.body.acknowledgedWarnings, ['LC-FOUR-GROUPS-AGE']);
      assert.equal(r.body.submissions.length, 1);
      assert.equal(r.body.submissions[0].classification, 'patient');
      assert.equal(r.body.submissions[0].submittedOn, japanToday(new Date(r.body.firstSubmittedAt)));
      const outbox = await t.superuser('SELECT payload FROM outbox');
      assert.equal(outbox.rows.length, 1);
      assert.equal((outbox.rows[0].payload as { to: string }).to, 'hc-shinjuku@example.jp');
      const submitted = (await audits('notifications.submit')).rows;
      assert.equal(submitted.length, 1);
      assert.equal((submitted[0].details as { emailed: boolean }).emailed, true);
    });

    it('the centre receives the e-mail over SMTP with the self-report ID and no personal data (Q&A 14-2)', async () => {
      const transport = nodemailer.createTransport(smtp.url);
      assert.deepEqual(await deliverDue(t.db, transport, 'hersys <no-reply@hersys.test>'), { sent: 1, failed: 0 });
      assert.equal(smtp.received.length, 1);
      const mail = smtp.received[0];
      assert.deepEqual(mail.to, ['hc-shinjuku@example.jp']);
      const all = `${mail.subject}\n${mail.text}`;
      assert.ok(mail.subject.includes(yamada.self_report_id));
      assert.ok(mail.text.includes(yamada.self_report_id));
      assert.ok(mail.text.includes(`${PUBLIC_URL}/cases/${yamada.id}`));
      for (const personal of ['山田', '太郎', 'ヤマダ', 'タロウ', '1958', '04-12', '西新宿', ADDRESS]) {
        assert.ok(!all.includes(personal), `the e-mail contains ${personal}`);
      }
    });

    it('the submission date never changes: a second 報告 is refused and the row stays (Q&A 8)', async () => {
      const firstRows = (await t.superuser('SELECT * FROM notification_submissions WHERE notification_id = $1', [notificationId])).rows;
      const again = await doctor.client.post(`/api/notifications/${notificationId}/submit`, { acknowledgedWarnings: ['LC-FOUR-GROUPS-AGE'] });
      assert.equal(again.statusCode, 409);
      assert.equal(again.body.code, 'notification_not_draft');
      const edit = await doctor.client.patch(`/api/notifications/${notificationId}`, { version: 99, occupation: '会社員' });
      assert.equal(edit.statusCode, 409);
      const laterRows = (await t.superuser('SELECT * FROM notification_submissions WHERE notification_id = $1', [notificationId])).rows;
      assert.deepEqual(laterRows, firstRows);
      assert.equal((await t.superuser('SELECT count(*)::int AS n FROM outbox')).rows[0].n, 1);
    });

    it('outside one’s scope a notification does not exist (404), through the API and in raw SQL under RLS', async () => {
      for (const who of [nakano, midoriDoctor]) {
        assert.equal((await who.client.get(`/api/notifications/${notificationId}`)).statusCode, 404);
      }
      assert.equal((await midoriDoctor.client.post(`/api/cases/${yamada.id}/notifications`, draft())).statusCode, 404);
      const countAs = async (loginId: string) => {
        const actor = await actorFor(t.db, loginId);
        const [{ n }] = await t.db.asActor(actor, (tx) =>
          rows<{ n: number }>(tx, sql`SELECT (SELECT count(*) FROM notifications)::int + (SELECT count(*) FROM notification_submissions)::int AS n`),
        );
        return n;
      };
      assert.equal(await countAs('nakano-h1'), 0);
      assert.ok((await countAs('shinjuku-h1')) > 0);
    });

    it('保健所確認済: not by a clinic, not by another centre, not before submission; by the responsible centre, audited', async () => {
      assert.equal((await doctor.client.post(`/api/notifications/${notificationId}/confirm`, {})).statusCode, 403);
      assert.equal((await nakano.client.post(`/api/notifications/${notificationId}/confirm`, {})).statusCode, 404);
      // A public-health institute checks data with health-centre rights (Q&A 19) but is no notified centre.
      const institute = await firstLogin(t, app, 'tokyo-phi1');
      assert.equal((await institute.client.get(`/api/notifications/${notificationId}`)).statusCode, 200);
      const byInstitute = await institute.client.post(`/api/notifications/${notificationId}/confirm`, {});
      assert.equal(byInstitute.statusCode, 403);
      assert.equal(byInstitute.body.code, 'not_responsible_centre');
      const added = await clerk.client.post(`/api/cases/${yamada.id}/notifications`, draft());
      assert.equal(added.statusCode, 201, JSON.stringify(added.body));
      const notYet = await shinjuku.client.post(`/api/notifications/${added.body.id}/confirm`, {});
      assert.equal(notYet.statusCode, 409);
      assert.equal(notYet.body.code, 'notification_not_submitted');
      const r = await shinjuku.client.post(`/api/notifications/${notificationId}/confirm`, {});
      assert.equal(r.statusCode, 200, JSON.stringify(r.body));
      assert.equal(r.body.notification.confirmed, true);
      assert.equal(r.body.notification.confirmedBy, await userId('shinjuku-h1'));
      assert.deepEqual(r.body.warnings, []);
      assert.equal((await shinjuku.client.post(`/api/notifications/${notificationId}/confirm`, {})).statusCode, 409);
      const row = (await audits('notifications.confirm')).rows;
      assert.equal(row.length, 1);
      assert.equal((row[0].details as { selfConfirmed: boolean }).selfConfirmed, false);
    });

    it('a health centre keys in a faxed notification for a clinic of its area, submits and confirms it with a warning', async () => {
      const sato = await caseOf('サトウ ハナコ');
      const body = draft({ source: 'fax', institutionId: org('sakura-clinic'), doctorName: '桜井 一郎' });
      const noSource = await shinjuku.client.post(`/api/cases/${sato.id}/notifications`, { ...body, source: undefined });
      assert.equal(noSource.statusCode, 400);
      assert.deepEqual(noSource.body.errors.map((e: { path: string[] }) => e.path), [['body', 'source']]);
      const elsewhere = await shinjuku.client.post(`/api/cases/${sato.id}/notifications`, { ...body, institutionId: org('midori-hospital') });
      assert.equal(elsewhere.statusCode, 403);
      assert.equal(elsewhere.body.code, 'institution_outside_area');
      const clinicFax = await doctor.client.post(`/api/cases/${sato.id}/notifications`, body);
      assert.equal(clinicFax.statusCode, 400, 'a clinic enters its own notifications directly');

      const created = await shinjuku.client.post(`/api/cases/${sato.id}/notifications`, body);
      assert.equal(created.statusCode, 201, JSON.stringify(created.body));
      assert.equal(created.body.source, 'fax');
      assert.equal(created.body.institutionId, org('sakura-clinic'));
      assert.equal(created.body.doctorName, '桜井 一郎');
      // The clinic's doctor does not submit what the centre keyed in.
      assert.equal((await doctor.client.post(`/api/notifications/${created.body.id}/submit`, {})).statusCode, 403);
      await setAddress('shinjuku-h1', sato.person_id);
      await addPositiveTest('shinjuku-h1', sato.id);
      const submitted = await shinjuku.client.post(`/api/notifications/${created.body.id}/submit`, { acknowledgedWarnings: [] });
      assert.equal(submitted.statusCode, 200, JSON.stringify(submitted.body));
      const confirmed = await shinjuku.client.post(`/api/notifications/${created.body.id}/confirm`, { version: submitted.body.version });
      assert.equal(confirmed.statusCode, 200);
      assert.deepEqual(confirmed.body.warnings.map((w: { code: string }) => w.code), ['self_confirmation']);
      assert.ok(confirmed.body.warnings[0].message.ja && confirmed.body.warnings[0].message.en);
    });

    it('a related centre may confirm too; the e-mail goes to the case’s responsible centre; a stale version cannot be submitted', async () => {
      // 鈴木: reported by みどり病院, responsible 中野区保健所, 新宿区保健所 related (Q&A 4).
      const suzuki = await caseOf('スズキ イチロウ');
      const created = await midoriDoctor.client.post(`/api/cases/${suzuki.id}/notifications`, draft({ answers: fourGroups({ aged_65_or_over: true }) }));
      assert.equal(created.statusCode, 201, JSON.stringify(created.body));
      const changed = await midoriDoctor.client.patch(`/api/notifications/${created.body.id}`, { version: created.body.version, admitted: false });
      await setAddress('midori-dr1', suzuki.person_id);
      await addPositiveTest('midori-dr1', suzuki.id);
      const stale = await midoriDoctor.client.post(`/api/notifications/${created.body.id}/submit`, { version: created.body.version });
      assert.equal(stale.statusCode, 409);
      assert.equal(stale.body.code, 'version_conflict');
      const ok = await midoriDoctor.client.post(`/api/notifications/${created.body.id}/submit`, { version: changed.body.version });
      assert.equal(ok.statusCode, 200, JSON.stringify(ok.body));
      const mail = await t.superuser("SELECT payload FROM outbox WHERE payload->>'to' = 'hc-nakano@example.jp'");
      assert.equal(mail.rows.length, 1);
      assert.ok((mail.rows[0].payload as { subject: string }).subject.includes(suzuki.self_report_id));
      assert.equal((await t.superuser('SELECT count(*)::int AS n FROM outbox')).rows[0].n, 3);
      const confirmed = await shinjuku.client.post(`/api/notifications/${created.body.id}/confirm`, {});
      assert.equal(confirmed.statusCode, 200, JSON.stringify(confirmed.body));
      assert.equal(confirmed.body.notification.confirmedBy, await userId('shinjuku-h1'));
    });
  });
}
