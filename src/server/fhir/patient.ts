// Patient: a person (患者) with the cases the caller sees as identifiers (HER-SYS ID). The kanji and
// the kana name are two HumanNames marked IDE and SYL (ISO 21090 representation, as JP Core does).
import type { HumanName, Patient } from '@medplum/fhirtypes';
import { kanaKey } from '../../domain/kana.ts';
import { CASE_NUMBER_SYSTEM } from '../../domain/fhir/systems.ts';
import * as repo from './repo.ts';
import type { ResourceType } from './resource.ts';
import { checkKnown, dateParams, parseToken, valuesOf, type Query } from './search.ts';

const REPRESENTATION = 'http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation';

function humanName(full: string, representation: 'IDE' | 'SYL'): HumanName {
  const parts = full.trim().split(/[\s　]+/).filter(Boolean);
  return {
    extension: [{ url: REPRESENTATION, valueCode: representation }],
    use: 'official',
    text: full.trim(),
    ...(parts.length > 1 ? { family: parts[0], given: parts.slice(1) } : parts.length ? { family: parts[0] } : {}),
  };
}

export function toPatient(p: repo.PatientRow): Patient {
  const nonEmpty = (s: string | null) => (s && s.trim() ? s.trim() : null);
  const [residence, registered, phone, email] = [p.residence_address, p.registered_address, p.phone, p.email].map(nonEmpty);
  return {
    resourceType: 'Patient',
    id: p.id,
    meta: { versionId: String(p.version), lastUpdated: p.updated_at },
    ...(p.cases.length ? { identifier: p.cases.map((c) => ({ use: 'usual' as const, system: CASE_NUMBER_SYSTEM, value: c.caseNumber })) } : {}),
    name: [humanName(p.name_kanji, 'IDE'), humanName(p.name_kana, 'SYL')].filter((n) => n.text),
    gender: p.sex,
    birthDate: p.birth_date,
    ...(phone || email
      ? { telecom: [...(phone ? [{ system: 'phone' as const, value: phone }] : []), ...(email ? [{ system: 'email' as const, value: email }] : [])] }
      : {}),
    // 住所 is the registered address; 所在地 (居所) is where the person stays now.
    ...(registered || residence
      ? { address: [...(registered ? [{ use: 'home' as const, text: registered }] : []), ...(residence ? [{ use: 'temp' as const, text: residence }] : [])] }
      : {}),
  };
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
