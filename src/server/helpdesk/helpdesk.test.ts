// Helpdesk access (issue 14, Q&A 24), on both engines: the ministry's helpdesk sees no personal data;
// for a support ticket it asks for named cases, and the answer is alike for a number with a case and
// one without. Raw SQL in the helpdesk user's own transaction (db.asActor) sees the case only while
// the access the centre approved lasts, and never writes; the centre sees each page viewed, can end
// the access at any time, is told by e-mail without personal data; the access review explains the
// reads as helpdesk. In 'notify' mode the access starts unless the centre refuses in time.
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { actorFor } from '../../../test/harness/actors.ts';
import { closeApp, firstLogin, openApp, type LoggedIn } from '../../../test/harness/http.ts';
import { newCaseNumber } from '../../domain/case-number.ts';
import { explainNewAccesses } from '../access-review/explain.ts';
import type { Actor } from '../access/actor.ts';
import { rows } from '../db/database.ts';
import { requestHelpdeskAccess } from './request.ts';

const paths = (body: { errors?: { path: (string | number)[] }[] }) => (body.errors ?? []).map((e) => e.path.join('.'));
const REASON = '保健所から「健康観察が表示されない」との問合せ。画面の表示を確認する。';

for (const engine of ENGINES) {
  describe(`helpdesk access (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let desk: LoggedIn;
    let shinjuku: LoggedIn;
    let nakano: LoggedIn;
    let helpdesk: Actor;
    let yamada: { id: string; case_number: string; person_id: string };
    let unknown: string;

    /** What the helpdesk user's own transaction sees of all cases, persons and a record of every case, in raw SQL. */
    const seen = () =>
      t.db.asActor(helpdesk, async (tx) => {
        const count = async (q: string) => (await rows<{ n: number }>(tx, sql.raw(q)))[0].n;
        return {
          cases: await count('SELECT count(*)::int AS n FROM cases'),
          persons: await count('SELECT count(*)::int AS n FROM persons'),
          patientAccess: await count('SELECT count(*)::int AS n FROM patient_access'),
          notifications: await count('SELECT count(*)::int AS n FROM notifications'),
        };
      });
    const nothing = { cases: 0, persons: 0, patientAccess: 0, notifications: 0 };
    const ask = (caseNumbers: string[], who = desk) => who.client.post('/api/helpdesk', { ticket: 'HD-2026-0001', reason: REASON, caseNumbers });

    before(async () => {
      ({ t, app } = await openApp(engine));
      desk = await firstLogin(t, app, 'mhlw-helpdesk');
      shinjuku = await firstLogin(t, app, 'shinjuku-h1');
      nakano = await firstLogin(t, app, 'nakano-h1');
      helpdesk = await actorFor(t.db, 'mhlw-helpdesk');
      [yamada] = (await t.superuser(`SELECT c.id, c.case_number, c.person_id FROM cases c JOIN persons p ON p.id = c.person_id WHERE p.name_kana = 'ヤマダ タロウ'`)).rows as (typeof yamada)[];
      const taken = new Set((await t.superuser('SELECT case_number FROM cases')).rows.map((r) => r.case_number as string));
      do unknown = newCaseNumber(randomInt);
      while (taken.has(unknown));
    });
    after(() => closeApp(t, app));

    let access: string;

    it('the helpdesk role falls into no scope: raw SQL sees no case, person or record, and the case page answers 404', async () => {
      assert.deepEqual(await seen(), nothing);
      // Every table of a patient's record, read in the helpdesk user's transaction.
      const tables = ['cases', 'persons', 'lab_tests', 'notifications', 'case_status_changes', 'residences', 'admissions', 'clinical_course', 'health_observations',
        'case_alerts', 'processing_numbers', 'case_external_ids', 'patient_access', 'household_links', 'case_related_hcs', 'case_assignments', 'contacts', 'contact_exposures',
        'notification_submissions', 'notification_changes', 'break_glass_grants'];
      const counts = await t.db.asActor(helpdesk, async (tx) => {
        const found: Record<string, number> = {};
        for (const table of tables) found[table] = (await rows<{ n: number }>(tx, sql.raw(`SELECT count(*)::int AS n FROM ${table}`)))[0].n;
        return found;
      });
      assert.deepEqual(counts, Object.fromEntries(tables.map((table) => [table, 0])));
      const owner = await t.superuser('SELECT count(*)::int AS n FROM persons');
      assert.ok((owner.rows[0].n as number) > 0, 'there is data to hide');
      assert.equal((await desk.client.get(`/api/cases/${yamada.id}`)).statusCode, 404);
    });

    it('a request is answered alike for a number with a case and one without; nothing is visible before approval', async () => {
      const r = await ask([yamada.case_number, unknown]);
      assert.equal(r.statusCode, 201, JSON.stringify(r.body));
      const [a, b] = r.body.accesses;
      const shape = (x: Record<string, unknown>) => ({ ...x, id: '', caseNumber: '', requestedAt: '' });
      assert.deepEqual(shape(a), shape(b), 'no field tells the two apart');
      assert.equal(a.status, 'pending');
      assert.equal(a.caseId, null);
      assert.equal(a.responsibleHcName, null);
      access = a.id;
      const mine = await desk.client.get('/api/helpdesk/mine');
      assert.deepEqual(mine.body.accesses.map((x: Record<string, unknown>) => shape(x)).slice(0, 2).map((x: Record<string, unknown>) => x.status), ['pending', 'pending']);
      assert.deepEqual(await seen(), nothing);
    });

    it('the database keeps a helpdesk user from approving itself: no start of its own, no update of its access', async () => {
      await assert.rejects(
        t.db.asActor(helpdesk, (tx) =>
          tx.execute(sql`INSERT INTO helpdesk_accesses (user_id, org_id, case_number, case_id, responsible_hc_id, ticket, reason, user_name, mode, hours, starts_at, expires_at)
                         VALUES (${helpdesk.userId}, ${helpdesk.orgId}, ${yamada.case_number}, ${yamada.id}, (SELECT responsible_hc_id FROM helpdesk_accesses WHERE id = ${access}),
                                 'HD-1', ${REASON}, 'x', 'approve', 4, now(), now() + interval '4 hours')`),
        ),
        (err: Error & { cause?: Error }) => /row-level security/.test(String(err.cause?.message ?? err.message)),
      );
      const updated = await t.db.asActor(helpdesk, (tx) =>
        rows(tx, sql`UPDATE helpdesk_accesses SET decision = 'approved', starts_at = now(), expires_at = now() + interval '1 hour' WHERE id = ${access} RETURNING id`),
      );
      assert.equal(updated.length, 0);
      assert.deepEqual(await seen(), nothing);
    });

    it('the responsible centre (only) has the request on its list, and an e-mail with no name and no HER-SYS ID', async () => {
      const list = await shinjuku.client.get('/api/helpdesk/centre');
      assert.equal(list.statusCode, 200, JSON.stringify(list.body));
      assert.equal(list.body.waiting, 1);
      assert.equal((await shinjuku.client.get('/api/helpdesk/centre/waiting')).body.waiting, 1, 'the home page notice');
      const [a] = list.body.accesses;
      assert.equal(a.id, access);
      assert.equal(a.caseNumber, yamada.case_number);
      assert.equal(a.contractorName, '株式会社ヘルプデスクサービス');
      assert.equal(a.status, 'pending');
      const other = await nakano.client.get('/api/helpdesk/centre');
      assert.ok(!other.body.accesses.some((x: { id: string }) => x.id === access));
      const mails = await t.superuser(`SELECT payload FROM outbox WHERE payload->>'subject' LIKE '%ヘルプデスク%'`);
      assert.equal(mails.rows.length, 1, 'one e-mail: none for the unknown number');
      const text = JSON.stringify(mails.rows[0].payload);
      assert.equal((mails.rows[0].payload as { to: string }).to, 'hc-shinjuku@example.jp');
      assert.doesNotMatch(text, /山田|ヤマダ|1958/);
      assert.ok(!text.includes(yamada.case_number), 'no HER-SYS ID in the e-mail');
      assert.ok(!text.includes('健康観察が表示されない'), 'not the free text');
      // The helpdesk cannot answer its own request; another centre cannot either.
      assert.equal((await desk.client.post(`/api/helpdesk/${access}/decision`, { decision: 'approve' })).statusCode, 403);
      assert.equal((await nakano.client.post(`/api/helpdesk/${access}/decision`, { decision: 'approve' })).statusCode, 404);
    });

    it('once the centre approves, raw SQL under the helpdesk user sees the case, its person and records — and writes nothing', async () => {
      const r = await shinjuku.client.post(`/api/helpdesk/${access}/decision`, { decision: 'approve' });
      assert.equal(r.statusCode, 200, JSON.stringify(r.body));
      assert.equal(r.body.status, 'active');
      assert.equal((Date.parse(r.body.expiresAt) - Date.parse(r.body.startsAt)) / 3_600_000, 4);
      const during = await seen();
      assert.equal(during.cases, 1);
      assert.equal(during.persons, 1);
      assert.equal(during.patientAccess, 1);
      const mine = await desk.client.get('/api/helpdesk/mine');
      const own = mine.body.accesses.find((x: { id: string }) => x.id === access);
      assert.equal(own.caseId, yamada.id);
      assert.equal(own.responsibleHcName, '新宿区保健所');
      assert.equal((await desk.client.get(`/api/cases/${yamada.id}`)).statusCode, 200);
      const changed = await t.db.asActor(helpdesk, async (tx) => ({
        cases: (await rows(tx, sql`UPDATE cases SET last_observed_at = now() WHERE id = ${yamada.id} RETURNING id`)).length,
        persons: (await rows(tx, sql`UPDATE persons SET phone = '090-9999-9999' WHERE id = ${yamada.person_id} RETURNING id`)).length,
      }));
      assert.deepEqual(changed, { cases: 0, persons: 0 });
      await assert.rejects(
        t.db.asActor(helpdesk, (tx) =>
          tx.execute(sql`INSERT INTO health_observations (case_id, observed_on, source, method, recorded_by) VALUES (${yamada.id}, current_date, 'staff', 'phone', ${helpdesk.userId})`),
        ),
        (err: Error & { cause?: Error }) => /row-level security/.test(String(err.cause?.message ?? err.message)),
      );
      assert.equal((await shinjuku.client.post(`/api/helpdesk/${access}/decision`, { decision: 'refuse' })).statusCode, 409, 'too late to refuse: end it instead');
    });

    it('the centre sees each page viewed under the access; the access review explains the reads as helpdesk', async () => {
      const list = await shinjuku.client.get('/api/helpdesk/centre');
      const a = list.body.accesses.find((x: { id: string }) => x.id === access);
      assert.ok(a.reads.some((r: { action: string }) => r.action === 'cases.read'), JSON.stringify(a.reads));
      while ((await explainNewAccesses(t.db, { now: new Date(Date.now() + 3_600_000) })).rows > 0);
      const found = await t.superuser(
        `SELECT DISTINCT e.template FROM access_explanations e JOIN users u ON u.id = e.actor_user_id WHERE u.login_id = 'mhlw-helpdesk' AND e.case_id = $1`,
        [yamada.id],
      );
      assert.deepEqual(found.rows.map((r) => r.template), ['helpdesk']);
    });

    it('the centre ends the access at once: the helpdesk sees nothing again', async () => {
      const ended = await shinjuku.client.post(`/api/helpdesk/${access}/end`);
      assert.equal(ended.statusCode, 200, JSON.stringify(ended.body));
      assert.equal(ended.body.status, 'ended');
      assert.match(ended.body.endedByName, /新宿区保健所/);
      assert.deepEqual(await seen(), nothing);
      assert.equal((await desk.client.get(`/api/cases/${yamada.id}`)).statusCode, 404);
      assert.equal((await shinjuku.client.post(`/api/helpdesk/${access}/end`)).statusCode, 409);
    });

    it('an approved access expires by itself', async () => {
      const r = await ask([yamada.case_number]);
      const id = r.body.accesses[0].id;
      assert.equal((await shinjuku.client.post(`/api/helpdesk/${id}/decision`, { decision: 'approve' })).statusCode, 200);
      assert.equal((await seen()).cases, 1);
      await t.superuser(`UPDATE helpdesk_accesses SET starts_at = now() - interval '5 hours', expires_at = now() - interval '1 hour' WHERE id = $1`, [id]);
      assert.deepEqual(await seen(), nothing);
    });

    it("'notify' mode: the access starts after the objection time unless refused; the unknown number never starts", async () => {
      const ctx = { actor: helpdesk, clientAddr: null, purpose: null };
      const options = { mode: 'notify' as const, objectionMinutes: 30, hours: 2, publicUrl: 'http://localhost' };
      const r = await requestHelpdeskAccess(t.db, ctx, { ticket: 'HD-2', reason: REASON, caseNumbers: [yamada.case_number, unknown] }, options);
      const [a, b] = r.accesses;
      assert.equal(a.status, 'scheduled');
      assert.equal(b.status, 'scheduled');
      assert.equal((Date.parse(a.startsAt!) - Date.parse(a.requestedAt)) / 60_000, 30);
      assert.deepEqual(await seen(), nothing, 'nothing during the objection time');
      await t.superuser(`UPDATE helpdesk_accesses SET starts_at = starts_at - interval '31 minutes', expires_at = expires_at - interval '31 minutes' WHERE id = ANY ($1)`, [[a.id, b.id]]);
      assert.equal((await seen()).cases, 1, 'the centre did not refuse: it started');
      const statuses = (await desk.client.get('/api/helpdesk/mine')).body.accesses.filter((x: { id: string }) => [a.id, b.id].includes(x.id));
      assert.deepEqual(statuses.map((x: { status: string }) => x.status).sort(), ['active', 'lapsed']);
      // Refused in time, the next one never starts; a start sooner than 15 minutes is refused by the database.
      const next = await requestHelpdeskAccess(t.db, ctx, { ticket: 'HD-3', reason: REASON, caseNumbers: [yamada.case_number] }, options);
      assert.equal((await shinjuku.client.post(`/api/helpdesk/${next.accesses[0].id}/decision`, { decision: 'refuse' })).statusCode, 200);
      await t.superuser(`UPDATE helpdesk_accesses SET starts_at = now() - interval '1 minute', expires_at = now() + interval '1 hour' WHERE id = $1`, [next.accesses[0].id]);
      await shinjuku.client.post(`/api/helpdesk/${a.id}/end`);
      assert.deepEqual(await seen(), nothing);
      await assert.rejects(requestHelpdeskAccess(t.db, ctx, { ticket: 'HD-4', reason: REASON, caseNumbers: [yamada.case_number] }, { ...options, objectionMinutes: 5 }));
    });

    it('bad input answers 400 with the field path; only the helpdesk may ask, and only at the ministry', async () => {
      const bad = await desk.client.post('/api/helpdesk', { ticket: '山田さんの件', reason: '短い', caseNumbers: ['12345678'] });
      assert.equal(bad.statusCode, 400, JSON.stringify(bad.body));
      for (const p of ['body.ticket', 'body.reason', 'body.caseNumbers.0']) assert.ok(paths(bad.body).includes(p), JSON.stringify(bad.body));
      assert.equal((await ask([yamada.case_number], nakano)).statusCode, 403);
      assert.equal((await shinjuku.client.get('/api/helpdesk/mine')).statusCode, 403);
      assert.equal((await desk.client.get('/api/helpdesk/centre')).statusCode, 403);
    });
  });
}
