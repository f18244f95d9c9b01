// The intake's routes under /fhir (registered into src/server/fhir/routes.ts, which checks the
// bearer token, parses application/fhir+json and turns errors into OperationOutcomes):
// POST /fhir — a clinic system's notification Bundle, answered with its receipt; the form
// definitions as Questionnaires; notifications as QuestionnaireResponses.
import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { fhirCallerOf, requireScope } from '../fhir/context.ts';
import type { CapabilityAdditions } from '../fhir/metadata.ts';
import { badParameter, notFoundOutcome } from '../fhir/outcome.ts';
import { sendFhir, type FhirRouteRegistrar } from '../fhir/routes.ts';
import { checkKnown, parsePatientReference, single, type Query } from '../fhir/search.ts';
import { fhirBaseOf } from '../fhir/token.ts';
import { intakeNotificationBundle } from './intake.ts';
import { questionnaire, questionnaires } from './questionnaires.ts';
import { questionnaireResponseFor, searchQuestionnaireResponses } from './questionnaire-responses.ts';

const QUESTIONNAIRE_PARAMS = [
  { name: 'url', type: 'uri' as const, documentation: 'The canonical URL of a form (every version of it)' },
  { name: 'version', type: 'token' as const, documentation: 'A form-definition version (its effective date)' },
];
const RESPONSE_PARAMS = [
  { name: 'patient', type: 'reference' as const, documentation: 'Patient/<id> or <id>: the notifications of that person the caller sees' },
  { name: 'subject', type: 'reference' as const, documentation: 'The same as patient' },
];

/** What these routes add to the CapabilityStatement. */
export const INTAKE_CAPABILITY: CapabilityAdditions = {
  resources: [
    { type: 'Questionnaire', interaction: [{ code: 'read' }, { code: 'search-type' }], searchParam: QUESTIONNAIRE_PARAMS },
    { type: 'QuestionnaireResponse', interaction: [{ code: 'read' }, { code: 'search-type' }], searchParam: RESPONSE_PARAMS },
  ],
  interactions: [
    {
      code: 'transaction',
      documentation:
        'POST /fhir with a notification Bundle (Patient + QuestionnaireResponse + Observations; see docs/fhir/README.md): ' +
        'registered, drafted and, for a client with a doctor’s rights, submitted as the web form does; answered with an OperationOutcome receipt. ' +
        'Idempotent on Bundle.identifier. Scope system/Bundle.write.',
    },
  ],
};

const bundleOf = <R extends Resource & { id?: string }>(base: string, type: string, found: R[]): Bundle<R> => ({
  resourceType: 'Bundle',
  type: 'searchset',
  total: found.length,
  entry: found.map((resource) => ({ fullUrl: `${base}/${type}/${resource.id}`, resource, search: { mode: 'match' } })),
});

const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

export const intakeRoutes =
  (db: Database, config: Config): FhirRouteRegistrar =>
  (fhir: FastifyInstance) => {
    const base = fhirBaseOf(config);
    const links = { publicUrl: config.PUBLIC_URL };

    fhir.post('/', async (request, reply) => {
      const caller = fhirCallerOf(request);
      requireScope(caller, 'Bundle', 'write');
      const receipt = await intakeNotificationBundle(db, caller, request.body, { links });
      if (receipt.status === 201 && receipt.notificationId) reply.header('location', `${base}/QuestionnaireResponse/${receipt.notificationId}`);
      return sendFhir(reply, receipt.status, receipt.outcome);
    });

    fhir.get('/Questionnaire', async (request, reply) => {
      requireScope(fhirCallerOf(request), 'Questionnaire', 'read');
      const query = request.query as Query;
      checkKnown(query, QUESTIONNAIRE_PARAMS.map((p) => p.name));
      return sendFhir(reply, 200, bundleOf(base, 'Questionnaire', questionnaires({ url: single(query, 'url'), version: single(query, 'version') })));
    });
    fhir.get('/Questionnaire/:id', async (request, reply) => {
      requireScope(fhirCallerOf(request), 'Questionnaire', 'read');
      const found = questionnaire(idOf(request));
      if (!found) throw notFoundOutcome(`Questionnaire/${idOf(request)}`);
      return sendFhir(reply, 200, found);
    });

    fhir.get('/QuestionnaireResponse', async (request, reply) => {
      const caller = fhirCallerOf(request);
      requireScope(caller, 'QuestionnaireResponse', 'read');
      const query = request.query as Query;
      checkKnown(query, RESPONSE_PARAMS.map((p) => p.name));
      const [name, value] = (['patient', 'subject'] as const).map((n) => [n, single(query, n)] as const).find(([, v]) => v !== undefined) ?? [];
      // Every notification the caller sees is too wide a question for one answer: a patient is asked.
      if (!name || !value) throw badParameter('patient', 'Search QuestionnaireResponse by patient (or subject)');
      const found = await searchQuestionnaireResponses(db, caller, { patient: parsePatientReference(name, value) });
      return sendFhir(reply, 200, bundleOf(base, 'QuestionnaireResponse', found));
    });
    fhir.get('/QuestionnaireResponse/:id', async (request, reply) => {
      const caller = fhirCallerOf(request);
      requireScope(caller, 'QuestionnaireResponse', 'read');
      return sendFhir(reply, 200, await questionnaireResponseFor(db, caller, idOf(request).toLowerCase()));
    });
  };
