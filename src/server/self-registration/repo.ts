// SQL for 陽性者登録. The public steps run as the system (nobody is logged in) and touch only the
// registration they create or were given the id of; the review runs as the staff member, under the
// self_registrations_review policy (migration 0022).
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { organizations, selfRegistrations } from '../db/schema.ts';

export type RegistrationRow = typeof selfRegistrations.$inferSelect;

/** Inserts unless the random reference is taken; false then, and the caller draws again. */
export async function insertRegistration(tx: Tx, values: typeof selfRegistrations.$inferInsert): Promise<boolean> {
  const rows = await tx.insert(selfRegistrations).values(values).onConflictDoNothing().returning({ id: selfRegistrations.id });
  return rows.length === 1;
}

/** `forUpdate` serialises the code step, and accept and reject, of one registration. */
export async function findRegistration(tx: Tx, id: string, forUpdate = false): Promise<RegistrationRow | null> {
  const query = tx.select().from(selfRegistrations).where(eq(selfRegistrations.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

/** Updates when `version` is still current; null when it moved (or the row is out of reach). */
export async function updateRegistration(tx: Tx, id: string, version: number, values: Partial<typeof selfRegistrations.$inferInsert>) {
  const [row] = await tx
    .update(selfRegistrations)
    .set({ ...values, version: sql`${selfRegistrations.version} + 1` })
    .where(and(eq(selfRegistrations.id, id), eq(selfRegistrations.version, version)))
    .returning({ id: selfRegistrations.id, version: selfRegistrations.version });
  return row ?? null;
}

/** A wrong code: counted on the row, in its own statement (the caller commits it before refusing). */
export async function countWrongCode(tx: Tx, id: string): Promise<number> {
  const [row] = await tx
    .update(selfRegistrations)
    .set({ codeAttempts: sql`${selfRegistrations.codeAttempts} + 1` })
    .where(eq(selfRegistrations.id, id))
    .returning({ attempts: selfRegistrations.codeAttempts });
  return row.attempts;
}

/** The review list of one status, oldest first for those waiting (first come, first served), newest first otherwise. */
export function listRegistrations(tx: Tx, status: 'submitted' | 'accepted' | 'rejected', limit: number) {
  return tx
    .select({
      id: selfRegistrations.id,
      reference: selfRegistrations.reference,
      nameKana: selfRegistrations.nameKana,
      sex: selfRegistrations.sex,
      birthDate: selfRegistrations.birthDate,
      testDate: selfRegistrations.testDate,
      symptoms: selfRegistrations.symptoms,
      riskFactors: selfRegistrations.riskFactors,
      hasPhoto: sql<boolean>`${selfRegistrations.photo} IS NOT NULL`,
      status: selfRegistrations.status,
      submittedAt: selfRegistrations.submittedAt,
    })
    .from(selfRegistrations)
    .where(eq(selfRegistrations.status, status))
    .orderBy(status === 'submitted' ? asc(selfRegistrations.submittedAt) : desc(selfRegistrations.reviewedAt), asc(selfRegistrations.id))
    .limit(limit);
}

/** Prefectures with a follow-up centre, which is who reviews registrations: the public form offers these. */
export function prefecturesWithCentre(tx: Tx) {
  return tx
    .selectDistinct({ id: organizations.id, nameJa: organizations.nameJa, nameEn: organizations.nameEn, code: organizations.code })
    .from(organizations)
    .where(
      and(
        eq(organizations.kind, 'prefecture'),
        sql`EXISTS (SELECT 1 FROM organizations c WHERE c.prefecture_id = ${organizations.id} AND c.kind = 'followup_center')`,
      ),
    )
    .orderBy(organizations.code);
}

export async function findOrg(tx: Tx, id: string) {
  const [row] = await tx
    .select({ id: organizations.id, kind: organizations.kind, prefectureId: organizations.prefectureId, nameJa: organizations.nameJa, nameEn: organizations.nameEn })
    .from(organizations)
    .where(eq(organizations.id, id));
  return row ?? null;
}

/** The health centres of a prefecture: one of them becomes the accepted case's responsible centre. */
export function healthCentresOf(tx: Tx, prefectureId: string) {
  return tx
    .select({ id: organizations.id, nameJa: organizations.nameJa, nameEn: organizations.nameEn })
    .from(organizations)
    .where(and(eq(organizations.prefectureId, prefectureId), eq(organizations.kind, 'health_center')))
    .orderBy(organizations.code);
}
