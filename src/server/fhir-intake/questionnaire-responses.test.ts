// Reading forms and notifications as FHIR: every form version as a Questionnaire; a filed
// notification as its QuestionnaireResponse, only within the reader's scope, audited as the JSON
// API's read; the answers read back are the ones the clinic system posted.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Bundle, QuestionnaireResponse } from '@medplum/fhirtypes';
import { actorFor } from '../../../test/harness/actors.ts';
import { ENGINES, freshDatabase, type TestDatabase } from '../../../test/harness/engines.ts';
import { assertValidFhir } from '../../../test/harness/fhir-validate.ts';
import { EXTENSION } from '../../domain/fhir-forms/canonical.ts';
import { definitionOfCanonical, questionnaireId } from '../../domain/fhir-forms/questionnaire.ts';
import { answersFromQuestionnaireResponse } from '../../domain/fhir-forms/response.ts';
import type { RequestContext } from '../access/actor.ts';
import { formDefinitions } from '../notifications/forms.ts';
import { intakeNotificationBundle } from './intake.ts';
import { questionnaire, questionnaires } from './questionnaires.ts';
import { questionnaireResponseFor, searchQuestionnaireResponses } from './questionnaire-responses.ts';

const EXAMPLE = JSON.parse(readFileSync(new URL('../../../docs/fhir/example-notification-bundle.json', import.meta.url), 'utf8')) as Bundle;
const postedResponse = EXAMPLE.entry!.find((e) => e.resource?.resourceType === 'QuestionnaireResponse')!.resource as QuestionnaireResponse;

describe('Questionnaires', () => {
  it('every form-definition version is served, valid R4, findable by id and by url|version', () => {
    const all = questionnaires();
    assert.equal(all.length, formDefinitions().length);
    for (const q of all) assertValidFhir(q, `Questionnaire ${q.id}`);
    assert.deepEqual(all.map((q) => `${q.id}`).sort(), formDefinitions().map((d) => questionnaireId(d)).sort());
    const covid = all.find((x) => x.id === 'covid19-2021-11')!.url;
    assert.deepEqual(all.filter((q) => q.url === covid).map((q) => q.version).slice(-4), ['2021-11', '2022-01-24', '2022-06-30', '2022-09-26']);
    assert.equal(questionnaire('covid19-2022-09-26')?.version, '2022-09-26');
    assert.equal(questionnaire('covid19-1999'), undefined);
    assert.equal(questionnaires({ url: covid, version: '2022-06-30' }).length, 1);
    assert.equal(questionnaires({ url: 'https://elsewhere.example/Questionnaire/x' }).length, 0);
  });
});

for (const engine of ENGINES) {
  describe(`QuestionnaireResponses (${engine})`, () => {
    let t: TestDatabase;
    let centre: RequestContext;
    let otherCentre: RequestContext;
    let notificationId: string;
    let personId: string;
    let caseId: string;

    before(async () => {
      t = await freshDatabase(engine);
      const doctor = { actor: await actorFor(t.db, 'sakura-dr1'), clientAddr: null };
      centre = { actor: await actorFor(t.db, 'shinjuku-h1'), clientAddr: '192.0.2.20', purpose: '発生届の確認' };
      otherCentre = { actor: await actorFor(t.db, 'nakano-h1'), clientAddr: '192.0.2.21' };
      const filed = await intakeNotificationBundle(t.db, doctor, EXAMPLE, { links: { publicUrl: 'https://hersys.example.jp' } });
      assert.equal(filed.status, 201, JSON.stringify(filed.outcome));
      notificationId = filed.notificationId!;
      caseId = filed.caseId!;
      personId = (await t.superuser('SELECT person_id FROM cases WHERE id = $1', [caseId])).rows[0].person_id as string;
    });
    after(() => t.close());

    it('the responsible centre reads the notification as a QuestionnaireResponse with the answers the clinic posted; audited as notifications.read', async () => {
      const qr = await questionnaireResponseFor(t.db, centre, notificationId);
      assertValidFhir(qr);
      assert.equal(qr.status, 'completed');
      assert.equal(qr.subject?.reference, `Patient/${personId}`);
      assert.equal(qr.id, notificationId);
      assert.ok(qr.extension?.some((x) => x.url === EXTENSION.caseNumber && x.valueIdentifier?.value));
      const def = definitionOfCanonical(formDefinitions(), qr.questionnaire)!;
      assert.equal(def.version, '2022-09-26');
      const read = answersFromQuestionnaireResponse(def, qr);
      const posted = answersFromQuestionnaireResponse(def, postedResponse);
      // The stored notification also holds the typed default (no clinical diagnosis).
      assert.deepEqual(read.value, { ...posted.value, clinicalDiagnosis: false });
      const audit = (await t.superuser("SELECT record_ids, details, purpose FROM audit_log WHERE action = 'notifications.read' ORDER BY seq DESC LIMIT 1")).rows[0];
      assert.deepEqual(audit.record_ids, [notificationId]);
      assert.equal((audit.details as { format: string }).format, 'fhir');
      assert.equal(audit.purpose, '発生届の確認');
    });

    it('search by patient (?patient= or ?subject=Patient/…) and by case finds it; another centre finds nothing and reads a 404', async () => {
      assert.deepEqual((await searchQuestionnaireResponses(t.db, centre, { patient: personId })).map((q) => q.id), [notificationId]);
      assert.deepEqual((await searchQuestionnaireResponses(t.db, centre, { patient: `Patient/${personId}` })).map((q) => q.id), [notificationId]);
      assert.deepEqual((await searchQuestionnaireResponses(t.db, centre, { caseId })).map((q) => q.id), [notificationId]);
      assert.deepEqual(await searchQuestionnaireResponses(t.db, otherCentre, { patient: personId }), []);
      assert.deepEqual(await searchQuestionnaireResponses(t.db, centre, { patient: 'not-a-uuid' }), []);
      await assert.rejects(questionnaireResponseFor(t.db, otherCentre, notificationId), (e: { status?: number }) => e.status === 404);
      await assert.rejects(questionnaireResponseFor(t.db, centre, 'x'), (e: { status?: number }) => e.status === 404);
    });
  });
}
