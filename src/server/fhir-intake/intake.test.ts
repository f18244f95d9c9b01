// A clinic system files a 発生届 as a FHIR Bundle: the same rules as the web form (legal minimum,
// logic checks, warnings to acknowledge, likely duplicates, routing to the responsible centre, an
// e-mail without personal data), one transaction (a refusal writes nothing), idempotent on
// Bundle.identifier. Every OperationOutcome is validated as R4.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Bundle, OperationOutcome, Patient, QuestionnaireResponse, Observation } from '@medplum/fhirtypes';
import nodemailer from 'nodemailer';
import { actorFor } from '../../../test/harness/actors.ts';
import { ENGINES, freshDatabase, type TestDatabase } from '../../../test/harness/engines.ts';
import { assertValidFhir } from '../../../test/harness/fhir-validate.ts';
import { startSmtp, type TestSmtp } from '../../../test/harness/smtp.ts';
import { EXTENSION } from '../../domain/fhir-forms/canonical.ts';
import type { RequestContext } from '../access/actor.ts';
import { getCase } from '../cases/service.ts';
import { deliverDue } from '../jobs/outbox-worker.ts';
import { intakeNotificationBundle, type IntakeResult } from './intake.ts';

const PUBLIC_URL = 'https://hersys.example.jp';
const EXAMPLE = JSON.parse(readFileSync(new URL('../../../docs/fhir/example-notification-bundle.json', import.meta.url), 'utf8')) as Bundle;

/** The example Bundle with another identifier, changed by `edit`. */
function variant(value: string, edit: (b: { qr: QuestionnaireResponse; patient: Patient; observations: Observation[]; bundle: Bundle }) => void = () => {}): Bundle {
  const bundle = structuredClone(EXAMPLE);
  bundle.identifier = { ...bundle.identifier, value };
  const of = <T>(type: string) => bundle.entry!.map((e) => e.resource).filter((r) => r?.resourceType === type) as T[];
  edit({ bundle, qr: of<QuestionnaireResponse>('QuestionnaireResponse')[0], patient: of<Patient>('Patient')[0], observations: of<Observation>('Observation') });
  return bundle;
}
const person = (patient: Patient, kanji: string, kana: string, birthDate: string) => {
  patient.name = [
    { extension: [{ url: EXTENSION.nameRepresentation, valueCode: 'IDE' }], text: kanji },
    { extension: [{ url: EXTENSION.nameRepresentation, valueCode: 'SYL' }], text: kana },
  ];
  patient.birthDate = birthDate;
  patient.telecom = [];
};
const issues = (r: IntakeResult) => r.outcome.issue.map((i) => ({ severity: i.severity, code: i.details?.coding?.[0].code, expression: i.expression ?? [] }));
const caseNumberOf = (o: OperationOutcome) => o.extension?.find((x) => x.url === EXTENSION.caseNumber)?.valueIdentifier?.value;

