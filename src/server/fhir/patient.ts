// Patient: a person (患者) with the cases the caller sees as identifiers (HER-SYS ID), in the same
// shape the Bundle intake reads (domain/fhir-forms/patient.ts), so a client reads back what it sent.
import type { Patient } from '@medplum/fhirtypes';
import { patientOf } from '../../domain/fhir-forms/patient.ts';
import { kanaKey } from '../../domain/kana.ts';
import { CASE_NUMBER_SYSTEM } from '../../domain/fhir/systems.ts';
import * as repo from './repo.ts';
import type { ResourceType } from './resource.ts';
import { checkKnown, dateParams, parseToken, valuesOf, type Query } from './search.ts';

/** The person as the intake reads a Patient (one mapping, domain/fhir-forms), with the HER-SYS IDs of the cases the caller sees. */
export function toPatient(p: repo.PatientRow): Patient {
  const nonEmpty = (s: string | null) => (s && s.trim() ? s.trim() : null);
  const patient = patientOf({
    id: p.id,
    nameKanji: p.name_kanji,
    nameKana: p.name_kana,
    sex: p.sex,
    birthDate: p.birth_date,
    residenceAddress: nonEmpty(p.residence_address),
    registeredAddress: nonEmpty(p.registered_address),
    phone: nonEmpty(p.phone),
    email: nonEmpty(p.email),
  });
  const caseNumbers = p.cases.map((c) => ({ use: 'usual' as const, system: CASE_NUMBER_SYSTEM, value: c.caseNumber }));
  // The id is the person's already: the identifiers are the HER-SYS IDs, which a clinic system searches by.
  const { identifier: _personId, ...rest } = patient;
  return { ...rest, meta: { versionId: String(p.version), lastUpdated: p.updated_at }, ...(caseNumbers.length ? { identifier: caseNumbers } : {}) };
}

export const PATIENT: ResourceType<Patient, repo.PatientFilter> = {
  type: 'Patient',
  searchParams: [
    { name: 'identifier', type: 'token', documentation: `HER-SYS ID (case number): ${CASE_NUMBER_SYSTEM}|<number> or <number>` },
    { name: 'name', type: 'string', documentation: 'Starts a part of the kanji or kana name, or the whole name without spaces (kana folded as the case search does)' },
    { name: 'birthdate', type: 'date', documentation: 'Date of birth, with eq, ne, gt, lt, ge, le' },
    { name: '_lastUpdated', type: 'date', documentation: 'When the person was last changed' },
  ],
  filter(query: Query) {
    checkKnown(query, this.searchParams.map((p) => p.name));
    const caseNumbers = valuesOf(query, 'identifier').flatMap((v) => {
      const t = parseToken('identifier', v);
      if (t.system !== undefined && t.system !== CASE_NUMBER_SYSTEM) return ['']; // another system's: nobody here has it
      return t.code === undefined ? [] : [t.code]; // system| alone: any HER-SYS ID, i.e. every patient
    });
    return {
      caseNumbers,
      names: valuesOf(query, 'name').map((text) => ({ text, kanaKey: kanaKey(text) })),
      birthDate: dateParams(query, 'birthdate'),
      lastUpdated: dateParams(query, '_lastUpdated'),
    };
  },
  byId: (id) => ({ id, caseNumbers: [], names: [], birthDate: [], lastUpdated: [] }),
  page: repo.patientPage,
  async load(tx, ids) {
    const rows = await repo.patientsById(tx, ids);
    return { resources: rows.map(toPatient), caseIds: rows.flatMap((r) => r.cases.map((c) => c.id)), personIds: rows.map((r) => r.id) };
  },
};
