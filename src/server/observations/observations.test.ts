// 健康観察 through the API: staff who follow a case record entries (a facility for its resident, the
// clinic for its patient, the follow-up centre), red flags raise alerts at once, the responsible
// centre sees them on its work list with missing and stale statuses, and acknowledges them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { actorFor } from '../../../test/harness/actors.ts';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { Client, closeApp, firstLogin, openApp, startApp, type LoggedIn } from '../../../test/harness/http.ts';
import { japanToday } from '../../domain/calendar.ts';
import { DEFAULT_RED_FLAGS } from '../../domain/red-flags.ts';
import { staleBefore } from '../../domain/worklist.ts';
import * as repo from './repo.ts';
import { addObservation, DEFAULT_OBSERVATION_OPTIONS, workList } from './service.ts';

const DAY = 86_400_000;
const today = () => japanToday(new Date());
const daysAgo = (n: number) => new Date(Date.parse(`${today()}T00:00:00Z`) - n * DAY).toISOString().slice(0, 10);

for (const engine of ENGINES) {
  describe(`health observations, alerts and the work list (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let shinjuku: LoggedIn;
    let nakano: LoggedIn;
    let hotel: LoggedIn;
    let clerk: LoggedIn;
    let doctor: LoggedIn;
    let followup: LoggedIn;
    let institute: LoggedIn;
    const ids: Record<string, string> = {};
    const userId = async (loginId: string) => (await t.superuser('SELECT id FROM users WHERE login_id = $1', [loginId])).rows[0].id as string;
    const audits = async (action: string) =>
      (await t.superuser('SELECT * FROM audit_log WHERE action = $1 ORDER BY seq', [action])) as {
        rows: { record_ids: string[]; actor_user_id: string; details: Record<string, unknown> }[];
      };
    const count = async (table: string) => (await t.superuser(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;
    const record = (who: LoggedIn, kana: string, body: Record<string, unknown>) => who.client.post(`/api/cases/${ids[kana]}/observations`, body);
    const worklist = async (who: LoggedIn) => {
      const r = await who.client.get('/api/worklist');
      assert.equal(r.statusCode, 200, JSON.stringify(r.body));
      return r.body;
    };
    const caseIdsOf = (list: { rows: { caseId: string }[] }) => list.rows.map((r) => r.caseId);

    before(async () => {
      ({ t, app } = await openApp(engine));
      shinjuku = await firstLogin(t, app, 'shinjuku-h1');
      nakano = await firstLogin(t, app, 'nakano-h1');
      hotel = await firstLogin(t, app, 'tokyo-hotel1');
      clerk = await firstLogin(t, app, 'sakura-clerk1');
      doctor = await firstLogin(t, app, 'sakura-dr1');
      followup = await firstLogin(t, app, 'tokyo-fu1');
      institute = await firstLogin(t, app, 'tokyo-phi1');
      const r = await t.superuser('SELECT c.id, p.name_kana FROM cases c JOIN persons p ON p.id = c.person_id');
      for (const row of r.rows) ids[row.name_kana as string] = row.id as string;
    });
    after(() => closeApp(t, app));

    it('a facility records an entry for its resident, named as at the time; the case is marked observed; audited', async () => {
      const r = await record(hotel, 'サトウ ハナコ', { observedOn: today(), method: 'facility_round', temperature: 37.2, spo2: 97, pulse: 80, symptoms: ['cough'], note: '夕方の見回り' });
      assert.equal(r.statusCode, 201, JSON.stringify(r.body));
      const o = r.body.observation;
      assert.equal(o.caseId, ids['サトウ ハナコ']);
      assert.equal(o.source, 'staff');
      assert.equal(o.temperature, 37.2);
      assert.deepEqual(o.symptoms, ['cough']);
      assert.equal(o.recordedBy, await userId('tokyo-hotel1'));
      assert.equal(o.recordedByName, '宿泊療養施設1');
      assert.equal(o.recordedByOrgName, '都宿泊療養施設（新宿）');
      assert.deepEqual(r.body.alerts, []);
      const stored = (await t.superuser('SELECT temperature::text, last_observed_at FROM health_observations h JOIN cases c ON c.id = h.case_id WHERE h.id = $1', [o.id])).rows[0];
      assert.equal(stored.temperature, '37.2');
      assert.ok(stored.last_observed_at, 'cases.last_observed_at is set');
      const rows = (await audits('observations.record')).rows;
      assert.equal(rows.length, 1);
      assert.deepEqual(rows[0].record_ids, [o.id]);
      assert.equal(rows[0].details.caseId, ids['サトウ ハナコ']);
    });

    it('a facility cannot record for a case it does not see, nor after its assignment ended; nothing is written', async () => {
      const before = await count('health_observations');
      for (const kana of ['ヤマダ タロウ', 'タナカ ケン']) {
        const r = await record(hotel, kana, { observedOn: today(), method: 'facility_round', spo2: 90 });
        assert.equal(r.statusCode, 404, kana);
      }
      assert.equal((await hotel.client.get(`/api/cases/${ids['ヤマダ タロウ']}/observations`)).statusCode, 404);
      assert.equal(await count('health_observations'), before);
      assert.equal(await count('case_alerts'), 0);
    });

    it('the clinic records for its patient: SpO2 94 raises nothing, 93 raises low_spo2, and not twice while it is open', async () => {
      const fine = await record(clerk, 'ヤマダ タロウ', { observedOn: today(), method: 'phone', spo2: 94 });
      assert.equal(fine.statusCode, 201, JSON.stringify(fine.body));
      assert.deepEqual(fine.body.alerts, []);
      assert.equal(fine.body.observation.recordedByOrgName, 'さくら内科クリニック');
      const low = await record(doctor, 'ヤマダ タロウ', { observedOn: today(), method: 'visit', spo2: 93 });
      assert.equal(low.statusCode, 201);
      assert.equal(low.body.alerts.length, 1);
      const [alert] = low.body.alerts;
      assert.equal(alert.rule, 'low_spo2');
      assert.equal(alert.observedOn, today());
      assert.equal(alert.observationId, low.body.observation.id);
      assert.match(alert.message.ja, /93%/);
      assert.equal(alert.acknowledgedAt, null);
      ids.yamadaAlert = alert.id;
      const again = await record(doctor, 'ヤマダ タロウ', { observedOn: today(), method: 'visit', spo2: 92 });
      assert.deepEqual(again.body.alerts, [], 'an open low_spo2 alert for the day exists');
      // Another day is another alert.
      const yesterday = await record(doctor, 'ヤマダ タロウ', { observedOn: daysAgo(1), method: 'visit', spo2: 92 });
      assert.equal(yesterday.body.alerts.length, 1);
      ids.yamadaAlertYesterday = yesterday.body.alerts[0].id;
    });

    it('a fever of 39.0 °C or more on three consecutive days raises persistent_fever on the third day, not across a gap', async () => {
      const entry = async (day: number, temperature: number) => {
        const r = await record(followup, 'タカハシ ミサキ', { observedOn: daysAgo(day), method: 'phone', temperature });
        assert.equal(r.statusCode, 201, JSON.stringify(r.body));
        return r.body.alerts.map((a: { rule: string }) => a.rule);
      };
      assert.deepEqual(await entry(6, 39.5), []);
      assert.deepEqual(await entry(5, 39.5), []);
      assert.deepEqual(await entry(4, 38.2), [], 'the gap');
      assert.deepEqual(await entry(3, 39.5), [], 'one day after the gap');
      assert.deepEqual(await entry(2, 39.0), [], 'two days');
      assert.deepEqual(await entry(1, 39.1), ['persistent_fever'], 'the third consecutive day');
      const list = await followup.client.get(`/api/cases/${ids['タカハシ ミサキ']}/observations`);
      assert.equal(list.statusCode, 200);
      assert.deepEqual(
        list.body.observations.map((o: { observedOn: string }) => o.observedOn),
        [1, 2, 3, 4, 5, 6].map(daysAgo),
        'newest first',
      );
      const read = (await audits('observations.read')).rows.at(-1)!;
      assert.deepEqual(read.record_ids, [ids['タカハシ ミサキ']]);
      assert.equal(read.actor_user_id, await userId('tokyo-fu1'));
    });

    it('breathlessness raises warning_symptom; a related centre sees and acknowledges it', async () => {
      const r = await record(nakano, 'スズキ イチロウ', { observedOn: today(), method: 'phone', symptoms: ['cough', 'breathlessness'] });
      assert.equal(r.statusCode, 201);
      assert.deepEqual(r.body.alerts.map((a: { rule: string }) => a.rule), ['warning_symptom']);
      assert.match(r.body.alerts[0].message.ja, /息苦しさ/);
      const alerts = await shinjuku.client.get(`/api/cases/${ids['スズキ イチロウ']}/alerts`);
      assert.equal(alerts.statusCode, 200);
      assert.deepEqual(alerts.body.alerts.map((a: { id: string }) => a.id), [r.body.alerts[0].id]);
      const ack = await shinjuku.client.post(`/api/alerts/${r.body.alerts[0].id}/acknowledge`, {});
      assert.equal(ack.statusCode, 200, JSON.stringify(ack.body));
      assert.equal(ack.body.acknowledgedBy, await userId('shinjuku-h1'));
    });

    it('the alert is on the responsible centre’s work list, masked, and not on another centre’s', async () => {
      const mine = await worklist(shinjuku);
      const row = mine.alerts.rows.find((a: { alertId: string }) => a.alertId === ids.yamadaAlert);
      assert.ok(row, JSON.stringify(mine.alerts));
      assert.equal(row.caseId, ids['ヤマダ タロウ']);
      assert.equal(row.maskedName, 'ヤ** タ**');
      assert.equal(row.rule, 'low_spo2');
      assert.match(row.message.en, /93 %/);
      assert.ok(row.caseNumber && row.ageBand.ja && row.lastObservedAt);
      assert.equal(row.nameKana, undefined, 'no identity beyond the masked name');
      assert.deepEqual(mine.alerts.rows.map((a: { alertId: string }) => a.alertId), [ids.yamadaAlert, ids.yamadaAlertYesterday], 'newest day first');
      assert.equal(mine.alerts.total, 2);
      const theirs = await worklist(nakano);
      assert.ok(!caseIdsOf(theirs.alerts).includes(ids['ヤマダ タロウ']));
      assert.deepEqual(caseIdsOf(theirs.alerts), [ids['タカハシ ミサキ']], 'nakano’s own open alert (the acknowledged one is gone)');
      const read = (await audits('worklist.read')).rows.at(-1)!;
      assert.equal(read.actor_user_id, await userId('nakano-h1'));
      assert.deepEqual(read.record_ids, [ids['タカハシ ミサキ']]);
    });

    it('only the responsible or a related centre acknowledges; then the alert leaves the list; a second time is a 409', async () => {
      const url = `/api/alerts/${ids.yamadaAlert}/acknowledge`;
      assert.equal((await hotel.client.post(url, {})).statusCode, 403, 'facility staff');
      assert.equal((await nakano.client.post(url, {})).statusCode, 404, 'a centre that does not see the case');
      const prefectureWide = await institute.client.post(url, {});
      assert.equal(prefectureWide.statusCode, 403, 'sees the case, but is neither responsible nor related');
      assert.equal(prefectureWide.body.code, 'alert_not_your_case');
      assert.equal((await shinjuku.client.get('/api/worklist')).body.alerts.total, 2, 'still open');
      const ok = await shinjuku.client.post(url, { note: '往診を手配' });
      assert.equal(ok.statusCode, 200, JSON.stringify(ok.body));
      assert.ok(ok.body.acknowledgedAt);
      assert.equal(ok.body.acknowledgedByName, '新宿区保健所 保健予防課1');
      assert.equal(ok.body.acknowledgementNote, '往診を手配');
      const twice = await shinjuku.client.post(url, {});
      assert.equal(twice.statusCode, 409);
      assert.equal(twice.body.code, 'alert_already_acknowledged');
      // Two at once: the second update finds the alert acknowledged and changes nothing.
      const late = await t.db.asActor(await actorFor(t.db, 'shinjuku-h1'), (tx) => repo.acknowledgeAlert(tx, ids.yamadaAlert, { userId: ok.body.acknowledgedBy, name: 'later', note: null }));
      assert.equal(late, null);
      assert.equal((await t.superuser('SELECT acknowledgement_note FROM case_alerts WHERE id = $1', [ids.yamadaAlert])).rows[0].acknowledgement_note, '往診を手配');
      const list = await worklist(shinjuku);
      assert.deepEqual(list.alerts.rows.map((a: { alertId: string }) => a.alertId), [ids.yamadaAlertYesterday]);
      const acks = (await audits('alerts.acknowledge')).rows;
      const suzukiAlert = (await t.superuser("SELECT id FROM case_alerts WHERE rule = 'warning_symptom'")).rows[0].id as string;
      assert.deepEqual(acks.map((a) => a.record_ids[0]).sort(), [ids.yamadaAlert, suzukiAlert].sort());
      // Acknowledged, the rule may fire again for the same day.
      const again = await record(doctor, 'ヤマダ タロウ', { observedOn: today(), method: 'visit', spo2: 90 });
      assert.deepEqual(again.body.alerts.map((a: { rule: string }) => a.rule), ['low_spo2']);
      const alerts = await shinjuku.client.get(`/api/cases/${ids['ヤマダ タロウ']}/alerts`);
      assert.equal(alerts.body.alerts.length, 3);
      assert.equal((await audits('alerts.read')).rows.at(-1)!.record_ids[0], ids['ヤマダ タロウ']);
    });

    it('statusMissing lists a case with a submitted notification and no status, not one without a submitted notification', async () => {
      const doctorId = await userId('sakura-dr1');
      const notify = (kana: string, status: string) =>
        t.superuser(
          `INSERT INTO notifications (case_id, form_id, form_version, classification, status, institution_id, created_by, first_submitted_at)
           VALUES ($1, 'covid19', '2022-09-26', 'patient', $2, $3, $4, CASE WHEN $2 <> 'draft' THEN now() END)`,
          [ids[kana], status, t.world.orgIds['sakura-clinic'], doctorId],
        );
      await notify('ヤマダ タロウ', 'submitted');
      await notify('サトウ ハナコ', 'withdrawn');
      await notify('サトウ ハナコ', 'draft');
      let list = await worklist(shinjuku);
      assert.deepEqual(caseIdsOf(list.statusMissing), [ids['ヤマダ タロウ']]);
      assert.equal(list.statusMissing.total, 1);
      assert.ok(list.statusMissing.rows[0].submittedAt);
      assert.equal(list.statusMissing.rows[0].currentStatus, null);
      // Once the centre sets the status, the case leaves this list.
      await t.superuser(`UPDATE cases SET current_status = 'home', status_changed_at = now() WHERE id = $1`, [ids['ヤマダ タロウ']]);
      list = await worklist(shinjuku);
      assert.deepEqual(list.statusMissing.rows, []);
      assert.ok(!caseIdsOf(list.stale).includes(ids['ヤマダ タロウ']), 'status just set: not stale');
    });

    it('stale lists a case whose status change and observations are older than N days, not a released one; the SQL cut-off is the domain’s', async () => {
      const cutoff = staleBefore(today(), DEFAULT_OBSERVATION_OPTIONS.staleAfterDays);
      const set = (kana: string, status: string, changedAt: Date, observedAt: Date | null) =>
        t.superuser('UPDATE cases SET current_status = $2, status_changed_at = $3, last_observed_at = $4 WHERE id = $1', [ids[kana], status, changedAt, observedAt]);
      const justBefore = new Date(cutoff.getTime() - 1000);
      await set('サトウ ハナコ', 'accommodation', justBefore, justBefore);
      await set('ヤマダ タロウ', 'released', new Date(cutoff.getTime() - 10 * DAY), justBefore);
      let list = await worklist(shinjuku);
      assert.deepEqual(caseIdsOf(list.stale), [ids['サトウ ハナコ']]);
      assert.equal(list.stale.rows[0].currentStatus, 'accommodation');
      assert.equal(list.stale.rows[0].lastActivityAt, justBefore.toISOString());
      assert.equal(list.staleAfterDays, 3);
      // At the cut-off itself it is not stale (isStale: strictly before).
      await set('サトウ ハナコ', 'accommodation', justBefore, cutoff);
      assert.deepEqual((await worklist(shinjuku)).stale.rows, []);
      // A recent status change alone keeps it off the list too.
      await set('サトウ ハナコ', 'accommodation', new Date(), justBefore);
      assert.deepEqual((await worklist(shinjuku)).stale.rows, []);
      // Stale again, then an entry by the facility takes it off the list at once.
      await set('サトウ ハナコ', 'accommodation', justBefore, null);
      assert.deepEqual(caseIdsOf((await worklist(shinjuku)).stale), [ids['サトウ ハナコ']]);
      assert.equal((await record(hotel, 'サトウ ハナコ', { observedOn: today(), method: 'facility_round', temperature: 36.8 })).statusCode, 201);
      list = await worklist(shinjuku);
      assert.deepEqual(list.stale.rows, []);
      // The number of days is the configuration's.
      await set('サトウ ハナコ', 'accommodation', new Date(cutoff.getTime() - 2 * DAY), new Date(cutoff.getTime() - 2 * DAY));
      const ctx = { actor: await actorFor(t.db, 'shinjuku-h1'), clientAddr: null };
      assert.equal((await workList(t.db, ctx, { ...DEFAULT_OBSERVATION_OPTIONS, staleAfterDays: 3 })).stale.total, 1);
      assert.equal((await workList(t.db, ctx, { ...DEFAULT_OBSERVATION_OPTIONS, staleAfterDays: 6 })).stale.total, 0);
      // …as the server reads it from the environment (STALE_AFTER_DAYS).
      const configured = await startApp(t, { STALE_AFTER_DAYS: 6 });
      try {
        // Sessions live in the database: the same session works on a second server.
        const c = new Client(configured);
        for (const [name, value] of shinjuku.client.cookies) c.cookies.set(name, value);
        const r = await c.get('/api/worklist');
        assert.equal(r.body.staleAfterDays, 6);
        assert.equal(r.body.stale.total, 0);
      } finally {
        await configured.close();
      }
    });

    it('the work list follows the case at once when it moves to another centre', async () => {
      const before = await worklist(nakano);
      assert.ok(!caseIdsOf(before.alerts).includes(ids['ヤマダ タロウ']));
      const transfer = (from: LoggedIn, to: string) =>
        t.superuser('SELECT version FROM cases WHERE id = $1', [ids['ヤマダ タロウ']]).then((v) =>
          from.client.post(`/api/cases/${ids['ヤマダ タロウ']}/transfer`, { toHcId: t.world.orgIds[to], reason: '転居', version: v.rows[0].version }),
        );
      assert.equal((await transfer(shinjuku, 'nakano-hc')).statusCode, 201);
      assert.ok(caseIdsOf((await worklist(nakano)).alerts).includes(ids['ヤマダ タロウ']));
      assert.ok(!caseIdsOf((await worklist(shinjuku)).alerts).includes(ids['ヤマダ タロウ']));
      assert.equal((await transfer(nakano, 'shinjuku-hc')).statusCode, 201);
    });

    it('only a health centre’s staff read a work list', async () => {
      assert.equal((await hotel.client.get('/api/worklist')).statusCode, 403);
      assert.equal((await doctor.client.get('/api/worklist')).statusCode, 403);
      assert.equal((await institute.client.get('/api/worklist')).statusCode, 403, 'hc_staff of a public-health institute');
    });

    it('the symptom checklist and the endpoints are documented', async () => {
      const r = await hotel.client.get('/api/observations/symptoms');
      assert.equal(r.statusCode, 200);
      assert.deepEqual(r.body.symptoms.find((s: { code: string }) => s.code === 'breathlessness').label, { ja: '息苦しさ', en: 'Breathlessness' });
      const doc = await hotel.client.get('/api/openapi.json');
      for (const path of ['/api/cases/{id}/observations', '/api/cases/{id}/alerts', '/api/alerts/{id}/acknowledge', '/api/worklist']) {
        assert.ok(doc.body.paths[path], path);
      }
    });

    it('bad input is a 400 at the field; nothing is written', async () => {
      const before = await count('health_observations');
      const bad = async (body: Record<string, unknown>, path: string) => {
        const r = await record(shinjuku, 'ヤマダ タロウ', { observedOn: today(), method: 'phone', ...body });
        assert.equal(r.statusCode, 400, `${JSON.stringify(body)}: ${JSON.stringify(r.body)}`);
        assert.ok(
          r.body.errors.some((e: { path: string[] }) => e.path.join('.') === path),
          `${JSON.stringify(body)} → ${JSON.stringify(r.body.errors.map((e: { path: string[] }) => e.path))}`,
        );
        for (const e of r.body.errors) assert.ok(e.message.ja && e.message.en);
      };
      await bad({ spo2: 101 }, 'body.spo2');
      await bad({ spo2: 95.5 }, 'body.spo2');
      await bad({ pulse: 19 }, 'body.pulse');
      await bad({ temperature: 42.1 }, 'body.temperature');
      await bad({ temperature: 36.55 }, 'body.temperature');
      await bad({ symptoms: ['cough', 'hiccups'] }, 'body.symptoms.1');
      await bad({ symptoms: ['cough', 'cough'] }, 'body.symptoms');
      await bad({ observedOn: daysAgo(-1), spo2: 97 }, 'body.observedOn');
      await bad({ observedOn: '2022-02-30', spo2: 97 }, 'body.observedOn');
      await bad({ method: 'app', spo2: 97 }, 'body.method');
      await bad({}, 'body');
      await bad({ note: '   ' }, 'body.note');
      assert.equal(await count('health_observations'), before);
      const ok = await record(shinjuku, 'ヤマダ タロウ', { observedOn: today(), method: 'phone', note: '電話に出ず、明日再度連絡' });
      assert.equal(ok.statusCode, 201, 'a note alone is an entry');
    });

    it('a patient’s own report (later: source self, no recorder) goes through the same evaluation', async () => {
      const result = await t.db.asSystem((tx) =>
        addObservation(
          tx,
          { caseId: ids['サトウ ハナコ'], observedOn: today(), source: 'self', method: 'app', spo2: 91, symptoms: [], recordedBy: null, recordedByName: null, recordedByOrgName: null },
          { ...DEFAULT_RED_FLAGS, spo2AtMost: 91 },
        ),
      );
      assert.equal(result.observation.source, 'self');
      assert.equal(result.observation.recordedBy, null);
      assert.deepEqual(result.alerts.map((a) => a.rule), ['low_spo2']);
      assert.match(result.alerts[0].message.en, /at or below 91 %/, 'the thresholds given are the ones applied');
    });
  });
}
