// Encounter: a hospital stay (医療タブ「入院」), admission to discharge, at the hospital that keeps it.
import type { Encounter } from '@medplum/fhirtypes';
import { ADMISSION_OUTCOME_SYSTEM } from '../../domain/fhir/systems.ts';
import * as repo from './repo.ts';
import type { ResourceType } from './resource.ts';
import { checkKnown, dateParams, parsePatientReference, valuesOf, type Query } from './search.ts';

const OUTCOME: Record<string, string> = { recovered: '軽快', transferred: '転院', died: '死亡', other: 'その他' };

export function toEncounter(a: repo.EncounterRow): Encounter {
  return {
    resourceType: 'Encounter',
    id: a.id,
    meta: { versionId: String(a.version), lastUpdated: a.updated_at },
    status: a.discharged_on ? 'finished' : 'in-progress',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP', display: 'inpatient encounter' },
    subject: { reference: `Patient/${a.person_id}` },
    period: { start: a.admitted_on, ...(a.discharged_on ? { end: a.discharged_on } : {}) },
    ...(a.outcome
      ? { hospitalization: { dischargeDisposition: { coding: [{ system: ADMISSION_OUTCOME_SYSTEM, code: a.outcome, display: OUTCOME[a.outcome] ?? a.outcome }] } } }
      : {}),
    ...(a.ward ? { location: [{ location: { display: a.ward } }] } : {}),
    ...(a.hospital_name ? { serviceProvider: { display: a.hospital_name } } : {}),
  };
}

export const ENCOUNTER: ResourceType<Encounter, repo.EncounterFilter> = {
  type: 'Encounter',
  searchParams: [
    { name: 'patient', type: 'reference', documentation: 'Patient/<id>' },
    { name: 'date', type: 'date', documentation: 'Days of the stay (overlap: eq means the stay includes part of the range)' },
    { name: '_lastUpdated', type: 'date', documentation: 'When the admission was last changed' },
  ],
  filter(query: Query) {
    checkKnown(query, this.searchParams.map((p) => p.name));
    return {
      patients: valuesOf(query, 'patient').map((v) => parsePatientReference('patient', v)),
      date: dateParams(query, 'date'),
      lastUpdated: dateParams(query, '_lastUpdated'),
    };
  },
  byId: (id) => ({ id, patients: [], date: [], lastUpdated: [] }),
  page: repo.encounterPage,
  async load(tx, ids) {
    const rows = await repo.encountersById(tx, ids);
    return { resources: rows.map(toEncounter), caseIds: rows.map((r) => r.case_id), personIds: rows.map((r) => r.person_id) };
  },
};
