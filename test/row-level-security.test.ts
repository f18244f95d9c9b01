// Scope enforced by PostgreSQL itself: a raw SELECT * FROM each personal-data table inside a
// user's transaction returns only that user's scope, on both engines.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { pgErrorCode, rows } from '../src/server/db/database.ts';
import { actorFor } from './harness/actors.ts';
import { ENGINES, freshDatabase, type TestDatabase } from './harness/engines.ts';

// Who sees which demo case (by the person's kana), from the seeded world in src/server/demo/seed.ts.
const EXPECTED_CASES: Record<string, string[]> = {
  'shinjuku-h1': ['ヤマダ タロウ', 'サトウ ハナコ', 'スズキ イチロウ'], // responsible ×2, related ×1
  'nakano-h1': ['スズキ イチロウ', 'タカハシ ミサキ', 'タナカ ケン'],
  'sakura-dr1': ['ヤマダ タロウ', 'サトウ ハナコ'], // the cases its clinic reported
  'sakura-clerk1': ['ヤマダ タロウ', 'サトウ ハナコ'],
  'midori-dr1': ['スズキ イチロウ', 'タカハシ ミサキ', 'タナカ ケン'],
  'tokyo-sg1': ['ヤマダ タロウ', 'サトウ ハナコ', 'スズキ イチロウ', 'タカハシ ミサキ', 'タナカ ケン'],
  'tokyo-hq1': ['ヤマダ タロウ', 'サトウ ハナコ', 'スズキ イチロウ', 'タカハシ ミサキ', 'タナカ ケン'],
  'tokyo-phi1': ['ヤマダ タロウ', 'サトウ ハナコ', 'スズキ イチロウ', 'タカハシ ミサキ', 'タナカ ケン'],
  'tokyo-hotel1': ['サトウ ハナコ'], // the ended assignment of タナカ no longer counts
  'tokyo-fu1': ['タカハシ ミサキ'],
  'mhlw-stats': [],
  'mhlw-admin': [],
  'tokyo-admin': [],
  'shinjuku-admin': [],
};

