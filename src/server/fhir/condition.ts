// Condition: the notified disease of a case, one per notification once submitted (a draft is not a
// notification yet). Its verification status follows the classification (診断分類): a confirmed
// patient, an asymptomatic carrier or the body of one who died of it is confirmed; a suspected case
// or body is provisional; a notification the centre withdrew is entered-in-error. The
// classification itself is a second category coding (urn:hersys:classification), the disease the
// form's (urn:hersys:disease) with its ICD-10 code.
import type { CodeableConcept, Condition } from '@medplum/fhirtypes';
import { CASE_NUMBER_SYSTEM, CLASSIFICATION_SYSTEM, DISEASE_SYSTEM, ICD10, ICD10_OF_DISEASE } from '../../domain/fhir/systems.ts';
import { CLASSIFICATION_LABELS, type Classification } from '../../domain/notification.ts';
import { formDefinitions } from '../notifications/forms.ts';
import * as repo from './repo.ts';
import type { ResourceType } from './resource.ts';
import { checkKnown, dateParams, parsePatientReference, parseToken, tokenMatches, valuesOf, type Query } from './search.ts';

const VERIFICATION: Record<Classification, 'confirmed' | 'provisional'> = {
  patient: 'confirmed',
  asymptomatic_carrier: 'confirmed',
  deceased: 'confirmed',
  suspected: 'provisional',
  suspected_deceased: 'provisional',
};

const concept = (system: string, code: string, display?: string) => ({ coding: [{ system, code, ...(display ? { display } : {}) }] });

/** The disease of a form (its definitions agree across versions), with the ICD-10 code when one is known. */
function diseaseOf(formId: string): CodeableConcept {
  const def = formDefinitions().find((d) => d.formId === formId);
  const code = def?.disease.code ?? formId;
  const icd = ICD10_OF_DISEASE[code];
  return {
    coding: [{ system: DISEASE_SYSTEM, code, ...(def ? { display: def.disease.ja } : {}) }, ...(icd ? [{ system: ICD10, code: icd.code, display: icd.display }] : [])],
    ...(def ? { text: def.disease.ja } : {}),
  };
}

/** The forms whose disease a code search value names (by our disease code or its ICD-10 code). */
function formsMatching(value: string): string[] {
  const t = parseToken('code', value);
  return [...new Set(formDefinitions().map((d) => d.formId))].filter((formId) => {
    const code = formDefinitions().find((d) => d.formId === formId)!.disease.code;
    const icd = ICD10_OF_DISEASE[code];
    return tokenMatches(t, DISEASE_SYSTEM, code) || (icd !== undefined && tokenMatches(t, ICD10, icd.code));
  });
}

export function toCondition(n: repo.ConditionRow): Condition {
  const classification = n.classification as Classification;
  const withdrawn = n.status === 'withdrawn';
  const ended = n.current_status === 'released' || n.current_status === 'died';
  return {
    resourceType: 'Condition',
    id: n.id,
    meta: { versionId: String(n.version), lastUpdated: n.updated_at },
    identifier: [{ system: CASE_NUMBER_SYSTEM, value: n.case_number }],
    // A withdrawn notification has no clinical status (con-5).
    ...(withdrawn ? {} : { clinicalStatus: concept('http://terminology.hl7.org/CodeSystem/condition-clinical', ended ? 'resolved' : 'active') }),
    verificationStatus: concept('http://terminology.hl7.org/CodeSystem/condition-ver-status', withdrawn ? 'entered-in-error' : VERIFICATION[classification]),
    category: [
      concept('http://terminology.hl7.org/CodeSystem/condition-category', 'encounter-diagnosis', 'Encounter Diagnosis'),
      concept(CLASSIFICATION_SYSTEM, classification, CLASSIFICATION_LABELS[classification].ja),
    ],
    code: diseaseOf(n.form_id),
    subject: { reference: `Patient/${n.person_id}` },
    ...(n.onset_on ? { onsetDateTime: n.onset_on } : {}),
    ...(n.first_submitted_at ? { recordedDate: n.first_submitted_at } : {}),
    ...(n.doctor_name ? { asserter: { display: n.reporter_institution_name ? `${n.doctor_name}（${n.reporter_institution_name}）` : n.doctor_name } } : {}),
  };
}

export const CONDITION: ResourceType<Condition, repo.ConditionFilter> = {
  type: 'Condition',
  searchParams: [
    { name: 'patient', type: 'reference', documentation: 'Patient/<id>' },
    { name: 'identifier', type: 'token', documentation: `HER-SYS ID (case number): ${CASE_NUMBER_SYSTEM}|<number> or <number>` },
    { name: 'code', type: 'token', documentation: `The disease: ${DISEASE_SYSTEM}|covid19 or ${ICD10}|U07.1` },
    { name: '_lastUpdated', type: 'date', documentation: 'When the notification was last changed' },
  ],
  filter(query: Query) {
    checkKnown(query, this.searchParams.map((p) => p.name));
    return {
      patients: valuesOf(query, 'patient').map((v) => parsePatientReference('patient', v)),
      caseNumbers: valuesOf(query, 'identifier').flatMap((v) => {
        const t = parseToken('identifier', v);
        if (t.system !== undefined && t.system !== CASE_NUMBER_SYSTEM) return [''];
        return t.code === undefined ? [] : [t.code];
      }),
      formIds: valuesOf(query, 'code').map(formsMatching),
      lastUpdated: dateParams(query, '_lastUpdated'),
    };
  },
  byId: (id) => ({ id, patients: [], caseNumbers: [], formIds: [], lastUpdated: [] }),
  page: repo.conditionPage,
  async load(tx, ids) {
    const rows = await repo.conditionsById(tx, ids);
    return { resources: rows.map(toCondition), caseIds: rows.map((r) => r.case_id), personIds: rows.map((r) => r.person_id) };
  },
};