for (const engine of ENGINES) {
  describe(`FHIR notification intake (${engine})`, () => {
    let t: TestDatabase;
    let smtp: TestSmtp;
    let doctor: RequestContext;
    let clerk: RequestContext;
    let centre: RequestContext;
    const deps = { links: { publicUrl: PUBLIC_URL } };
    const count = async (table: string) => (await t.superuser(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;
    const counts = async () => ({
      persons: await count('persons'),
      cases: await count('cases'),
      tests: await count('lab_tests'),
      notifications: await count('notifications'),
      receipts: await count('fhir_intake_receipts'),
      outbox: await count('outbox'),
    });
    const post = async (ctx: RequestContext, bundle: unknown) => {
      const r = await intakeNotificationBundle(t.db, ctx, bundle, deps);
      assertValidFhir(r.outcome);
      return r;
    };
    let first: IntakeResult;

    before(async () => {
      t = await freshDatabase(engine);
      smtp = await startSmtp();
      doctor = { actor: await actorFor(t.db, 'sakura-dr1'), clientAddr: '192.0.2.10' };
      clerk = { actor: await actorFor(t.db, 'sakura-clerk1'), clientAddr: '192.0.2.11' };
      centre = { actor: await actorFor(t.db, 'shinjuku-h1'), clientAddr: '192.0.2.12' };
    });
    after(async () => {
      await smtp.close();
      await t.close();
    });

    it('the example Bundle from the clinic’s doctor files a submitted notification, routed to the responsible centre', async () => {
      const before = await counts();
      first = await post(doctor, EXAMPLE);
      assert.equal(first.status, 201, JSON.stringify(first.outcome));
      assert.equal(first.outcome.issue[0].severity, 'information');
      assert.equal(first.outcome.issue[0].details?.coding?.[0].code, 'notification_submitted');
      assert.ok(first.caseNumber && first.outcome.issue[0].details!.text!.includes(first.caseNumber), 'the receipt names the HER-SYS ID');
      assert.equal(caseNumberOf(first.outcome), first.caseNumber);
      assert.deepEqual(await counts(), { ...before, persons: before.persons + 1, cases: before.cases + 1, tests: before.tests + 1, notifications: before.notifications + 1, receipts: 1, outbox: before.outbox + 1 });
      const row = (await t.superuser('SELECT n.status, n.form_version, n.doctor_name, n.answers, c.responsible_hc_id FROM notifications n JOIN cases c ON c.id = n.case_id WHERE n.id = $1', [first.notificationId])).rows[0];
      assert.equal(row.status, 'submitted');
      assert.equal(row.form_version, '2022-09-26');
      assert.equal(row.responsible_hc_id, t.world.orgIds['shinjuku-hc']);
      assert.deepEqual((row.answers as { vaccination: unknown[] }).vaccination, [{ vaccination_status: 'yes', vaccination_date: '2022-06-20', vaccine_type: 'pfizer' }]);
      // The responsible centre sees the case, with the person as the Bundle gave them.
      const seen = await getCase(t.db, centre, first.caseId!);
      assert.equal(seen.person.nameKanji, '試験 春子');
      assert.equal(seen.person.residenceAddress, '東京都新宿区高田馬場九丁目99番99号');
      assert.equal(seen.tests[0].result, 'positive');
      // Audited as the web form's path is, plus the intake itself.
      const actions = (await t.superuser("SELECT action FROM audit_log WHERE actor_user_id = $1 ORDER BY seq", [doctor.actor.userId])).rows.map((r) => r.action);
      for (const a of ['persons.duplicate_check', 'cases.register', 'notifications.create', 'notifications.submit', 'notifications.fhir_intake']) assert.ok(actions.includes(a), a);
    });

    it('the centre’s e-mail arrives over SMTP with the self-report ID and no personal data', async () => {
      const sent = await deliverDue(t.db, nodemailer.createTransport(smtp.url), 'hersys <no-reply@hersys.test>');
      assert.equal(sent.failed, 0);
      const mail = smtp.received.find((m) => m.to.includes('hc-shinjuku@example.jp'));
      assert.ok(mail, 'the responsible centre got an e-mail');
      const selfReportId = (await t.superuser('SELECT self_report_id FROM cases WHERE id = $1', [first.caseId])).rows[0].self_report_id as string;
      assert.ok(mail.text.includes(selfReportId));
      const all = `${mail.subject}\n${mail.text}`;
      for (const personal of ['試験', '春子', 'シケン', 'ハルコ', '1955', '03-14', '高田馬場九丁目', '090-0000-9999', first.caseNumber!]) {
        assert.ok(!all.includes(personal), `the e-mail contains ${personal}`);
      }
    });

    it('the same Bundle posted again answers the first receipt (200) and creates nothing; the identifier with other content is a 409', async () => {
      const before = await counts();
      const again = await post(doctor, structuredClone(EXAMPLE));
      assert.equal(again.status, 200);
      assert.deepEqual(again.outcome, first.outcome);
      assert.equal(again.caseNumber, first.caseNumber);
      assert.equal(again.notificationId, first.notificationId);
      const changed = variant(EXAMPLE.identifier!.value!, ({ qr }) => {
        qr.item!.find((i) => i.linkId === 'specimenCollectedOn')!.answer = [{ valueDate: '2022-10-01' }];
      });
      const conflict = await post(doctor, changed);
      assert.equal(conflict.status, 409);
      assert.deepEqual(issues(conflict), [{ severity: 'error', code: 'identifier_reused', expression: ['Bundle.identifier'] }]);
      assert.deepEqual(await counts(), before);
    });

    it('the same new Bundle posted three times at once files one notification: one 201, and the others answer its receipt', async () => {
      // Several rounds: the race (the second reading the first's new person as a likely duplicate) is timing-dependent.
      for (const [i, given] of ['雪子', '霞', '雫', '氷子', '露子'].entries()) {
        const before = await counts();
        const bundle = variant(`concurrent-${i}`, ({ patient }) => person(patient, `試験 ${given}`, `シケン ${['ユキコ', 'カスミ', 'シズク', 'ヒョウコ', 'ツユコ'][i]}`, `1948-02-0${i + 1}`));
        const posts = await Promise.all([1, 2, 3].map(() => post(doctor, structuredClone(bundle))));
        assert.deepEqual(posts.map((p) => p.status).sort(), [200, 200, 201], JSON.stringify(posts.map((p) => p.outcome)));
        assert.equal(new Set(posts.map((p) => p.notificationId)).size, 1);
        assert.equal(await count('cases'), before.cases + 1);
        assert.equal(await count('notifications'), before.notifications + 1);
      }
    });

    it('a Bundle missing the legal minimum is refused with errors at FHIRPath expressions, and nothing is written', async () => {
      const before = await counts();
      const audits = await count('audit_log');
      const bundle = variant('missing-minimum', ({ bundle, patient }) => {
        person(patient, '試験 夏子', 'シケン ナツコ', '1950-07-07');
        delete patient.address;
        bundle.entry = bundle.entry!.filter((e) => e.resource?.resourceType !== 'Observation');
      });
      const r = await post(doctor, bundle);
      assert.equal(r.status, 422, JSON.stringify(r.outcome));
      const found = issues(r);
      assert.ok(found.every((i) => i.severity === 'error'));
      assert.deepEqual(found.find((i) => i.code === 'legal_minimum_missing' && i.expression[0] === 'Bundle.entry[1].resource.address'), { severity: 'error', code: 'legal_minimum_missing', expression: ['Bundle.entry[1].resource.address'] });
      assert.ok(found.some((i) => i.code === 'legal_minimum_missing' && i.expression[0] === 'Bundle.entry'), 'no test record');
      assert.deepEqual(await counts(), before, 'no person, case, test, notification, receipt or e-mail');
      assert.equal(await count('audit_log'), audits, 'no audit row of work that did not happen');
    });

    it('a form answer the definition refuses is a 400 at its expression', async () => {
      const r = await post(doctor, variant('bad-answer', ({ qr }) => {
        qr.item!.find((i) => i.linkId === 'four_groups')!.item![0].answer = [{ valueString: 'yes' }];
      }));
      assert.equal(r.status, 400);
      assert.deepEqual(issues(r), [{ severity: 'error', code: 'wrong_type', expression: ["Bundle.entry[0].resource.item.where(linkId='four_groups').item.where(linkId='aged_65_or_over').answer[0].valueBoolean"] }]);
    });

    it('a logic-check warning blocks until the Bundle acknowledges it by rule id', async () => {
      // 65 or over is ticked, but she is 60 on the diagnosis date.
      const young = (ack: boolean) =>
        variant('warning-1', ({ patient, qr }) => {
          person(patient, '試験 秋子', 'シケン アキコ', '1962-01-15');
          if (ack) qr.extension = [{ url: EXTENSION.acknowledgedWarning, valueCode: 'LC-FOUR-GROUPS-AGE' }];
        });
      const before = await counts();
      const blocked = await post(doctor, young(false));
      assert.equal(blocked.status, 422, JSON.stringify(blocked.outcome));
      const warning = issues(blocked).find((i) => i.code === 'warning.LC-FOUR-GROUPS-AGE');
      assert.deepEqual(warning?.severity, 'error');
      assert.deepEqual(warning?.expression, ["Bundle.entry[0].resource.item.where(linkId='four_groups').item.where(linkId='aged_65_or_over').answer[0].valueBoolean", 'Bundle.entry[1].resource.birthDate']);
      assert.deepEqual(await counts(), before);
      const filed = await post(doctor, young(true));
      assert.equal(filed.status, 201, JSON.stringify(filed.outcome));
      const acknowledged = issues(filed).find((i) => i.code === 'warning.LC-FOUR-GROUPS-AGE');
      assert.equal(acknowledged?.severity, 'warning', 'the receipt still lists the acknowledged warning');
      const row = (await t.superuser('SELECT acknowledged_warnings FROM notifications WHERE id = $1', [filed.notificationId])).rows[0];
      assert.deepEqual(row.acknowledged_warnings, ['LC-FOUR-GROUPS-AGE']);
    });

    it('a likely duplicate needs an explicit choice: the candidates are reported (audited), then the same person gets a new case', async () => {
      const before = await counts();
      const again = (edit?: (qr: QuestionnaireResponse) => void) => variant('second-episode', ({ qr }) => edit?.(qr));
      const asked = await post(doctor, again());
      assert.equal(asked.status, 409, JSON.stringify(asked.outcome));
      const found = issues(asked);
      assert.deepEqual(found[0], { severity: 'error', code: 'likely_duplicate', expression: ['Bundle.entry[1].resource'] });
      const candidate = asked.outcome.issue.find((i) => i.details?.coding?.[0].code === 'duplicate_candidate')!;
      assert.ok(candidate.details!.text!.includes(first.caseNumber!), 'the candidate’s case is named');
      assert.ok(!candidate.details!.text!.includes('試験 春子'), 'the candidate is masked');
      assert.deepEqual(await counts(), before);
      const checks = (await t.superuser("SELECT record_ids FROM audit_log WHERE action = 'persons.duplicate_check' ORDER BY seq DESC LIMIT 1")).rows[0];
      const personId = (await t.superuser('SELECT person_id FROM cases WHERE id = $1', [first.caseId])).rows[0].person_id as string;
      assert.deepEqual(checks.record_ids, [personId], 'the check that found the candidate is audited');

      const notCandidate = await post(doctor, again((qr) => (qr.extension = [{ url: EXTENSION.registration, valueReference: { reference: 'Patient/00000000-0000-4000-8000-000000000000' } }])));
      assert.equal(notCandidate.status, 422);

      const same = await post(doctor, again((qr) => (qr.extension = [{ url: EXTENSION.registration, valueReference: { reference: `Patient/${personId}` } }])));
      assert.equal(same.status, 201, JSON.stringify(same.outcome));
      assert.notEqual(same.caseId, first.caseId);
      assert.equal((await t.superuser('SELECT person_id FROM cases WHERE id = $1', [same.caseId])).rows[0].person_id, personId);
      assert.equal(await count('persons'), before.persons, 'no second person');
    });

    it('a clerk’s Bundle is kept as a draft for the doctor to submit; no e-mail', async () => {
      const before = await counts();
      const r = await post(clerk, variant('clerk-1', ({ patient }) => person(patient, '試験 冬子', 'シケン フユコ', '1940-12-24')));
      assert.equal(r.status, 201, JSON.stringify(r.outcome));
      assert.equal(issues(r)[0].code, 'notification_drafted');
      assert.equal((await t.superuser('SELECT status FROM notifications WHERE id = $1', [r.notificationId])).rows[0].status, 'draft');
      assert.equal(await count('outbox'), before.outbox);
    });

    it('only a medical institution files Bundles; a malformed Bundle is a 400 naming what is wrong', async () => {
      const refused = await post(centre, EXAMPLE);
      assert.equal(refused.status, 403);
      const bad = await post(doctor, { resourceType: 'Bundle', type: 'batch', entry: [] });
      assert.equal(bad.status, 400);
      assert.deepEqual(issues(bad).map((i) => i.code), ['bundle_type', 'bundle_identifier', 'one_patient', 'one_questionnaire_response']);
      const unknown = await post(doctor, variant('unknown-form', ({ qr }) => (qr.questionnaire = 'https://hersys.example.jp/fhir/Questionnaire/covid19|1999')));
      assert.deepEqual(issues(unknown), [{ severity: 'error', code: 'unknown_questionnaire', expression: ['Bundle.entry[0].resource.questionnaire'] }]);
      const wrongVersion = await post(doctor, variant('old-form', ({ qr }) => (qr.questionnaire = 'https://hersys.example.jp/fhir/Questionnaire/covid19|2022-06-30')));
      assert.equal(wrongVersion.status, 400);
      assert.ok(issues(wrongVersion).some((i) => i.code === 'questionnaire_not_in_force' || i.code === 'unknown_item'));
    });
  });
}
