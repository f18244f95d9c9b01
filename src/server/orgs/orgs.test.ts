// Registering organisations below one's own and editing those one issues for; the database
// refuses a registration elsewhere even when the service is bypassed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { actorFor } from '../../../test/harness/actors.ts';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { closeApp, firstLogin, openApp, type LoggedIn } from '../../../test/harness/http.ts';
import { pgErrorCode, rows } from '../db/database.ts';

for (const engine of ENGINES) {
  describe(`organisations (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let shinjuku: LoggedIn;
    let tokyo: LoggedIn;
    before(async () => {
      ({ t, app } = await openApp(engine));
      shinjuku = await firstLogin(t, app, 'shinjuku-admin');
      tokyo = await firstLogin(t, app, 'tokyo-admin');
    });
    after(() => closeApp(t, app));

    it('a health centre registers a clinic in its area and issues its first ID', async () => {
      const r = await shinjuku.client.post('/api/orgs', { kind: 'medical_institution', code: 'kagurazaka-clinic', nameJa: '神楽坂ファミリークリニック', nameEn: 'Kagurazaka Family Clinic' });
      assert.equal(r.statusCode, 201);
      assert.equal(r.body.parentId, t.world.orgIds['shinjuku-hc']);
      assert.equal(r.body.prefectureId, t.world.orgIds.tokyo);
      const issued = await shinjuku.client.post('/api/users', { orgId: r.body.id, loginId: 'kagurazaka-dr1', displayName: '医師1', roles: ['doctor'] });
      assert.equal(issued.statusCode, 201);
      const audit = await t.superuser("SELECT record_ids FROM audit_log WHERE action = 'orgs.register'");
      assert.deepEqual(audit.rows[0].record_ids, [r.body.id]);
    });

    it('only kinds that belong directly below one’s own, and codes unique', async () => {
      const wrong = await shinjuku.client.post('/api/orgs', { kind: 'health_center', code: 'x-hc', nameJa: 'x', nameEn: 'x' });
      assert.equal(wrong.statusCode, 400);
      assert.deepEqual(wrong.body.errors[0].path, ['body', 'kind']);
      assert.equal(wrong.body.errors[0].code, 'org_kind_not_below');
      const hc = await tokyo.client.post('/api/orgs', { kind: 'health_center', code: 'toshima-hc', nameJa: '豊島区池袋保健所', nameEn: 'Toshima Health Centre', notificationEmail: 'hc-toshima@example.jp', idQuota: 100 });
      assert.equal(hc.statusCode, 201);
      assert.equal(hc.body.idQuota, 100);
      const again = await tokyo.client.post('/api/orgs', { kind: 'health_center', code: 'toshima-hc', nameJa: 'x', nameEn: 'x' });
      assert.equal(again.statusCode, 409);
      assert.equal(again.body.code, 'org_code_taken');
      const doctor = await firstLogin(t, app, 'midori-dr1');
      assert.equal((await doctor.client.post('/api/orgs', { kind: 'medical_institution', code: 'mine', nameJa: 'x', nameEn: 'x' })).statusCode, 403);
    });

    it('edits names of organisations one issues for, with the current version', async () => {
      const orgs = (await shinjuku.client.get('/api/orgs')).body.organizations;
      const sakura = orgs.find((o: { code: string }) => o.code === 'sakura-clinic');
      const midori = orgs.find((o: { code: string }) => o.code === 'midori-hospital');
      assert.equal(sakura.issuedByMe, true);
      assert.equal(midori.issuedByMe, false);
      const ok = await shinjuku.client.patch(`/api/orgs/${sakura.id}`, { version: sakura.version, nameJa: 'さくら内科・小児科クリニック' });
      assert.equal(ok.statusCode, 200);
      assert.equal(ok.body.nameJa, 'さくら内科・小児科クリニック');
      assert.equal((await shinjuku.client.patch(`/api/orgs/${sakura.id}`, { version: sakura.version, nameEn: 'x' })).statusCode, 409);
      // The address and phone printed on the institution's notifications.
      const badPhone = await shinjuku.client.patch(`/api/orgs/${sakura.id}`, { version: ok.body.version, phone: 'call us' });
      assert.equal(badPhone.statusCode, 400);
      assert.deepEqual(badPhone.body.errors[0].path, ['body', 'phone']);
      const moved = await shinjuku.client.patch(`/api/orgs/${sakura.id}`, { version: ok.body.version, address: '東京都新宿区大久保一丁目1番1号', phone: '03-0000-1102' });
      assert.equal(moved.statusCode, 200, JSON.stringify(moved.body));
      assert.deepEqual([moved.body.address, moved.body.phone], ['東京都新宿区大久保一丁目1番1号', '03-0000-1102']);
      assert.equal((await shinjuku.client.patch(`/api/orgs/${midori.id}`, { version: midori.version, nameEn: 'x' })).statusCode, 403);
    });

    it('row-level security refuses a registration below another organisation', async () => {
      const actor = await actorFor(t.db, 'shinjuku-admin');
      await assert.rejects(
        t.db.asActor(actor, (tx) =>
          tx.execute(sql`INSERT INTO organizations (kind, code, name_ja, name_en, parent_id, prefecture_id)
                         VALUES ('medical_institution', 'sneaky', 'x', 'x', ${t.world.orgIds['nakano-hc']}, ${t.world.orgIds.tokyo})`),
        ),
        (e) => pgErrorCode(e) === '42501',
      );
      const updated = await t.db.asActor(actor, (tx) => rows(tx, sql`UPDATE organizations SET name_en = 'x' WHERE code = 'midori-hospital' RETURNING id`));
      assert.deepEqual(updated, [], 'an organisation it does not issue for cannot be updated');
    });
  });
}
