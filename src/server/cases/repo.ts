// SQL for persons, cases and test records, inside the acting user's transaction (under RLS).
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
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
}

/**
 * One page of cases, newest first, under row-level security. Only the filters given become SQL,
 * so the planner sees each search as it is. The current notification of a case is its newest one
 * that is neither withdrawn nor superseded (追加登録).
 */
export function searchCases(tx: Tx, f: CaseFilter) {
  const where: SQL[] = [sql`TRUE`];
  if (f.caseNumber) where.push(sql`c.case_number = ${f.caseNumber}`);
  if (f.kanaKey && f.kanaMatch === 'prefix') where.push(sql`p.name_kana_key LIKE ${likePrefix(f.kanaKey)}`);
  if (f.kanaKey && f.kanaMatch === 'similar') where.push(sql`similarity(p.name_kana_key, ${f.kanaKey}) >= ${SIMILAR_KANA}`);
  if (f.birthDate) where.push(sql`p.birth_date = ${f.birthDate}`);
  if (f.institutionId) where.push(sql`c.reporting_org_id = ${f.institutionId}`);
  if (f.classification) where.push(sql`n.classification = ${f.classification}`);
  if (f.confirmed !== undefined) where.push(f.confirmed ? sql`n.confirmed_at IS NOT NULL` : sql`n.status = 'submitted' AND n.confirmed_at IS NULL`);
  if (f.createdFrom) where.push(sql`c.created_at >= (${f.createdFrom}::date AT TIME ZONE 'Asia/Tokyo')`);
  if (f.createdTo) where.push(sql`c.created_at < ((${f.createdTo}::date + 1) AT TIME ZONE 'Asia/Tokyo')`);
  if (f.diagnosedFrom) where.push(sql`n.diagnosed_on >= ${f.diagnosedFrom}`);
  if (f.diagnosedTo) where.push(sql`n.diagnosed_on <= ${f.diagnosedTo}`);
  if (f.after) where.push(sql`(c.created_at, c.id) < (${f.after.createdAt}::timestamptz, ${f.after.id}::uuid)`);
  return rows<CaseListRow>(
    tx,
    sql`SELECT c.id, c.case_number, to_json(c.created_at)#>>'{}' AS created_at, p.name_kana, p.sex, p.birth_date::text AS birth_date,
               o.name_ja AS institution_name_ja, n.classification, n.status, n.confirmed_at::text AS confirmed_at, n.diagnosed_on::text AS diagnosed_on
        FROM cases c
        JOIN persons p ON p.id = c.person_id
        LEFT JOIN organizations o ON o.id = c.reporting_org_id
        LEFT JOIN LATERAL (
          SELECT n.classification, n.status, n.confirmed_at, n.diagnosed_on FROM notifications n
          WHERE n.case_id = c.id AND n.status <> 'withdrawn' AND n.superseded_at IS NULL
          ORDER BY n.created_at DESC LIMIT 1) n ON TRUE
        WHERE ${sql.join(where, sql` AND `)}
        ORDER BY c.created_at DESC, c.id DESC
        LIMIT ${f.limit + 1}`,
  );
}

/** A LIKE pattern for "starts with", with the pattern characters of the input escaped. */
const likePrefix = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`) + '%';
