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
  SYMPTOM_SYSTEM,
  TEST_METHOD_SYSTEM,
  UCUM,
} from '../../domain/fhir/systems.ts';
import { TEST_METHODS, type Specimen, type TestMethod, type TestResult } from '../../domain/lab-tests.ts';
import { SYMPTOMS, type Symptom } from '../../domain/red-flags.ts';
import { observationOf } from '../../domain/fhir-forms/observation.ts';
import * as repo from './repo.ts';
import type { ResourceType } from './resource.ts';
import { badParameter } from './outcome.ts';
import { checkKnown, dateParams, parsePatientReference, parseToken, tokenMatches, valuesOf, type Query } from './search.ts';

const CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
const HEALTH_CODE = 'health-observation';
const FEELING: Record<string, string> = { better: '良くなった', same: '変わらない', worse: '悪くなった' };

/** A test record as the intake reads an Observation (one mapping, domain/fhir-forms), with its version. */
export function labObservation(l: repo.LabTestRow): Observation {
  const o = observationOf(
    {
      id: l.id,
      method: l.method as TestMethod,
      specimen: l.specimen as Specimen,
      result: l.result as TestResult,
      ...(l.specimen_other ? { specimenOther: l.specimen_other } : {}),
      ...(l.collected_on ? { collectedOn: l.collected_on } : {}),
      ...(l.result_on ? { resultOn: l.result_on } : {}),
      ...(l.lab_name ? { labName: l.lab_name } : {}),
    },
    { reference: `Patient/${l.person_id}` },
  );
  // Without a collection date the test is placed on the day its result was known.
  const effective = l.collected_on ?? l.result_on;
  return { ...o, meta: { versionId: String(l.version), lastUpdated: l.updated_at }, ...(effective ? { effectiveDateTime: effective } : {}) };
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
