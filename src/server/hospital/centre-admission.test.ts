// An admission is an admission whoever keys it in (Q&A 9): a health centre's admission at the demo
// hospital makes the case 入院中, the ministry counts it and the severe course entered after it, the
// hospital opens the case for the stay and loses it after the discharge day as with a 居所, and a
// stay keyed in after it ended leaves the current status alone. Over HTTP and under row-level
// security, on both engines.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { actorFor } from '../../../test/harness/actors.ts';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { closeApp, firstLogin, openApp, type LoggedIn } from '../../../test/harness/http.ts';
import { japanToday } from '../../domain/calendar.ts';
import { accessPeriod } from '../../domain/residence.ts';
import { pgErrorCode } from '../db/database.ts';

const daysAgo = (n: number) => japanToday(new Date(Date.now() - n * 86_400_000));
const paths = (body: { errors?: { path: (string | number)[] }[] }) => (body.errors ?? []).map((e) => e.path.join('.'));

for (const engine of ENGINES) {
  describe(`an admission keyed in by a health centre (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let shinjuku: LoggedIn;
    let nakano: LoggedIn;
    let midori: LoggedIn;
    let ministry: LoggedIn;
    const org = (key: string) => t.world.orgIds[key];
    const caseOf = async (kana: string) =>
      (await t.superuser('SELECT c.id FROM cases c JOIN persons p ON p.id = c.person_id WHERE p.name_kana = $1', [kana])).rows[0].id as string;
    const opens = async (who: LoggedIn, caseId: string) => (await who.client.get(`/api/cases/${caseId}`)).statusCode;
    const statusOf = async (caseId: string) => (await shinjuku.client.get(`/api/cases/${caseId}/status`)).body;
    const tokyo = async () => {
      const r = await ministry.client.get('/api/statistics/inpatients');
      assert.equal(r.statusCode, 200, JSON.stringify(r.body));
      return r.body.prefectures.find((p: { prefectureId: string }) => p.prefectureId === org('tokyo'));
    };
    const assignmentOf = async (admissionId: string) =>
      (
        await t.superuser(
          'SELECT ca.kind, ca.org_id, ca.starts_at, ca.ends_at FROM admissions a JOIN case_assignments ca ON ca.id = a.assignment_id WHERE a.id = $1',
          [admissionId],
        )
      ).rows[0];

    let yamada: string;
    let yamadaStay: { id: string; version: number };

    before(async () => {
      ({ t, app } = await openApp(engine));
      shinjuku = await firstLogin(t, app, 'shinjuku-h1');
      nakano = await firstLogin(t, app, 'nakano-h1');
      midori = await firstLogin(t, app, 'midori-dr1');
      ministry = await firstLogin(t, app, 'mhlw-stats');
      // ヤマダ: 新宿区保健所's case, reported by さくら内科; みどり病院 has never seen it.
      yamada = await caseOf('ヤマダ タロウ');
    });
    after(() => closeApp(t, app));

    it('makes the case 入院中 from the admission day, and the ministry counts it and the severe course entered after it', async () => {
      assert.equal((await tokyo()).total, 0);
      const r = await shinjuku.client.post(`/api/cases/${yamada}/admissions`, { hospitalId: org('midori-hospital'), admittedOn: daysAgo(3) });
      assert.equal(r.statusCode, 201, JSON.stringify(r.body));
      assert.deepEqual([r.body.caseStatus.status, r.body.caseStatus.effectiveOn], ['hospitalized', daysAgo(3)]);
      yamadaStay = r.body.admission;
      const history = (await statusOf(yamada)).history;
      assert.deepEqual(history.map((h: { status: string; changedByOrgName: string }) => [h.status, h.changedByOrgName]), [['hospitalized', '新宿区保健所']]);
      assert.deepEqual((await tokyo()).bySeverity, { mild: 0, moderate1: 0, moderate2: 0, severe: 0, unknown: 1 });

      const severe = await shinjuku.client.post(`/api/cases/${yamada}/clinical-course`, { observedOn: daysAgo(2), severity: 'moderate2', ecmo: true });
      assert.equal(severe.statusCode, 201, JSON.stringify(severe.body));
      const counted = await tokyo();
      assert.equal(counted.total, 1);
      assert.equal(counted.bySeverity.severe, 1);
    });

    it('lets the hospital it names open the case and record its course while the stay lasts', async () => {
      assert.equal(await opens(midori, yamada), 200);
      const entry = await midori.client.post(`/api/cases/${yamada}/clinical-course`, { observedOn: daysAgo(1), severity: 'moderate1', icu: true });
      assert.equal(entry.statusCode, 201, JSON.stringify(entry.body));
      assert.equal(entry.body.admissionId, yamadaStay.id, 'its own inpatient now');
      const given = await assignmentOf(yamadaStay.id);
      assert.equal(given.kind, 'admission');
      assert.equal(given.org_id, org('midori-hospital'));
      assert.equal(new Date(given.starts_at as string).getTime(), accessPeriod(daysAgo(3), null).startsAt.getTime());
      assert.equal(given.ends_at, null);
      // Shown with the case's other assignments; it ends with the discharge, not by hand.
      const listed = (await shinjuku.client.get(`/api/cases/${yamada}/responsibility`)).body.assignments;
      const stay = listed.find((a: { kind: string }) => a.kind === 'admission');
      assert.equal(stay.org.id, org('midori-hospital'));
      assert.equal(stay.active, true);
      const ended = await shinjuku.client.post(`/api/assignments/${stay.id}/end`);
      assert.equal(ended.statusCode, 409);
      assert.equal(ended.body.code, 'assignment_of_admission');
    });

    it('a centre’s discharge moves the status on and ends the hospital’s access after the discharge day, as a 居所’s end does', async () => {
      const url = `/api/admissions/${yamadaStay.id}`;
      const nowhere = await shinjuku.client.patch(url, { version: yamadaStay.version, dischargedOn: daysAgo(1), outcome: 'recovered' });
      assert.equal(nowhere.statusCode, 400, 'the case leaves 入院中: where to');
      assert.deepEqual(paths(nowhere.body), ['body.statusAfter']);
      const r = await shinjuku.client.patch(url, { version: yamadaStay.version, dischargedOn: daysAgo(1), outcome: 'recovered', statusAfter: 'home' });
      assert.equal(r.statusCode, 200, JSON.stringify(r.body));
      assert.deepEqual([r.body.caseStatus.status, r.body.caseStatus.effectiveOn], ['home', daysAgo(1)]);
      assert.equal((await tokyo()).total, 0);
      const given = await assignmentOf(yamadaStay.id);
      assert.equal(new Date(given.ends_at as string).getTime(), accessPeriod(daysAgo(3), daysAgo(1)).endsAt!.getTime());
      assert.equal(await opens(midori, yamada), 404, 'the stay ended yesterday');
    });

    it('a hospital discharging its inpatient today keeps the case through the day', async () => {
      const sato = await caseOf('サトウ ハナコ');
      const admitted = await shinjuku.client.post(`/api/cases/${sato}/admissions`, { hospitalId: org('midori-hospital'), admittedOn: daysAgo(1) });
      assert.equal(admitted.statusCode, 201, JSON.stringify(admitted.body));
      const r = await midori.client.patch(`/api/admissions/${admitted.body.admission.id}`, {
        version: admitted.body.admission.version,
        dischargedOn: daysAgo(0),
        outcome: 'recovered',
        statusAfter: 'accommodation',
      });
      assert.equal(r.statusCode, 200, JSON.stringify(r.body));
      assert.equal(r.body.caseStatus.status, 'accommodation');
      assert.equal(await opens(midori, sato), 200);
      const given = await assignmentOf(admitted.body.admission.id);
      assert.equal(new Date(given.ends_at as string).getTime(), accessPeriod(daysAgo(1), daysAgo(0)).endsAt!.getTime());
    });

    it('a stay keyed in after it ended leaves the current status, gives no access now and is not counted', async () => {
      const before = await statusOf(yamada);
      const noOutcome = await shinjuku.client.post(`/api/cases/${yamada}/admissions`, { hospitalId: org('midori-hospital'), admittedOn: daysAgo(20), dischargedOn: daysAgo(10) });
      assert.equal(noOutcome.statusCode, 400);
      assert.deepEqual(paths(noOutcome.body), ['body.outcome']);
      const backwards = await shinjuku.client.post(`/api/cases/${yamada}/admissions`, {
        hospitalId: org('midori-hospital'),
        admittedOn: daysAgo(10),
        dischargedOn: daysAgo(20),
        outcome: 'recovered',
      });
      assert.equal(backwards.statusCode, 400);
      assert.equal(backwards.body.errors[0].code, 'discharge_before_admission');

      const r = await shinjuku.client.post(`/api/cases/${yamada}/admissions`, {
        hospitalId: org('midori-hospital'),
        admittedOn: daysAgo(20),
        dischargedOn: daysAgo(10),
        outcome: 'recovered',
      });
      assert.equal(r.statusCode, 201, JSON.stringify(r.body));
      assert.deepEqual([r.body.admission.dischargedOn, r.body.admission.outcome], [daysAgo(10), 'recovered']);
      const after = await statusOf(yamada);
      assert.deepEqual([after.status, after.history.length], [before.status, before.history.length]);
      assert.equal(await opens(midori, yamada), 404);
      assert.equal((await tokyo()).total, 0);
    });

    it('a hospital recording yesterday’s discharge gets its answer, then no longer sees the case', async () => {
      const admitted = await shinjuku.client.post(`/api/cases/${yamada}/admissions`, { hospitalId: org('midori-hospital'), admittedOn: daysAgo(1) });
      assert.equal(admitted.statusCode, 201, JSON.stringify(admitted.body));
      assert.equal(await opens(midori, yamada), 200);
      const r = await midori.client.patch(`/api/admissions/${admitted.body.admission.id}`, {
        version: admitted.body.admission.version,
        dischargedOn: daysAgo(1),
        outcome: 'died',
      });
      assert.equal(r.statusCode, 200, JSON.stringify(r.body));
      assert.equal(r.body.caseStatus.status, 'died');
      assert.equal(await opens(midori, yamada), 404);
    });

    it('a released case takes a past stay, but an open admission only after the centre reopens it with a reason', async () => {
      const tanaka = await caseOf('タナカ ケン');
      const v = (await nakano.client.get(`/api/cases/${tanaka}/status`)).body.version;
      assert.equal((await nakano.client.post(`/api/cases/${tanaka}/status`, { status: 'released', effectiveOn: daysAgo(3), version: v })).statusCode, 200);
      const open = await nakano.client.post(`/api/cases/${tanaka}/admissions`, { hospitalId: org('midori-hospital'), admittedOn: daysAgo(1) });
      assert.equal(open.statusCode, 409);
      assert.equal(open.body.code, 'admission_case_closed');
      assert.equal((await t.superuser('SELECT count(*)::int AS n FROM admissions WHERE case_id = $1', [tanaka])).rows[0].n, 0, 'nothing written');
      const past = await nakano.client.post(`/api/cases/${tanaka}/admissions`, {
        hospitalId: org('midori-hospital'),
        admittedOn: daysAgo(9),
        dischargedOn: daysAgo(4),
        outcome: 'recovered',
      });
      assert.equal(past.statusCode, 201, JSON.stringify(past.body));
      assert.equal(past.body.caseStatus.status, 'released');
    });

    it('closing one of two open stays leaves the case 入院中; closing the last moves it on', async () => {
      const takahashi = await caseOf('タカハシ ミサキ');
      const first = await nakano.client.post(`/api/cases/${takahashi}/admissions`, { hospitalId: org('midori-hospital'), admittedOn: daysAgo(4) });
      assert.equal(first.statusCode, 201, JSON.stringify(first.body));
      const second = await nakano.client.post(`/api/cases/${takahashi}/admissions`, { hospitalId: org('sakura-clinic'), admittedOn: daysAgo(2) });
      assert.equal(second.statusCode, 201, JSON.stringify(second.body));
      const closeFirst = await nakano.client.patch(`/api/admissions/${first.body.admission.id}`, {
        version: first.body.admission.version,
        dischargedOn: daysAgo(2),
        outcome: 'recovered',
        statusAfter: 'home',
      });
      assert.equal(closeFirst.statusCode, 200, JSON.stringify(closeFirst.body));
      assert.equal(closeFirst.body.caseStatus.status, 'hospitalized', 'still in the other hospital');
      const closeSecond = await nakano.client.patch(`/api/admissions/${second.body.admission.id}`, {
        version: second.body.admission.version,
        dischargedOn: daysAgo(0),
        outcome: 'recovered',
        statusAfter: 'home',
      });
      assert.equal(closeSecond.statusCode, 200, JSON.stringify(closeSecond.body));
      assert.deepEqual([closeSecond.body.caseStatus.status, closeSecond.body.caseStatus.effectiveOn], ['home', daysAgo(0)]);
    });

    it('row-level security: a hospital gives only itself, and only an admission’s, access', async () => {
      const actor = await actorFor(t.db, 'midori-dr1');
      const suzuki = await caseOf('スズキ イチロウ'); // reported by みどり病院: it sees the case
      const insert = (orgKey: string, kind: string) =>
        t.db.asActor(actor, (tx) =>
          tx.execute(sql`INSERT INTO case_assignments (case_id, org_id, kind, created_by) VALUES (${suzuki}, ${org(orgKey)}, ${kind}, ${actor.userId})`),
        );
      const refused = async (work: Promise<unknown>) => assert.equal(await work.then(() => 'ok', (e) => pgErrorCode(e)), '42501');
      await refused(insert('midori-hospital', 'residence'));
      await refused(insert('midori-hospital', 'followup'));
      await refused(insert('sakura-clinic', 'admission'));
      await insert('midori-hospital', 'admission');
    });
  });
}
