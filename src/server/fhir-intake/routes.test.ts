// The issue's "done when", over HTTP only: an EHR-shaped client with a key pair of its own is
// registered for the clinic, gets a token, files a notification as a Bundle (the example in
// docs/fhir), and reads it back as FHIR — the QuestionnaireResponse at the receipt's Location, the
// Patient by its new HER-SYS ID, the form as a Questionnaire. The same Bundle again files nothing.
// Every answer is valid R4 (@medplum/core).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { OperationOutcome } from '@medplum/fhirtypes';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { clientAssertion, fhirGet, newKeyPair, requestToken, validateFhir } from '../../../test/harness/fhir.ts';
import { closeApp, firstLogin, openApp } from '../../../test/harness/http.ts';
import { CASE_NUMBER_SYSTEM } from '../../domain/fhir/systems.ts';
import { EXTENSION } from '../../domain/fhir-forms/canonical.ts';

const EXAMPLE = readFileSync(new URL('../../../docs/fhir/example-notification-bundle.json', import.meta.url), 'utf8');
const SCOPES = 'system/Bundle.write system/Patient.read system/Questionnaire.read system/QuestionnaireResponse.read';

for (const engine of ENGINES) {
  describe(`a clinic system files a notification Bundle and reads it back (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let token: string;
    let readOnly: string;

    const post = (body: string, bearer = token) =>
      app.inject({ method: 'POST', url: '/fhir', payload: body, headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/fhir+json' } });
    const valid = async (path: string, bearer = token) => {
      const r = await fhirGet(app, bearer, path);
      assert.equal(r.statusCode, 200, `${path}: ${JSON.stringify(r.body)}`);
      validateFhir(r.body);
      return r.body;
    };

    before(async () => {
      ({ t, app } = await openApp(engine));
      const admin = await firstLogin(t, app, 'shinjuku-admin');
      const register = async (scopes: string) => {
        const key = await newKeyPair('ES384');
        const r = await admin.client.post('/api/fhir-clients', { orgId: t.world.orgIds['sakura-clinic'], name: `電子カルテ ${scopes.length}`, alg: 'ES384', jwk: key.publicJwk, scopes: scopes.split(' ') });
        assert.equal(r.statusCode, 201, JSON.stringify(r.body));
        const answer = await requestToken(app, await clientAssertion(r.body.id, key), scopes);
        assert.equal(answer.statusCode, 200, JSON.stringify(answer.body));
        return answer.body.access_token!;
      };
      token = await register(SCOPES);
      readOnly = await register('system/Patient.read');
    });
    after(() => closeApp(t, app));

    it('the Bundle is filed with a receipt naming the case, and the notification, patient and form read back as FHIR', async () => {
      const filed = await post(EXAMPLE);
      assert.equal(filed.statusCode, 201, filed.body);
      assert.match(String(filed.headers['content-type']), /^application\/fhir\+json/);
      const receipt = JSON.parse(filed.body) as OperationOutcome;
      validateFhir(receipt);
      const caseNumber = receipt.extension?.find((e) => e.url === EXTENSION.caseNumber)?.valueIdentifier?.value;
      assert.ok(caseNumber, JSON.stringify(receipt));

      const location = String(filed.headers.location);
      const qr = await valid(new URL(location).pathname);
      assert.equal(qr.resourceType, 'QuestionnaireResponse');
      assert.equal(qr.status, 'completed', 'a doctor’s system files: the notification is submitted');
      const example = JSON.parse(EXAMPLE);
      const sent = example.entry.find((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'QuestionnaireResponse').resource;
      assert.equal(qr.questionnaire, sent.questionnaire);

      const patients = await valid(`/fhir/Patient?identifier=${encodeURIComponent(`${CASE_NUMBER_SYSTEM}|${caseNumber}`)}`);
      assert.equal(patients.total, 1);
      const patient = patients.entry[0].resource;
      assert.equal(qr.subject.reference, `Patient/${patient.id}`);
      assert.equal(patient.birthDate, example.entry.find((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'Patient').resource.birthDate);

      const responses = await valid(`/fhir/QuestionnaireResponse?patient=Patient/${patient.id}`);
      assert.deepEqual(responses.entry.map((e: { resource: { id: string } }) => e.resource.id), [qr.id]);
      const forms = await valid(`/fhir/Questionnaire?url=${encodeURIComponent(sent.questionnaire.split('|')[0])}`);
      assert.ok(forms.total >= 1);
      const metadata = await valid('/fhir/metadata', '');
      const types = metadata.rest[0].resource.map((r: { type: string }) => r.type);
      for (const type of ['Patient', 'Condition', 'Observation', 'Encounter', 'Questionnaire', 'QuestionnaireResponse']) assert.ok(types.includes(type), type);

      // The same Bundle again (a retry after a lost answer): the first receipt, nothing new.
      const cases = async () => Number((await t.superuser('SELECT count(*)::int AS n FROM cases')).rows[0].n);
      const before = await cases();
      const again = await post(EXAMPLE);
      assert.equal(again.statusCode, 200, again.body);
      assert.deepEqual(JSON.parse(again.body).extension, receipt.extension);
      assert.equal(await cases(), before);
    });

    it('a client without Bundle.write cannot file, and junk is a 400 OperationOutcome, never a 5xx', async () => {
      const refused = await post(EXAMPLE, readOnly);
      assert.equal(refused.statusCode, 403, refused.body);
      validateFhir(JSON.parse(refused.body));
      for (const junk of ['{', '[]', '{"resourceType":"Patient"}', JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: 'x' })]) {
        const r = await post(junk);
        assert.equal(r.statusCode, 400, `${junk}: ${r.body}`);
        validateFhir(JSON.parse(r.body));
      }
      const unknown = await fhirGet(app, token, '/fhir/QuestionnaireResponse?status=completed');
      assert.equal(unknown.statusCode, 400);
      const noPatient = await fhirGet(app, token, '/fhir/QuestionnaireResponse');
      assert.equal(noPatient.statusCode, 400);
      assert.equal((await fhirGet(app, token, '/fhir/Questionnaire/nope')).statusCode, 404);
    });
  });
}
