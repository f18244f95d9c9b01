// The FHIR API as an EHR sees it, over HTTP only: the administrator of the clinic's IDs registers the
// system with a public key, the system signs a client assertion with its private key (jose), gets a
// token, reads and searches. Every resource answered is validated against the R4 definitions. Refused:
// a scope not granted, expired, too long-lived, replayed, wrong-audience, wrong-key and wrong-algorithm
// assertions, revoked clients; another clinic's client sees none of this clinic's patients (RLS);
// every read is audited under the client's service-account ID, naming the client.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { clientAssertion, fhirGet, newKeyPair, requestToken, validateFhir, type KeyPair } from '../../../test/harness/fhir.ts';
import { Client, closeApp, firstLogin, openApp, secretOf, startApp, totpCode, type LoggedIn } from '../../../test/harness/http.ts';
import { CASE_NUMBER_SYSTEM } from '../../domain/fhir/systems.ts';

const ALL_READ = 'system/Patient.read system/Condition.read system/Observation.read system/Encounter.read';

for (const engine of ENGINES) {
  describe(`FHIR R4 API with SMART Backend Services (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let admin: LoggedIn;
    let doctor: LoggedIn;
    let sakuraKey: KeyPair;
    let sakuraClient: { id: string; serviceAccountUserId: string };
    let keyakiKey: KeyPair;
    let keyakiClient: { id: string };
    let narrowClient: { id: string };
    let narrowKey: KeyPair;
    // The EHR's own patient, registered at the clinic with two tests, a notification, an admission and a health observation.
    let caseId: string;
    let personId: string;
    let caseNumber: string;

    const org = (key: string) => t.world.orgIds[key];
    const register = async (body: object) => {
      const r = await admin.client.post('/api/fhir-clients', body);
      assert.equal(r.statusCode, 201, JSON.stringify(r.body));
      return r.body;
    };
    const tokenFor = async (client: { id: string }, key: KeyPair, scope = ALL_READ) => {
      const r = await requestToken(app, await clientAssertion(client.id, key), scope);
      assert.equal(r.statusCode, 200, JSON.stringify(r.body));
      return r.body.access_token!;
    };
    /** A GET whose answer must be FHIR JSON and valid R4 (any status). */
    const get = async (token: string | null, path: string) => {
      const r = await fhirGet(app, token, path);
      assert.match(r.contentType, /^application\/fhir\+json/, `${path}: ${r.contentType}`);
      validateFhir(r.body);
      return r;
    };
    const ids = (bundle: { entry?: { resource: { id: string } }[] }) => (bundle.entry ?? []).map((e) => e.resource.id);

    before(async () => {
      ({ t, app } = await openApp(engine));
      admin = await firstLogin(t, app, 'shinjuku-admin');
      doctor = await firstLogin(t, app, 'sakura-dr1');
      sakuraKey = await newKeyPair('RS384');
      keyakiKey = await newKeyPair('ES384');
      narrowKey = await newKeyPair('ES384');
      sakuraClient = await register({ orgId: org('sakura-clinic'), name: '電子カルテ（テスト）', alg: 'RS384', jwk: sakuraKey.publicJwk, scopes: [...ALL_READ.split(' '), 'system/Bundle.write'] });
      narrowClient = await register({ orgId: org('sakura-clinic'), name: '検査システム', alg: 'ES384', jwk: narrowKey.publicJwk, scopes: ['system/Patient.read'] });
      // A second clinic in the centre's area, with a system of its own.
      const keyaki = await admin.client.post('/api/orgs', { kind: 'medical_institution', code: 'keyaki-clinic', nameJa: 'けやき診療所', nameEn: 'Keyaki Clinic' });
      assert.equal(keyaki.statusCode, 201, JSON.stringify(keyaki.body));
      keyakiClient = await register({ orgId: keyaki.body.id, name: 'けやき電子カルテ', alg: 'ES384', jwk: keyakiKey.publicJwk, scopes: ALL_READ.split(' ') });

      const reg = await doctor.client.post('/api/registrations', {
        person: { nameKanji: '桜井 一郎', nameKana: 'サクライ イチロウ', sex: 'male', birthDate: '1961-02-03', phone: '090-0000-7788' },
        choice: { kind: 'new_person' },
        tests: [
          { method: 'naat', specimen: 'nasopharyngeal_swab', collectedOn: '2026-11-30', result: 'positive', resultOn: '2026-12-01', labName: '検査センター' },
          { method: 'antigen_qualitative', specimen: 'nasal_swab', collectedOn: '2026-11-29', result: 'pending' },
        ],
      });
      assert.equal(reg.statusCode, 201, JSON.stringify(reg.body));
      ({ caseId, personId, caseNumber } = reg.body);
      const dr = (await t.superuser(`SELECT id FROM users WHERE login_id = 'sakura-dr1'`)).rows[0].id;
      // Set-up beyond what this suite tests: a submitted notification, a stay and a reading, as their own services would leave them.
      await t.superuser(
        `INSERT INTO notifications (case_id, form_id, form_version, classification, status, institution_id, doctor_user_id, doctor_name, reporter_institution_name,
                                    diagnosed_on, onset_on, first_submitted_at, submitted_by, created_by)
         VALUES ($1, 'covid19', '2022-09-26', 'patient', 'submitted', $2, $3, 'さくら内科 医師1', 'さくら内科クリニック', '2026-12-01', '2026-11-28', now(), $3, $3)`,
        [caseId, org('sakura-clinic'), dr],
      );
      await t.superuser(`INSERT INTO admissions (case_id, hospital_id, admitted_on, ward, created_by) VALUES ($1, $2, '2026-12-02', '3階西', $3)`, [caseId, org('sakura-clinic'), dr]);
      await t.superuser(
        `INSERT INTO health_observations (case_id, observed_on, source, method, temperature, spo2, pulse, symptoms, recorded_by, recorded_by_name, feeling)
         VALUES ($1, '2026-12-03', 'staff', 'phone', 37.8, 95, 88, '{cough,fever}', $2, 'さくら内科 医師1', NULL)`,
        [caseId, dr],
      );
    });
    after(() => closeApp(t, app));

    it('metadata (CapabilityStatement with SMART-on-FHIR) and the SMART configuration need no token', async () => {
      const r = await get(null, '/fhir/metadata');
      assert.equal(r.statusCode, 200);
      assert.equal(r.body.resourceType, 'CapabilityStatement');
      const rest = r.body.rest[0];
      assert.equal(rest.security.service[0].coding[0].code, 'SMART-on-FHIR');
      assert.deepEqual(rest.resource.map((x: { type: string }) => x.type), ['Patient', 'Condition', 'Observation', 'Encounter', 'Questionnaire', 'QuestionnaireResponse']);
      const patient = rest.resource.find((x: { type: string }) => x.type === 'Patient');
      assert.deepEqual(patient.searchParam.map((p: { name: string }) => p.name), ['identifier', 'name', 'birthdate', '_lastUpdated']);
      const smart = await app.inject({ method: 'GET', url: '/fhir/.well-known/smart-configuration' });
      assert.equal(smart.statusCode, 200);
      assert.equal(smart.json().token_endpoint, 'http://localhost:3000/fhir/auth/token');
      assert.ok(smart.json().token_endpoint_auth_signing_alg_values_supported.includes('RS384'));
    });

    it('an EHR gets a token (granted = requested ∩ registered, 300 s) and reads its patient as Patient, Condition, Observation and Encounter', async () => {
      const tok = await requestToken(app, await clientAssertion(sakuraClient.id, sakuraKey), `${ALL_READ} system/Questionnaire.read launch/patient`);
      assert.equal(tok.statusCode, 200, JSON.stringify(tok.body));
      assert.equal(tok.body.expires_in, 300);
      assert.equal(tok.body.token_type, 'bearer');
      assert.deepEqual(tok.body.scope!.split(' ').sort(), ALL_READ.split(' ').sort(), 'not registered (Questionnaire) and unknown scopes are left out');
      const token = tok.body.access_token!;

      const byId = await get(token, `/fhir/Patient/${personId}`);
      assert.equal(byId.statusCode, 200);
      assert.equal(byId.body.birthDate, '1961-02-03');
      assert.deepEqual(byId.body.identifier, [{ use: 'usual', system: CASE_NUMBER_SYSTEM, value: caseNumber }]);
      assert.deepEqual(byId.body.name.map((n: { text: string }) => n.text), ['桜井 一郎', 'サクライ イチロウ']);

      for (const q of [`identifier=${CASE_NUMBER_SYSTEM}|${caseNumber}`, `identifier=${caseNumber}`, 'name=桜井', 'name=イチロウ', 'name=さくらい', 'birthdate=1961-02-03', 'birthdate=ge1961-02&birthdate=lt1961-03']) {
        const r = await get(token, `/fhir/Patient?${q}`);
        assert.equal(r.statusCode, 200, q);
        assert.equal(r.body.type, 'searchset');
        assert.ok(ids(r.body).includes(personId), `${q} finds the patient`);
      }
      for (const q of ['birthdate=gt1961-02-03', `identifier=urn:other|${caseNumber}`, 'name=桜田', '_lastUpdated=lt2000-01-01']) {
        const r = await get(token, `/fhir/Patient?${q}`);
        assert.equal(r.statusCode, 200, q);
        assert.ok(!ids(r.body).includes(personId), `${q} does not find the patient`);
      }

      const conditions = await get(token, `/fhir/Condition?patient=Patient/${personId}`);
      assert.equal(conditions.body.total, 1);
      const condition = conditions.body.entry[0].resource;
      assert.equal(condition.verificationStatus.coding[0].code, 'confirmed');
      assert.equal(condition.code.coding.find((c: { system: string }) => c.system === 'http://hl7.org/fhir/sid/icd-10').code, 'U07.1');
      assert.equal(condition.subject.reference, `Patient/${personId}`);
      assert.equal((await get(token, `/fhir/Condition?code=http://hl7.org/fhir/sid/icd-10|U07.1&patient=${personId}`)).body.total, 1);
      assert.equal((await get(token, `/fhir/Condition?code=urn:hersys:disease|measles&patient=${personId}`)).body.total, 0);
      assert.equal((await get(token, `/fhir/Condition/${condition.id}`)).body.id, condition.id);

      const observations = await get(token, `/fhir/Observation?patient=${personId}`);
      assert.equal(observations.body.total, 3, 'two test records and one health observation');
      const lab = await get(token, `/fhir/Observation?patient=${personId}&category=laboratory&code=urn:hersys:test-method|naat`);
      assert.equal(lab.body.total, 1);
      assert.equal(lab.body.entry[0].resource.valueCodeableConcept.coding[0].code, 'positive');
      const pending = await get(token, `/fhir/Observation?patient=${personId}&code=antigen_qualitative`);
      assert.equal(pending.body.entry[0].resource.status, 'registered');
      const survey = await get(token, `/fhir/Observation?patient=${personId}&category=survey&date=2026-12-03`);
      assert.equal(survey.body.total, 1);
      const temperature = survey.body.entry[0].resource.component.find((c: { code: { coding: { code: string }[] } }) => c.code.coding[0].code === '8310-5');
      assert.equal(temperature.valueQuantity.value, 37.8);
      assert.equal((await get(token, `/fhir/Observation?patient=${personId}&date=ge2026-12-04`)).body.total, 0);

      const encounters = await get(token, `/fhir/Encounter?patient=${personId}&date=2026-12-05`);
      assert.equal(encounters.body.total, 1, 'a stay still open covers any later day');
      assert.equal(encounters.body.entry[0].resource.status, 'in-progress');
      assert.equal((await get(token, `/fhir/Encounter?patient=${personId}&date=lt2026-12-01`)).body.total, 0);
    });

    it('pages with _count and next links until every match was seen once; the links carry the search sealed, never a date of birth', async () => {
      const token = await tokenFor(sakuraClient, sakuraKey);
      const all = await get(token, '/fhir/Patient?_count=100');
      const first = await get(token, '/fhir/Patient?birthdate=ge1900-01-01&_count=1');
      assert.equal(first.body.total, all.body.total);
      for (const l of first.body.link) assert.ok(!l.url.includes('1900') && !l.url.includes('birthdate'), l.url);
      const total = first.body.total;
      assert.ok(total >= 3, `the clinic sees its patients (${total})`);
      const seen: string[] = [];
      let page = first.body;
      for (let i = 0; i < 50; i++) {
        assert.ok(page.entry.length <= 1);
        seen.push(...ids(page));
        const next = page.link.find((l: { relation: string }) => l.relation === 'next');
        if (!next) break;
        page = (await get(token, new URL(next.url).pathname + new URL(next.url).search)).body;
      }
      assert.equal(seen.length, total);
      assert.equal(new Set(seen).size, total);
      const next = new URL(first.body.link.find((l: { relation: string }) => l.relation === 'next').url);
      const tampered = next.searchParams.get('_page')!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
      assert.deepEqual((await get(token, `/fhir/Patient?_page=${tampered}`)).body.issue[0].expression, ['_page']);
      assert.equal((await get(token, `/fhir/Condition${next.search}`)).statusCode, 400, 'a Patient link is no Condition search');
      assert.equal((await get(token, `${next.pathname}${next.search}&name=x`)).statusCode, 400, '_page stands alone');
    });

    it('searches with POST [type]/_search and a form body (no personal data in the URL), the same as GET', async () => {
      const token = await tokenFor(sakuraClient, sakuraKey);
      const post = await app.inject({
        method: 'POST',
        url: '/fhir/Patient/_search',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams([['name', '桜井'], ['birthdate', 'ge1961-01-01'], ['birthdate', 'le1961-12-31']]).toString(),
      });
      assert.equal(post.statusCode, 200, post.body);
      validateFhir(post.json());
      assert.deepEqual(ids(post.json()), [personId]);
      const bad = await app.inject({ method: 'POST', url: '/fhir/Patient/_search', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'birthdate=1961-02-31' });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(bad.json().issue[0].expression, ['birthdate']);
      const json = await app.inject({ method: 'POST', url: '/fhir/Patient/_search', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json' }, payload: '{}' });
      assert.equal(json.statusCode, 415);
    });

    it('every read is audited in its own transaction under the client’s service-account ID, naming the client and the records, never the search values', async () => {
      const token = await tokenFor(sakuraClient, sakuraKey);
      await get(token, `/fhir/Patient?name=桜井`);
      const row = (await t.superuser(`SELECT actor_user_id, actor_org_id, record_ids, details FROM audit_log WHERE action = 'fhir.search' ORDER BY seq DESC LIMIT 1`)).rows[0] as {
        actor_user_id: string;
        actor_org_id: string;
        record_ids: string[];
        details: Record<string, unknown>;
      };
      assert.equal(row.actor_user_id, sakuraClient.serviceAccountUserId);
      assert.equal(row.actor_org_id, org('sakura-clinic'));
      assert.equal(row.details.fhirClientId, sakuraClient.id);
      assert.deepEqual(row.details.params, ['name']);
      assert.ok(row.record_ids.includes(caseId) && row.record_ids.includes(personId));
      assert.ok(!JSON.stringify(row).includes('桜井'));
      await get(token, `/fhir/Encounter?patient=${personId}`);
      const read = (await t.superuser(`SELECT record_ids FROM audit_log WHERE action = 'fhir.search' ORDER BY seq DESC LIMIT 1`)).rows[0] as { record_ids: string[] };
      assert.ok(read.record_ids.includes(caseId));
      const token_ = (await t.superuser(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'fhir.token' AND actor_user_id = $1 AND outcome = 'ok'`, [sakuraClient.serviceAccountUserId])).rows[0];
      assert.ok((token_.n as number) >= 1);
    });

    it('another clinic’s client sees none of this clinic’s patients (row-level security)', async () => {
      const token = await tokenFor(keyakiClient, keyakiKey);
      assert.equal((await get(token, `/fhir/Patient/${personId}`)).statusCode, 404);
      const search = await get(token, `/fhir/Patient?identifier=${caseNumber}`);
      assert.equal(search.statusCode, 200);
      assert.equal(search.body.total, 0);
      assert.equal((await get(token, '/fhir/Patient')).body.total, 0);
      assert.equal((await get(token, `/fhir/Observation?patient=${personId}`)).body.total, 0);
      assert.equal((await get(token, `/fhir/Condition`)).body.total, 0);
      assert.equal((await get(token, `/fhir/Encounter`)).body.total, 0);
    });

    it('a scope not granted is refused: at the token endpoint (invalid_scope) and on the resource (403 OperationOutcome)', async () => {
      const none = await requestToken(app, await clientAssertion(narrowClient.id, narrowKey), 'system/Condition.read');
      assert.equal(none.statusCode, 400);
      assert.equal(none.body.error, 'invalid_scope');
      const token = await tokenFor(narrowClient, narrowKey, ALL_READ);
      const refused = await get(token, `/fhir/Condition?patient=${personId}`);
      assert.equal(refused.statusCode, 403);
      assert.equal(refused.body.resourceType, 'OperationOutcome');
      assert.equal(refused.body.issue[0].code, 'forbidden');
      assert.equal((await get(token, `/fhir/Patient/${personId}`)).statusCode, 200);
    });

    it('refuses expired, too long-lived, replayed, wrong-audience, wrong-key, wrong-algorithm and unknown-client assertions', async () => {
      const refused = async (assertion: string, error: string, status = 401) => {
        const r = await requestToken(app, assertion, ALL_READ);
        assert.equal(r.statusCode, status, JSON.stringify(r.body));
        assert.equal(r.body.error, error);
        assert.equal(r.body.access_token, undefined);
      };
      await refused(await clientAssertion(sakuraClient.id, sakuraKey, { expiresIn: -120 }), 'invalid_client');
      await refused(await clientAssertion(sakuraClient.id, sakuraKey, { expiresIn: 3600 }), 'invalid_client');
      await refused(await clientAssertion(sakuraClient.id, sakuraKey, { aud: 'http://localhost:3000/fhir' }), 'invalid_client');
      await refused(await clientAssertion(sakuraClient.id, sakuraKey, { sub: keyakiClient.id }), 'invalid_client');
      await refused(await clientAssertion(sakuraClient.id, await newKeyPair('RS384')), 'invalid_client');
      await refused(await clientAssertion(sakuraClient.id, keyakiKey), 'invalid_client'); // ES384, registered RS384
      await refused(await clientAssertion('00000000-0000-4000-8000-000000000000', sakuraKey), 'invalid_client');
      await refused('not-a-jwt', 'invalid_client');
      const once = await clientAssertion(sakuraClient.id, sakuraKey, { jti: 'jti-used-once' });
      assert.equal((await requestToken(app, once, ALL_READ)).statusCode, 200);
      await refused(once, 'invalid_grant', 400);
      const denied = (await t.superuser(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'fhir.token' AND outcome = 'denied'`)).rows[0].n as number;
      assert.ok(denied >= 9, `each refusal is audited (${denied})`);
    });

    it('the token endpoint answers OAuth errors for a wrong grant, assertion type or form', async () => {
      const form = (body: string, type = 'application/x-www-form-urlencoded') =>
        app.inject({ method: 'POST', url: '/fhir/auth/token', headers: { 'content-type': type }, payload: body });
      assert.equal((await form('grant_type=password&scope=x')).json().error, 'unsupported_grant_type');
      assert.equal((await form('grant_type=client_credentials&client_assertion_type=x&client_assertion=y&scope=x')).json().error, 'invalid_request');
      assert.equal((await form('grant_type=client_credentials&grant_type=client_credentials')).json().error, 'invalid_request');
      const json = await form('{"grant_type":"client_credentials"}', 'application/json');
      assert.equal(json.statusCode, 400);
      assert.equal(json.json().error, 'invalid_request');
    });

    it('without a valid token: 401 OperationOutcome with WWW-Authenticate', async () => {
      for (const auth of [undefined, 'Bearer not-a-real-token-but-long-enough', 'Basic abc']) {
        const r = await app.inject({ method: 'GET', url: '/fhir/Patient', headers: auth ? { authorization: auth } : {} });
        assert.equal(r.statusCode, 401);
        assert.match(String(r.headers['www-authenticate']), /^Bearer/);
        assert.equal(r.json().resourceType, 'OperationOutcome');
        validateFhir(r.json());
      }
    });

    it('a bad search parameter is a 400 OperationOutcome naming it; an unknown id or path a 404', async () => {
      const token = await tokenFor(sakuraClient, sakuraKey);
      for (const [q, param] of [
        ['birthdate=1961-13-01', 'birthdate'],
        ['birthdate=yesterday', 'birthdate'],
        ['_count=many', '_count'],
        ['_cursor=abc', '_cursor'],
        ['gender=male', 'gender'],
        ['name=a,b', 'name'],
        ['_lastUpdated=2026-12-01T10:00', '_lastUpdated'],
      ]) {
        const r = await get(token, `/fhir/Patient?${q}`);
        assert.equal(r.statusCode, 400, q);
        assert.deepEqual(r.body.issue[0].expression, [param], q);
      }
      const bad = await get(token, '/fhir/Observation?patient=Patient/xyz');
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(bad.body.issue[0].expression, ['patient']);
      assert.equal((await get(token, '/fhir/Patient/not-an-id')).statusCode, 404);
      assert.equal((await get(token, '/fhir/Patient/00000000-0000-4000-8000-000000000000')).statusCode, 404);
      assert.equal((await get(token, '/fhir/Medication')).statusCode, 404);
      assert.equal((await get(null, '/fhir')).statusCode, 404, 'the base is no web page');
    });

    it('answers junk in any search parameter, path or body with a 4xx OperationOutcome, never a 5xx (the fuzz suite covers /api only)', async () => {
      const token = await tokenFor(sakuraClient, sakuraKey);
      const names = ['identifier', 'name', 'birthdate', '_lastUpdated', 'patient', 'code', 'date', 'category', '_count', '_cursor', 'subject', '_sort'];
      const value = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('ge', 'eq2026', 'le1961-02-30', '0050-01-01', '2026-12-01T25:00Z', '|', 'a|b|c', 'Patient/', '%00', '\u0000', '1e9', '-1'));
      await fc.assert(
        fc.asyncProperty(fc.constantFrom('Patient', 'Condition', 'Observation', 'Encounter'), fc.array(fc.tuple(fc.constantFrom(...names), value), { maxLength: 4 }), async (type, params) => {
          const qs = params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
          const r = await app.inject({ method: 'GET', url: `/fhir/${type}?${qs}`, headers: { authorization: `Bearer ${token}` } });
          assert.ok(r.statusCode === 200 || (r.statusCode >= 400 && r.statusCode < 500), `${type}?${qs}: ${r.statusCode} ${r.body.slice(0, 300)}`);
          validateFhir(r.json());
        }),
        { numRuns: 150, seed: 1501 },
      );
      for (const [method, url, payload] of [['GET', '/fhir/Patient/%E0%A4%A', undefined], ['POST', '/fhir/Patient', '{'], ['DELETE', '/fhir/Patient/x', undefined], ['GET', `/fhir/Patient/${'9'.repeat(5000)}`, undefined]] as const) {
        const r = await app.inject({ method, url, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json' }, ...(payload ? { payload } : {}) });
        assert.ok(r.statusCode >= 400 && r.statusCode < 500, `${method} ${url}: ${r.statusCode} ${r.body.slice(0, 200)}`);
      }
    });

    it('only the administrator of the clinic’s IDs registers; keys must be public and fit the algorithm; scopes within what a clinic may do', async () => {
      const key = await newKeyPair('RS384');
      const body = { orgId: org('sakura-clinic'), name: 'x', alg: 'RS384', jwk: key.publicJwk, scopes: ['system/Patient.read'] };
      assert.equal((await doctor.client.post('/api/fhir-clients', body)).statusCode, 403);
      const priv = await (await import('jose')).exportJWK(key.privateKey);
      assert.equal((await admin.client.post('/api/fhir-clients', { ...body, jwk: priv })).statusCode, 400, 'a private key is refused');
      assert.equal((await admin.client.post('/api/fhir-clients', { ...body, alg: 'ES384' })).statusCode, 400, 'an RSA key for ES384');
      assert.equal((await admin.client.post('/api/fhir-clients', { ...body, orgId: org('midori-hospital') })).statusCode, 403, 'another centre’s clinic');
      assert.equal((await admin.client.post('/api/fhir-clients', { ...body, orgId: org('shinjuku-hc') })).statusCode, 403, 'not a medical institution');
      assert.equal((await admin.client.post('/api/fhir-clients', { ...body, scopes: ['system/Patient.write'] })).statusCode, 400);
      const list = await admin.client.get('/api/fhir-clients');
      assert.equal(list.statusCode, 200);
      assert.ok(list.body.clients.some((c: { id: string }) => c.id === sakuraClient.id));
      const account = (await t.superuser(`SELECT u.roles, u.org_id, (SELECT count(*)::int FROM credentials c WHERE c.user_id = u.id) AS creds FROM users u WHERE u.id = $1`, [sakuraClient.serviceAccountUserId])).rows[0];
      assert.deepEqual(account, { roles: ['doctor'], org_id: org('sakura-clinic'), creds: 0 }, 'a filing client acts as a doctor of the clinic, and nobody can log in as it');
      const reset = await admin.client.post(`/api/users/${sakuraClient.serviceAccountUserId}/reset-credentials`);
      assert.equal(reset.statusCode, 403, 'not even after a reset of its credentials');
      assert.equal((await t.superuser(`SELECT count(*)::int AS n FROM credentials WHERE user_id = $1`, [sakuraClient.serviceAccountUserId])).rows[0].n, 0);
    });

    it('the token endpoint is limited per address like the login steps (LOGIN_RATE_LIMIT_PER_MINUTE): 429 with Retry-After', async () => {
      const limited = await startApp(t, { LOGIN_RATE_LIMIT_PER_MINUTE: 2 });
      try {
        const ask = async () => {
          const form = new URLSearchParams({ grant_type: 'client_credentials', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: await clientAssertion(sakuraClient.id, sakuraKey), scope: ALL_READ });
          return limited.inject({ method: 'POST', url: '/fhir/auth/token', remoteAddress: '10.7.7.7', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form.toString() });
        };
        assert.equal((await ask()).statusCode, 200);
        assert.equal((await ask()).statusCode, 200);
        const third = await ask();
        assert.equal(third.statusCode, 429);
        assert.ok(Number(third.headers['retry-after']) > 0);
        assert.equal(third.json().access_token, undefined);
      } finally {
        await limited.close();
      }
    });

    it('a clinic’s own administrator registers its systems too (and only for the clinic)', async () => {
      const issued = await admin.client.post('/api/users', { orgId: org('sakura-clinic'), loginId: 'sakura-admin', displayName: 'さくら内科 ID管理者', roles: ['org_admin'] });
      assert.equal(issued.statusCode, 201, JSON.stringify(issued.body));
      const clinicAdmin = new Client(app, '10.3.3.3');
      const initial = issued.body.initialPassword as string;
      assert.equal((await clinicAdmin.post('/api/auth/login', { loginId: 'sakura-admin', password: initial })).body.next, 'change_password');
      assert.equal((await clinicAdmin.post('/api/auth/password', { currentPassword: initial, newPassword: `${initial}-changed` })).body.next, 'enrol_totp');
      const secret = secretOf((await clinicAdmin.post('/api/auth/totp/enrolment')).body.otpauthUri);
      assert.equal((await clinicAdmin.post('/api/auth/totp/enrolment/confirm', { code: await totpCode(secret) })).body.next, 'done');
      const key = await newKeyPair('RS384');
      const body = { orgId: org('sakura-clinic'), name: '予約システム', alg: 'RS384', jwk: key.publicJwk, scopes: ['system/Patient.read'] };
      const own = await clinicAdmin.post('/api/fhir-clients', body);
      assert.equal(own.statusCode, 201, JSON.stringify(own.body));
      assert.equal(own.body.tokenUrl, 'http://localhost:3000/fhir/auth/token');
      assert.equal((await clinicAdmin.post('/api/fhir-clients', { ...body, orgId: org('midori-hospital') })).statusCode, 403);
      const listed = (await clinicAdmin.get('/api/fhir-clients')).body.clients as { id: string; orgId: string }[];
      assert.ok(listed.some((c) => c.id === own.body.id) && listed.some((c) => c.id === sakuraClient.id));
      assert.ok(listed.every((c) => c.orgId === org('sakura-clinic')), 'not the other clinic’s (RLS)');
      const token = await tokenFor(own.body, key, 'system/Patient.read');
      assert.equal((await get(token, `/fhir/Patient/${personId}`)).statusCode, 200);
    });

    it('a revoked client’s tokens stop at once and it gets no new one', async () => {
      const key = await newKeyPair('ES384');
      const client = await register({ orgId: org('sakura-clinic'), name: '旧システム', alg: 'ES384', jwk: key.publicJwk, scopes: ['system/Patient.read'] });
      const token = await tokenFor(client, key, 'system/Patient.read');
      assert.equal((await get(token, '/fhir/Patient?_count=1')).statusCode, 200);
      const revoked = await admin.client.post(`/api/fhir-clients/${client.id}/revoke`);
      assert.equal(revoked.statusCode, 200, JSON.stringify(revoked.body));
      assert.ok(revoked.body.revokedAt);
      assert.equal((await get(token, '/fhir/Patient?_count=1')).statusCode, 401);
      const again = await requestToken(app, await clientAssertion(client.id, key), 'system/Patient.read');
      assert.equal(again.statusCode, 401);
      assert.equal((await admin.client.post(`/api/fhir-clients/${client.id}/revoke`)).statusCode, 409);
    });
  });
}
