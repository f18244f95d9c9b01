// Observation: two kinds behind one type.
// - A test record (検査, category laboratory): the code is its method (診断方法), the specimen a
//   contained Specimen, the result a coded value; a pending result is an Observation still
//   `registered`, without a value.
// - A health observation (健康観察, category survey): temperature, SpO2 and pulse as LOINC
//   components with UCUM units, each symptom reported as a component, the patient's answer to
//   「今日の体調は？」 as text. A self-report replaced the same day is left out (its replacement is served).
import type { Observation, ObservationComponent } from '@medplum/fhirtypes';
import {
  HEALTH_OBSERVATION_SYSTEM,
  LOINC,
  SPECIMEN_SYSTEM,
  SYMPTOM_SYSTEM,
  TEST_METHOD_SYSTEM,
  TEST_RESULT_SYSTEM,
  UCUM,
} from '../../domain/fhir/systems.ts';
import { SPECIMEN_LABELS, TEST_METHOD_LABELS, TEST_METHODS, TEST_RESULT_LABELS, type Specimen, type TestMethod, type TestResult } from '../../domain/lab-tests.ts';
import { SYMPTOMS, type Symptom } from '../../domain/red-flags.ts';
import * as repo from './repo.ts';
import type { ResourceType } from './resource.ts';
import { badParameter } from './outcome.ts';
import { checkKnown, dateParams, parsePatientReference, parseToken, tokenMatches, valuesOf, type Query } from './search.ts';

const CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
const HEALTH_CODE = 'health-observation';
const FEELING: Record<string, string> = { better: '良くなった', same: '変わらない', worse: '悪くなった' };

export function labObservation(l: repo.LabTestRow): Observation {
  const method = l.method as TestMethod;
  const specimen = l.specimen as Specimen;
  const result = l.result as TestResult;
  const pending = result === 'pending';
  const effective = l.collected_on ?? l.result_on;
  return {
    resourceType: 'Observation',
    id: l.id,
    meta: { versionId: String(l.version), lastUpdated: l.updated_at },
    contained: [
      {
        resourceType: 'Specimen',
        id: 'specimen',
        type: { coding: [{ system: SPECIMEN_SYSTEM, code: specimen, display: SPECIMEN_LABELS[specimen]?.ja }], ...(l.specimen_other ? { text: l.specimen_other } : {}) },
        subject: { reference: `Patient/${l.person_id}` },
        ...(l.collected_on ? { collection: { collectedDateTime: l.collected_on } } : {}),
      },
    ],
    status: pending ? 'registered' : 'final',
    category: [{ coding: [{ system: CATEGORY, code: 'laboratory', display: 'Laboratory' }] }],
    code: { coding: [{ system: TEST_METHOD_SYSTEM, code: method, display: TEST_METHOD_LABELS[method]?.ja }], text: TEST_METHOD_LABELS[method]?.ja },
    subject: { reference: `Patient/${l.person_id}` },
    ...(effective ? { effectiveDateTime: effective } : {}),
    ...(l.lab_name ? { performer: [{ display: l.lab_name }] } : {}),
    ...(pending ? {} : { valueCodeableConcept: { coding: [{ system: TEST_RESULT_SYSTEM, code: result, display: TEST_RESULT_LABELS[result]?.ja }], text: TEST_RESULT_LABELS[result]?.ja } }),
    specimen: { reference: '#specimen' },
  };
}

const quantity = (loinc: string, display: string, value: number, unit: string, code: string): ObservationComponent => ({
  code: { coding: [{ system: LOINC, code: loinc, display }] },
  valueQuantity: { value, unit, system: UCUM, code },
});

