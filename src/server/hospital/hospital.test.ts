// 医療タブ through the API: a hospital admits and discharges its own inpatients and the status
// follows (Q&A 9; a centre keying them in: centre-admission.test.ts), the stored severity is derived (Q&A 15) and the database refuses any other,
// a hospital never touches another's admissions, and scope hides the cases one does not see.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { closeApp, firstLogin, openApp, type LoggedIn } from '../../../test/harness/http.ts';
import { japanToday } from '../../domain/calendar.ts';

const daysAgo = (n: number) => japanToday(new Date(Date.now() - n * 86_400_000));
const paths = (body: { errors?: { path: (string | number)[] }[] }) => (body.errors ?? []).map((e) => e.path.join('.'));

for (const engine of ENGINES) {
  describe(`hospital course (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let midori: LoggedIn;
    let sakura: LoggedIn;
    let nakano: LoggedIn;
    let shinjuku: LoggedIn;
    let phi: LoggedIn;
    const org = (key: string) => t.world.orgIds[key];
    const caseOf = async (kana: string) =>
      (await t.superuser('SELECT c.id FROM cases c JOIN persons p ON p.id = c.person_id WHERE p.name_kana = $1', [kana])).rows[0].id as string;
    const count = async (table: string, caseId: string) =>
      (await t.superuser(`SELECT count(*)::int AS n FROM ${table} WHERE case_id = $1`, [caseId])).rows[0].n as number;
    const statusOf = async (who: LoggedIn, caseId: string) => {
      const r = await who.client.get(`/api/cases/${caseId}/status`);
      assert.equal(r.statusCode, 200, JSON.stringify(r.body));
      return r.body;
    };
    /** A new case reported by the hospital (so it sees it; responsible: nakano), with no status yet. */
    let kanaSeq = 0;
    const newCase = async () => {
      const kana = ['ミドリ イチ', 'ミドリ ニ', 'ミドリ サン', 'ミドリ ヨン'][kanaSeq++];
      const r = await midori.client.post('/api/registrations', {
        person: { nameKanji: '緑 花子', nameKana: kana, sex: 'female', birthDate: '1980-05-05' },
        choice: { kind: 'new_person' },
      });
      assert.equal(r.statusCode, 201, JSON.stringify(r.body));
      return r.body.caseId as string;
    };
    /** A hospital stay gives the hospital the case (the residence flow writes this assignment). */
    const stayAt = (caseId: string, orgKey: string) =>
      t.superuser(
        `INSERT INTO case_assignments (case_id, org_id, kind, starts_at) VALUES ($1, $2, 'residence', now() - interval '1 day')`,
        [caseId, org(orgKey)],
      );

    let suzuki: string;
    let suzukiAdmission: { id: string; version: number };
    let yamada: string;
    let yamadaAdmission: { id: string; version: number };

    before(async () => {
      ({ t, app } = await openApp(engine));
      midori = await firstLogin(t, app, 'midori-dr1');
      sakura = await firstLogin(t, app, 'sakura-dr1');
      nakano = await firstLogin(t, app, 'nakano-h1');
      shinjuku = await firstLogin(t, app, 'shinjuku-h1');
      phi = await firstLogin(t, app, 'tokyo-phi1');
      suzuki = await caseOf('スズキ イチロウ');
      yamada = await caseOf('ヤマダ タロウ');
    });
    after(() => closeApp(t, app));

    it('a hospital admits a case it sees: the admission is kept, the case becomes 入院中 from that day, in the history, audited', async () => {
      const admittedOn = daysAgo(3);
      const r = await midori.client.post(`/api/cases/${suzuki}/admissions`, { admittedOn, ward: '5階東', attendingDoctor: '緑 一郎', note: '酸素投与目的' });
      assert.equal(r.statusCode, 201, JSON.stringify(r.body));
      assert.equal(r.body.admission.note, '酸素投与目的');
      assert.equal(r.body.admission.hospital.id, org('midori-hospital'));
      assert.equal(r.body.admission.hospital.nameJa, '中野みどり病院');
      assert.equal(r.body.admission.dischargedOn, null);
      assert.equal(r.body.caseStatus.status, 'hospitalized');
      assert.equal(r.body.caseStatus.effectiveOn, admittedOn);
      suzukiAdmission = r.body.admission;

      const status = await statusOf(nakano, suzuki);
      assert.equal(status.status, 'hospitalized');
      assert.equal(status.history.length, 1);
      assert.equal(status.history[0].fromStatus, null);
      assert.equal(status.history[0].changedByOrgName, '中野みどり病院');
      const audits = await t.superuser(`SELECT record_ids, details FROM audit_log WHERE action = 'admissions.create'`);
      assert.deepEqual(audits.rows.map((a) => (a.record_ids as string[])[0]), [suzukiAdmission.id]);

      // One open admission per case and hospital.
      const again = await midori.client.post(`/api/cases/${suzuki}/admissions`, { admittedOn });
      assert.equal(again.statusCode, 409);
      assert.equal(again.body.code, 'admission_already_open');
      assert.equal(await count('admissions', suzuki), 1);
      // The database holds to it too.
      await assert.rejects(
        t.superuser('INSERT INTO admissions (case_id, hospital_id, admitted_on, created_by) SELECT case_id, hospital_id, admitted_on, created_by FROM admissions WHERE case_id = $1', [suzuki]),
        /admissions_open_key/,
      );
    });

    it('a hospital admits only to itself; a health centre names a medical institution, with the same effect on the status', async () => {
      const takahashi = await caseOf('タカハシ ミサキ');
      const elsewhere = await midori.client.post(`/api/cases/${takahashi}/admissions`, { admittedOn: daysAgo(1), hospitalId: org('sakura-clinic') });
      assert.equal(elsewhere.statusCode, 403);
      assert.equal(elsewhere.body.code, 'admission_other_hospital');

      const unnamed = await nakano.client.post(`/api/cases/${takahashi}/admissions`, { admittedOn: daysAgo(1) });
      assert.equal(unnamed.statusCode, 400);
      assert.deepEqual(paths(unnamed.body), ['body.hospitalId']);
      const notHospital = await nakano.client.post(`/api/cases/${takahashi}/admissions`, { admittedOn: daysAgo(1), hospitalId: org('tokyo-hotel') });
      assert.equal(notHospital.statusCode, 400);
      assert.deepEqual(paths(notHospital.body), ['body.hospitalId']);
      assert.equal(notHospital.body.errors[0].code, 'not_a_hospital');
      // Only a health centre's staff key in for a hospital: the institute's hc_staff is not one.
      const institute = await phi.client.post(`/api/cases/${takahashi}/admissions`, { admittedOn: daysAgo(1), hospitalId: org('midori-hospital') });
      assert.equal(institute.statusCode, 403);
      assert.equal(await count('admissions', takahashi), 0);

      const byCentre = await nakano.client.post(`/api/cases/${takahashi}/admissions`, { admittedOn: daysAgo(1), hospitalId: org('midori-hospital') });
      assert.equal(byCentre.statusCode, 201, JSON.stringify(byCentre.body));
      assert.equal(byCentre.body.admission.hospital.id, org('midori-hospital'));
      assert.equal(byCentre.body.caseStatus.status, 'hospitalized', 'an admission is an admission whoever keys it in (Q&A 9)');
      assert.equal(await count('case_status_changes', takahashi), 1);
    });

    it('bad input is a 400 at its path: future dates, a stated 重症, a discharge without outcome or before the admission', async () => {
      const future = await midori.client.post(`/api/cases/${suzuki}/admissions`, { admittedOn: daysAgo(-2) });
      assert.equal(future.statusCode, 400);
      assert.deepEqual(paths(future.body), ['body.admittedOn']);
      const stated = await midori.client.post(`/api/cases/${suzuki}/clinical-course`, { observedOn: daysAgo(1), severity: 'severe' });
      assert.equal(stated.statusCode, 400);
      assert.deepEqual(paths(stated.body), ['body.severity']);
      const futureEntry = await midori.client.post(`/api/cases/${suzuki}/clinical-course`, { observedOn: daysAgo(-1), severity: 'mild' });
      assert.deepEqual(paths(futureEntry.body), ['body.observedOn']);

      const url = `/api/admissions/${suzukiAdmission.id}`;
      const v = suzukiAdmission.version;
      const noOutcome = await midori.client.patch(url, { version: v, dischargedOn: daysAgo(0) });
      assert.equal(noOutcome.statusCode, 400);
      assert.deepEqual(paths(noOutcome.body), ['body.outcome']);
      const noDate = await midori.client.patch(url, { version: v, outcome: 'died' });
      assert.deepEqual(paths(noDate.body), ['body.dischargedOn']);
      const futureDischarge = await midori.client.patch(url, { version: v, dischargedOn: daysAgo(-1), outcome: 'died' });
      assert.equal(futureDischarge.statusCode, 400);
      assert.deepEqual(paths(futureDischarge.body), ['body.dischargedOn']);
      const beforeAdmission = await midori.client.patch(url, { version: v, dischargedOn: daysAgo(4), outcome: 'died' });
      assert.equal(beforeAdmission.statusCode, 400);
      assert.deepEqual(paths(beforeAdmission.body), ['body.dischargedOn']);
      assert.equal(beforeAdmission.body.errors[0].code, 'discharge_before_admission');
      const recoveredNowhere = await midori.client.patch(url, { version: v, dischargedOn: daysAgo(0), outcome: 'recovered' });
      assert.equal(recoveredNowhere.statusCode, 400);
      assert.deepEqual(paths(recoveredNowhere.body), ['body.statusAfter']);
      const diedAtHome = await midori.client.patch(url, { version: v, dischargedOn: daysAgo(0), outcome: 'died', statusAfter: 'home' });
      assert.equal(diedAtHome.statusCode, 400);
      assert.deepEqual(paths(diedAtHome.body), ['body.statusAfter']);
      const nothing = await midori.client.patch(url, { version: v });
      assert.equal(nothing.statusCode, 400);
      assert.equal(nothing.body.code, 'nothing_changed');
      const stale = await midori.client.patch(url, { version: v + 5, ward: '6階西' });
      assert.equal(stale.statusCode, 409);

      const open = await t.superuser('SELECT discharged_on, version FROM admissions WHERE id = $1', [suzukiAdmission.id]);
      assert.deepEqual(open.rows[0], { discharged_on: null, version: v });
      assert.equal((await statusOf(nakano, suzuki)).status, 'hospitalized');
    });

    it('stores the derived severity: ICU is 重症 even if stated mild, oxygen at least 中等症Ⅱ; names as at the time; audited', async () => {
      const record = (body: object) => midori.client.post(`/api/cases/${suzuki}/clinical-course`, body);
      const icu = await record({ observedOn: daysAgo(2), severity: 'mild', icu: true });
      assert.equal(icu.statusCode, 201, JSON.stringify(icu.body));
      assert.equal(icu.body.severity, 'severe');
      assert.equal(icu.body.admissionId, suzukiAdmission.id, 'linked to the hospital’s open admission');
      assert.equal(icu.body.changedByName, 'みどり病院 感染症科1');
      assert.equal(icu.body.changedByOrgName, '中野みどり病院');
      const oxygen = await record({ observedOn: daysAgo(1), severity: 'mild', oxygen: true, note: '酸素 2L' });
      assert.equal(oxygen.body.severity, 'moderate2');
      const plain = await record({ observedOn: daysAgo(3), severity: 'moderate1' });
      assert.equal(plain.body.severity, 'moderate1');
      const stored = await t.superuser('SELECT severity, icu, oxygen FROM clinical_course WHERE id = ANY ($1) ORDER BY observed_on', [
        [icu.body.id, oxygen.body.id, plain.body.id],
      ]);
      assert.deepEqual(stored.rows.map((r) => r.severity), ['moderate1', 'severe', 'moderate2']);
      // Before the admission: not part of the stay.
      const early = await record({ observedOn: daysAgo(5), severity: 'mild' });
      assert.equal(early.statusCode, 400);
      assert.deepEqual(paths(early.body), ['body.observedOn']);

      const course = await nakano.client.get(`/api/cases/${suzuki}/hospital-course`);
      assert.equal(course.statusCode, 200, JSON.stringify(course.body));
      assert.deepEqual(course.body.clinicalCourse.map((e: { observedOn: string }) => e.observedOn), [daysAgo(1), daysAgo(2), daysAgo(3)]);
      assert.equal(course.body.currentSeverity, 'moderate2', 'the newest entry’s');
      assert.equal(course.body.admissions[0].hospital.nameJa, '中野みどり病院');
      const audits = await t.superuser(`SELECT action, count(*)::int AS n FROM audit_log WHERE action IN ('clinical_course.record', 'hospital_course.read') GROUP BY action ORDER BY action`);
      assert.deepEqual(audits.rows, [
        { action: 'clinical_course.record', n: 3 },
        { action: 'hospital_course.read', n: 1 },
      ]);
    });

    it('the database refuses 重症 without ICU, ventilator or ECMO, and ICU without 重症 (Q&A 15)', async () => {
      const insert = (severity: string, icu: boolean) =>
        t.superuser(
          `INSERT INTO clinical_course (case_id, observed_on, severity, icu, changed_by, changed_by_name, changed_by_org_name)
           VALUES ($1, current_date, $2, $3, gen_random_uuid(), 'x', 'x')`,
          [suzuki, severity, icu],
        );
      await assert.rejects(insert('severe', false), /clinical_course_severe_check/);
      await assert.rejects(insert('mild', true), /clinical_course_severe_check/);
      await insert('severe', true); // the rule's other half holds
    });

    it('a hospital changes the status only of its own inpatients (403 not_an_inpatient)', async () => {
      const caseId = await newCase();
      const { version } = await statusOf(midori, caseId);
      const r = await midori.client.post(`/api/cases/${caseId}/status`, { status: 'hospitalized', effectiveOn: daysAgo(0), version });
      assert.equal(r.statusCode, 403);
      assert.equal(r.body.code, 'not_an_inpatient');
      // Nor records its clinical course: it sees the case, but it is not its inpatient.
      const entry = await midori.client.post(`/api/cases/${caseId}/clinical-course`, { observedOn: daysAgo(0), severity: 'mild' });
      assert.equal(entry.statusCode, 403);
      assert.equal(entry.body.code, 'not_an_inpatient');
      assert.equal(await count('clinical_course', caseId), 0);
    });

    it('when the status rules refuse the admission (a released case; a day before the current status), nothing is written', async () => {
      const released = await newCase();
      const v1 = (await statusOf(nakano, released)).version;
      const set = await nakano.client.post(`/api/cases/${released}/status`, { status: 'released', effectiveOn: daysAgo(5), version: v1 });
      assert.equal(set.statusCode, 200, JSON.stringify(set.body));
      const r = await midori.client.post(`/api/cases/${released}/admissions`, { admittedOn: daysAgo(1) });
      assert.equal(r.statusCode, 403);
      assert.equal(r.body.code, 'status_final');
      assert.equal(await count('admissions', released), 0);

      const atHome = await newCase();
      const v2 = (await statusOf(nakano, atHome)).version;
      await nakano.client.post(`/api/cases/${atHome}/status`, { status: 'home', effectiveOn: daysAgo(2), version: v2 });
      const early = await midori.client.post(`/api/cases/${atHome}/admissions`, { admittedOn: daysAgo(4) });
      assert.equal(early.statusCode, 400);
      assert.deepEqual(paths(early.body), ['body.admittedOn']);
      assert.equal(early.body.errors[0].code, 'status_effective_before_current');
      assert.equal(await count('admissions', atHome), 0);
      // From home the hospital may admit (case-status.ts).
      const ok = await midori.client.post(`/api/cases/${atHome}/admissions`, { admittedOn: daysAgo(1) });
      assert.equal(ok.statusCode, 201, JSON.stringify(ok.body));
      assert.equal(ok.body.caseStatus.status, 'hospitalized');
    });

    it('a hospital cannot change another hospital’s admission; the case’s centre can, and its discharge moves the status like the hospital’s', async () => {
      await stayAt(yamada, 'midori-hospital');
      const admitted = await midori.client.post(`/api/cases/${yamada}/admissions`, { admittedOn: daysAgo(2), ward: 'ICU' });
      assert.equal(admitted.statusCode, 201, JSON.stringify(admitted.body));
      yamadaAdmission = admitted.body.admission;
      const url = `/api/admissions/${yamadaAdmission.id}`;

      // さくら reported ヤマダ and sees the case, but the stay is みどり's.
      const edit = await sakura.client.patch(url, { version: yamadaAdmission.version, ward: '外来' });
      assert.equal(edit.statusCode, 403);
      assert.equal(edit.body.code, 'admission_other_hospital');
      const discharge = await sakura.client.patch(url, { version: yamadaAdmission.version, dischargedOn: daysAgo(0), outcome: 'died' });
      assert.equal(discharge.statusCode, 403);
      const onTheirStay = await sakura.client.post(`/api/cases/${yamada}/clinical-course`, {
        observedOn: daysAgo(0),
        severity: 'mild',
        admissionId: yamadaAdmission.id,
      });
      assert.equal(onTheirStay.statusCode, 403);
      const noStay = await sakura.client.post(`/api/cases/${yamada}/clinical-course`, { observedOn: daysAgo(0), severity: 'mild' });
      assert.equal(noStay.statusCode, 403);
      assert.equal(noStay.body.code, 'not_an_inpatient');
      assert.deepEqual((await t.superuser('SELECT ward, version FROM admissions WHERE id = $1', [yamadaAdmission.id])).rows[0], { ward: 'ICU', version: 1 });

      const byCentre = await shinjuku.client.patch(url, { version: yamadaAdmission.version, ward: 'HCU' });
      assert.equal(byCentre.statusCode, 200, JSON.stringify(byCentre.body));
      assert.equal(byCentre.body.admission.ward, 'HCU');
      const centreStatus = await shinjuku.client.patch(url, {
        version: byCentre.body.admission.version,
        dischargedOn: daysAgo(0),
        outcome: 'recovered',
        statusAfter: 'home',
      });
      assert.equal(centreStatus.statusCode, 200, JSON.stringify(centreStatus.body));
      assert.deepEqual([centreStatus.body.caseStatus.status, centreStatus.body.caseStatus.effectiveOn], ['home', daysAgo(0)]);
      // The centre keys in a clinical-course entry too.
      const entry = await shinjuku.client.post(`/api/cases/${yamada}/clinical-course`, { observedOn: daysAgo(1), severity: 'moderate1', ventilator: true });
      assert.equal(entry.statusCode, 201, JSON.stringify(entry.body));
      assert.equal(entry.body.severity, 'severe');
      assert.equal(entry.body.changedByOrgName, '新宿区保健所');
    });

    it('a clinic cannot see or record the course of a case it does not see (404)', async () => {
      const read = await sakura.client.get(`/api/cases/${suzuki}/hospital-course`);
      assert.equal(read.statusCode, 404);
      const entry = await sakura.client.post(`/api/cases/${suzuki}/clinical-course`, { observedOn: daysAgo(0), severity: 'mild' });
      assert.equal(entry.statusCode, 404);
      const admit = await sakura.client.post(`/api/cases/${suzuki}/admissions`, { admittedOn: daysAgo(0) });
      assert.equal(admit.statusCode, 404);
      const edit = await sakura.client.patch(`/api/admissions/${suzukiAdmission.id}`, { version: suzukiAdmission.version, ward: 'x' });
      assert.equal(edit.statusCode, 404);
    });

    it('the hospital’s discharge with outcome died makes the case died before the admission closes', async () => {
      const r = await midori.client.patch(`/api/admissions/${suzukiAdmission.id}`, { version: suzukiAdmission.version, dischargedOn: daysAgo(0), outcome: 'died' });
      assert.equal(r.statusCode, 200, JSON.stringify(r.body));
      assert.equal(r.body.admission.dischargedOn, daysAgo(0));
      assert.equal(r.body.admission.outcome, 'died');
      assert.equal(r.body.caseStatus.status, 'died');
      const status = await statusOf(nakano, suzuki);
      assert.deepEqual(status.history.map((h: { status: string }) => h.status), ['died', 'hospitalized']);
      assert.equal(status.history[0].changedByOrgName, '中野みどり病院');
      // A discharge is recorded once; the status, now final, is the centre's.
      const again = await midori.client.patch(`/api/admissions/${suzukiAdmission.id}`, { version: r.body.admission.version, dischargedOn: daysAgo(0), outcome: 'other', statusAfter: 'home' });
      assert.equal(again.statusCode, 409);
      assert.equal(again.body.code, 'admission_already_discharged');
    });

    it('a hospital closes a stay the centre keyed in; a status the centre has since moved off 入院中 stays as it is', async () => {
      const takahashi = await caseOf('タカハシ ミサキ');
      const { version } = await statusOf(nakano, takahashi);
      const set = await nakano.client.post(`/api/cases/${takahashi}/status`, { status: 'awaiting_admission', effectiveOn: daysAgo(0), version });
      assert.equal(set.statusCode, 200, JSON.stringify(set.body));
      const [stay] = (await midori.client.get(`/api/cases/${takahashi}/hospital-course`)).body.admissions;
      assert.equal(stay.hospital.id, org('midori-hospital'));
      const r = await midori.client.patch(`/api/admissions/${stay.id}`, { version: stay.version, dischargedOn: daysAgo(0), outcome: 'recovered', statusAfter: 'home' });
      assert.equal(r.statusCode, 200, JSON.stringify(r.body));
      assert.equal(r.body.admission.outcome, 'recovered');
      assert.equal(r.body.caseStatus.status, 'awaiting_admission', 'the centre’s status stands');
      assert.equal(await count('case_status_changes', takahashi), 2);
    });

    it('a transfer keeps the case 入院中; recovered moves it to the status after discharge', async () => {
      const caseId = await newCase();
      const admitted = await midori.client.post(`/api/cases/${caseId}/admissions`, { admittedOn: daysAgo(3) });
      const transferred = await midori.client.patch(`/api/admissions/${admitted.body.admission.id}`, {
        version: admitted.body.admission.version,
        dischargedOn: daysAgo(2),
        outcome: 'transferred',
      });
      assert.equal(transferred.statusCode, 200, JSON.stringify(transferred.body));
      assert.equal(transferred.body.caseStatus.status, 'hospitalized');
      const readmitted = await midori.client.post(`/api/cases/${caseId}/admissions`, { admittedOn: daysAgo(2) });
      assert.equal(readmitted.statusCode, 201);
      assert.equal(await count('case_status_changes', caseId), 1, 'already 入院中: no change');
      const recovered = await midori.client.patch(`/api/admissions/${readmitted.body.admission.id}`, {
        version: readmitted.body.admission.version,
        dischargedOn: daysAgo(0),
        outcome: 'recovered',
        statusAfter: 'accommodation',
      });
      assert.equal(recovered.statusCode, 200, JSON.stringify(recovered.body));
      assert.equal(recovered.body.caseStatus.status, 'accommodation');
      assert.equal(recovered.body.caseStatus.effectiveOn, daysAgo(0));
      // No longer its inpatient: the hospital's part in the status is over.
      const v = (await statusOf(midori, caseId)).version;
      const more = await midori.client.post(`/api/cases/${caseId}/status`, { status: 'home', effectiveOn: daysAgo(0), version: v });
      assert.equal(more.statusCode, 403);
      assert.equal(more.body.code, 'not_an_inpatient');
    });
  });
}
