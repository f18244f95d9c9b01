// The case list applies the actor's scope itself (search_cases, migration 0012) rather than through
// row-level security: for every demo account it must list exactly the cases RLS lets it see, in
// order, once each, including a case that two kinds of scope reach, and with filters that join
// persons and notifications.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { searchCases } from '../src/server/cases/repo.ts';
import { rows } from '../src/server/db/database.ts';
import { actorFor } from './harness/actors.ts';
import { ENGINES, freshDatabase, type TestDatabase } from './harness/engines.ts';

for (const engine of ENGINES) {
  describe(`case list scope (${engine})`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await freshDatabase(engine);
      // A Shinjuku case also related to Shinjuku: two branches of the scope reach it; it is listed once.
      await t.superuser(
        `INSERT INTO case_related_hcs (case_id, hc_id)
         SELECT c.id, c.responsible_hc_id FROM cases c JOIN persons p ON p.id = c.person_id WHERE p.name_kana = 'ヤマダ タロウ'`,
      );
      const doctor = await t.superuser("SELECT id FROM users WHERE login_id = 'sakura-dr1'");
      await t.superuser(
        `INSERT INTO notifications (case_id, form_id, form_version, classification, status, institution_id, created_by)
         SELECT id, 'covid19', '2022-09-26', 'patient', 'submitted', reporting_org_id, $1 FROM cases`,
        [doctor.rows[0].id],
      );
    });
    after(() => t.close());

    const accounts = [
      'shinjuku-h1', 'nakano-h1', 'sakura-dr1', 'sakura-clerk1', 'midori-dr1', 'tokyo-sg1', 'tokyo-hq1',
      'tokyo-phi1', 'tokyo-hotel1', 'tokyo-fu1', 'mhlw-stats', 'mhlw-admin', 'tokyo-admin', 'shinjuku-admin',
    ];
    for (const loginId of accounts) {
      it(`${loginId}: the list is what row-level security shows, also when filtered`, async () => {
        const actor = await actorFor(t.db, loginId);
        await t.db.asActor(actor, async (tx) => {
          const visible = await rows<{ id: string }>(tx, sql`SELECT id FROM cases ORDER BY created_at DESC, id DESC`);
          const listed = await searchCases(tx, { kanaMatch: 'prefix', limit: 100 });
          assert.deepEqual(listed.map((r) => r.id), visible.map((r) => r.id));
          const filtered = await searchCases(tx, { kanaMatch: 'prefix', kanaKey: 'サ', classification: 'patient', limit: 100 });
          const expected = await rows<{ id: string }>(
            tx,
            sql`SELECT c.id FROM cases c JOIN persons p ON p.id = c.person_id WHERE p.name_kana LIKE 'サ%' ORDER BY c.created_at DESC, c.id DESC`,
          );
          assert.deepEqual(filtered.map((r) => r.id), expected.map((r) => r.id));
        });
      });
    }
  });
}
