// SQL for notifications (発生届), run inside the acting user's transaction: row-level security
// shows a notification only to whoever may see its case. Cases, persons and tests: cases/repo.ts.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { caseRelatedHcs, notifications, notificationSubmissions } from '../db/schema.ts';

export type NotificationRow = typeof notifications.$inferSelect;
export type SubmissionRow = typeof notificationSubmissions.$inferSelect;

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