export function healthObservation(h: repo.HealthObservationRow): Observation {
  const components: ObservationComponent[] = [
    ...(h.temperature !== null ? [quantity('8310-5', 'Body temperature', Number(h.temperature), '°C', 'Cel')] : []),
    ...(h.spo2 !== null ? [quantity('59408-5', 'Oxygen saturation in Arterial blood by Pulse oximetry', h.spo2, '%', '%')] : []),
    ...(h.pulse !== null ? [quantity('8867-4', 'Heart rate', h.pulse, '/min', '/min')] : []),
    ...h.symptoms.map((s) => ({
      code: { coding: [{ system: SYMPTOM_SYSTEM, code: s, ...(s in SYMPTOMS ? { display: SYMPTOMS[s as Symptom].ja } : {}) }] },
      valueBoolean: true,
    })),
    ...(h.feeling ? [{ code: { coding: [{ system: HEALTH_OBSERVATION_SYSTEM, code: 'feeling', display: '今日の体調' }] }, valueString: FEELING[h.feeling] ?? h.feeling }] : []),
  ];
  return {
    resourceType: 'Observation',
    id: h.id,
    meta: { lastUpdated: h.created_at },
    status: 'final',
    category: [{ coding: [{ system: CATEGORY, code: 'survey', display: 'Survey' }] }],
    code: { coding: [{ system: HEALTH_OBSERVATION_SYSTEM, code: HEALTH_CODE, display: '健康観察' }], text: '健康観察' },
    subject: { reference: `Patient/${h.person_id}` },
    effectiveDateTime: h.observed_at,
    ...(h.source === 'self' ? { performer: [{ reference: `Patient/${h.person_id}` }] } : h.recorded_by_name ? { performer: [{ display: h.recorded_by_name }] } : {}),
    ...(components.length ? { component: components } : {}),
  };
}

/** The codes (test methods, health-observation) a code search value matches. */
function codesMatching(value: string): string[] {
  const t = parseToken('code', value);
  return [...TEST_METHODS.filter((m) => tokenMatches(t, TEST_METHOD_SYSTEM, m)), ...(tokenMatches(t, HEALTH_OBSERVATION_SYSTEM, HEALTH_CODE) ? [HEALTH_CODE] : [])];
}

function category(value: string): string {
  const t = parseToken('category', value);
  const found = ['laboratory', 'survey'].find((c) => tokenMatches(t, CATEGORY, c));
  if (!found && t.system !== undefined && t.system !== CATEGORY && t.system !== null) return 'none';
  if (!found) throw badParameter('category', 'category: laboratory or survey');
  return found;
}

export const OBSERVATION: ResourceType<Observation, repo.ObservationFilter> = {
  type: 'Observation',
  searchParams: [
    { name: 'patient', type: 'reference', documentation: 'Patient/<id>' },
    { name: 'code', type: 'token', documentation: `A test method (${TEST_METHOD_SYSTEM}|naat, …) or ${HEALTH_OBSERVATION_SYSTEM}|${HEALTH_CODE}` },
    { name: 'category', type: 'token', documentation: 'laboratory (test records) or survey (health observations)' },
    { name: 'date', type: 'date', documentation: 'The day of the specimen (else of the result) or of the health observation' },
    { name: '_lastUpdated', type: 'date', documentation: 'When the record was last changed' },
  ],
  filter(query: Query) {
    checkKnown(query, this.searchParams.map((p) => p.name));
    return {
      patients: valuesOf(query, 'patient').map((v) => parsePatientReference('patient', v)),
      codes: valuesOf(query, 'code').map(codesMatching),
      categories: valuesOf(query, 'category').map(category),
      date: dateParams(query, 'date'),
      lastUpdated: dateParams(query, '_lastUpdated'),
    };
  },
  byId: (id) => ({ id, patients: [], codes: [], categories: [], date: [], lastUpdated: [] }),
  page: repo.observationPage,
  async load(tx, ids) {
    const [labs, health] = [await repo.labTestsById(tx, ids), await repo.healthObservationsById(tx, ids)];
    const byId = new Map<string, Observation>([...labs.map((l) => [l.id, labObservation(l)] as const), ...health.map((h) => [h.id, healthObservation(h)] as const)]);
    const rows = [...labs, ...health];
    return {
      resources: ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])),
      caseIds: rows.map((r) => r.case_id),
      personIds: rows.map((r) => r.person_id),
    };
  },
};
