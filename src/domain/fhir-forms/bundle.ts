// A notification Bundle as a clinic system posts it (the eInfectionReport draft's shape: Patient +
// QuestionnaireResponse + Observations): its checks before anything is written, and where a
// notification's field paths (legal minimum, logic checks) are in it. Every expression is rooted
// at the posted Bundle (Bundle.entry[i].resource…), since it is the Bundle that was sent.
import type { Bundle, Observation, Patient, QuestionnaireResponse } from '@medplum/fhirtypes';
import { selectForm } from '../forms/answers.ts';
import type { FormDefinition } from '../forms/definition.ts';
import { MAX_TESTS_PER_ENTRY } from '../lab-tests.ts';
import { DATE_FIELDS, FOUR_GROUP_OPTIONS, type FieldPath } from '../logic-checks.ts';
import type { Localized } from '../messages.ts';
import { EXTENSION } from './canonical.ts';
import type { CoreKey } from './core-items.ts';
import { type FhirIssue } from './issues.ts';
import { testFromObservation, type TestFields } from './observation.ts';
import { personExpression, personFromPatient, type PersonFields } from './patient.ts';
import { definitionOfCanonical } from './questionnaire.ts';
import { BundleShape, shapeIssues, SHAPES } from './shapes.ts';
import { answerExpression, answersFromQuestionnaireResponse, coreExpression, ROOT, type NotificationAnswers } from './response.ts';

export const BUNDLE_TYPES = ['transaction', 'collection', 'message'] as const;
/** Resources a clinic system may send along that the intake does not store (the reporter is the client's institution). */
const IGNORED = new Set(['MessageHeader', 'Practitioner', 'PractitionerRole', 'Organization', 'Encounter', 'Condition', 'Provenance']);

/** What to do about likely duplicates (EXTENSION.registration on the Bundle). */
export type RegistrationChoice = { kind: 'unspecified' } | { kind: 'new_person' } | { kind: 'same_person'; personId: string };

export interface NotificationBundle {
  identifier: { system: string; value: string };
  def: FormDefinition;
  person: PersonFields;
  notification: NotificationAnswers;
  /** Test records in Bundle order, with the index of their entry. */
  tests: { entry: number; test: TestFields }[];
  registration: RegistrationChoice;
  acknowledgedWarnings: string[];
  /** Entry indexes of the Patient and the QuestionnaireResponse. */
  patientEntry: number;
  responseEntry: number;
  /** Notes for the receipt (resources not stored). */
  notes: FhirIssue[];
}

const M = {
  notBundle: { ja: 'Bundle を送ってください。', en: 'Send a Bundle.' },
  type: { ja: `Bundle.type は ${BUNDLE_TYPES.join(' / ')} のいずれかです。`, en: `Bundle.type must be one of ${BUNDLE_TYPES.join(', ')}.` },
  identifier: {
    ja: 'Bundle.identifier（system と value）は必須です。同じ Bundle の再送を同じものと判断するために使います。',
    en: 'Bundle.identifier (system and value) is required: it tells a resent Bundle from a new one.',
  },
  one: (type: string, n: number): Localized => ({ ja: `${type} はちょうど1つ必要です（${n}個あります）。`, en: `Exactly one ${type} is required (found ${n}).` }),
  tooManyTests: { ja: `検査は1回に${MAX_TESTS_PER_ENTRY}件まで登録できます。`, en: `At most ${MAX_TESTS_PER_ENTRY} test records at once.` },
  unsupported: (type: string): Localized => ({ ja: `${type} は受け付けていません。`, en: `${type} is not accepted here.` }),
  ignored: (type: string): Localized => ({ ja: `${type} は保存されません（報告者は認証された医療機関です）。`, en: `${type} is not stored (the reporter is the authenticated institution).` }),
  questionnaire: { ja: 'QuestionnaireResponse.questionnaire が既知の様式の版（url|version）を指していません。', en: 'QuestionnaireResponse.questionnaire does not name a known form version (url|version).' },
  notInForce: (version: string, on: string): Localized => ({
    ja: `診断日（${on}）に施行されている様式は ${version} 版ではありません。`,
    en: `The form version in force on the diagnosis date (${on}) is not ${version}.`,
  }),
  noneInForce: (on: string): Localized => ({ ja: `${on} に施行されている様式がありません。`, en: `No form version is in force on ${on}.` }),
  subject: { ja: 'subject は Bundle 内の Patient を参照してください。', en: 'subject must refer to the Patient in the Bundle.' },
  registration: { ja: '重複確認の拡張は valueCode "new-person" か valueReference "Patient/<id>" です。', en: 'The registration extension is valueCode "new-person" or valueReference "Patient/<id>".' },
  acknowledged: { ja: '確認済みの警告の拡張は valueCode（規則ID）です。', en: 'An acknowledged-warning extension carries valueCode (the rule id).' },
};

