// Contractors (委託先, issue 14) through the API: the administrator marks an ID as a contractor's staff
// on the user screen; the privacy officer's surprise inspection lists every audited action of the
// tree's contractors' staff in a period (HER-SYS IDs as the audit names them) on screen and as CSV;
// another tree's officer sees none of it; the compliance report counts the contractor.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { closeApp, firstLogin, openApp, type LoggedIn } from '../../../test/harness/http.ts';

const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
const period = `from=${today}&to=${today}`;

for (const engine of ENGINES) {
  describe(`contractors and the surprise inspection (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let admin: LoggedIn;
    let officer: LoggedIn;
    let otherOfficer: LoggedIn;
    let h1Id: string;
    let kase: { id: string; case_number: string };

    before(async () => {
      ({ t, app } = await openApp(engine));
      admin = await firstLogin(t, app, 'shinjuku-admin');
      officer = await firstLogin(t, app, 'shinjuku-hc-po');
      otherOfficer = await firstLogin(t, app, 'nakano-hc-po');
      h1Id = (await t.superuser("SELECT id FROM users WHERE login_id = 'shinjuku-h1'")).rows[0].id as string;
      [kase] = (await t.superuser(`SELECT c.id, c.case_number FROM cases c JOIN persons p ON p.id = c.person_id WHERE p.name_kana = 'ヤマダ タロウ'`)).rows as (typeof kase)[];
    });
    after(() => closeApp(t, app));

    it('the administrator marks an ID as a contractor’s staff; the ID list shows it; bad input answers 400', async () => {
      const list = await admin.client.get('/api/users');
      const h1 = list.body.users.find((u: { id: string }) => u.id === h1Id);
      assert.equal(h1.contractorName, null);
      const r = await admin.client.patch(`/api/users/${h1Id}`, { version: h1.version, contractorName: '株式会社ケアコール' });
      assert.equal(r.statusCode, 200, JSON.stringify(r.body));
      assert.equal(r.body.contractorName, '株式会社ケアコール');
      const again = await admin.client.get('/api/users');
      assert.equal(again.body.users.find((u: { id: string }) => u.id === h1Id).contractorName, '株式会社ケアコール');
      const bad = await admin.client.patch(`/api/users/${h1Id}`, { version: r.body.version, contractorName: 'x'.repeat(101) });
      assert.equal(bad.statusCode, 400);
      assert.ok(bad.body.errors.some((e: { path: string[] }) => e.path.join('.') === 'body.contractorName'), JSON.stringify(bad.body));
    });

    it('the inspection lists every action of the contractor’s staff with the case’s HER-SYS ID, on screen and as CSV', async () => {
      const staff = await firstLogin(t, app, 'shinjuku-h1');
      assert.equal((await staff.client.get(`/api/cases/${kase.id}`)).statusCode, 200);
      const r = await officer.client.get(`/api/compliance/inspection?${period}`);
      assert.equal(r.statusCode, 200, JSON.stringify(r.body));
      const reads = r.body.rows.filter((x: { loginId: string; action: string }) => x.loginId === 'shinjuku-h1' && x.action === 'cases.read');
      assert.equal(reads.length, 1);
      assert.deepEqual(reads[0].caseNumbers, [kase.case_number]);
      assert.equal(reads[0].contractorName, '株式会社ケアコール');
      assert.ok(r.body.rows.some((x: { action: string }) => x.action === 'auth.login'), 'the logins too: every action');
      assert.ok(!r.body.rows.some((x: { loginId: string }) => x.loginId !== 'shinjuku-h1'), 'the organisation’s own staff are not listed');
      assert.equal(r.body.contractorIds, 1);
      const csv = await officer.client.get(`/api/compliance/inspection.csv?${period}`);
      assert.equal(csv.statusCode, 200);
      assert.match(String(csv.headers['content-type']), /text\/csv/);
      const table = parse(String(csv.body).replace(/^\ufeff/, '')) as string[][];
      assert.deepEqual(table[0].slice(0, 4), ['日時', 'ID', '氏名', '委託先']);
      assert.ok(table.some((row) => row[5] === 'cases.read' && row[8] === kase.case_number), String(csv.body));
      const audited = await t.superuser("SELECT count(*)::int AS n FROM audit_log WHERE action = 'compliance.inspection'");
      assert.equal(audited.rows[0].n, 2);
    });

    it('another tree’s officer sees none of it; staff may not inspect; the compliance report counts the contractor', async () => {
      const other = await otherOfficer.client.get(`/api/compliance/inspection?${period}`);
      assert.equal(other.statusCode, 200);
      assert.deepEqual(other.body.rows, []);
      assert.equal((await otherOfficer.client.get(`/api/compliance/inspection?${period}&orgId=${t.world.orgIds['shinjuku-hc']}`)).statusCode, 403);
      assert.equal((await admin.client.get(`/api/compliance/inspection?${period}`)).statusCode, 403);
      const report = await officer.client.get(`/api/compliance/report?${period}`);
      assert.deepEqual(
        report.body.contractors.map((c: { loginId: string; contractorName: string }) => [c.loginId, c.contractorName]),
        [['shinjuku-h1', '株式会社ケアコール']],
      );
    });
  });
}
