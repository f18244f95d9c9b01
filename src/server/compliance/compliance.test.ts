// The compliance report (seed 000 §2–4) through the API: counted inside the officer's tree from the
// audit log, the explanations, the alerts and their review, the IDs and the incidents; each section
// says how it was checked; the same report downloads as XLSX in Japanese; generating it is audited.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { closeApp, firstLogin, openApp, type LoggedIn } from '../../../test/harness/http.ts';
import { xlsxText } from '../../../test/harness/xlsx.ts';
import { COMPLIANCE_SECTIONS } from '../../domain/privacy/compliance.ts';

const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
const period = `from=${today}&to=${today}`;

for (const engine of ENGINES) {
  describe(`compliance report (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let officer: LoggedIn;
    let prefectureOfficer: LoggedIn;
    let staff: LoggedIn;
    const q = async (text: string, params: unknown[] = []) => (await t.superuser(text, params)).rows;
    const idOf = async (loginId: string) => (await q('SELECT id FROM users WHERE login_id = $1', [loginId]))[0].id as string;

    before(async () => {
      ({ t, app } = await openApp(engine));
      officer = await firstLogin(t, app, 'shinjuku-hc-po');
      prefectureOfficer = await firstLogin(t, app, 'tokyo-po');
      staff = await firstLogin(t, app, 'shinjuku-h1');
      const shinjuku = t.world.orgIds['shinjuku-hc'];
      const nakano = t.world.orgIds['nakano-hc'];
      const h1 = await idOf('shinjuku-h1');
      const n1 = await idOf('nakano-h1');
      // The staff member reads two cases, a contractor of Shinjuku one; a Nakano user one (another tree).
      const [kase] = await q('SELECT c.id, c.person_id FROM cases c JOIN persons p ON p.id = c.person_id WHERE c.responsible_hc_id = $1 LIMIT 1', [shinjuku]);
      await q("UPDATE users SET contractor_name = '株式会社委託' WHERE login_id = 'shinjuku-admin'");
      const admin = await idOf('shinjuku-admin');
      const reads: [string, string, string][] = [[h1, shinjuku, 'cases.read'], [h1, shinjuku, 'observations.read'], [admin, shinjuku, 'cases.read'], [n1, nakano, 'cases.read']];
      for (const [user, org, action] of reads) {
        await q(
          `SELECT audit_append(jsonb_build_array(jsonb_build_object('at', now(), 'actor_user_id', $1::text, 'actor_org_id', $2::text, 'action', $3::text,
             'record_type', 'case', 'record_ids', jsonb_build_array($4::text), 'purpose', null, 'client_addr', null, 'outcome', 'ok', 'details', '{}'::jsonb, 'content_hash', 'x')))`,
          [user, org, action, kase.id],
        );
      }
      const seqs = (await q("SELECT seq, actor_user_id, action FROM audit_log WHERE action IN ('cases.read','observations.read') ORDER BY seq")).map((r) => r);
      const template = (i: number) => [ 'responsible_centre', null, null, 'responsible_centre'][i];
      for (const [i, r] of seqs.entries()) {
        await q('INSERT INTO access_explanations (seq, case_id, person_id, actor_user_id, actor_org_id, at, action, template) VALUES ($1, $2, $3, $4, $5, now(), $6, $7)', [
          r.seq, kase.id, kase.person_id, r.actor_user_id, reads[i][1], r.action, template(i),
        ]);
      }
      const [alert] = await q(`INSERT INTO review_alerts (source, subject_user_id, subject_org_id, review_org_id, day, status) VALUES ('rules', $1, $2, $2, current_date, 'confirmed') RETURNING id`, [h1, shinjuku]);
      await q(`INSERT INTO review_alerts (source, subject_user_id, subject_org_id, review_org_id, day, status) VALUES ('rules', $1, $2, $2, current_date, 'open')`, [admin, shinjuku]);
      await q(`INSERT INTO review_alerts (source, subject_user_id, subject_org_id, review_org_id, day, status) VALUES ('rules', $1, $2, $2, current_date, 'dismissed')`, [n1, nakano]);
      const po = await idOf('shinjuku-hc-po');
      await q(`INSERT INTO review_actions (alert_id, action, by_user_id, by_org_id) VALUES ($1, 'ask', $2, $3), ($1, 'confirm', $2, $3)`, [alert.id, po, shinjuku]);
      // The daily job suspended an unused ID of Shinjuku.
      await q("UPDATE users SET last_login_at = now() - interval '200 days' WHERE login_id = 'sakura-dr1'");
      const { suspendUnusedIds } = await import('../jobs/unused-ids.ts');
      await suspendUnusedIds(t.db, 90);
    });
    after(() => closeApp(t, app));

    it('counts the tree’s audited reads, and the share explained by template; another tree’s are left out', async () => {
      const r = await officer.client.get(`/api/compliance/report?${period}`);
      assert.equal(r.statusCode, 200, JSON.stringify(r.body));
      const a = r.body.accesses;
      assert.ok(a.audited >= 3, `audited ${a.audited}`);
      assert.equal(a.examined, 3);
      assert.deepEqual([a.explanations, a.explained, a.unexplained, a.explainedShare], [3, 1, 2, 33.3]);
      assert.deepEqual(a.byTemplate, [{ template: 'responsible_centre', count: 1 }]);
      const prefecture = await prefectureOfficer.client.get(`/api/compliance/report?${period}`);
      assert.deepEqual([prefecture.body.accesses.explanations, prefecture.body.accesses.explained], [4, 2], 'the prefecture’s tree holds both centres');
    });

    it('alerts raised, reviewed by action, confirmed; contractors’ accesses; unused IDs suspended by the job', async () => {
      const r = (await officer.client.get(`/api/compliance/report?${period}`)).body;
      assert.deepEqual([r.alerts.raised, r.alerts.confirmed, r.alerts.open], [2, 1, 1]);
      assert.deepEqual(r.alerts.reviewed, { dismiss: 0, ask: 1, answer: 0, escalate: 0, confirm: 1 });
      assert.deepEqual(r.contractors.map((c: { loginId: string; accesses: number; unexplained: number }) => [c.loginId, c.accesses, c.unexplained]), [['shinjuku-admin', 1, 1]]);
      assert.equal(r.permissions.autoSuspended, 1, 'sakura-dr1, of a clinic below the centre');
      const ids = r.permissions.ids.map((u: { loginId: string }) => u.loginId);
      assert.ok(ids.includes('sakura-dr1') && ids.includes('shinjuku-h1') && !ids.includes('nakano-h1'));
      const shinjuku = r.permissions.byOrg.find((o: { orgId: string }) => o.orgId === t.world.orgIds['shinjuku-hc']);
      assert.equal(shinjuku.byRole.hc_staff >= 1, true);
      assert.equal(r.takeOut.exports, 0);
      assert.deepEqual(Object.keys(r.methods).sort(), [...COMPLIANCE_SECTIONS].sort());
      assert.match(r.methods.permissions.ja, /90日以上/);
    });

    it('an organisation outside the tree is refused; a period backwards or over a year is a 400 on `to`', async () => {
      const outside = await officer.client.get(`/api/compliance/report?${period}&orgId=${t.world.orgIds['nakano-hc']}`);
      assert.equal(outside.statusCode, 403);
      for (const bad of ['from=2026-05-02&to=2026-05-01', 'from=2024-01-01&to=2026-01-01']) {
        const r = await officer.client.get(`/api/compliance/report?${bad}`);
        assert.equal(r.statusCode, 400, bad);
        assert.deepEqual(r.body.errors[0].path, ['querystring', 'to']);
      }
      assert.equal((await staff.client.get(`/api/compliance/report?${period}`)).statusCode, 403);
      const orgs = (await officer.client.get('/api/compliance/organizations')).body.organizations.map((o: { id: string }) => o.id);
      assert.equal(orgs[0], t.world.orgIds['shinjuku-hc'], 'the officer’s own first: the default choice');
      assert.ok(orgs.includes(t.world.orgIds['shinjuku-hc']) && orgs.includes(t.world.orgIds['sakura-clinic']) && !orgs.includes(t.world.orgIds['nakano-hc']));
    });

    it('downloads as XLSX in Japanese with each section’s method and the IDs, and is audited', async () => {
      const r = await app.inject({ method: 'GET', url: `/api/compliance/report.xlsx?${period}`, cookies: Object.fromEntries(officer.client.cookies) });
      assert.equal(r.statusCode, 200);
      assert.equal(r.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const text = xlsxText(r.rawPayload);
      for (const s of ['確認方法', '業務外の閲覧の確認', '持ち出し', '委託先', '株式会社委託', 'shinjuku-h1', '保健所職員', '担当保健所の職員']) assert.ok(text.includes(s), s);
      const audited = await q("SELECT record_ids, details FROM audit_log WHERE action = 'compliance.report' ORDER BY seq");
      assert.ok(audited.length >= 1);
      assert.deepEqual(audited.at(-1)!.record_ids, [t.world.orgIds['shinjuku-hc']]);
    });
  });
}