const err = (expression: string, code: FhirIssue['code'], detail: string, message: Localized): FhirIssue => ({ severity: 'error', code, detail, expression: [expression], message });

/** Rebases a resource-rooted expression (Patient.…, QuestionnaireResponse.…) onto the Bundle entry. */
export const inEntry = (expression: string, entry: number) => expression.replace(/^[A-Za-z]+/, `Bundle.entry[${entry}].resource`);

function refersTo(reference: string | undefined, patient: Patient, fullUrl: string | undefined): boolean {
  if (reference === undefined) return true;
  return reference === fullUrl || (patient.id !== undefined && reference === `Patient/${patient.id}`);
}

/**
 * The Bundle's notification, or what is wrong with it. `today` (Japan) chooses the form version
 * when the diagnosis date is not given, as the web form does.
 */
export function parseNotificationBundle(defs: readonly FormDefinition[], input: unknown, today: string): { value?: NotificationBundle; issues: FhirIssue[] } {
  const bundle = input as Bundle;
  if (typeof input !== 'object' || input === null || bundle.resourceType !== 'Bundle') return { issues: [err('Bundle', 'structure', 'not_a_bundle', M.notBundle)] };
  // Shapes first: nothing below reads a value whose type it has not checked.
  const shape = shapeIssues(BundleShape, input, 'Bundle');
  if (shape.length) return { issues: shape };
  const shapes = (bundle.entry ?? []).flatMap((e, i) => {
    const schema = SHAPES[e.resource!.resourceType];
    return schema ? shapeIssues(schema, e.resource, `Bundle.entry[${i}].resource`) : [];
  });
  if (shapes.length) return { issues: shapes };
  const issues: FhirIssue[] = [];
  const notes: FhirIssue[] = [];
  if (!BUNDLE_TYPES.includes(bundle.type as (typeof BUNDLE_TYPES)[number])) issues.push(err('Bundle.type', 'value', 'bundle_type', M.type));
  const id = bundle.identifier;
  if (!id?.system?.trim() || !id.value?.trim() || id.system.length > 500 || id.value.length > 500) issues.push(err('Bundle.identifier', 'required', 'bundle_identifier', M.identifier));

  const entries = (bundle.entry ?? []).map((e, i) => ({ i, fullUrl: e.fullUrl, resource: e.resource }));
  const of = <T>(type: string) => entries.filter((e) => e.resource?.resourceType === type) as { i: number; fullUrl?: string; resource: T }[];
  const patients = of<Patient>('Patient');
  const responses = of<QuestionnaireResponse>('QuestionnaireResponse');
  const observations = of<Observation>('Observation');
  if (patients.length !== 1) issues.push(err('Bundle.entry', 'structure', 'one_patient', M.one('Patient', patients.length)));
  if (responses.length !== 1) issues.push(err('Bundle.entry', 'structure', 'one_questionnaire_response', M.one('QuestionnaireResponse', responses.length)));
  if (observations.length > MAX_TESTS_PER_ENTRY) issues.push(err('Bundle.entry', 'too-costly', 'too_many_tests', M.tooManyTests));
  for (const e of entries) {
    const type = e.resource?.resourceType ?? '(none)';
    if (['Patient', 'QuestionnaireResponse', 'Observation'].includes(type)) continue;
    if (IGNORED.has(type)) notes.push({ severity: 'information', code: 'informational', detail: 'ignored', expression: [`Bundle.entry[${e.i}]`], message: M.ignored(type) });
    else issues.push(err(`Bundle.entry[${e.i}]`, 'not-supported', 'unsupported_resource', M.unsupported(type)));
  }

  let person: PersonFields | undefined;
  const patient = patients.length === 1 ? patients[0] : undefined;
  if (patient) {
    const r = personFromPatient(patient.resource);
    issues.push(...r.issues.map((i) => ({ ...i, expression: i.expression.map((x) => inEntry(x, patient.i)) })));
    person = r.value;
  }

  let def: FormDefinition | undefined;
  let notification: NotificationAnswers | undefined;
  const response = responses.length === 1 ? responses[0] : undefined;
  const at = (x: string) => (response ? inEntry(x, response.i) : x);
  // Extensions on the QuestionnaireResponse (a Bundle carries none): the duplicate choice and acknowledged warnings.
  let registration: RegistrationChoice = { kind: 'unspecified' };
  const acknowledgedWarnings: string[] = [];
  (response?.resource.extension ?? []).forEach((x, k) => {
    if (x.url === EXTENSION.registration) {
      const ref = x.valueReference?.reference;
      if (x.valueCode === 'new-person') registration = { kind: 'new_person' };
      else if (ref && /^Patient\/[0-9a-f-]{36}$/i.test(ref)) registration = { kind: 'same_person', personId: ref.slice('Patient/'.length).toLowerCase() };
      else issues.push(err(at(`${ROOT}.extension[${k}]`), 'value', 'registration_extension', M.registration));
    } else if (x.url === EXTENSION.acknowledgedWarning) {
      if (typeof x.valueCode === 'string' && x.valueCode.length <= 64) acknowledgedWarnings.push(x.valueCode);
      else issues.push(err(at(`${ROOT}.extension[${k}]`), 'value', 'acknowledged_warning_extension', M.acknowledged));
    }
  });

  if (response) {
    def = definitionOfCanonical(defs, response.resource.questionnaire);
    if (!def) issues.push(err(at(`${ROOT}.questionnaire`), 'not-found', 'unknown_questionnaire', M.questionnaire));
    else {
      const r = answersFromQuestionnaireResponse(def, response.resource);
      issues.push(...r.issues.map((i) => ({ ...i, expression: i.expression.map(at) })));
      notification = r.value;
      if (notification) {
        // The version in force on the diagnosis date, as the web form chooses it.
        const on = notification.diagnosedOn ?? today;
        const inForce = selectForm(defs, def.formId, on);
        if (inForce !== def) {
          issues.push(err(at(`${ROOT}.questionnaire`), 'business-rule', 'questionnaire_not_in_force', inForce ? M.notInForce(def.version, on) : M.noneInForce(on)));
        }
      }
    }
    if (patient && !refersTo(response.resource.subject?.reference, patient.resource, patient.fullUrl)) issues.push(err(at(`${ROOT}.subject`), 'invalid', 'subject', M.subject));
  }

  const tests: NotificationBundle['tests'] = [];
  for (const o of observations) {
    const r = testFromObservation(o.resource, `Bundle.entry[${o.i}].resource`);
    issues.push(...r.issues);
    if (r.value) tests.push({ entry: o.i, test: r.value });
    if (patient && !refersTo(o.resource.subject?.reference, patient.resource, patient.fullUrl)) issues.push(err(`Bundle.entry[${o.i}].resource.subject`, 'invalid', 'subject', M.subject));
  }

  if (issues.length || !def || !person || !notification || !patient || !response) return { issues };
  return {
    value: {
      identifier: { system: id!.system!.trim(), value: id!.value!.trim() },
      def,
      person,
      notification,
      tests,
      registration,
      acknowledgedWarnings,
      patientEntry: patient.i,
      responseEntry: response.i,
      notes,
    },
    issues: [],
  };
}

