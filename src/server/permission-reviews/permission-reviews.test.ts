// Permission reviews (権限の棚卸し) through the API and the job, on both engines: the job opens a
// campaign per organisation once, with the case records each ID opened (a count from the audit
// log); decisions revoke roles or suspend at once and are audited; the last decision completes the
// campaign; an ID suspended as unused needs none; an overdue review escalates once to the issuing
// organisation, by e-mail without personal data and as an in-app notice; row-level security keeps
// campaigns to the administrator's organisation and those it issues for; the compliance report counts them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import nodemailer from 'nodemailer';
import { actorFor } from '../../../test/harness/actors.ts';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { closeApp, firstLogin, openApp, type LoggedIn } from '../../../test/harness/http.ts';
import { startSmtp } from '../../../test/harness/smtp.ts';
import { rows } from '../db/database.ts';
import { deliverDue } from '../jobs/outbox-worker.ts';
import { suspendUnusedIds } from '../jobs/unused-ids.ts';
import { runPermissionReviews } from './run.ts';

const PUBLIC_URL = 'https://hersys.example.jp';
const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);

for (const engine of ENGINES) {
  describe(`permission reviews (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let shinjukuAdmin: LoggedIn;
    let tokyoAdmin: LoggedIn;
    const q = async (text: string, params: unknown[] = []) => (await t.superuser(text, params)).rows as Record<string, any>[];
    const idOf = async (loginId: string) => (await q('SELECT id FROM users WHERE login_id = $1', [loginId]))[0].id as string;
    const org = (key: string) => t.world.orgIds[key];
    const campaignOf = async (orgKey: string) =>
      (await q('SELECT id FROM permission_review_campaigns WHERE org_id = $1 ORDER BY opened_at DESC LIMIT 1', [org(orgKey)]))[0]?.id as string;
    const itemOf = async (admin: LoggedIn, campaignId: string, loginId: string) =>
      (await admin.client.get(`/api/permission-reviews/${campaignId}`)).body.items.find((i: { loginId: string }) => i.loginId === loginId);
    const decide = async (admin: LoggedIn, campaignId: string, loginId: string, body: Record<string, unknown>) => {
      const item = await itemOf(admin, campaignId, loginId);
      return admin.client.post(`/api/permission-reviews/${campaignId}/items/${await idOf(loginId)}/decision`, { version: item?.version ?? 1, ...body });
    };

    before(async () => {
      // (The reads are a minute old: the job's clock is the server's, in milliseconds, the database's in
      // microseconds, and a read in the very millisecond the review opens would fall after it.)
      ({ t, app } = await openApp(engine));
      shinjukuAdmin = await firstLogin(t, app, 'shinjuku-admin');
      tokyoAdmin = await firstLogin(t, app, 'tokyo-admin');
      // sakura-dr1 opened two case records (one twice) before the clinic's first review.
      const cases = await q('SELECT id FROM cases ORDER BY id LIMIT 2');
      const dr1 = await idOf('sakura-dr1');
      for (const c of [cases[0].id, cases[0].id, cases[1].id]) {
        await q(
          `SELECT audit_append(jsonb_build_array(jsonb_build_object('at', now() - interval '1 minute', 'actor_user_id', $1::text, 'actor_org_id', $2::text, 'action', 'cases.read',
             'record_type', 'case', 'record_ids', jsonb_build_array($3::text), 'purpose', null, 'client_addr', null, 'outcome', 'ok', 'details', '{}'::jsonb, 'content_hash', 'x')))`,
          [dr1, org('sakura-clinic'), c],
        );
      }
    });
    after(() => closeApp(t, app));

    it('the job opens one review per organisation with active IDs, once even when two runs race, and none while one is open', async () => {
      const [a, b] = await Promise.all([runPermissionReviews(t.db, { publicUrl: PUBLIC_URL }), runPermissionReviews(t.db, { publicUrl: PUBLIC_URL })]);
      const open = await q('SELECT o.code, count(*)::int AS n FROM permission_review_campaigns c JOIN organizations o ON o.id = c.org_id GROUP BY o.code ORDER BY o.code');
      assert.ok(open.every((r) => r.n === 1), JSON.stringify(open));
      // Shinjuku's and Nakano's were open from the demo world: every other organisation got one.
      const orgsWithIds = await q("SELECT count(DISTINCT org_id)::int AS n FROM users WHERE status = 'active'");
      assert.equal(open.length, orgsWithIds[0].n);
      assert.equal(a.opened + b.opened, orgsWithIds[0].n - 2);
      assert.equal((await runPermissionReviews(t.db, { publicUrl: PUBLIC_URL })).opened, 0);
      const opening = await q("SELECT count(*)::int AS n FROM audit_log WHERE action = 'permission_reviews.open'");
      assert.equal(opening[0].n, orgsWithIds[0].n - 2);
    });

    it('a review lists every active ID with its roles, last login and the case records it opened in the period (a count); reading it is audited', async () => {
      const sakura = await campaignOf('sakura-clinic');
      const r = await shinjukuAdmin.client.get(`/api/permission-reviews/${sakura}`);
      assert.equal(r.statusCode, 200);
      assert.deepEqual(r.body.items.map((i: { loginId: string }) => i.loginId), ['sakura-clerk1', 'sakura-clinic-po', 'sakura-dr1']);
      const dr1 = r.body.items.find((i: { loginId: string }) => i.loginId === 'sakura-dr1');
      const reads = await q("SELECT at, record_ids FROM audit_log WHERE action = 'cases.read' AND actor_user_id = $1", [dr1.userId]);
      const opened = await q('SELECT opened_at, period_start FROM permission_review_campaigns WHERE id = $1', [sakura]);
      assert.equal(dr1.casesOpened, 2, `two distinct case records: ${JSON.stringify({ reads, opened })}`);
      assert.deepEqual(dr1.roles, ['doctor']);
      assert.equal(dr1.lastLoginAt, null);
      assert.equal(r.body.campaign.state, 'open');
      const [read] = await q("SELECT record_ids FROM audit_log WHERE action = 'permission_reviews.read' ORDER BY seq DESC LIMIT 1");
      assert.equal(read.record_ids.length, 3);
    });

    it('an overdue review escalates once to the issuing organisation: an e-mail without personal data and a notice in its list', async () => {
      const nakano = await campaignOf('nakano-hc');
      const [row] = await q('SELECT escalated_at, escalated_to FROM permission_review_campaigns WHERE id = $1', [nakano]);
      assert.ok(row.escalated_at);
      assert.equal(row.escalated_to, org('tokyo'));
      // One e-mail to each of Tokyo's addresses (its administrator, its own address), once though the job ran three times.
      const all = await q("SELECT payload FROM outbox WHERE kind = 'email' AND payload->>'subject' LIKE '%権限の棚卸し%' ORDER BY payload->>'to'");
      assert.deepEqual(all.map((m) => m.payload.to), ['kansen-tokyo@example.jp', 'tokyo-admin@example.jp'], 'once, though the job ran three times');
      const mails = all.filter((m) => m.payload.to === 'tokyo-admin@example.jp');
      assert.match(mails[0].payload.text, /中野区保健所/);
      assert.match(mails[0].payload.text, new RegExp(`${PUBLIC_URL}/admin/permission-reviews/${nakano}`));
      for (const personal of ['nakano-h1', '中野区保健所 保健予防課1', 'nakano-hc-po']) assert.ok(!mails[0].payload.text.includes(personal), personal);
      // Delivered over real SMTP by the outbox worker.
      const smtp = await startSmtp();
      try {
        const sent = await deliverDue(t.db, nodemailer.createTransport(smtp.url), 'hersys <no-reply@hersys.test>');
        assert.ok(sent.sent >= 1);
        const got = smtp.received.find((m) => m.subject === mails[0].payload.subject && m.to.includes('tokyo-admin@example.jp'))!;
        assert.deepEqual(got.to, ['tokyo-admin@example.jp']);
        assert.match(got.text, /中野区保健所/);
      } finally {
        await smtp.close();
      }
      const list = (await tokyoAdmin.client.get('/api/permission-reviews')).body.campaigns;
      const notice = list.find((c: { id: string }) => c.id === nakano);
      assert.equal(notice.escalatedToMe, true);
      assert.equal(notice.state, 'overdue');
      assert.ok(list.every((c: { id: string; escalatedToMe: boolean }) => c.id === nakano || !c.escalatedToMe));
      const [escalation] = await q("SELECT record_ids, details FROM audit_log WHERE action = 'permission_reviews.escalate'");
      assert.deepEqual(escalation.record_ids, [nakano]);
      assert.equal(escalation.details.pending, 2);
    });

    it('an administrator sees its own and its clinics’ reviews, never another centre’s', async () => {
      const list = (await shinjukuAdmin.client.get('/api/permission-reviews')).body.campaigns.map((c: { orgId: string }) => c.orgId).sort();
      assert.deepEqual(list, [org('sakura-clinic'), org('shinjuku-hc')].sort());
      const nakano = await campaignOf('nakano-hc');
      assert.equal((await shinjukuAdmin.client.get(`/api/permission-reviews/${nakano}`)).statusCode, 404);
      const r = await shinjukuAdmin.client.post(`/api/permission-reviews/${nakano}/items/${await idOf('nakano-h1')}/decision`, { action: 'confirm', version: 1 });
      assert.equal(r.statusCode, 404);
      const doctor = await firstLogin(t, app, 'sakura-dr1');
      assert.equal((await doctor.client.get('/api/permission-reviews')).statusCode, 403);
    });

    it('bad decisions answer 4xx with the field and both languages, and change nothing', async () => {
      const shinjuku = await campaignOf('shinjuku-hc');
      await q("UPDATE users SET roles = '{hc_staff,org_admin}' WHERE login_id = 'shinjuku-h1'");
      const cases: [Record<string, unknown>, string[], string][] = [
        [{ action: 'revoke_roles', rolesKept: [] }, ['body', 'rolesKept'], 'review_roles_required'],
        [{ action: 'revoke_roles', rolesKept: ['doctor'] }, ['body', 'rolesKept'], 'review_role_not_held'],
        [{ action: 'revoke_roles', rolesKept: ['hc_staff', 'org_admin'] }, ['body', 'rolesKept'], 'review_nothing_revoked'],
      ];
      for (const [body, path, code] of cases) {
        const r = await decide(shinjukuAdmin, shinjuku, 'shinjuku-h1', body);
        assert.equal(r.statusCode, 400, code);
        assert.deepEqual(r.body.errors[0].path, path);
        assert.equal(r.body.errors[0].code, code);
        assert.ok(r.body.errors[0].message.ja && r.body.errors[0].message.en);
      }
      const noReason = await decide(shinjukuAdmin, shinjuku, 'shinjuku-h1', { action: 'suspend' });
      assert.equal(noReason.statusCode, 400);
      assert.deepEqual(noReason.body.errors[0].path, ['body', 'reason']);
      const unknown = await decide(shinjukuAdmin, shinjuku, 'shinjuku-h1', { action: 'delete' });
      assert.equal(unknown.statusCode, 400);
      const own = await decide(shinjukuAdmin, shinjuku, 'shinjuku-admin', { action: 'confirm' });
      assert.equal(own.statusCode, 403);
      assert.equal(own.body.code, 'not_own_account');
      const stale = await decide(shinjukuAdmin, shinjuku, 'shinjuku-h1', { action: 'confirm', version: 7 });
      assert.equal(stale.statusCode, 409);
      const decided = await q('SELECT count(*)::int AS n FROM permission_review_items WHERE campaign_id = $1 AND decision IS NOT NULL', [shinjuku]);
      assert.equal(decided[0].n, 0);
    });

    it('revoking a role and suspending an ID take effect at once and are audited; a decision is final', async () => {
      const shinjuku = await campaignOf('shinjuku-hc');
      const h1 = await firstLogin(t, app, 'shinjuku-h1');
      assert.equal((await h1.client.get('/api/users')).statusCode, 200, 'an administrator until revoked');
      const revoked = await decide(shinjukuAdmin, shinjuku, 'shinjuku-h1', { action: 'revoke_roles', rolesKept: ['hc_staff'] });
      assert.equal(revoked.statusCode, 200);
      assert.equal(revoked.body.item.decision, 'roles_revoked');
      assert.equal(revoked.body.item.decidedBy, 'shinjuku-admin');
      assert.deepEqual(revoked.body.item.roles, ['hc_staff']);
      assert.equal((await h1.client.get('/api/users')).statusCode, 403, 'the role is gone from the next request on');
      const [change] = await q("SELECT details FROM audit_log WHERE action = 'users.roles_change' ORDER BY seq DESC LIMIT 1");
      assert.deepEqual(change.details.changes, { roles: { from: ['hc_staff', 'org_admin'], to: ['hc_staff'] } });

      const po = await firstLogin(t, app, 'shinjuku-hc-po');
      const suspended = await decide(shinjukuAdmin, shinjuku, 'shinjuku-hc-po', { action: 'suspend', reason: '異動のため' });
      assert.equal(suspended.statusCode, 200);
      assert.equal(suspended.body.item.status, 'suspended');
      assert.equal((await po.client.get('/api/auth/me')).statusCode, 401, 'its session ended');
      const [suspension] = await q("SELECT details FROM audit_log WHERE action = 'users.suspend' ORDER BY seq DESC LIMIT 1");
      assert.equal(suspension.details.sessionsEnded, 1);
      assert.equal(suspension.details.permissionReview, shinjuku);
      assert.equal((await decide(shinjukuAdmin, shinjuku, 'shinjuku-h2', { action: 'confirm' })).statusCode, 200);

      const again = await decide(shinjukuAdmin, shinjuku, 'shinjuku-h1', { action: 'confirm' });
      assert.equal(again.statusCode, 409);
      assert.equal(again.body.code, 'review_already_decided');
      assert.equal(suspended.body.campaign.completedAt, null, 'the administrator’s own ID is still undecided');
    });

    it('the issuing organisation decides the administrator’s own ID; the last decision completes the review on time', async () => {
      const shinjuku = await campaignOf('shinjuku-hc');
      const r = await decide(tokyoAdmin, shinjuku, 'shinjuku-admin', { action: 'confirm' });
      assert.equal(r.statusCode, 200);
      assert.ok(r.body.campaign.completedAt);
      assert.equal(r.body.campaign.state, 'done_on_time');
      assert.equal(r.body.campaign.decided, 4);
      const [done] = await q("SELECT actor_user_id FROM audit_log WHERE action = 'permission_reviews.complete'");
      assert.equal(done.actor_user_id, await idOf('tokyo-admin'));
      const late = await decide(shinjukuAdmin, shinjuku, 'shinjuku-h1', { action: 'confirm' });
      assert.equal(late.statusCode, 409);
      assert.equal(late.body.code, 'review_campaign_complete');
    });

    it('IDs suspended as unused need no decision: the job completes a review left with only those', async () => {
      await q("UPDATE users SET created_at = now() - interval '100 days', last_login_at = NULL WHERE org_id = $1", [org('sakura-clinic')]);
      assert.equal((await suspendUnusedIds(t.db, 90)).length >= 3, true);
      const ran = await runPermissionReviews(t.db, { publicUrl: PUBLIC_URL });
      assert.ok(ran.completed >= 1);
      const sakura = await campaignOf('sakura-clinic');
      const shown = (await shinjukuAdmin.client.get(`/api/permission-reviews/${sakura}`)).body;
      assert.ok(shown.campaign.completedAt);
      assert.ok(shown.items.every((i: { settled: boolean; decision: unknown; statusReason: string }) => i.settled && i.decision === null && i.statusReason === 'unused_90_days'));
    });

    it('the issuing organisation sets the interval; not the organisation itself; out of range is a 400 at the field', async () => {
      const version = (await q('SELECT version FROM organizations WHERE id = $1', [org('shinjuku-hc')]))[0].version;
      assert.equal((await tokyoAdmin.client.put(`/api/permission-reviews/settings/${org('shinjuku-hc')}`, { months: 6, version })).statusCode, 204);
      assert.equal((await q('SELECT permission_review_months AS m FROM organizations WHERE id = $1', [org('shinjuku-hc')]))[0].m, 6);
      const own = await shinjukuAdmin.client.put(`/api/permission-reviews/settings/${org('shinjuku-hc')}`, { months: 1, version: version + 1 });
      assert.equal(own.statusCode, 403);
      const wide = await tokyoAdmin.client.put(`/api/permission-reviews/settings/${org('shinjuku-hc')}`, { months: 13, version: version + 1 });
      assert.equal(wide.statusCode, 400);
      assert.deepEqual(wide.body.errors[0].path, ['body', 'months']);
    });

    it('row-level security: raw SQL as an administrator sees and decides only its organisations’ reviews; staff see none', async () => {
      const seen = async (loginId: string) =>
        t.db.asActor(await actorFor(t.db, loginId), async (tx) => ({
          campaigns: (await rows<{ org_id: string }>(tx, sql`SELECT org_id FROM permission_review_campaigns`)).map((r) => r.org_id).sort(),
          items: (await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM permission_review_items`))[0].n,
        }));
      const shinjuku = await seen('shinjuku-admin');
      assert.deepEqual(shinjuku.campaigns, [org('sakura-clinic'), org('shinjuku-hc')].sort());
      const tokyo = await seen('tokyo-admin');
      for (const key of ['tokyo', 'shinjuku-hc', 'nakano-hc', 'tokyo-hotel']) assert.ok(tokyo.campaigns.includes(org(key)), key);
      assert.ok(!tokyo.campaigns.includes(org('sakura-clinic')), 'a prefecture does not issue a clinic’s IDs');
      assert.deepEqual(await seen('nakano-h1'), { campaigns: [], items: 0 });
      const officer = await seen('tokyo-po');
      assert.ok(officer.campaigns.includes(org('sakura-clinic')), 'the officer reads the whole tree for the compliance report');

      const admin = await actorFor(t.db, 'shinjuku-admin');
      const nakano = await campaignOf('nakano-hc');
      const changed = await t.db.asActor(admin, (tx) =>
        rows(tx, sql`UPDATE permission_review_items SET decision = 'confirmed', decided_by = ${admin.userId}, decided_at = now() WHERE campaign_id = ${nakano} RETURNING 1`),
      );
      assert.equal(changed.length, 0, 'another centre’s review');
      await assert.rejects(
        t.db.asActor(admin, (tx) => rows(tx, sql`INSERT INTO permission_review_campaigns (org_id, period_start, opened_at, due_at) VALUES (${admin.orgId}, now(), now(), now() + interval '1 day')`)),
        (e: unknown) => /permission denied/.test(String((e as { cause?: unknown }).cause)),
      );
      const tokyoActor = await actorFor(t.db, 'tokyo-admin');
      // A decision is recorded under its maker's name only.
      await assert.rejects(
        t.db.asActor(tokyoActor, (tx) =>
          rows(tx, sql`UPDATE permission_review_items SET decision = 'confirmed', decided_by = ${admin.userId}, decided_at = now() WHERE campaign_id = ${nakano} RETURNING 1`),
        ),
        (e: unknown) => /row-level security/.test(String((e as { cause?: unknown }).cause ?? e)) || /row-level security/.test(String(e)),
      );
    });

    it('the compliance report counts the reviews per organisation: done on time, overdue, IDs suspended and roles revoked', async () => {
      const officer = await firstLogin(t, app, 'tokyo-po');
      const r = await officer.client.get(`/api/compliance/report?from=${today}&to=${today}`);
      assert.equal(r.statusCode, 200);
      const byOrg = Object.fromEntries(r.body.permissions.reviews.map((v: { orgId: string }) => [v.orgId, v]));
      assert.deepEqual(
        { ...byOrg[org('shinjuku-hc')], orgId: undefined, orgName: undefined },
        { orgId: undefined, orgName: undefined, campaigns: 1, doneOnTime: 1, doneLate: 0, overdue: 0, open: 0, idsSuspended: 1, rolesRevoked: 1 },
      );
      assert.equal(byOrg[org('nakano-hc')].overdue, 1);
      assert.match(r.body.methods.permissions.ja, /棚卸し/);
    });
  });
}
