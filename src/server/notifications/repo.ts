// SQL for notifications (発生届), run inside the acting user's transaction: row-level security
// shows a notification, its case, person and tests only to whoever may see the case.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { caseRelatedHcs, cases, labTests, notifications, notificationSubmissions, persons } from '../db/schema.ts';

export type NotificationRow = typeof notifications.$inferSelect;
export type CaseRow = typeof cases.$inferSelect;
export type PersonRow = typeof persons.$inferSelect;
export type LabTestRow = typeof labTests.$inferSelect;
export type SubmissionRow = typeof notificationSubmissions.$inferSelect;

export async function findCase(tx: Tx, id: string): Promise<CaseRow | null> {
  const [row] = await tx.select().from(cases).where(eq(cases.id, id));
  return row ?? null;
}

export async function findPerson(tx: Tx, id: string): Promise<PersonRow | null> {
  const [row] = await tx.select().from(persons).where(eq(persons.id, id));
  return row ?? null;
}

export const labTestsOf = (tx: Tx, caseId: string) =>
  tx.select().from(labTests).where(eq(labTests.caseId, caseId)).orderBy(asc(labTests.createdAt), asc(labTests.id));

export async function relatedCentresOf(tx: Tx, caseId: string): Promise<string[]> {
  const rows = await tx.select({ hcId: caseRelatedHcs.hcId }).from(caseRelatedHcs).where(eq(caseRelatedHcs.caseId, caseId));
  return rows.map((r) => r.hcId);
}

/** `forUpdate` serialises submit and confirm of one notification. */
export async function findNotification(tx: Tx, id: string, forUpdate = false): Promise<NotificationRow | null> {
  const query = tx.select().from(notifications).where(eq(notifications.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

export async function insertNotification(tx: Tx, values: typeof notifications.$inferInsert): Promise<NotificationRow> {
  const [row] = await tx.insert(notifications).values(values).returning();
  return row;
}

/** Updates when `version` is still current (null: no check); null when someone changed it first. */
export async function updateNotification(
  tx: Tx,
  id: string,
  version: number | null,
  values: Partial<typeof notifications.$inferInsert>,
): Promise<NotificationRow | null> {
  const [row] = await tx
    .update(notifications)
    .set({ ...values, updatedAt: new Date(), version: sql`${notifications.version} + 1` })
    .where(and(eq(notifications.id, id), version === null ? undefined : eq(notifications.version, version)))
    .returning();
  return row ?? null;
}

export const submissionsOf = (tx: Tx, notificationId: string) =>
  tx
    .select()
    .from(notificationSubmissions)
    .where(eq(notificationSubmissions.notificationId, notificationId))
    .orderBy(asc(notificationSubmissions.submittedAt));

/** The first submission of a classification is kept as it is: a later one inserts nothing (Q&A 8). */
export async function recordFirstSubmission(tx: Tx, values: typeof notificationSubmissions.$inferInsert): Promise<void> {
  await tx.insert(notificationSubmissions).values(values).onConflictDoNothing();
}