const TEST_FIELDS: Record<string, string> = {
  collectedOn: 'effective',
  resultOn: `extension.where(url='${EXTENSION.resultDate}')`,
  specimen: 'specimen',
  method: 'code',
  result: 'value',
};

/**
 * Where a notification's field path (as the legal minimum and the logic checks name it:
 * ['dates', 'onset'], ['person', 'birthDate'], ['tests', 1, 'collectedOn'], ['answers', …]) is in
 * the Bundle. `testEntry` gives the entry of the case's i-th test record, when it came in the Bundle.
 */
export function bundleExpression(b: Pick<NotificationBundle, 'def' | 'patientEntry' | 'responseEntry' | 'tests'>, path: FieldPath, testEntry: (i: number) => number | undefined): string {
  const qr = (x: string) => inEntry(x, b.responseEntry);
  const [head, next, field] = path;
  switch (head) {
    case 'person':
    case 'guardian':
      return inEntry(personExpression(path), b.patientEntry);
    case 'dates':
      return next === 'report' ? 'Bundle.timestamp' : qr(coreExpression((DATE_FIELDS[String(next)] ?? 'diagnosedOn') as CoreKey));
    case 'classification':
    case 'occupation':
    case 'admitted':
    case 'symptomatic':
    case 'clinicalDiagnosis':
      return qr(coreExpression(head));
    case 'answers':
      return qr(answerExpression(b.def, path.slice(1)));
    case 'fourGroups':
      return qr(answerExpression(b.def, next === undefined ? ['four_groups'] : ['four_groups', FOUR_GROUP_OPTIONS[String(next)] ?? String(next)]));
    case 'tests': {
      const entry = typeof next === 'number' ? testEntry(next) : undefined;
      if (entry === undefined) return b.tests.length ? `Bundle.entry.resource.ofType(Observation)` : 'Bundle.entry';
      return `Bundle.entry[${entry}].resource${field !== undefined && TEST_FIELDS[String(field)] ? `.${TEST_FIELDS[String(field)]}` : ''}`;
    }
    case 'reporter':
      return 'Bundle';
    default:
      return qr(ROOT);
  }
}
