// Every notifiable disease through the API: a doctor notifies measles and tuberculosis today under
// their own forms (classifications, methods and rule tables of their definitions); a late
// submission is flagged to the centre and on its work list; Category 2 alerts the prefecture.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { closeApp, firstLogin, openApp, type LoggedIn } from '../../../test/harness/http.ts';
import { japanToday } from '../../domain/calendar.ts';
import { addDays } from '../../domain/contacts.ts';

const PUBLIC_URL = 'https://hersys.example.jp';
const TODAY = japanToday(new Date());
const person = (kana: string) => ({
  nameKanji: '病 太郎',
  nameKana: kana,
  sex: 'male',
  birthDate: '1990-04-01',
  residenceAddress: '東京都新宿区高田馬場一丁目1番1号',
});

for (const engine of ENGINES) {
  describe(`every notifiable disease (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let doctor: LoggedIn;
    let shinjuku: LoggedIn;
    const outbox = async () => (await t.superuser(`SELECT payload FROM outbox ORDER BY created_at`)).rows.map((r) => r.payload as { to: string; subject: string; text: string });

    /** Registers a person with one test and opens the case's first notification. */
    async function notify(disease: string, kana: string, test: Record<string, unknown>, draft: Record<string, unknown>) {
      const reg = await doctor.client.post('/api/registrations', { person: person(kana), disease, choice: { kind: 'new_person' }, tests: [test] });
      assert.equal(reg.statusCode, 201, JSON.stringify(reg.body));
      const n = await doctor.client.post(`/api/cases/${reg.body.caseId}/notifications`, draft);
      assert.equal(n.statusCode, 201, JSON.stringify(n.body));
      return { caseId: reg.body.caseId as string, notification: n.body as { id: string; version: number; formId: string; formVersion: string; findings: { ruleId: string }[] } };
    }

    before(async () => {
      ({ t, app } = await openApp(engine, { PUBLIC_URL }));
      doctor = await firstLogin(t, app, 'sakura-dr1');
      shinjuku = await firstLogin(t, app, 'shinjuku-h1');
      
    });
    after(() => closeApp(t, app));

    it('a doctor notifies measles today: its own form, classifications and rule; the centre is told, the prefecture is not', async () => {
      const positive = { method: 'naat', specimen: 'throat_swab', collectedOn: TODAY, result: 'positive', resultOn: TODAY };
      const { caseId, notification } = await notify('measles', 'ハシカ タロウ', positive, { classification: 'suspected', diagnosedOn: TODAY });
      assert.equal(notification.formId, 'measles');
      assert.equal(notification.formVersion, '2018-01-01');
      const kase = await doctor.client.get(`/api/cases/${caseId}`);
      assert.equal(kase.body.disease, 'measles');
      // Measles has no 疑似症患者, and its rule asks the case type (病型).
      const blocked = await doctor.client.post(`/api/notifications/${notification.id}/submit`, { acknowledgedWarnings: [] });
      assert.equal(blocked.statusCode, 422);
      const rules = blocked.body.details.findings.map((f: { ruleId: string }) => f.ruleId);
      assert.ok(rules.includes('LC-CLASSIFICATION-OFFERED'), rules.join());
      assert.ok(rules.includes('MEASLES-TYPE-REQUIRED'), rules.join());
      const fixed = await doctor.client.patch(`/api/notifications/${notification.id}`, {
        version: notification.version,
        classification: 'patient',
        answers: { disease_type: 'measles_lab' },
      });
      assert.equal(fixed.statusCode, 200, JSON.stringify(fixed.body));
      assert.equal(fixed.body.dueOn, addDays(TODAY, 1), 'immediately: by the end of the next day');
      const before = (await outbox()).length;
      const done = await doctor.client.post(`/api/notifications/${notification.id}/submit`, { acknowledgedWarnings: fixed.body.findings.map((f: { ruleId: string }) => f.ruleId) });
      assert.equal(done.statusCode, 200, JSON.stringify(done.body));
      assert.equal(done.body.submittedLate, false);
      const mails = (await outbox()).slice(before);
      assert.deepEqual(mails.map((m) => m.to), ['hc-shinjuku@example.jp'], 'Category 5: the centre only');
      assert.match(mails[0].subject, /麻しんの発生届/);
      assert.ok(!mails[0].subject.includes('ハシカ') && !mails[0].text.includes('病 太郎'), 'no personal data');
      // A notification is filed under the case's disease.
      const other = await doctor.client.post(`/api/cases/${caseId}/notifications`, { formId: 'tuberculosis', classification: 'patient', diagnosedOn: TODAY });
      assert.equal(other.statusCode, 409);
    });

    it('tuberculosis: a latent infection is notified only when treatment is needed (its rule table), and the prefecture is alerted at once', async () => {
      const igra = { method: 'igra', specimen: 'blood', collectedOn: TODAY, result: 'positive', resultOn: TODAY };
      const { notification } = await notify('tuberculosis', 'ケッカク ジロウ', igra, { classification: 'asymptomatic_carrier', diagnosedOn: TODAY, answers: { ltbi_treatment_needed: false } });
      assert.ok(notification.findings.some((f) => f.ruleId === 'TB-LTBI-TREATMENT'));
      const refused = await doctor.client.post(`/api/notifications/${notification.id}/submit`, { acknowledgedWarnings: [] });
      assert.equal(refused.statusCode, 422);
      assert.ok(refused.body.errors.some((e: { path: string[] }) => e.path.join('.') === 'answers.ltbi_treatment_needed'), JSON.stringify(refused.body.errors));
      const fixed = await doctor.client.patch(`/api/notifications/${notification.id}`, { version: notification.version, answers: { ltbi_treatment_needed: true } });
      assert.ok(!fixed.body.findings.some((f: { ruleId: string }) => f.ruleId === 'TB-LTBI-TREATMENT'));
      const before = (await outbox()).length;
      const done = await doctor.client.post(`/api/notifications/${notification.id}/submit`, { acknowledgedWarnings: fixed.body.findings.map((f: { ruleId: string }) => f.ruleId) });
      assert.equal(done.statusCode, 200, JSON.stringify(done.body));
      const mails = (await outbox()).slice(before);
      assert.deepEqual(mails.map((m) => m.to).sort(), ['hc-shinjuku@example.jp', 'kansen-tokyo@example.jp']);
      const alert = mails.find((m) => m.to.startsWith('kansen'))!;
      assert.match(alert.subject, /結核.*新宿区保健所/);
      assert.ok(!alert.text.includes('ケッカク') && !alert.text.includes('病 太郎'), 'no personal data');
    });

    it('a notification submitted after its deadline is flagged, and the centre sees deadlines on its work list until it confirms', async () => {
      const fiveDaysAgo = addDays(TODAY, -5);
      const old = { method: 'smear', specimen: 'sputum', collectedOn: fiveDaysAgo, result: 'positive', resultOn: fiveDaysAgo };
      const late = await notify('tuberculosis', 'オクレ サブロウ', old, { classification: 'patient', diagnosedOn: fiveDaysAgo, answers: { disease_type: ['pulmonary'] } });
      const dueSoon = await notify('measles', 'マヂカ シロウ', { method: 'antibody_igm', specimen: 'serum', collectedOn: TODAY, result: 'positive', resultOn: TODAY }, { classification: 'patient', diagnosedOn: TODAY });
      const overdue = await notify('measles', 'スギタ ゴロウ', { method: 'antibody_igm', specimen: 'serum', collectedOn: fiveDaysAgo, result: 'positive', resultOn: fiveDaysAgo }, { classification: 'patient', diagnosedOn: fiveDaysAgo });

      const n = (await doctor.client.get(`/api/notifications/${late.notification.id}`)).body;
      const submitted = await doctor.client.post(`/api/notifications/${late.notification.id}/submit`, { acknowledgedWarnings: n.findings.map((f: { ruleId: string }) => f.ruleId) });
      assert.equal(submitted.statusCode, 200, JSON.stringify(submitted.body));
      assert.equal(submitted.body.submittedLate, true);
      assert.ok((await outbox()).some((m) => m.to === 'hc-shinjuku@example.jp' && m.subject.includes('【期限超過】')));

      const work = await shinjuku.client.get('/api/worklist');
      assert.equal(work.statusCode, 200, JSON.stringify(work.body));
      const state = (id: string) => work.body.deadlines.rows.find((r: { notificationId: string }) => r.notificationId === id)?.state;
      assert.equal(state(late.notification.id), 'submitted_late');
      assert.equal(state(dueSoon.notification.id), 'due_soon');
      assert.equal(state(overdue.notification.id), 'overdue');
      assert.equal(work.body.deadlines.rows.find((r: { notificationId: string }) => r.notificationId === late.notification.id).diseaseName.ja, '結核');

      const confirmed = await shinjuku.client.post(`/api/notifications/${late.notification.id}/confirm`, {});
      assert.equal(confirmed.statusCode, 200, JSON.stringify(confirmed.body));
      const after = await shinjuku.client.get('/api/worklist');
      assert.ok(!after.body.deadlines.rows.some((r: { notificationId: string }) => r.notificationId === late.notification.id), 'confirmed: off the list');
      // Another centre sees none of them.
      const nakano = await firstLogin(t, app, 'nakano-h1');
      const theirs = await nakano.client.get('/api/worklist');
      assert.ok(!theirs.body.deadlines.rows.some((r: { notificationId: string }) => [late, dueSoon, overdue].some((x) => x.notification.id === r.notificationId)));
    });
  });
}
