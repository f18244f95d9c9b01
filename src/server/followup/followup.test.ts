// Follow-up through the API: the current status and who may move it (the transition table of
// src/domain/case-status.ts, by role), residences giving and taking a facility's access, and
// responsibility between centres (transfer, related centres, follow-up assignments) moving access at
// once — checked over HTTP and by raw SQL under row-level security, on both engines.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { actorFor } from '../../../test/harness/actors.ts';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { closeApp, firstLogin, openApp, type LoggedIn } from '../../../test/harness/http.ts';
import { japanToday } from '../../domain/calendar.ts';
import { pgErrorCode, rows } from '../db/database.ts';

const DAY = 86_400_000;
const daysAgo = (n: number) => japanToday(new Date(Date.now() - n * DAY));
const today = () => daysAgo(0);

for (const engine of ENGINES) {
  describe(`follow-up (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    const as: Record<string, LoggedIn> = {};
    const cases: Record<string, string> = {};
    const org = (key: string) => t.world.orgIds[key];

    /** Posts a status change with the case's current version. */
    const setStatus = async (who: string, caseId: string, body: Record<string, unknown>) => {
      const current = await t.superuser('SELECT version FROM cases WHERE id = $1', [caseId]);
      return as[who].client.post(`/api/cases/${caseId}/status`, { effectiveOn: today(), version: current.rows[0].version, ...body });
    };
    const statusOf = async (caseId: string) => (await t.superuser('SELECT current_status FROM cases WHERE id = $1', [caseId])).rows[0].current_status;
    const version = async (caseId: string) => (await t.superuser('SELECT version FROM cases WHERE id = $1', [caseId])).rows[0].version as number;
    /** What a raw query sees of a case under the user's row-level security. */
    const rawSees = async (loginId: string, caseId: string) => {
      const actor = await actorFor(t.db, loginId);
      const [r] = await t.db.asActor(actor, (tx) => rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM cases WHERE id = ${caseId}`));
      return r.n === 1;
    };
    const opens = async (loginId: string, caseId: string) => (await as[loginId].client.get(`/api/cases/${caseId}`)).statusCode;

    before(async () => {
      ({ t, app } = await openApp(engine));
      for (const id of ['shinjuku-h1', 'nakano-h1', 'tokyo-hotel1', 'tokyo-fu1', 'midori-dr1', 'sakura-dr1', 'tokyo-sg1']) {
        as[id] = await firstLogin(t, app, id);
      }
      const all = await t.superuser('SELECT c.id, p.name_kana FROM cases c JOIN persons p ON p.id = c.person_id');
      for (const r of all.rows) cases[(r.name_kana as string).split(' ')[0]] = r.id as string;
    });
    after(() => closeApp(t, app));

    it('the centre sets a missing status and corrects it; every change is kept with who, when, the effective date and a note (Q&A 14-3)', async () => {
      const empty = await as['shinjuku-h1'].client.get(`/api/cases/${cases.ヤマダ}/status`);
      assert.equal(empty.statusCode, 200);
      assert.equal(empty.body.status, null);
      assert.deepEqual(empty.body.history, []);

      const first = await setStatus('shinjuku-h1', cases.ヤマダ, { status: 'home', effectiveOn: daysAgo(2), note: '電話で確認' });
      assert.equal(first.statusCode, 200, JSON.stringify(first.body));
      const second = await setStatus('shinjuku-h1', cases.ヤマダ, { status: 'awaiting_admission' });
      assert.equal(second.statusCode, 200);
      assert.equal(second.body.status, 'awaiting_admission');
      assert.equal(second.body.effectiveOn, today());
      const [newest, oldest] = second.body.history;
      assert.deepEqual([newest.fromStatus, newest.status], ['home', 'awaiting_admission']);
      assert.deepEqual([oldest.fromStatus, oldest.status, oldest.effectiveOn, oldest.note], [null, 'home', daysAgo(2), '電話で確認']);
      assert.equal(oldest.changedByOrgName, '新宿区保健所');
      assert.ok(oldest.changedByName);
      const audited = await t.superuser("SELECT record_ids FROM audit_log WHERE action = 'cases.status_change'");
      assert.equal(audited.rows.length, 2);
      // The history is append-only, even for the application's own SQL.
      const actor = await actorFor(t.db, 'shinjuku-h1');
      await assert.rejects(
        t.db.asActor(actor, (tx) => tx.execute(sql`UPDATE case_status_changes SET status = 'died' WHERE case_id = ${cases.ヤマダ}`)),
        (e: unknown) => pgErrorCode(e) === '42501',
      );
    });

    it('refuses no change, a future or out-of-order effective date, and a stale version, writing nothing', async () => {
      const before = await version(cases.ヤマダ);
      const same = await setStatus('shinjuku-h1', cases.ヤマダ, { status: 'awaiting_admission' });
      assert.equal(same.statusCode, 409);
      assert.equal(same.body.code, 'status_no_change');
      const future = await setStatus('shinjuku-h1', cases.ヤマダ, { status: 'home', effectiveOn: daysAgo(-1) });
      assert.equal(future.statusCode, 400);
      assert.deepEqual(future.body.errors[0].path, ['body', 'effectiveOn']);
      const earlier = await setStatus('shinjuku-h1', cases.ヤマダ, { status: 'home', effectiveOn: daysAgo(5) });
      assert.equal(earlier.statusCode, 400);
      assert.equal(earlier.body.errors[0].code, 'status_effective_before_current');
      const stale = await setStatus('shinjuku-h1', cases.ヤマダ, { status: 'home', version: before - 1 });
      assert.equal(stale.statusCode, 409);
      assert.equal(stale.body.code, 'version_conflict');
      const bad = await setStatus('shinjuku-h1', cases.ヤマダ, { status: 'recovered' });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(bad.body.errors[0].path, ['body', 'status']);
      assert.equal(await version(cases.ヤマダ), before);
      assert.equal(await statusOf(cases.ヤマダ), 'awaiting_admission');
    });

    it('a facility moves only its residents on, and only as the table allows; released is final for it', async () => {
      assert.equal((await setStatus('shinjuku-h1', cases.サトウ, { status: 'accommodation' })).statusCode, 200);
      // Not its resident: a raw query and the API both find nothing.
      const notMine = await setStatus('tokyo-hotel1', cases.ヤマダ, { status: 'home' });
      assert.equal(notMine.statusCode, 404);
      const home = await setStatus('tokyo-hotel1', cases.サトウ, { status: 'home' });
      assert.equal(home.statusCode, 200, JSON.stringify(home.body));
      const refused = await setStatus('tokyo-hotel1', cases.サトウ, { status: 'released' });
      assert.equal(refused.statusCode, 403);
      assert.equal(refused.body.code, 'status_transition_not_allowed');
      assert.ok(refused.body.message.ja && refused.body.message.en);
      assert.equal((await setStatus('shinjuku-h1', cases.サトウ, { status: 'accommodation' })).statusCode, 200);
      assert.equal((await setStatus('tokyo-hotel1', cases.サトウ, { status: 'released' })).statusCode, 200);
      const reopen = await setStatus('tokyo-hotel1', cases.サトウ, { status: 'accommodation', reason: '再燃' });
      assert.equal(reopen.statusCode, 403);
      assert.equal(reopen.body.code, 'status_final');
    });

    it('only the centre reopens a final status, and only with a reason', async () => {
      const noReason = await setStatus('shinjuku-h1', cases.サトウ, { status: 'home' });
      assert.equal(noReason.statusCode, 400);
      assert.deepEqual(noReason.body.errors[0].path, ['body', 'reason']);
      assert.equal(noReason.body.errors[0].code, 'status_reopen_needs_reason');
      const reopened = await setStatus('shinjuku-h1', cases.サトウ, { status: 'home', reason: '療養解除後に症状が再燃したため' });
      assert.equal(reopened.statusCode, 200);
      assert.equal(reopened.body.history[0].reason, '療養解除後に症状が再燃したため');
    });

    it('a follow-up centre moves its home cases on; a hospital only its own inpatients; others never', async () => {
      assert.equal((await setStatus('nakano-h1', cases.タカハシ, { status: 'home' })).statusCode, 200);
      assert.equal((await setStatus('tokyo-fu1', cases.タカハシ, { status: 'awaiting_admission' })).statusCode, 200);
      const fuRefused = await setStatus('tokyo-fu1', cases.タカハシ, { status: 'released' });
      assert.equal(fuRefused.statusCode, 403);
      assert.equal(fuRefused.body.code, 'status_transition_not_allowed');
      // Midori reported スズキ but has not admitted them: not its inpatient.
      const notInpatient = await setStatus('midori-dr1', cases.スズキ, { status: 'hospitalized' });
      assert.equal(notInpatient.statusCode, 403);
      assert.equal(notInpatient.body.code, 'not_an_inpatient');
      const prefecture = await setStatus('tokyo-sg1', cases.スズキ, { status: 'home' });
      assert.equal(prefecture.statusCode, 403);
      assert.equal(prefecture.body.code, 'forbidden');
      assert.equal(await statusOf(cases.スズキ), null);
    });

    it('a stay at a facility gives its staff the case for the stay; ending the stay takes it away (raw SQL too)', async () => {
      const hotel = 'tokyo-hotel1';
      assert.equal(await opens(hotel, cases.ヤマダ), 404);
      const home = await as['shinjuku-h1'].client.post(`/api/cases/${cases.ヤマダ}/residences`, { kind: 'home', address: '東京都新宿区1-1', startsOn: daysAgo(6) });
      assert.equal(home.statusCode, 201, JSON.stringify(home.body));
      const stay = await as['shinjuku-h1'].client.post(`/api/cases/${cases.ヤマダ}/residences`, {
        kind: 'accommodation',
        orgId: org('tokyo-hotel'),
        startsOn: daysAgo(3),
      });
      assert.equal(stay.statusCode, 201, JSON.stringify(stay.body));
      assert.equal(stay.body.orgNameJa, '都宿泊療養施設（新宿）');
      assert.equal(await opens(hotel, cases.ヤマダ), 200);
      assert.equal(await rawSees(hotel, cases.ヤマダ), true);
      // Moving day: the home stay ended the day the facility stay began.
      const list = await as['shinjuku-h1'].client.get(`/api/cases/${cases.ヤマダ}/residences`);
      assert.deepEqual(list.body.residences.map((r: { kind: string; endsOn: string | null }) => [r.kind, r.endsOn]), [['accommodation', null], ['home', daysAgo(3)]]);

      const ended = await as['shinjuku-h1'].client.patch(`/api/residences/${stay.body.id}`, { version: stay.body.version, endsOn: daysAgo(1) });
      assert.equal(ended.statusCode, 200, JSON.stringify(ended.body));
      assert.equal(await opens(hotel, cases.ヤマダ), 404);
      assert.equal(await rawSees(hotel, cases.ヤマダ), false);
      // A stay ending today keeps access through today.
      const again = await as['shinjuku-h1'].client.post(`/api/cases/${cases.ヤマダ}/residences`, { kind: 'accommodation', orgId: org('tokyo-hotel'), startsOn: daysAgo(1), endsOn: today() });
      assert.equal(again.statusCode, 201, JSON.stringify(again.body));
      assert.equal(await rawSees(hotel, cases.ヤマダ), true);
      const stale = await as['shinjuku-h1'].client.patch(`/api/residences/${again.body.id}`, { version: again.body.version + 1, endsOn: daysAgo(1) });
      assert.equal(stale.statusCode, 409);
      assert.equal((await as['shinjuku-h1'].client.patch(`/api/residences/${again.body.id}`, { version: again.body.version, endsOn: daysAgo(1) })).statusCode, 200);
      assert.equal(await rawSees(hotel, cases.ヤマダ), false);
    });

    it('a hospital stay lets the hospital see a case it did not report', async () => {
      assert.equal(await opens('midori-dr1', cases.ヤマダ), 404);
      const r = await as['shinjuku-h1'].client.post(`/api/cases/${cases.ヤマダ}/residences`, { kind: 'hospital', orgId: org('midori-hospital'), startsOn: today() });
      assert.equal(r.statusCode, 201, JSON.stringify(r.body));
      assert.equal(await opens('midori-dr1', cases.ヤマダ), 200);
      assert.equal(await rawSees('midori-dr1', cases.ヤマダ), true);
      assert.equal(await rawSees('sakura-dr1', cases.ヤマダ), true, 'the reporting clinic still sees its case');
    });

    it('refuses a residence that does not fit, at the field, writing nothing', async () => {
      const count = async () => (await t.superuser('SELECT count(*)::int AS n FROM residences')).rows[0].n;
      const before = await count();
      const c = as['shinjuku-h1'].client;
      const noOrg = await c.post(`/api/cases/${cases.ヤマダ}/residences`, { kind: 'accommodation', startsOn: today() });
      assert.equal(noOrg.statusCode, 400);
      assert.deepEqual(noOrg.body.errors[0].path, ['body', 'orgId']);
      const wrongKind = await c.post(`/api/cases/${cases.ヤマダ}/residences`, { kind: 'accommodation', orgId: org('midori-hospital'), startsOn: today() });
      assert.equal(wrongKind.statusCode, 400);
      assert.equal(wrongKind.body.errors[0].code, 'residence_org_invalid');
      const noAddress = await c.post(`/api/cases/${cases.サトウ}/residences`, { kind: 'home', startsOn: today() });
      assert.equal(noAddress.statusCode, 400);
      assert.deepEqual(noAddress.body.errors[0].path, ['body', 'address']);
      const backwards = await c.post(`/api/cases/${cases.ヤマダ}/residences`, { kind: 'home', address: 'x', startsOn: today(), endsOn: daysAgo(1) });
      assert.equal(backwards.statusCode, 400);
      assert.deepEqual(backwards.body.errors[0].path, ['body', 'endsOn']);
      const beforeOpen = await c.post(`/api/cases/${cases.ヤマダ}/residences`, { kind: 'home', address: 'x', startsOn: daysAgo(30) });
      assert.equal(beforeOpen.statusCode, 400);
      assert.equal(beforeOpen.body.errors[0].code, 'residence_overlaps');
      const facilityWrites = await as['tokyo-hotel1'].client.post(`/api/cases/${cases.サトウ}/residences`, { kind: 'home', address: 'x', startsOn: today() });
      assert.equal(facilityWrites.statusCode, 403);
      assert.equal(await count(), before);
    });

    it('a transfer moves access at once: the new centre sees the case, the old one does not (raw SQL too), and both see the transfer', async () => {
      const caseId = cases.ヤマダ;
      assert.equal(await opens('nakano-h1', caseId), 404);
      const v = await version(caseId);
      const stale = await as['shinjuku-h1'].client.post(`/api/cases/${caseId}/transfer`, { toHcId: org('nakano-hc'), reason: '転居', version: v - 1 });
      assert.equal(stale.statusCode, 409);
      const notHc = await as['shinjuku-h1'].client.post(`/api/cases/${caseId}/transfer`, { toHcId: org('tokyo-hotel'), reason: '転居', version: v });
      assert.equal(notHc.statusCode, 400);
      assert.deepEqual(notHc.body.errors[0].path, ['body', 'toHcId']);
      const noReason = await as['shinjuku-h1'].client.post(`/api/cases/${caseId}/transfer`, { toHcId: org('nakano-hc'), reason: ' ', version: v });
      assert.equal(noReason.statusCode, 400);
      assert.deepEqual(noReason.body.errors[0].path, ['body', 'reason']);

      const moved = await as['shinjuku-h1'].client.post(`/api/cases/${caseId}/transfer`, { toHcId: org('nakano-hc'), reason: '中野区の親族宅へ転居したため', version: v });
      assert.equal(moved.statusCode, 201, JSON.stringify(moved.body));
      assert.equal(moved.body.fromHc.nameJa, '新宿区保健所');
      assert.equal(moved.body.toHc.nameJa, '中野区保健所');
      assert.equal(await opens('nakano-h1', caseId), 200);
      assert.equal(await opens('shinjuku-h1', caseId), 404);
      assert.equal(await rawSees('nakano-h1', caseId), true);
      assert.equal(await rawSees('shinjuku-h1', caseId), false);
      // The old centre keeps the record of where the case went, without the case.
      const out = await as['shinjuku-h1'].client.get('/api/transfers?direction=out');
      assert.deepEqual(out.body.transfers.map((x: { caseId: string; reason: string }) => [x.caseId, x.reason]), [[caseId, '中野区の親族宅へ転居したため']]);
      const incoming = await as['nakano-h1'].client.get('/api/transfers?direction=in');
      assert.equal(incoming.body.transfers[0].caseNumber, moved.body.caseNumber);
      const resp = await as['nakano-h1'].client.get(`/api/cases/${caseId}/responsibility`);
      assert.equal(resp.body.responsibleHc.id, org('nakano-hc'));
      assert.equal(resp.body.transfers.length, 1);
      // Scope follows: the case is in Nakano's case list and statuses now, not Shinjuku's.
      const list = async (who: string) => (await as[who].client.get('/api/cases')).body.cases.map((c: { caseId: string }) => c.caseId);
      assert.ok((await list('nakano-h1')).includes(caseId));
      assert.ok(!(await list('shinjuku-h1')).includes(caseId));
      assert.equal((await setStatus('shinjuku-h1', caseId, { status: 'home' })).statusCode, 404);
      const audited = await t.superuser("SELECT actor_org_id, details FROM audit_log WHERE action = 'cases.transfer'");
      assert.equal(audited.rows[0].actor_org_id, org('shinjuku-hc'));
    });

    it('only the responsible centre transfers, and never by a raw UPDATE of the case', async () => {
      // Shinjuku shares スズキ as a related centre but is not responsible for it.
      const r = await as['shinjuku-h1'].client.post(`/api/cases/${cases.スズキ}/transfer`, { toHcId: org('shinjuku-hc'), reason: '引継ぎ', version: await version(cases.スズキ) });
      assert.equal(r.statusCode, 403);
      assert.equal(r.body.code, 'only_responsible_centre');
      const nakano = await actorFor(t.db, 'nakano-h1');
      await assert.rejects(
        t.db.asActor(nakano, (tx) => tx.execute(sql`UPDATE cases SET responsible_hc_id = ${org('shinjuku-hc')} WHERE id = ${cases.スズキ}`)),
        (e: unknown) => pgErrorCode(e) === '42501',
      );
      const shinjuku = await actorFor(t.db, 'shinjuku-h1');
      const v = await version(cases.スズキ);
      const [moved] = await t.db.asActor(shinjuku, (tx) =>
        rows<{ v: number | null }>(tx, sql`SELECT transfer_case(${cases.スズキ}::uuid, ${org('shinjuku-hc')}::uuid, ${v}::integer) AS v`),
      );
      assert.equal(moved.v, null, 'the function moves only the caller’s own cases');
      assert.equal((await t.superuser('SELECT responsible_hc_id FROM cases WHERE id = $1', [cases.スズキ])).rows[0].responsible_hc_id, org('nakano-hc'));
    });

    it('a centre that transfers may stay related and keep sharing the case', async () => {
      const moved = await as['shinjuku-h1'].client.post(`/api/cases/${cases.サトウ}/transfer`, {
        toHcId: org('nakano-hc'),
        reason: '入院先の所在地',
        keepAsRelated: true,
        version: await version(cases.サトウ),
      });
      assert.equal(moved.statusCode, 201, JSON.stringify(moved.body));
      assert.equal(moved.body.keptAsRelated, true);
      assert.equal(await opens('shinjuku-h1', cases.サトウ), 200);
      const resp = await as['nakano-h1'].client.get(`/api/cases/${cases.サトウ}/responsibility`);
      assert.deepEqual(resp.body.relatedHcs.map((h: { id: string }) => h.id), [org('shinjuku-hc')]);
    });

    it('related centres are added and removed by the responsible centre, and see the case only meanwhile', async () => {
      assert.equal(await opens('shinjuku-h1', cases.タカハシ), 404);
      const notVisible = await as['shinjuku-h1'].client.post(`/api/cases/${cases.タカハシ}/related-centres`, { hcId: org('shinjuku-hc') });
      assert.equal(notVisible.statusCode, 404);
      const added = await as['nakano-h1'].client.post(`/api/cases/${cases.タカハシ}/related-centres`, { hcId: org('shinjuku-hc') });
      assert.equal(added.statusCode, 201, JSON.stringify(added.body));
      assert.equal((await as['nakano-h1'].client.post(`/api/cases/${cases.タカハシ}/related-centres`, { hcId: org('shinjuku-hc') })).statusCode, 409);
      assert.equal(await opens('shinjuku-h1', cases.タカハシ), 200);
      // A related centre may not share further nor take the case.
      const further = await as['shinjuku-h1'].client.delete(`/api/cases/${cases.タカハシ}/related-centres/${org('shinjuku-hc')}`);
      assert.equal(further.statusCode, 403);
      const removed = await as['nakano-h1'].client.delete(`/api/cases/${cases.タカハシ}/related-centres/${org('shinjuku-hc')}`);
      assert.equal(removed.statusCode, 200);
      assert.equal(await opens('shinjuku-h1', cases.タカハシ), 404);
      assert.equal(await rawSees('shinjuku-h1', cases.タカハシ), false);
    });

    it('a follow-up centre sees only the cases assigned to it, from assignment to its end', async () => {
      assert.equal(await opens('tokyo-fu1', cases.タナカ), 404);
      const wrongOrg = await as['nakano-h1'].client.post(`/api/cases/${cases.タナカ}/assignments`, { orgId: org('tokyo-hotel') });
      assert.equal(wrongOrg.statusCode, 400);
      assert.deepEqual(wrongOrg.body.errors[0].path, ['body', 'orgId']);
      const a = await as['nakano-h1'].client.post(`/api/cases/${cases.タナカ}/assignments`, { orgId: org('tokyo-followup') });
      assert.equal(a.statusCode, 201, JSON.stringify(a.body));
      assert.equal(a.body.active, true);
      assert.equal(await opens('tokyo-fu1', cases.タナカ), 200);
      assert.equal((await as['nakano-h1'].client.post(`/api/cases/${cases.タナカ}/assignments`, { orgId: org('tokyo-followup') })).statusCode, 409);
      const listed = (await as['tokyo-fu1'].client.get('/api/cases')).body.cases.map((c: { caseId: string }) => c.caseId).sort();
      assert.deepEqual(listed, [cases.タカハシ, cases.タナカ].sort());
      // The follow-up centre cannot end its own assignment; the centre can.
      assert.equal((await as['tokyo-fu1'].client.post(`/api/assignments/${a.body.id}/end`)).statusCode, 403);
      assert.equal((await as['nakano-h1'].client.post(`/api/assignments/${a.body.id}/end`)).statusCode, 200);
      assert.equal(await opens('tokyo-fu1', cases.タナカ), 404);
      assert.equal(await rawSees('tokyo-fu1', cases.タナカ), false);
      // A stay's assignment ends with the stay, not here.
      const resp = await as['nakano-h1'].client.get(`/api/cases/${cases.サトウ}/responsibility`);
      const stay = resp.body.assignments.find((x: { kind: string }) => x.kind === 'residence');
      const ended = await as['nakano-h1'].client.post(`/api/assignments/${stay.id}/end`);
      assert.equal(ended.statusCode, 409);
      assert.equal(ended.body.code, 'assignment_of_residence');
    });
  });
}
