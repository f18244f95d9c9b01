// Queries of processing_numbers. Rows hold a keyed hash (HMAC) of the number, never the number.
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { rows, type Tx } from '../db/database.ts';
import { caseRelatedHcs, cases, processingNumbers } from '../db/schema.ts';

export type ProcessingNumberRow = typeof processingNumbers.$inferSelect;

/** The case with its responsible centre; `lock` holds it until the transaction ends (one issue at a time). */
export async function findCase(tx: Tx, caseId: string, lock: boolean) {
  const query = tx.select({ id: cases.id, responsibleHcId: cases.responsibleHcId }).from(cases).where(eq(cases.id, caseId));
  const [row] = lock ? await query.for('no key update') : await query;
  return row;
}

export async function isRelatedCentre(tx: Tx, caseId: string, hcId: string): Promise<boolean> {
  const [row] = await tx
    .select({ caseId: caseRelatedHcs.caseId })
    .from(caseRelatedHcs)
    .where(and(eq(caseRelatedHcs.caseId, caseId), eq(caseRelatedHcs.hcId, hcId)));
  return row !== undefined;
}

/** Revokes the case's numbers still redeemable; their ids. */
export async function revokeActive(tx: Tx, caseId: string): Promise<string[]> {
  const revoked = await tx
    .update(processingNumbers)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(processingNumbers.caseId, caseId),
        isNull(processingNumbers.usedAt),
        isNull(processingNumbers.revokedAt),
        gt(processingNumbers.expiresAt, sql`now()`),
      ),
    )
    .returning({ id: processingNumbers.id });
  return revoked.map((r) => r.id);
}

/** Inserts unless the hash is taken (by any number ever issued); null then, so the caller draws again. */
export async function insertNumber(tx: Tx, values: typeof processingNumbers.$inferInsert): Promise<ProcessingNumberRow | null> {
  const [row] = await tx.insert(processingNumbers).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export const numbersOfCase = (tx: Tx, caseId: string) =>
  tx.select().from(processingNumbers).where(eq(processingNumbers.caseId, caseId)).orderBy(desc(processingNumbers.issuedAt), desc(processingNumbers.id));

/**
 * Marks a redeemable number used, in one statement so that two redemptions at once cannot both
 * succeed: the second finds used_at set. Returns the case's self-report ID.
 */
export async function markUsed(tx: Tx, numberHash: string) {
  const [row] = await rows<{ id: string; case_id: string; self_report_id: string }>(
    tx,
    sql`WITH used AS (
          UPDATE processing_numbers SET used_at = now()
          WHERE number_hash = ${numberHash} AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
          RETURNING id, case_id)
        SELECT used.id, used.case_id, c.self_report_id FROM used JOIN cases c ON c.id = used.case_id`,
  );
  return row;
}

export async function findByHash(tx: Tx, numberHash: string) {
  const [row] = await tx.select().from(processingNumbers).where(eq(processingNumbers.numberHash, numberHash));
  return row;
}
