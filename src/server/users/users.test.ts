// ID administration through the API: issuing within one's issuing scope only, roles that fit
// the organisation, quotas, suspension that ends sessions at once, stale versions, unused IDs.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { Client, closeApp, firstLogin, openApp, type LoggedIn } from '../../../test/harness/http.ts';
import { suspendUnusedIds } from '../jobs/unused-ids.ts';

for (const engine of ENGINES) {
  describe(`ID administration (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let shinjukuAdmin: LoggedIn;
    let tokyoAdmin: LoggedIn;
    const org = (key: string) => t.world.orgIds[key];
    const userId = async (loginId: string) =>
      (await t.superuser('SELECT id FROM users WHERE login_id = $1', [loginId])).rows[0].id as string;

    before(async () => {
      ({ t, app } = await openApp(engine));
      shinjukuAdmin = await firstLogin(t, app, 'shinjuku-admin');
      tokyoAdmin = await firstLogin(t, app, 'tokyo-admin');
    });
    after(() => closeApp(t, app));

    it('a health centre issues a doctor ID for a clinic in its area; the new user can log in', async () => {
      const issued = await shinjukuAdmin.client.post('/api/users', {
        orgId: org('sakura-clinic'),
        loginId: 'sakura-dr2',
        displayName: 'さくら内科 医師2',
        roles: ['doctor'],
      });
      assert.equal(issued.statusCode, 201);
      assert.equal(issued.body.user.status, 'active');
      assert.equal(issued.body.initialPassword.length, 16);
      const c = new Client(app);
      const login = await c.post('/api/auth/login', { loginId: 'sakura-dr2', password: issued.body.initialPassword });
      assert.equal(login.body.next, 'change_password');
      const row = await t.superuser("SELECT action, actor_user_id FROM audit_log WHERE action = 'users.issue'");
      assert.equal(row.rows.length, 1);
      assert.equal(row.rows[0].actor_user_id, await userId('shinjuku-admin'));
    });

    it('refuses to issue outside the issuing scope, and for non-admins', async () => {
      for (const target of ['midori-hospital', 'nakano-hc', 'tokyo-hotel', 'tokyo']) {
        const r = await shinjukuAdmin.client.post('/api/users', { orgId: org(target), loginId: `x-${target}`, displayName: 'x', roles: ['org_admin'] });
        assert.equal(r.statusCode, 403, target);
        assert.equal(r.body.code, 'outside_issuing_scope');
        assert.ok(r.body.message.ja && r.body.message.en);
      }
      const doctor = await firstLogin(t, app, 'sakura-dr1');
      const r = await doctor.client.post('/api/users', { orgId: org('sakura-clinic'), loginId: 'by-doctor', displayName: 'x', roles: ['clerk'] });
      assert.equal(r.statusCode, 403);
      assert.equal(r.body.code, 'forbidden');
      assert.equal((await doctor.client.get('/api/users')).statusCode, 403);
      const none = await t.superuser("SELECT count(*)::int AS n FROM users WHERE login_id LIKE 'x-%' OR login_id = 'by-doctor'");
      assert.equal(none.rows[0].n, 0);
    });

    it('only roles that fit the organisation, and login IDs unique across the system', async () => {
      const wrongRole = await shinjukuAdmin.client.post('/api/users', { orgId: org('sakura-clinic'), loginId: 'sakura-h', displayName: 'x', roles: ['doctor', 'hc_staff'] });
      assert.equal(wrongRole.statusCode, 400);
      assert.deepEqual(wrongRole.body.errors[0].path, ['body', 'roles', 1]);
      assert.equal(wrongRole.body.errors[0].code, 'role_not_allowed_at_org');
      // midori-dr1 belongs to an institution this admin cannot even see.
      const taken = await shinjukuAdmin.client.post('/api/users', { orgId: org('sakura-clinic'), loginId: 'MIDORI-DR1', displayName: 'x', roles: ['doctor'] });
      assert.equal(taken.statusCode, 409);
      assert.equal(taken.body.code, 'login_id_taken');
    });

    it('a prefecture sets a centre’s quota; issuing beyond it is refused', async () => {
      const orgs = (await tokyoAdmin.client.get('/api/orgs')).body.organizations;
      const shinjuku = orgs.find((o: { code: string }) => o.code === 'shinjuku-hc');
      assert.equal(shinjuku.issuedByMe, true);
      assert.equal(shinjuku.activeIds, 4);
      const own = orgs.find((o: { code: string }) => o.code === 'tokyo');
      assert.equal((await tokyoAdmin.client.put(`/api/orgs/${own.id}/quota`, { version: own.version, idQuota: 1000 })).statusCode, 403, 'not its own quota');
      assert.equal((await shinjukuAdmin.client.put(`/api/orgs/${shinjuku.id}/quota`, { version: shinjuku.version, idQuota: 1000 })).statusCode, 403);
      const below = await tokyoAdmin.client.put(`/api/orgs/${shinjuku.id}/quota`, { version: shinjuku.version, idQuota: 3 });
      assert.equal(below.statusCode, 409, 'not below the 4 IDs in use');
      assert.deepEqual(below.body.errors.map((e: { path: unknown[] }) => e.path), [['body', 'idQuota']]);
      assert.equal(below.body.code, 'quota_below_ids_in_use');
      assert.equal((await tokyoAdmin.client.put(`/api/orgs/${shinjuku.id}/quota`, { version: shinjuku.version, idQuota: 4 })).statusCode, 204);
      const stale = await tokyoAdmin.client.put(`/api/orgs/${shinjuku.id}/quota`, { version: shinjuku.version, idQuota: 5 });
      assert.equal(stale.statusCode, 409);
      const over = await shinjukuAdmin.client.post('/api/users', { orgId: shinjuku.id, loginId: 'shinjuku-h3', displayName: '保健予防課3', roles: ['hc_staff'] });
      assert.equal(over.statusCode, 409);
      assert.equal(over.body.code, 'quota_exceeded');
    });

    it('suspending an ID ends its sessions at once; it cannot log in until reactivated', async () => {
      const h1 = await firstLogin(t, app, 'shinjuku-h1');
      assert.equal((await h1.client.get('/api/auth/me')).statusCode, 200);
      const id = await userId('shinjuku-h1');
      const suspended = await shinjukuAdmin.client.post(`/api/users/${id}/suspend`, { reason: '異動のため' });
      assert.equal(suspended.statusCode, 200);
      assert.equal(suspended.body.status, 'suspended');
      const after = await h1.client.get('/api/auth/me');
      assert.equal(after.statusCode, 401);
      const login = await new Client(app).post('/api/auth/login', { loginId: 'shinjuku-h1', password: h1.password });
      assert.equal(login.statusCode, 403);
      assert.equal(login.body.code, 'account_suspended');
      const audit = await t.superuser("SELECT details FROM audit_log WHERE action = 'users.suspend'");
      assert.equal((audit.rows[0].details as { sessionsEnded: number }).sessionsEnded, 1);
      assert.equal((await shinjukuAdmin.client.post(`/api/users/${id}/reactivate`)).body.status, 'active');
      const back = await new Client(app).post('/api/auth/login', { loginId: 'shinjuku-h1', password: h1.password });
      assert.equal(back.body.next, 'totp');
    });

    it('an admin cannot suspend, delete or re-role itself', async () => {
      const id = await userId('shinjuku-admin');
      const r = await shinjukuAdmin.client.post(`/api/users/${id}/suspend`, { reason: 'x' });
      assert.equal(r.statusCode, 403);
      assert.equal(r.body.code, 'not_own_account');
    });

    it('role changes need the current version and are audited with old and new roles', async () => {
      const id = await userId('sakura-clerk1');
      const list = (await shinjukuAdmin.client.get(`/api/users?orgId=${org('sakura-clinic')}`)).body.users;
      const clerk = list.find((u: { id: string }) => u.id === id);
      const ok = await shinjukuAdmin.client.patch(`/api/users/${id}`, { version: clerk.version, roles: ['clerk', 'org_admin'] });
      assert.equal(ok.statusCode, 200);
      assert.deepEqual(ok.body.roles, ['clerk', 'org_admin']);
      const stale = await shinjukuAdmin.client.patch(`/api/users/${id}`, { version: clerk.version, roles: ['clerk'] });
      assert.equal(stale.statusCode, 409);
      assert.equal(stale.body.code, 'version_conflict');
      const audit = await t.superuser("SELECT details FROM audit_log WHERE action = 'users.roles_change'");
      assert.deepEqual((audit.rows[0].details as { changes: unknown }).changes, { roles: { from: ['clerk'], to: ['clerk', 'org_admin'] } });
    });

    it('a reset gives a new one-time password and forces enrolment again; deletion frees the quota', async () => {
      const id = await userId('sakura-dr1');
      const reset = await shinjukuAdmin.client.post(`/api/users/${id}/reset-credentials`);
      assert.equal(reset.statusCode, 200);
      const c = new Client(app);
      assert.equal((await c.post('/api/auth/login', { loginId: 'sakura-dr1', password: reset.body.initialPassword })).body.next, 'change_password');
      assert.equal((await shinjukuAdmin.client.delete(`/api/users/${id}`)).statusCode, 204);
      assert.equal((await c.post('/api/auth/login', { loginId: 'sakura-dr1', password: reset.body.initialPassword })).statusCode, 401);
      const listed = (await shinjukuAdmin.client.get('/api/users')).body.users.map((u: { loginId: string }) => u.loginId);
      assert.ok(!listed.includes('sakura-dr1'));
      assert.equal((await shinjukuAdmin.client.delete(`/api/users/${id}`)).statusCode, 404);
    });

    it('every list of IDs is audited with the ids it showed', async () => {
      const shown = (await tokyoAdmin.client.get('/api/users')).body.users.map((u: { id: string }) => u.id).sort();
      const rows = await t.superuser(
        "SELECT record_ids FROM audit_log WHERE action = 'users.list' AND actor_user_id = $1 ORDER BY seq DESC LIMIT 1",
        [await userId('tokyo-admin')],
      );
      assert.deepEqual([...(rows.rows[0].record_ids as string[])].sort(), shown);
    });

    it('IDs unused for 90 days are suspended automatically and listed as unused', async () => {
      await t.superuser("UPDATE users SET created_at = now() - interval '100 days' WHERE login_id IN ('tokyo-hotel1', 'tokyo-fu1')");
      await t.superuser("UPDATE users SET created_at = now() - interval '100 days', last_login_at = now() - interval '1 day' WHERE login_id = 'tokyo-hq1'");
      const unused = (await tokyoAdmin.client.get('/api/users?unusedForDays=90')).body.users.map((u: { loginId: string }) => u.loginId).sort();
      assert.deepEqual(unused, ['tokyo-fu1', 'tokyo-hotel1']);
      const ids = await suspendUnusedIds(t.db, 90);
      assert.equal(ids.length, 2);
      const rows = await t.superuser("SELECT login_id, status, status_reason FROM users WHERE login_id IN ('tokyo-hotel1', 'tokyo-fu1', 'tokyo-hq1') ORDER BY login_id");
      assert.deepEqual(rows.rows, [
        { login_id: 'tokyo-fu1', status: 'suspended', status_reason: 'unused_90_days' },
        { login_id: 'tokyo-hotel1', status: 'suspended', status_reason: 'unused_90_days' },
        { login_id: 'tokyo-hq1', status: 'active', status_reason: null },
      ]);
      const audit = await t.superuser("SELECT record_ids FROM audit_log WHERE action = 'users.auto_suspend'");
      assert.equal((audit.rows[0].record_ids as string[]).length, 2);
    });
  });
}
