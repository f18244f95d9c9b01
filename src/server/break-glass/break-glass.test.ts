// Break-the-glass (issue 14), on both engines: a doctor of a hospital that does not see a case finds
// it by HER-SYS ID or exact identity, states a reason and gets a time-limited grant. Raw SQL in the
// doctor's own transaction (db.asActor) sees the case only while the grant lasts and cannot write
// under a read-only grant; the responsible centre is told in the app and by e-mail without personal
// data; the access review explains the reads as break_glass.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { actorFor } from '../../../test/harness/actors.ts';
import { closeApp, firstLogin, openApp, type LoggedIn } from '../../../test/harness/http.ts';
import { explainNewAccesses } from '../access-review/explain.ts';
import type { Actor } from '../access/actor.ts';
import { rows } from '../db/database.ts';

const paths = (body: { errors?: { path: (string | number)[] }[] }) => (body.errors ?? []).map((e) => e.path.join('.'));

for (const engine of ENGINES) {
  describe(`break-the-glass (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let midori: LoggedIn;
    let shinjuku: LoggedIn;
    let nakano: LoggedIn;
    let doctor: Actor;
    let yamada: { id: string; case_number: string; person_id: string };

    /** What the doctor's own transaction sees of the case, its person and a record hanging off it, in raw SQL. */
    const seen = (who: Actor = doctor) =>
      t.db.asActor(who, async (tx) => {
        const count = async (q: string) => (await rows<{ n: number }>(tx, sql.raw(q)))[0].n;
        return {
          cases: await count(`SELECT count(*)::int AS n FROM cases WHERE id = '${yamada.id}'`),
          persons: await count(`SELECT count(*)::int AS n FROM persons WHERE id = '${yamada.person_id}'`),
          patientAccess: await count(`SELECT count(*)::int AS n FROM patient_access WHERE case_id = '${yamada.id}'`),
        };
      });
    const nothing = { cases: 0, persons: 0, patientAccess: 0 };
    const expire = (grantId: string) =>
      t.superuser(`UPDATE break_glass_grants SET granted_at = now() - interval '5 hours', expires_at = now() - interval '1 hour' WHERE id = $1`, [grantId]);
    const request = (who: LoggedIn, reason: string, search: object = { by: 'case_number', caseNumber: yamada.case_number }) =>
      who.client.post('/api/break-glass', { search, reason, note: '救急搬送された意識障害の患者。前医の記録を確認する。' });

    before(async () => {
      ({ t, app } = await openApp(engine));
      midori = await firstLogin(t, app, 'midori-dr1');
      shinjuku = await firstLogin(t, app, 'shinjuku-h1');
      nakano = await firstLogin(t, app, 'nakano-h1');
      doctor = await actorFor(t.db, 'midori-dr1');
      [yamada] = (await t.superuser(`SELECT c.id, c.case_number, c.person_id FROM cases c JOIN persons p ON p.id = c.person_id WHERE p.name_kana = 'ヤマダ タロウ'`)).rows as (typeof yamada)[];
    });
    after(() => closeApp(t, app));

    let readOnly: string;

    it('before a grant the doctor sees nothing of a case outside the hospital’s scope', async () => {
      assert.deepEqual(await seen(), nothing);
      assert.equal((await midori.client.get(`/api/cases/${yamada.id}`)).statusCode, 404);
    });

    it('a read-only reason gives a 4-hour grant; raw SQL under the doctor’s transaction then sees the case, its person and its records', async () => {
      const r = await request(midori, 'emergency_treatment');
      assert.equal(r.statusCode, 201, JSON.stringify(r.body));
      assert.equal(r.body.grants.length, 1);
      const g = r.body.grants[0];
      readOnly = g.id;
      assert.equal(g.caseId, yamada.id);
      assert.equal(g.writes, false);
      assert.equal(g.active, true);
      const hours = (Date.parse(g.expiresAt) - Date.parse(g.grantedAt)) / 3_600_000;
      assert.equal(hours, 4);
      const during = await seen();
      assert.equal(during.cases, 1);
      assert.equal(during.persons, 1);
      assert.equal(during.patientAccess, 1, 'a record hanging off the case (My HER-SYS invitation)');
      assert.equal((await midori.client.get(`/api/cases/${yamada.id}`)).statusCode, 200);
    });

    it('a read-only grant never writes: the case, the person and a health report are refused by row-level security', async () => {
      const changed = await t.db.asActor(doctor, async (tx) => ({
        cases: (await rows(tx, sql`UPDATE cases SET last_observed_at = now() WHERE id = ${yamada.id} RETURNING id`)).length,
        persons: (await rows(tx, sql`UPDATE persons SET phone = '090-9999-9999' WHERE id = ${yamada.person_id} RETURNING id`)).length,
      }));
      assert.deepEqual(changed, { cases: 0, persons: 0 });
      await assert.rejects(
        t.db.asActor(doctor, (tx) =>
          tx.execute(sql`INSERT INTO health_observations (case_id, observed_on, source, method, recorded_by) VALUES (${yamada.id}, current_date, 'staff', 'phone', ${doctor.userId})`),
        ),
        (err: Error & { cause?: Error }) => /row-level security policy "health_observations_grant_insert"/.test(String(err.cause?.message ?? err.message)),
      );
    });

    it('the responsible centre is told at once: on its list (unseen) and by e-mail carrying no name and no HER-SYS ID', async () => {
      const list = await shinjuku.client.get('/api/break-glass/centre');
      assert.equal(list.statusCode, 200, JSON.stringify(list.body));
      assert.equal(list.body.unseen, 1);
      const [g] = list.body.grants;
      assert.equal(g.id, readOnly);
      assert.equal(g.reason, 'emergency_treatment');
      assert.match(g.userName, /みどり病院/);
      assert.match(g.note, /救急搬送/);
      const mails = await t.superuser(`SELECT payload FROM outbox WHERE payload->>'to' = 'hc-shinjuku@example.jp' AND payload->>'subject' LIKE '%緊急アクセス%'`);
      assert.equal(mails.rows.length, 1);
      const text = JSON.stringify(mails.rows[0].payload);
      assert.doesNotMatch(text, /山田|ヤマダ|1958/);
      assert.ok(!text.includes(yamada.case_number), 'no HER-SYS ID in the e-mail');
      assert.ok(!text.includes('意識障害'), 'not the free text');
      // Another centre sees nothing of it.
      const other = await nakano.client.get('/api/break-glass/centre');
      assert.equal(other.statusCode, 200);
      assert.ok(!other.body.grants.some((x: { id: string }) => x.id === readOnly));
      const marked = await shinjuku.client.post(`/api/break-glass/${readOnly}/seen`);
      assert.equal(marked.statusCode, 200, JSON.stringify(marked.body));
      assert.match(marked.body.seenByName, /新宿区保健所/);
      assert.equal((await shinjuku.client.get('/api/break-glass/centre/unseen')).body.unseen, 0);
    });

    it('the access review explains the doctor’s reads under the grant as break_glass', async () => {
      while ((await explainNewAccesses(t.db, { now: new Date(Date.now() + 3_600_000) })).rows > 0);
      const found = await t.superuser(
        `SELECT DISTINCT e.template FROM access_explanations e JOIN users u ON u.id = e.actor_user_id WHERE u.login_id = 'midori-dr1' AND e.case_id = $1`,
        [yamada.id],
      );
      assert.deepEqual(found.rows.map((r) => r.template), ['break_glass']);
    });

    it('after expiry the doctor sees nothing again', async () => {
      await expire(readOnly);
      assert.deepEqual(await seen(), nothing);
      assert.equal((await midori.client.get(`/api/cases/${yamada.id}`)).statusCode, 404);
      const mine = await midori.client.get('/api/break-glass/mine');
      assert.equal(mine.body.grants[0].active, false);
    });

    it('a reason that allows writing lets the case be updated; ending the grant early closes the case again', async () => {
      const r = await request(midori, 'emergency_admission', { by: 'identity', fullName: '山田太郎', birthDate: '1958-04-12' });
      assert.equal(r.statusCode, 201, JSON.stringify(r.body));
      const g = r.body.grants[0];
      assert.equal(g.writes, true);
      const updated = await t.db.asActor(doctor, (tx) => rows(tx, sql`UPDATE cases SET last_observed_at = now() WHERE id = ${yamada.id} RETURNING id`));
      assert.equal(updated.length, 1);
      const ended = await midori.client.post(`/api/break-glass/${g.id}/end`);
      assert.equal(ended.statusCode, 200, JSON.stringify(ended.body));
      assert.equal(ended.body.active, false);
      assert.deepEqual(await seen(), nothing);
      assert.equal((await midori.client.post(`/api/break-glass/${g.id}/end`)).statusCode, 409);
      assert.equal((await shinjuku.client.post(`/api/break-glass/${g.id}/end`)).statusCode, 403);
    });

    it('identity is matched exactly: a wrong date of birth finds nothing, grants nothing, and the search is audited without the identity', async () => {
      const r = await request(midori, 'emergency_treatment', { by: 'identity', fullName: '山田 太郎', birthDate: '1958-04-13' });
      assert.equal(r.statusCode, 201, JSON.stringify(r.body));
      assert.deepEqual(r.body, { grants: [], inScopeCaseIds: [] });
      const audited = await t.superuser(`SELECT outcome, details::text FROM audit_log WHERE action = 'break_glass.search' ORDER BY seq DESC LIMIT 1`);
      assert.equal(audited.rows[0].outcome, 'denied');
      assert.doesNotMatch(String(audited.rows[0].details), /山田|1958/);
    });

    it('a case already in scope is not granted: the centre opens it as usual', async () => {
      const r = await request(shinjuku, 'transfer_pending');
      assert.deepEqual(r.body, { grants: [], inScopeCaseIds: [yamada.id] });
    });

    it('bad input answers 400 with the field path; a clerk may not break the glass', async () => {
      const bad = await midori.client.post('/api/break-glass', { search: { by: 'case_number', caseNumber: '12345678' }, reason: 'curiosity', note: '短い' });
      assert.equal(bad.statusCode, 400, JSON.stringify(bad.body));
      assert.ok(paths(bad.body).includes('body.reason'), JSON.stringify(bad.body));
      assert.ok(paths(bad.body).includes('body.note'), JSON.stringify(bad.body));
      assert.ok(paths(bad.body).includes('body.search.caseNumber'), JSON.stringify(bad.body));
      const clerk = await firstLogin(t, app, 'sakura-clerk1');
      assert.equal((await request(clerk, 'emergency_treatment')).statusCode, 403);
    });
  });
}
