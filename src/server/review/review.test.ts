// The privacy officer's review through the API, on both engines: the queue of one's tree, the alert
// without personal data and the evidence with it (audited), the decisions with their versions, the
// asked user's answer, escalation to the parent, nobody reviewing themselves, the 通報窓口 signed in
// and public, patients' questions in the queue, and the responsible centre's sensitive mark.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { japanToday } from '../../domain/calendar.ts';
import { ENGINES, freshDatabase, type TestDatabase } from '../../../test/harness/engines.ts';
import { Client, firstLogin, startApp, type LoggedIn } from '../../../test/harness/http.ts';
import { ASKED_EMAIL } from './decide.ts';

for (const engine of ENGINES) {
  describe(`access review (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let log = '';
    let officer: LoggedIn; // Shinjuku Health Centre's
    let nakanoOfficer: LoggedIn;
    let tokyoOfficer: LoggedIn;
    let ministryOfficer: LoggedIn;
    let staff: LoggedIn; // shinjuku-h1, whose accesses are reviewed
    let nakanoStaff: LoggedIn;
    let yamada: { caseId: string; personId: string };
    const userId = async (loginId: string) => (await t.superuser('SELECT id FROM users WHERE login_id = $1', [loginId])).rows[0].id as string;
    const org = (key: string) => t.world.orgIds[key];
    const lastAudit = async (action: string) =>
      (await t.superuser('SELECT record_ids, details, actor_user_id FROM audit_log WHERE action = $1 ORDER BY seq DESC LIMIT 1', [action])).rows[0] as
        | { record_ids: string[]; details: Record<string, unknown>; actor_user_id: string }
        | undefined;

    /** An alert as the detector would raise it (its rules are another module's): one hit on the given audit rows. */
    async function insertAlert(v: { subject: string; subjectOrg: string; reviewOrg: string; seqs?: number[]; caseIds?: string[]; score?: number }) {
      const hits = [{ rule: 'sensitive_record', weight: v.score ?? 40, evidence: { seqs: v.seqs ?? [], caseIds: v.caseIds ?? [], detail: {} } }];
      const r = await t.superuser(
        `INSERT INTO review_alerts (source, subject_user_id, subject_org_id, review_org_id, day, score, hits) VALUES ('rules', $1, $2, $3, $4, $5, $6) RETURNING id`,
        [await userId(v.subject), v.subjectOrg, v.reviewOrg, japanToday(new Date()), v.score ?? 40, JSON.stringify(hits)],
      );
      return r.rows[0].id as string;
    }

    before(async () => {
      t = await freshDatabase(engine);
      const logStream = new PassThrough();
      logStream.on('data', (chunk) => (log += String(chunk)));
      app = await startApp(t, { LOGIN_RATE_LIMIT_PER_MINUTE: 10_000, SELF_REGISTRATION_RATE_LIMIT_PER_MINUTE: 3, LOG_LEVEL: 'info' }, { logStream });
      [officer, nakanoOfficer, tokyoOfficer, ministryOfficer, staff, nakanoStaff] = await Promise.all(
        ['shinjuku-hc-po', 'nakano-hc-po', 'tokyo-po', 'mhlw-po', 'shinjuku-h1', 'nakano-h1'].map((id) => firstLogin(t, app, id)),
      );
      const caseId = t.world.patients[0].caseId;
      yamada = { caseId, personId: (await t.superuser('SELECT person_id FROM cases WHERE id = $1', [caseId])).rows[0].person_id as string };
    });
    after(async () => {
      await app.close();
      await t.close();
    });

    let alertId: string;
    let version: number;
    it('the queue: officers see the alerts of their tree, newest and highest first, with counts; others get a 403', async () => {
      const opened = await staff.client.get(`/api/cases/${yamada.caseId}`);
      assert.equal(opened.statusCode, 200);
      const seq = Number((await t.superuser(`SELECT max(seq) AS s FROM audit_log WHERE action = 'cases.read'`)).rows[0].s);
      // The explanation job's verdict on that access: unexplained.
      await t.superuser(
        `INSERT INTO access_explanations (seq, case_id, person_id, actor_user_id, actor_org_id, at, action, template) SELECT seq, $2, $3, actor_user_id, actor_org_id, at, action, NULL FROM audit_log WHERE seq = $1`,
        [seq, yamada.caseId, yamada.personId],
      );
      alertId = await insertAlert({ subject: 'shinjuku-h1', subjectOrg: org('shinjuku-hc'), reviewOrg: org('shinjuku-hc'), seqs: [seq], caseIds: [yamada.caseId], score: 20 });
      await insertAlert({ subject: 'sakura-dr1', subjectOrg: org('sakura-clinic'), reviewOrg: org('shinjuku-hc'), score: 90 });
      const r = await officer.client.get('/api/review/alerts');
      assert.equal(r.statusCode, 200, JSON.stringify(r.body));
      assert.deepEqual(r.body.alerts.map((a: { score: number }) => a.score), [90, 20], 'the highest score first within a day');
      assert.equal(r.body.counts.open, 2);
      assert.equal(r.body.alerts[1].subject.displayName, '新宿区保健所 保健予防課1');
      version = r.body.alerts[1].version;
      const clinicOnly = await officer.client.get(`/api/review/alerts?orgId=${org('sakura-clinic')}`);
      assert.equal(clinicOnly.body.total, 1);
      const dismissedOnly = await officer.client.get('/api/review/alerts?status=dismissed');
      assert.equal(dismissedOnly.body.total, 0);
      const paged = await officer.client.get('/api/review/alerts?limit=1&offset=1');
      assert.equal(paged.body.alerts[0].id, alertId);
      assert.equal(paged.body.total, 2);
      assert.equal((await nakanoOfficer.client.get('/api/review/alerts')).body.total, 0, 'another centre’s officer sees none');
      assert.equal((await tokyoOfficer.client.get('/api/review/alerts')).body.total, 2, 'the prefecture’s officer sees its tree');
      assert.equal((await staff.client.get('/api/review/alerts')).statusCode, 403);
      assert.equal((await officer.client.get('/api/review/alerts?from=2020-13-01')).statusCode, 400);
      assert.ok((await lastAudit('access_review.list'))!.record_ids.includes(alertId), 'listing is audited');
    });

    it('the alert page names the user but no patient; the evidence shows the person and is audited with the record ids', async () => {
      const r = await officer.client.get(`/api/review/alerts/${alertId}`);
      assert.equal(r.statusCode, 200, JSON.stringify(r.body));
      assert.equal(r.body.subject.displayName, '新宿区保健所 保健予防課1');
      assert.deepEqual(r.body.subject.roles, ['hc_staff']);
      assert.equal(r.body.subjectOrg.nameJa, '新宿区保健所');
      assert.equal(r.body.hits[0].weight, 20);
      assert.doesNotMatch(JSON.stringify(r.body), /山田|ヤマダ/, 'no personal data outside the evidence');
      assert.deepEqual((await lastAudit('access_review.read'))!.record_ids, [alertId]);
      const e = await officer.client.get(`/api/review/alerts/${alertId}/evidence`);
      assert.equal(e.statusCode, 200, JSON.stringify(e.body));
      assert.equal(e.body.rows.length, 1);
      assert.equal(e.body.rows[0].action, 'cases.read');
      assert.equal(e.body.rows[0].case.nameKanji, '山田 太郎');
      assert.equal(e.body.rows[0].case.template, null, 'unexplained');
      assert.equal(e.body.rows[0].case.examined, true);
      const audited = (await lastAudit('access_review.evidence'))!;
      assert.deepEqual(audited.record_ids, [alertId, yamada.caseId, yamada.personId]);
      // Officers hold no cases.read: the case itself stays closed to them.
      assert.equal((await officer.client.get(`/api/cases/${yamada.caseId}`)).statusCode, 403);
      assert.equal((await nakanoOfficer.client.get(`/api/review/alerts/${alertId}/evidence`)).statusCode, 404);
      const none = await t.superuser(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'access_review.evidence' AND actor_user_id = $1`, [await userId('nakano-hc-po')]);
      assert.equal(none.rows[0].n, 0);
    });

    it('nobody reviews an alert about themselves: it is hidden from them and shown to the parent’s officer', async () => {
      const own = await insertAlert({ subject: 'shinjuku-hc-po', subjectOrg: org('shinjuku-hc'), reviewOrg: org('shinjuku-hc') });
      assert.equal((await officer.client.get(`/api/review/alerts/${own}`)).statusCode, 404);
      assert.equal((await officer.client.post(`/api/review/alerts/${own}/dismiss`, { version: 1, reason: 'mine' })).statusCode, 404);
      assert.ok(!(await officer.client.get('/api/review/alerts')).body.alerts.some((a: { id: string }) => a.id === own));
      assert.equal((await tokyoOfficer.client.get(`/api/review/alerts/${own}`)).statusCode, 200);
      await t.superuser('DELETE FROM review_alerts WHERE id = $1', [own]);
    });

    it('asking the user: a stale version is a 409; the e-mail carries no personal data; the user answers without seeing the alert', async () => {
      await t.superuser(`UPDATE users SET email = 'h1@example.jp' WHERE login_id = 'shinjuku-h1'`);
      const stale = await officer.client.post(`/api/review/alerts/${alertId}/ask`, { version: version + 5, question: 'x' });
      assert.equal(stale.statusCode, 409);
      assert.equal(stale.body.code, 'version_conflict');
      const asked = await officer.client.post(`/api/review/alerts/${alertId}/ask`, { version, question: '6月3日の閲覧の業務上の理由を教えてください。' });
      assert.equal(asked.statusCode, 200, JSON.stringify(asked.body));
      assert.equal(asked.body.status, 'asked');
      version = asked.body.version;
      const mail = (await t.superuser(`SELECT payload FROM outbox WHERE payload->>'to' = 'h1@example.jp'`)).rows[0].payload as { subject: string; text: string };
      assert.equal(mail.text, ASKED_EMAIL.text, 'the e-mail says only that a question waits');
      assert.equal((await officer.client.post(`/api/review/alerts/${alertId}/ask`, { version, question: 'again' })).body.code, 'review_waiting_answer');

      const mine = await staff.client.get('/api/review/my-questions');
      assert.equal(mine.statusCode, 200);
      assert.deepEqual(Object.keys(mine.body.questions[0]).sort(), ['alertId', 'answer', 'answeredAt', 'askedAt', 'question']);
      assert.equal(mine.body.questions[0].question, '6月3日の閲覧の業務上の理由を教えてください。');
      assert.equal((await staff.client.get(`/api/review/alerts/${alertId}`)).statusCode, 403, 'the asked user does not read the alert');
      assert.equal((await nakanoStaff.client.post(`/api/review/my-questions/${alertId}/answer`, { answer: 'not mine' })).statusCode, 409);
      const answered = await staff.client.post(`/api/review/my-questions/${alertId}/answer`, { answer: '疫学調査の電話の前に確認しました。' });
      assert.equal(answered.statusCode, 200, JSON.stringify(answered.body));
      assert.equal(answered.body.answer, '疫学調査の電話の前に確認しました。');
      assert.equal((await staff.client.post(`/api/review/my-questions/${alertId}/answer`, { answer: 'twice' })).statusCode, 409);
      const page = await officer.client.get(`/api/review/alerts/${alertId}`);
      assert.equal(page.body.status, 'answered');
      assert.deepEqual(page.body.actions.map((a: { action: string }) => a.action), ['ask', 'answer']);
      assert.equal(page.body.actions[1].text, '疫学調査の電話の前に確認しました。');
      version = page.body.version;
    });

    it('escalation hands the alert to the parent’s officers; confirming is final; a dismissal needs its reason', async () => {
      const noReason = await officer.client.post(`/api/review/alerts/${alertId}/dismiss`, { version });
      assert.equal(noReason.statusCode, 400);
      assert.equal(noReason.body.errors[0].path.join('.'), 'body.reason');
      const up = await officer.client.post(`/api/review/alerts/${alertId}/escalate`, { version, note: '都の判断を仰ぎます' });
      assert.equal(up.statusCode, 200, JSON.stringify(up.body));
      assert.equal(up.body.visible, false);
      assert.equal((await officer.client.get(`/api/review/alerts/${alertId}`)).statusCode, 404, 'the centre no longer holds it');
      const atTokyo = await tokyoOfficer.client.get(`/api/review/alerts/${alertId}`);
      assert.equal(atTokyo.body.status, 'escalated');
      assert.equal(atTokyo.body.reviewOrg.id, org('tokyo'));
      assert.equal(atTokyo.body.actions.at(-1).toOrg.id, org('tokyo'));
      assert.equal((await lastAudit('access_review.escalate'))!.details.toOrgId, org('tokyo'));
      const confirmed = await tokyoOfficer.client.post(`/api/review/alerts/${alertId}/confirm`, { version: atTokyo.body.version });
      assert.equal(confirmed.body.status, 'confirmed');
      const after = await tokyoOfficer.client.post(`/api/review/alerts/${alertId}/dismiss`, { version: confirmed.body.version, reason: 'late' });
      assert.equal(after.statusCode, 409);
      assert.equal(after.body.code, 'review_final');
      const top = await ministryOfficer.client.get(`/api/review/alerts/${alertId}`);
      assert.equal(top.body.canEscalate, false, 'the ministry has nobody above it');
    });

    it('通報窓口 signed in: to the prefecture’s and the ministry’s officers; the reporter is named to them only, never logged', async () => {
      const r = await staff.client.post('/api/misuse-reports', { what: '同僚が業務外で知人の記録を見ていたようです。', happened: '先週', suspect: '同じ課の職員', suspectOrgId: org('shinjuku-hc') });
      assert.equal(r.statusCode, 201, JSON.stringify(r.body));
      const queue = await tokyoOfficer.client.get('/api/review/alerts?source=report');
      assert.equal(queue.body.total, 1);
      const page = await tokyoOfficer.client.get(`/api/review/alerts/${queue.body.alerts[0].id}`);
      assert.equal(page.body.report.what, '同僚が業務外で知人の記録を見ていたようです。');
      assert.equal(page.body.report.reporter.displayName, '新宿区保健所 保健予防課1');
      assert.equal(page.body.subjectOrg.id, org('shinjuku-hc'));
      assert.equal((await ministryOfficer.client.get('/api/review/alerts?source=report')).body.total, 1);
      assert.equal((await officer.client.get('/api/review/alerts?source=report')).body.total, 0, 'the centre reported about does not see the report');
      const filed = (await lastAudit('misuse_reports.file'))!;
      assert.deepEqual(filed.details, {}, 'the audit row names the report only');
      const bad = await staff.client.post('/api/misuse-reports', { what: '' });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.body.errors[0].path.join('.'), 'body.what');
    });

    it('通報窓口 public: no login, the prefecture chosen, limited per address; name and contact kept for the officer only', async () => {
      const anon = new Client(app, '198.51.100.7');
      const orgs = await anon.get('/api/misuse-reports/organizations');
      assert.equal(orgs.statusCode, 200);
      assert.deepEqual(orgs.body.prefectures.map((p: { nameJa: string }) => p.nameJa), ['東京都']);
      const body = { prefectureId: org('tokyo'), what: '病院の職員が近所の人の感染を話していました。', name: '匿名希望の住民', contact: 'whistle@example.jp' };
      const r = await anon.post('/api/misuse-reports/public', body);
      assert.equal(r.statusCode, 201, JSON.stringify(r.body));
      const wrong = await anon.post('/api/misuse-reports/public', { ...body, prefectureId: org('shinjuku-hc') });
      assert.equal(wrong.statusCode, 400);
      assert.equal(wrong.body.errors[0].path.join('.'), 'body.prefectureId');
      assert.equal((await anon.post('/api/misuse-reports/public', body)).statusCode, 201);
      const limited = await anon.post('/api/misuse-reports/public', body);
      assert.equal(limited.statusCode, 429, 'the fourth in a minute from one address');
      const queue = await tokyoOfficer.client.get('/api/review/alerts?source=report');
      const reports = await Promise.all(queue.body.alerts.map((a: { id: string }) => tokyoOfficer.client.get(`/api/review/alerts/${a.id}`)));
      const pub = reports.find((p) => p.body.report.reporter.name)!;
      assert.equal(pub.body.report.reporter.contact, 'whistle@example.jp');
      assert.equal(pub.body.report.reporter.signedIn, false);
      assert.doesNotMatch(log, /whistle@example\.jp|匿名希望|保健予防課1/, 'the reporter is not in the log');
      const outbox = await t.superuser(`SELECT count(*)::int AS n FROM outbox WHERE payload::text LIKE '%whistle%'`);
      assert.equal(outbox.rows[0].n, 0, 'nor in any message');
      assert.equal((await nakanoOfficer.client.get('/api/review/alerts?source=report')).body.total, 0);
    });

    it('a patient’s question lands in the queue of the organisation that made the access; the administrator still answers it', async () => {
      const patient = new Client(app, '203.0.113.5');
      const me = t.world.patients[0];
      assert.equal((await patient.post('/api/my/sign-in', { selfReportId: me.selfReportId, birthDate: me.birthDate })).statusCode, 200);
      const sms = (await t.superuser(`SELECT payload FROM outbox WHERE kind = 'sms' ORDER BY created_at DESC, id LIMIT 1`)).rows[0].payload as { text: string };
      assert.equal((await patient.post('/api/my/sign-in/code', { code: /確認コード: (\d{6})/.exec(sms.text)![1] })).statusCode, 200);
      const accesses = await patient.get('/api/my/accesses');
      const read = accesses.body.accesses.find((a: { action: string }) => a.action === 'cases.read');
      const ask = await patient.post(`/api/my/accesses/${read.seq}/question`, { question: 'なぜ見たのですか' });
      assert.equal(ask.statusCode, 201, JSON.stringify(ask.body));
      const queue = await officer.client.get('/api/review/alerts?source=patient_question');
      assert.equal(queue.body.total, 1);
      const page = await officer.client.get(`/api/review/alerts/${queue.body.alerts[0].id}`);
      assert.equal(page.body.subject.displayName, '新宿区保健所 保健予防課1');
      assert.equal(page.body.patientQuestion.question, 'なぜ見たのですか');
      assert.equal(page.body.patientQuestion.answeredAt, null);
      assert.equal((await nakanoOfficer.client.get('/api/review/alerts?source=patient_question')).body.total, 0);
      const admin = await firstLogin(t, app, 'shinjuku-admin');
      const questions = await admin.client.get('/api/access-questions');
      const answered = await admin.client.post(`/api/access-questions/${questions.body.questions[0].id}/answer`, { answer: '健康観察のためです。' });
      assert.equal(answered.statusCode, 200);
      const later = await officer.client.get(`/api/review/alerts/${queue.body.alerts[0].id}`);
      assert.ok(later.body.patientQuestion.answeredAt);
    });

    it('the sensitive mark: the responsible centre’s staff set and remove it; a related centre, the prefecture and officers cannot', async () => {
      const url = `/api/cases/${yamada.caseId}/sensitive`;
      const before = await staff.client.get(url);
      assert.equal(before.statusCode, 200);
      assert.deepEqual({ marked: before.body.marked, canMark: before.body.canMark }, { marked: false, canMark: true });
      const set = await staff.client.put(url, { kind: 'public_figure' });
      assert.equal(set.statusCode, 200, JSON.stringify(set.body));
      assert.equal(set.body.kind, 'public_figure');
      assert.deepEqual((await lastAudit('sensitive_persons.mark'))!.record_ids, [yamada.caseId, yamada.personId]);
      assert.equal((await staff.client.put(url, { kind: 'celebrity' })).statusCode, 400);
      // 鈴木 一郎: Nakano's case, Shinjuku a related centre.
      const related = (await t.superuser(`SELECT c.id FROM cases c JOIN persons p ON p.id = c.person_id WHERE p.name_kanji = '鈴木 一郎'`)).rows[0].id as string;
      const notOurs = await staff.client.put(`/api/cases/${related}/sensitive`, { kind: 'staff' });
      assert.equal(notOurs.statusCode, 403);
      assert.equal(notOurs.body.code, 'sensitive_not_responsible');
      assert.equal((await nakanoStaff.client.put(url, { kind: 'staff' })).statusCode, 404);
      assert.equal((await officer.client.put(url, { kind: 'staff' })).statusCode, 403);
      const cleared = await staff.client.delete(url);
      assert.equal(cleared.body.marked, false);
      const rows = await t.superuser('SELECT count(*)::int AS n FROM sensitive_persons');
      assert.equal(rows.rows[0].n, 0);
    });
  });
}
