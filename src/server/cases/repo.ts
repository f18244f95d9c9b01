// SQL for persons, cases and test records, inside the acting user's transaction (under RLS).
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { rows } from '../db/database.ts';
import { cases, labTests, organizations, persons } from '../db/schema.ts';

export type PersonRow = typeof persons.$inferSelect;
export type CaseRow = typeof cases.$inferSelect;
export type LabTestRow = typeof labTests.$inferSelect;

export interface DuplicateRow {
  id: string;
  name_kana: string;
  sex: 'male' | 'female';
  birth_date: string;
  same_kana: boolean;
  same_phone: boolean;
  similarity: number;
}

/**
 * Likely duplicates among the persons the actor may see: same kana and birth date; similar kana
 * (trigram) with the same birth date and sex; same phone and birth date. The birth date narrows
 * the search to a handful of rows by index before any similarity is computed.
 */
export function findDuplicates(tx: Tx, q: { kanaKey: string; birthDate: string; sex: string; phoneKey: string | null }) {
  return rows<DuplicateRow>(
    tx,
    sql`SELECT id, name_kana, sex, birth_date::text AS birth_date,
               name_kana_key = ${q.kanaKey} AS same_kana,
               coalesce(phone_key = ${q.phoneKey}, false) AS same_phone,
               similarity(name_kana_key, ${q.kanaKey})::float8 AS similarity
        FROM persons
        WHERE birth_date = ${q.birthDate}
          AND (name_kana_key = ${q.kanaKey}
               OR (sex = ${q.sex} AND similarity(name_kana_key, ${q.kanaKey}) >= ${SIMILAR_KANA})
               OR phone_key = ${q.phoneKey})
        ORDER BY similarity DESC
        LIMIT 20`,
  );
}

/** Trigram similarity from which two kana names are "similar" (ヤマダタロウ / ヤマダタロー: 0.5). */
export const SIMILAR_KANA = 0.4;

export function casesOfPersons(tx: Tx, personIds: string[]) {
  if (!personIds.length) return Promise.resolve([]);
  return tx
    .select({ id: cases.id, personId: cases.personId, caseNumber: cases.caseNumber, createdAt: cases.createdAt, orgNameJa: organizations.nameJa })
    .from(cases)
    .leftJoin(organizations, eq(organizations.id, cases.reportingOrgId))
    .where(inArray(cases.personId, personIds))
    .orderBy(cases.createdAt);
}

export async function findPerson(tx: Tx, id: string): Promise<PersonRow | null> {
  const [row] = await tx.select().from(persons).where(eq(persons.id, id));
  return row ?? null;
}

export async function findCase(tx: Tx, id: string): Promise<CaseRow | null> {
  const [row] = await tx.select().from(cases).where(eq(cases.id, id));
  return row ?? null;
}

/** A correction of the person with the version last read; null when it changed since (or is out of reach). */
export async function updatePerson(tx: Tx, id: string, version: number, values: Partial<typeof persons.$inferInsert>): Promise<PersonRow | null> {
  const [row] = await tx
    .update(persons)
    .set({ ...values, updatedAt: new Date(), version: sql`${persons.version} + 1` })
    .where(and(eq(persons.id, id), eq(persons.version, version)))
    .returning();
  return row ?? null;
}

export async function insertPerson(tx: Tx, values: typeof persons.$inferInsert) {
  // No RETURNING: the new person is not visible to the actor until its case exists (persons_read).
  await tx.insert(persons).values(values);
}

/** Inserts a case unless its random numbers are taken; false then, and the caller draws again. */
export async function insertCase(tx: Tx, values: typeof cases.$inferInsert): Promise<boolean> {
  const inserted = await tx.insert(cases).values(values).onConflictDoNothing().returning({ id: cases.id });
  return inserted.length === 1;
}

export async function insertTests(tx: Tx, values: (typeof labTests.$inferInsert)[]): Promise<LabTestRow[]> {
  if (!values.length) return [];
  return tx.insert(labTests).values(values).returning();
}

export const testsOfCase = (tx: Tx, caseId: string) =>
  tx.select().from(labTests).where(eq(labTests.caseId, caseId)).orderBy(labTests.createdAt, labTests.id);

export async function findTest(tx: Tx, id: string): Promise<LabTestRow | null> {
  const [row] = await tx.select().from(labTests).where(eq(labTests.id, id));
  return row ?? null;
}

export async function updateTest(tx: Tx, id: string, version: number, values: Partial<typeof labTests.$inferInsert>) {
  const [row] = await tx
    .update(labTests)
    .set({ ...values, updatedAt: new Date(), version: sql`${labTests.version} + 1` })
    .where(and(eq(labTests.id, id), eq(labTests.version, version)))
    .returning();
  return row ?? null;
}

export interface CaseFilter {
  caseNumber?: string;
  kanaKey?: string;
  kanaMatch: 'prefix' | 'similar';
  birthDate?: string;
  institutionId?: string;
  classification?: string;
  confirmed?: boolean;
  createdFrom?: string;
  createdTo?: string;
  diagnosedFrom?: string;
  diagnosedTo?: string;
  /** An identifier in another system (Q&A 10): exact match. */
  externalId?: { system: 'nesid' | 'local'; value: string };
  /** The case's disease (a form's code); every disease when absent. */
  disease?: string;
  after?: { createdAt: string; id: string };
  limit: number;
}

export interface CaseListRow {
  id: string;
  case_number: string;
  created_at: string;
  name_kana: string;
  sex: 'male' | 'female';
  birth_date: string;
  institution_name_ja: string | null;
  classification: string | null;
  status: 'draft' | 'submitted' | null;
  confirmed_at: string | null;
  diagnosed_on: string | null;
  current_status: string | null;
  disease: string;
}

/**
 * One page of cases, newest first. The SQL function search_cases (migrations 0012, 0015, 0048) applies the
 * actor's scope itself, as the cases_scope policy defines it, because under row-level security a
 * kana search could use no index (the persons policy must run first); the caller audits the search.
 */
export function searchCases(tx: Tx, f: CaseFilter) {
  const kana = (match: CaseFilter['kanaMatch']) => (f.kanaKey && f.kanaMatch === match ? f.kanaKey : null);
  const like = kana('prefix');
  return rows<CaseListRow>(
    tx,
    sql`SELECT id, case_number, to_json(created_at)#>>'{}' AS created_at, name_kana, sex, birth_date::text AS birth_date,
               institution_name_ja, classification, status, confirmed_at::text AS confirmed_at, diagnosed_on::text AS diagnosed_on,
               current_status, disease
        FROM search_cases(${f.caseNumber ?? null}::text, ${like === null ? null : likePrefix(like)}::text,
                          ${kana('similar')}::text, ${SIMILAR_KANA}::real, ${f.birthDate ?? null}::date,
                          ${f.institutionId ?? null}::uuid, ${f.classification ?? null}::text, ${f.confirmed ?? null}::boolean,
                          ${f.createdFrom ?? null}::date, ${f.createdTo ?? null}::date,
                          ${f.diagnosedFrom ?? null}::date, ${f.diagnosedTo ?? null}::date,
                          ${f.after?.createdAt ?? null}::timestamptz, ${f.after?.id ?? null}::uuid, ${f.limit + 1}::integer,
                          ${f.externalId?.system ?? null}::text, ${f.externalId?.value ?? null}::text,
                          ${f.disease ?? null}::text)`,
  );
}

/** A LIKE pattern for "starts with", with the pattern characters of the input escaped. */
const likePrefix = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`) + '%';