for (const engine of ENGINES) {
  describe(`row-level security (${engine})`, () => {
    let t: TestDatabase;
    let caseKana: Map<string, string>;
    before(async () => {
      t = await freshDatabase(engine);
      const all = await t.superuser('SELECT c.id, p.name_kana FROM cases c JOIN persons p ON p.id = c.person_id');
      caseKana = new Map(all.rows.map((r) => [r.id as string, r.name_kana as string]));
    });
    after(() => t.close());

    for (const [loginId, expected] of Object.entries(EXPECTED_CASES)) {
      it(`${loginId} sees only its cases, persons and links`, async () => {
        const actor = await actorFor(t.db, loginId);
        const seen = await t.db.asActor(actor, async (tx) => ({
          cases: await rows<{ id: string; person_id: string }>(tx, sql`SELECT * FROM cases`),
          persons: await rows<{ id: string; name_kana: string }>(tx, sql`SELECT * FROM persons`),
          related: await rows<{ case_id: string }>(tx, sql`SELECT * FROM case_related_hcs`),
          assignments: await rows<{ case_id: string }>(tx, sql`SELECT * FROM case_assignments`),
        }));
        assert.deepEqual(seen.cases.map((c) => caseKana.get(c.id)).sort(), [...expected].sort());
        assert.deepEqual(seen.persons.map((p) => p.name_kana).sort(), [...expected].sort());
        const visible = new Set(seen.cases.map((c) => c.id));
        for (const link of [...seen.related, ...seen.assignments]) assert.ok(visible.has(link.case_id));
        // app_sees_case(), which functions running as the owner use, is exactly the cases policy.
        const byFunction = await t.db.asActor(actor, (tx) =>
          rows<{ id: string; sees: boolean }>(tx, sql`SELECT id, app_sees_case(id) AS sees FROM unnest(${`{${[...caseKana.keys()].join(",")}}`}::uuid[]) AS id`),
        );
        for (const r of byFunction) assert.equal(r.sees, visible.has(r.id), `${loginId}: ${caseKana.get(r.id)}`);
      });
    }

    it('users: an ID sees itself and its own organisation; an admin also the organisations it issues for', async () => {
      const loginIdsSeenBy = async (loginId: string) => {
        const actor = await actorFor(t.db, loginId);
        const seen = await t.db.asActor(actor, (tx) => rows<{ login_id: string }>(tx, sql`SELECT * FROM users`));
        return seen.map((u) => u.login_id).sort();
      };
      assert.deepEqual(await loginIdsSeenBy('sakura-dr1'), ['sakura-clerk1', 'sakura-clinic-po', 'sakura-dr1']);
      assert.deepEqual(await loginIdsSeenBy('nakano-h1'), ['nakano-h1', 'nakano-hc-po']);
      // A health centre issues IDs for the medical institutions in its area (and itself).
      assert.deepEqual(await loginIdsSeenBy('shinjuku-admin'), ['sakura-clerk1', 'sakura-clinic-po', 'sakura-dr1', 'shinjuku-admin', 'shinjuku-h1', 'shinjuku-h2', 'shinjuku-hc-po']);
      // The ministry issues for prefectures, not for what the prefecture issues for.
      assert.deepEqual(await loginIdsSeenBy('mhlw-admin'), ['mhlw-admin', 'mhlw-helpdesk', 'mhlw-po', 'mhlw-stats', 'tokyo-admin', 'tokyo-po', 'tokyo-sg1']);
    });

    it('sessions, security flags and audit rows of others are invisible', async () => {
      const actor = await actorFor(t.db, 'nakano-h1');
      const seen = await t.db.asActor(actor, async (tx) => ({
        sessions: await rows(tx, sql`SELECT * FROM sessions`),
        flags: await rows(tx, sql`SELECT * FROM security_flags`),
        audit: await rows(tx, sql`SELECT * FROM audit_log`),
      }));
      assert.equal(t.engine, engine);
      assert.deepEqual(seen, { sessions: [], flags: [], audit: [] });
      const all = await t.superuser('SELECT count(*)::int AS n FROM audit_log');
      assert.ok(Number(all.rows[0].n) >= 1, 'the seed wrote an audit row the user cannot see');
    });

    it('the application role cannot read credentials, bypass RLS, or change the audit log', async () => {
      const role = await t.superuser("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = 'hersys_app'");
      assert.deepEqual(role.rows[0], { rolsuper: false, rolbypassrls: false });
      const actor = await actorFor(t.db, 'tokyo-admin');
      const denied = (e: unknown) => pgErrorCode(e) === '42501';
      await assert.rejects(t.db.asActor(actor, (tx) => rows(tx, sql`SELECT * FROM credentials`)), denied);
      await assert.rejects(t.db.asActor(actor, (tx) => rows(tx, sql`DELETE FROM audit_log`)), denied);
      await assert.rejects(t.db.asActor(actor, (tx) => rows(tx, sql`UPDATE audit_log SET purpose = 'x'`)), denied);
      // Not even the owner may rewrite history: the trigger refuses.
      const appendOnly = (e: unknown) => /append-only/.test(String((e as Error).cause));
      await assert.rejects(t.db.asSystem((tx) => rows(tx, sql`UPDATE audit_log SET purpose = 'x'`)), appendOnly);
      await assert.rejects(t.db.asSystem((tx) => rows(tx, sql`DELETE FROM audit_log`)), appendOnly);
    });

    it('a temporary table cannot stand in for a scope table inside the SECURITY DEFINER functions', async () => {
      const yamada = (await t.superuser("SELECT c.id FROM cases c JOIN persons p ON p.id = c.person_id WHERE p.name_kana = 'ヤマダ タロウ'")).rows[0].id;
      const actor = await actorFor(t.db, 'nakano-h1');
      const seen = await t.db.asActor(actor, async (tx) => {
        await tx.execute(sql`CREATE TEMP TABLE case_related_hcs (case_id uuid, hc_id uuid) ON COMMIT DROP`);
        await tx.execute(sql`INSERT INTO case_related_hcs VALUES (${yamada}, ${actor.orgId})`);
        return rows<{ n: number }>(tx, sql`SELECT (SELECT count(*) FROM cases WHERE id = ${yamada})::int + (SELECT count(*) FROM search_cases(${null}::text, ${null}::text, ${null}::text, 0.4::real, ${null}::date, ${null}::uuid, ${null}::text, ${null}::boolean, ${null}::date, ${null}::date, ${null}::date, ${null}::date, ${null}::timestamptz, ${null}::uuid, 100, ${null}::text, ${null}::text) s WHERE s.id = ${yamada})::int AS n`);
      });
      assert.equal(seen[0].n, 0);
      const loose = await t.superuser("SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' AND p.prosecdef AND NOT ('search_path=public, pg_temp' = ANY (p.proconfig))");
      assert.deepEqual(loose.rows, [], 'every SECURITY DEFINER function names pg_temp last');
    });

    it('outside a user transaction nothing personal is visible to the application role', async () => {
      const seen = await t.db.asSystem(async (tx) => {
        await tx.execute(sql`SET LOCAL ROLE hersys_app`);
        return rows(tx, sql`SELECT * FROM cases`);
      });
      assert.deepEqual(seen, []);
    });
  });
}
