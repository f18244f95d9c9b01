// My HER-SYS through the API (issue 11): staff invite, the patient signs in with the スマホ入力ID, the
// birth date and a code by SMS, reports (red flags reach the centre's work list in the same
// transaction), corrects, reports for a household dependant, sees who opened the record and asks
// about an access. A patient's transaction sees only their own cases (row-level security).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { Client, closeApp, firstLogin, openApp, type LoggedIn } from '../../../test/harness/http.ts';
import { rows } from '../db/database.ts';

for (const engine of ENGINES) {
  describe(`My HER-SYS (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let shinjuku: LoggedIn;
    let nakano: LoggedIn;
    let admin: LoggedIn;
    let yamada: { caseId: string; selfReportId: string; birthDate: string };
    let hanako: string;
    let patient: Client;
    const lastSms = async () => {
      const r = await t.superuser(`SELECT payload FROM outbox WHERE kind = 'sms' ORDER BY created_at DESC, id LIMIT 1`);
      return r.rows[0]?.payload as { to: string; text: string } | undefined;
    };
    const codeOf = (text: string) => /確認コード: (\d{6})/.exec(text)![1];
    const signIn = async (client: Client) => {
      const r = await client.post('/api/my/sign-in', { selfReportId: yamada.selfReportId, birthDate: yamada.birthDate });
      assert.equal(r.statusCode, 200, JSON.stringify(r.body));
      const code = await client.post('/api/my/sign-in/code', { code: codeOf((await lastSms())!.text) });
      assert.equal(code.statusCode, 200, JSON.stringify(code.body));
    };
    const report = (body: Record<string, unknown>) => ({ caseId: yamada.caseId, temperature: 37.2, feeling: 'same', symptoms: [], ...body });

    before(async () => {
      ({ t, app } = await openApp(engine));
      yamada = t.world.patients[0];
      shinjuku = await firstLogin(t, app, 'shinjuku-h1');
      nakano = await firstLogin(t, app, 'nakano-h1');
      admin = await firstLogin(t, app, 'shinjuku-admin');
      hanako = (await t.superuser(`SELECT c.id FROM cases c JOIN persons p ON p.id = c.person_id WHERE p.name_kana = 'サトウ ハナコ'`)).rows[0].id as string;
      patient = new Client(app, '10.0.0.7');
    });
    after(() => closeApp(t, app));

    it('the centre invites by SMS: the message holds the link and the ID, no name; a person without a mobile number cannot get one', async () => {
      const r = await shinjuku.client.post(`/api/cases/${yamada.caseId}/patient-invitation`, { channel: 'sms', observeUntil: new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10) });
      assert.equal(r.statusCode, 201, JSON.stringify(r.body));
      assert.equal(r.body.invited, true);
      assert.equal(r.body.canSms, true);
      const sms = (await lastSms())!;
      assert.equal(sms.to, '090-0000-4321');
      assert.match(sms.text, new RegExp(yamada.selfReportId));
      assert.match(sms.text, /\/my/);
      assert.doesNotMatch(sms.text, /山田|ヤマダ|1958/);
      const none = await shinjuku.client.post(`/api/cases/${hanako}/patient-invitation`, { channel: 'sms', observeUntil: '2099-01-01' });
      assert.equal(none.statusCode, 409);
      assert.equal(none.body.code, 'no_contact_for_channel');
      const other = await nakano.client.post(`/api/cases/${yamada.caseId}/patient-invitation`, { channel: 'sms' });
      assert.equal(other.statusCode, 404, 'another centre does not see the case');
    });

    it('sign-in refuses a wrong birth date and an unknown ID alike, and audits both', async () => {
      const wrong = await patient.post('/api/my/sign-in', { selfReportId: yamada.selfReportId, birthDate: '1958-04-13' });
      const unknown = await patient.post('/api/my/sign-in', { selfReportId: 'ZZZZZZZZZZ', birthDate: yamada.birthDate });
      assert.equal(wrong.statusCode, 401);
      assert.equal(unknown.statusCode, 401);
      assert.equal(wrong.body.code, 'sign_in_failed');
      assert.equal(unknown.body.code, 'sign_in_failed');
      const bad = await patient.post('/api/my/sign-in', { selfReportId: 'abc', birthDate: 'x' });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(bad.body.errors.map((e: { path: string[] }) => e.path.join('.')).sort(), ['body.birthDate', 'body.selfReportId']);
      const audited = await t.superuser(`SELECT outcome, details FROM audit_log WHERE action = 'patient.sign_in' ORDER BY seq`);
      assert.deepEqual(audited.rows.map((r) => r.outcome), ['failed', 'failed']);
      await t.superuser('UPDATE patient_access SET failed_attempts = 0, last_failed_at = NULL');
    });

    it('a code goes to the phone; a wrong code is refused, the right one signs in; the home shows the case', async () => {
      const start = await patient.post('/api/my/sign-in', { selfReportId: yamada.selfReportId.toLowerCase(), birthDate: yamada.birthDate });
      assert.equal(start.statusCode, 200, JSON.stringify(start.body));
      assert.equal(start.body.channel, 'sms');
      assert.equal(start.body.sentTo, '***-****-4321');
      const notYet = await patient.get('/api/my');
      assert.equal(notYet.statusCode, 401, 'no access before the code');
      const code = codeOf((await lastSms())!.text);
      const wrongCode = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
      const wrong = await patient.post('/api/my/sign-in/code', { code: wrongCode });
      assert.equal(wrong.statusCode, 401);
      assert.equal(wrong.body.code, 'code_invalid');
      const ok = await patient.post('/api/my/sign-in/code', { code });
      assert.equal(ok.statusCode, 200, JSON.stringify(ok.body));
      const home = await patient.get('/api/my');
      assert.equal(home.statusCode, 200, JSON.stringify(home.body));
      assert.equal(home.body.cases.length, 1);
      assert.equal(home.body.cases[0].relation, 'self');
      assert.equal(home.body.cases[0].underObservation, true);
      assert.equal(home.body.cases[0].today, null);
      assert.equal(home.body.cases[0].centre.nameJa, '新宿区保健所');
    });

    it('the work list shows the patient as not reported once the centre\'s due time has passed, with the phone', async () => {
      await t.superuser(`UPDATE organizations SET report_due_time = '23:59' WHERE code = 'shinjuku-hc'`);
      assert.equal((await shinjuku.client.get('/api/worklist')).body.notReported.total, 0, 'not before the due time');
      await t.superuser(`UPDATE organizations SET report_due_time = '00:00' WHERE code = 'shinjuku-hc'`);
      const list = (await shinjuku.client.get('/api/worklist')).body;
      assert.equal(list.reportDueTime, '00:00');
      const row = list.notReported.rows.find((r: { caseId: string }) => r.caseId === yamada.caseId);
      assert.equal(row?.phone, '090-0000-4321');
      assert.ok(!(await nakano.client.get('/api/worklist')).body.notReported.rows.some((r: { caseId: string }) => r.caseId === yamada.caseId));
    });

    it('a patient\'s transaction sees only their own case: raw SELECTs under row-level security', async () => {
      const counts = await t.db.asPatient({ sessionId: 'x', caseId: yamada.caseId, caseIds: [yamada.caseId] }, async (tx) => {
        const [c] = await rows<{ cases: number; persons: number; observations: number }>(
          tx,
          sql`SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM persons)::int AS persons,
                     (SELECT count(*) FROM health_observations WHERE case_id <> ${yamada.caseId})::int AS observations`,
        );
        return c;
      });
      assert.deepEqual(counts, { cases: 1, persons: 1, observations: 0 });
      for (const table of ['users', 'audit_log', 'contacts', 'lab_tests', 'patient_sessions']) {
        await assert.rejects(
          t.db.asPatient({ sessionId: 'x', caseId: yamada.caseId, caseIds: [yamada.caseId] }, (tx) => tx.execute(sql.raw(`SELECT count(*) FROM ${table}`))),
          (err: any) => /permission denied/.test(String(err?.cause?.message ?? err?.message)),
          `${table} is not a patient's to read`,
        );
      }
    });

    it('a low SpO2 report raises the alert on the centre\'s work list at once and tells the patient to call; a second report the same day is refused', async () => {
      const r = await patient.post('/api/my/reports', report({ spo2: 92, symptoms: ['cough'], note: '少し息苦しい' }));
      assert.equal(r.statusCode, 201, JSON.stringify(r.body));
      assert.equal(r.body.callCentre, true);
      assert.deepEqual(r.body.alerts.map((a: { rule: string }) => a.rule), ['low_spo2']);
      const list = await shinjuku.client.get('/api/worklist');
      assert.ok(list.body.alerts.rows.some((a: { caseId: string; rule: string }) => a.caseId === yamada.caseId && a.rule === 'low_spo2'));
      const after = (await shinjuku.client.get('/api/worklist')).body;
      assert.ok(!after.notReported.rows.some((r: { caseId: string }) => r.caseId === yamada.caseId), 'reported: off the not-reported line');
      assert.ok(after.needsLook.rows.some((r: { caseId: string; symptoms: string[] }) => r.caseId === yamada.caseId && r.symptoms.includes('cough')), 'a symptom: needs a look');
      const again = await patient.post('/api/my/reports', report({}));
      assert.equal(again.statusCode, 409);
      assert.equal(again.body.code, 'already_reported_today');
      const audited = await t.superuser(`SELECT actor_user_id, record_ids, details FROM audit_log WHERE action = 'patient.report'`);
      assert.equal(audited.rows.length, 1);
      assert.equal(audited.rows[0].actor_user_id, null);
      assert.equal((audited.rows[0].details as { caseId: string }).caseId, yamada.caseId);
    });

    it('today\'s report is corrected the same day: staff see one self-report, the corrected values', async () => {
      const r = await patient.put('/api/my/reports/today', report({ spo2: 97, temperature: 36.8, feeling: 'better' }));
      assert.equal(r.statusCode, 200, JSON.stringify(r.body));
      assert.equal(r.body.callCentre, false);
      const seen = await shinjuku.client.get(`/api/cases/${yamada.caseId}/observations`);
      const own = seen.body.observations.filter((o: { source: string }) => o.source === 'self');
      assert.equal(own.length, 1);
      assert.equal(own[0].spo2, 97);
      assert.equal(own[0].feeling, 'better');
      const stored = await t.superuser(`SELECT count(*)::int AS n FROM health_observations WHERE case_id = $1 AND source = 'self'`, [yamada.caseId]);
      assert.equal(stored.rows[0].n, 2, 'the first report is kept, marked replaced');
      assert.ok(!(await shinjuku.client.get('/api/worklist')).body.needsLook.rows.some((r: { caseId: string }) => r.caseId === yamada.caseId), 'corrected to well');
    });

    it('a parent reports for a dependant the centre linked; a retried report with the same key is not made twice', async () => {
      await t.superuser(`UPDATE persons SET phone = '090-0000-9999' WHERE id = (SELECT person_id FROM cases WHERE id = $1)`, [hanako]);
      const link = await shinjuku.client.put(`/api/cases/${hanako}/household`, { headCaseId: yamada.caseId });
      assert.equal(link.statusCode, 200, JSON.stringify(link.body));
      assert.deepEqual(link.body.head, { caseId: yamada.caseId, caseNumber: link.body.head.caseNumber });
      const home = await patient.get('/api/my');
      assert.deepEqual(home.body.cases.map((c: { relation: string }) => c.relation), ['self', 'dependant']);
      const key = { 'idempotency-key': 'report-hanako-1' };
      const first = await patient.post('/api/my/reports', report({ caseId: hanako }), key);
      const retry = await patient.post('/api/my/reports', report({ caseId: hanako }), key);
      assert.equal(first.statusCode, 201, JSON.stringify(first.body));
      assert.equal(retry.statusCode, 201);
      assert.equal(retry.headers['idempotent-replayed'], 'true');
      assert.equal(retry.body.report.id, first.body.report.id);
      const n = await t.superuser(`SELECT count(*)::int AS n FROM health_observations WHERE case_id = $1`, [hanako]);
      assert.equal(n.rows[0].n, 1);
      const notMine = await patient.post('/api/my/reports', report({ caseId: (await t.superuser(`SELECT id FROM cases WHERE id NOT IN ($1, $2) LIMIT 1`, [yamada.caseId, hanako])).rows[0].id }));
      assert.equal(notMine.statusCode, 404);
    });

    it('who opened my record: the centre by organisation and role, never by name, with why; a question reaches the administrator', async () => {
      const opened = await shinjuku.client.get(`/api/cases/${yamada.caseId}`);
      assert.equal(opened.statusCode, 200);
      const r = await patient.get('/api/my/accesses');
      assert.equal(r.statusCode, 200, JSON.stringify(r.body));
      const read = r.body.accesses.find((a: { action: string }) => a.action === 'cases.read');
      assert.ok(read, JSON.stringify(r.body.accesses.map((a: { action: string }) => a.action)));
      assert.equal(read.organization.nameJa, '新宿区保健所');
      assert.deepEqual(read.roles, ['hc_staff']);
      assert.match(read.why.en, /responsible health centre/);
      assert.doesNotMatch(JSON.stringify(r.body), /保健予防課1/, 'staff are not named');
      assert.ok(!r.body.accesses.some((a: { action: string }) => a.action.startsWith('patient.')), 'the patient\'s own actions are not listed');
      const ask = await patient.post(`/api/my/accesses/${read.seq}/question`, { question: 'どのような用件でしたか' });
      assert.equal(ask.statusCode, 201, JSON.stringify(ask.body));
      const twice = await patient.post(`/api/my/accesses/${read.seq}/question`, { question: 'もう一度' });
      assert.equal(twice.statusCode, 409);
      const questions = await admin.client.get('/api/access-questions');
      assert.equal(questions.statusCode, 200, JSON.stringify(questions.body));
      assert.equal(questions.body.questions.length, 1);
      const answered = await admin.client.post(`/api/access-questions/${questions.body.questions[0].id}/answer`, { answer: '健康観察の確認のためです。' });
      assert.equal(answered.statusCode, 200, JSON.stringify(answered.body));
      const nakanoAdmin = await nakano.client.get('/api/access-questions');
      assert.equal(nakanoAdmin.statusCode, 403);
    });

    it('an idle session ends: the next request answers session_expired', async () => {
      await t.superuser(`UPDATE patient_sessions SET last_seen_at = now() - interval '2 hours' WHERE stage = 'done' AND ended_at IS NULL`);
      const r = await patient.get('/api/my');
      assert.equal(r.statusCode, 401);
      assert.equal(r.body.code, 'session_expired');
      const ended = await t.superuser(`SELECT count(*)::int AS n FROM patient_sessions WHERE ended_reason = 'idle'`);
      assert.ok((ended.rows[0].n as number) >= 1);
    });

    it('too many failures lock the sign-in; a new invitation lifts the lock', async () => {
      await t.superuser(`UPDATE patient_access SET failed_attempts = 9, last_failed_at = now() - interval '1 hour' WHERE case_id = $1`, [yamada.caseId]);
      const tenth = await patient.post('/api/my/sign-in', { selfReportId: yamada.selfReportId, birthDate: '2000-01-01' });
      assert.equal(tenth.statusCode, 423);
      const right = await patient.post('/api/my/sign-in', { selfReportId: yamada.selfReportId, birthDate: yamada.birthDate });
      assert.equal(right.statusCode, 423);
      await shinjuku.client.post(`/api/cases/${yamada.caseId}/patient-invitation`, { channel: 'sms', observeUntil: '2099-01-01' });
      await signIn(new Client(app, '10.0.0.8'));
    });
  });
}
