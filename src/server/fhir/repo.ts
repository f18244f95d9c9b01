// SQL of the FHIR read API, inside the calling client's transaction (row-level security: its
// service-account ID sees what the institution's staff see). A search is two statements over the
// same conditions: the total, and one page of ids after the cursor in id order; the rows of the page
// are then read whole.
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Tx } from '../db/database.ts';
import { dateCondition, periodCondition, type DateParam } from './search.ts';

const and = (conds: SQL[]) => (conds.length ? sql.join(conds, sql` AND `) : sql`true`);
const likePrefix = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`) + '%';
const iso = (column: SQL) => sql`to_json(${column})#>>'{}'`;

export interface Page {
  ids: string[];
  more: boolean;
  total: number;
}

/** One page of ids of `x` (a FROM clause whose rows have an `id`) under the conditions. */
async function pageOf(tx: Tx, from: SQL, where: SQL[], after: string | null, limit: number): Promise<Page> {
  const [{ n }] = await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM ${from} WHERE ${and(where)}`);
  const page = await rows<{ id: string }>(
    tx,
    sql`SELECT x.id FROM ${from} WHERE ${and([...where, ...(after ? [sql`x.id > ${after}::uuid`] : [])])} ORDER BY x.id LIMIT ${limit + 1}`,
  );
  return { ids: page.slice(0, limit).map((r) => r.id), more: page.length > limit, total: n };
}

const byIds = (ids: string[]) => sql`ARRAY[${sql.join(ids.map((id) => sql`${id}`), sql`, `)}]::uuid[]`;

// --- Patient (persons) --------------------------------------------------------------------------

export interface PatientFilter {
  id?: string;
  /** Each: the person has a case with this number. */
  caseNumbers: string[];
  /** Each: a part of the kanji or kana name, the whole name without spaces, or the folded kana starts with it. */
  names: { text: string; kanaKey: string }[];
  birthDate: DateParam[];
  lastUpdated: DateParam[];
}

export function patientPage(tx: Tx, f: PatientFilter, after: string | null, limit: number) {
  const where: SQL[] = [sql`x.retained_at IS NULL`];
  if (f.id) where.push(sql`x.id = ${f.id}::uuid`);
  for (const n of f.caseNumbers) where.push(sql`EXISTS (SELECT 1 FROM cases c WHERE c.person_id = x.id AND c.case_number = ${n})`);
  for (const { text, kanaKey } of f.names) {
    const squeezed = text.replace(/[\s　]+/g, '');
    where.push(sql`(replace(replace(x.name_kanji, ' ', ''), '　', '') LIKE ${likePrefix(squeezed)}
      OR EXISTS (SELECT 1 FROM regexp_split_to_table(x.name_kanji || ' ' || x.name_kana, '[ 　]+') part WHERE part LIKE ${likePrefix(text)})
      ${kanaKey ? sql`OR x.name_kana_key LIKE ${likePrefix(kanaKey)}` : sql``})`);
  }
  for (const p of f.birthDate) where.push(dateCondition(sql`x.birth_date`, p, 'date'));
  for (const p of f.lastUpdated) where.push(dateCondition(sql`x.updated_at`, p, 'instant'));
  return pageOf(tx, sql`persons x`, where, after, limit);
}

export interface PatientRow {
  id: string;
  name_kanji: string;
  name_kana: string;
  sex: 'male' | 'female';
  birth_date: string;
  residence_address: string | null;
  registered_address: string | null;
  phone: string | null;
  email: string | null;
  updated_at: string;
  version: number;
  /** The person's cases the caller sees: their numbers are the Patient's identifiers. */
  cases: { id: string; caseNumber: string }[];
}

export function patientsById(tx: Tx, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return rows<PatientRow>(
    tx,
    sql`SELECT p.id, p.name_kanji, p.name_kana, p.sex, p.birth_date::text AS birth_date, p.residence_address, p.registered_address,
               p.phone, p.email, ${iso(sql`p.updated_at`)} AS updated_at, p.version,
               coalesce((SELECT json_agg(json_build_object('id', c.id, 'caseNumber', c.case_number) ORDER BY c.created_at, c.id)
                           FROM cases c WHERE c.person_id = p.id), '[]'::json) AS cases
        FROM persons p WHERE p.id = ANY (${byIds(ids)}) ORDER BY p.id`,
  );
}

// --- Condition (submitted notifications) ------------------------------------------------------

const NOTIFIED = sql`x.status IN ('submitted', 'withdrawn')`;
const conditionFrom = sql`(SELECT n.*, c.person_id, c.case_number FROM notifications n JOIN cases c ON c.id = n.case_id) x`;

export interface ConditionFilter {
  id?: string;
  patients: string[];
  caseNumbers: string[];
  /** Each: the notification's form is one of these (a code matches the forms of its disease). */
  formIds: string[][];
  lastUpdated: DateParam[];
}

export function conditionPage(tx: Tx, f: ConditionFilter, after: string | null, limit: number) {
  const where: SQL[] = [NOTIFIED];
  if (f.id) where.push(sql`x.id = ${f.id}::uuid`);
  for (const p of f.patients) where.push(sql`x.person_id = ${p}::uuid`);
  for (const n of f.caseNumbers) where.push(sql`x.case_number = ${n}`);
  for (const forms of f.formIds) where.push(forms.length ? sql`x.form_id IN (${sql.join(forms.map((id) => sql`${id}`), sql`, `)})` : sql`false`);
  for (const p of f.lastUpdated) where.push(dateCondition(sql`x.updated_at`, p, 'instant'));
  return pageOf(tx, conditionFrom, where, after, limit);
}

export interface ConditionRow {
  id: string;
  case_id: string;
  person_id: string;
  case_number: string;
  current_status: string | null;
  form_id: string;
  form_version: string;
  classification: string;
  status: 'submitted' | 'withdrawn';
  diagnosed_on: string | null;
  onset_on: string | null;
  death_on: string | null;
  first_submitted_at: string | null;
  doctor_name: string | null;
  reporter_institution_name: string | null;
  updated_at: string;
  version: number;
}

export function conditionsById(tx: Tx, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return rows<ConditionRow>(
    tx,
    sql`SELECT n.id, n.case_id, c.person_id, c.case_number, c.current_status, n.form_id, n.form_version, n.classification, n.status,
               n.diagnosed_on::text AS diagnosed_on, n.onset_on::text AS onset_on, n.death_on::text AS death_on,
               ${iso(sql`n.first_submitted_at`)} AS first_submitted_at, n.doctor_name, n.reporter_institution_name,
               ${iso(sql`n.updated_at`)} AS updated_at, n.version
        FROM notifications n JOIN cases c ON c.id = n.case_id WHERE n.id = ANY (${byIds(ids)}) ORDER BY n.id`,
  );
}

// --- Observation (test records and health observations) ---------------------------------------

const observationFrom = sql`(
  SELECT l.id, l.case_id, c.person_id, 'laboratory'::text AS category, l.method AS code, coalesce(l.collected_on, l.result_on) AS day, l.updated_at AS last_updated
    FROM lab_tests l JOIN cases c ON c.id = l.case_id
  UNION ALL
  SELECT h.id, h.case_id, c.person_id, 'survey'::text, 'health-observation'::text, h.observed_on, h.created_at
    FROM health_observations h JOIN cases c ON c.id = h.case_id WHERE h.replaced_by IS NULL) x`;

export interface ObservationFilter {
  id?: string;
  patients: string[];
  /** Each: the Observation's code (a test method, or health-observation) is one of these. */
  codes: string[][];
  categories: string[];
  date: DateParam[];
  lastUpdated: DateParam[];
}

export function observationPage(tx: Tx, f: ObservationFilter, after: string | null, limit: number) {
  const where: SQL[] = [];
  if (f.id) where.push(sql`x.id = ${f.id}::uuid`);
  for (const p of f.patients) where.push(sql`x.person_id = ${p}::uuid`);
  for (const codes of f.codes) where.push(codes.length ? sql`x.code IN (${sql.join(codes.map((c) => sql`${c}`), sql`, `)})` : sql`false`);
  for (const c of f.categories) where.push(sql`x.category = ${c}`);
  for (const p of f.date) where.push(dateCondition(sql`x.day`, p, 'date'));
  for (const p of f.lastUpdated) where.push(dateCondition(sql`x.last_updated`, p, 'instant'));
  return pageOf(tx, observationFrom, where, after, limit);
}

export interface LabTestRow {
  id: string;
  case_id: string;
  person_id: string;
  method: string;
  specimen: string;
  specimen_other: string | null;
  collected_on: string | null;
  result: string;
  result_on: string | null;
  lab_name: string | null;
  updated_at: string;
  version: number;
}

export function labTestsById(tx: Tx, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return rows<LabTestRow>(
    tx,
    sql`SELECT l.id, l.case_id, c.person_id, l.method, l.specimen, l.specimen_other, l.collected_on::text AS collected_on, l.result,
               l.result_on::text AS result_on, l.lab_name, ${iso(sql`l.updated_at`)} AS updated_at, l.version
        FROM lab_tests l JOIN cases c ON c.id = l.case_id WHERE l.id = ANY (${byIds(ids)})`,
  );
}

export interface HealthObservationRow {
  id: string;
  case_id: string;
  person_id: string;
  observed_on: string;
  observed_at: string;
  source: 'staff' | 'self';
  method: string;
  temperature: string | null;
  spo2: number | null;
  pulse: number | null;
  symptoms: string[];
  feeling: string | null;
  recorded_by_name: string | null;
  created_at: string;
}

export function healthObservationsById(tx: Tx, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return rows<HealthObservationRow>(
    tx,
    sql`SELECT h.id, h.case_id, c.person_id, h.observed_on::text AS observed_on, ${iso(sql`h.observed_at`)} AS observed_at, h.source, h.method,
               h.temperature::text AS temperature, h.spo2, h.pulse, h.symptoms, h.feeling, h.recorded_by_name, ${iso(sql`h.created_at`)} AS created_at
        FROM health_observations h JOIN cases c ON c.id = h.case_id WHERE h.id = ANY (${byIds(ids)})`,
  );
}

// --- Encounter (admissions) -------------------------------------------------------------------

const encounterFrom = sql`(SELECT a.*, c.person_id FROM admissions a JOIN cases c ON c.id = a.case_id) x`;

export interface EncounterFilter {
  id?: string;
  patients: string[];
  date: DateParam[];
  lastUpdated: DateParam[];
}

export function encounterPage(tx: Tx, f: EncounterFilter, after: string | null, limit: number) {
  const where: SQL[] = [];
  if (f.id) where.push(sql`x.id = ${f.id}::uuid`);
  for (const p of f.patients) where.push(sql`x.person_id = ${p}::uuid`);
  for (const p of f.date) where.push(periodCondition(sql`x.admitted_on`, sql`x.discharged_on`, p));
  for (const p of f.lastUpdated) where.push(dateCondition(sql`x.updated_at`, p, 'instant'));
  return pageOf(tx, encounterFrom, where, after, limit);
}

export interface EncounterRow {
  id: string;
  case_id: string;
  person_id: string;
  hospital_id: string;
  hospital_name: string | null;
  admitted_on: string;
  discharged_on: string | null;
  ward: string | null;
  outcome: string | null;
  updated_at: string;
  version: number;
}

export function encountersById(tx: Tx, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return rows<EncounterRow>(
    tx,
    sql`SELECT a.id, a.case_id, c.person_id, a.hospital_id, o.name_ja AS hospital_name, a.admitted_on::text AS admitted_on,
               a.discharged_on::text AS discharged_on, a.ward, a.outcome, ${iso(sql`a.updated_at`)} AS updated_at, a.version
        FROM admissions a JOIN cases c ON c.id = a.case_id LEFT JOIN organizations o ON o.id = a.hospital_id
        WHERE a.id = ANY (${byIds(ids)})`,
  );
}
