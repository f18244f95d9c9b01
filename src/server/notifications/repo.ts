// SQL for notifications (発生届), run inside the acting user's transaction: row-level security
// shows a notification only to whoever may see its case. Cases, persons and tests: cases/repo.ts.
import { and, asc, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { caseRelatedHcs, notificationChanges, notifications, notificationSubmissions } from '../db/schema.ts';

export type NotificationRow = typeof notifications.$inferSelect;
export type SubmissionRow = typeof notificationSubmissions.$inferSelect;
export type ChangeRow = typeof notificationChanges.$inferSelect;

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

/** The notifications of a case, oldest first (the first one, then each 追加登録). */
export const notificationsOfCase = (tx: Tx, caseId: string) =>
  tx.select().from(notifications).where(eq(notifications.caseId, caseId)).orderBy(asc(notifications.createdAt), asc(notifications.id));

/** The case's draft, if one is being written: a case has at most one at a time. */
export async function draftOfCase(tx: Tx, caseId: string): Promise<NotificationRow | null> {
  const [row] = await tx
    .select()
    .from(notifications)
    .where(and(eq(notifications.caseId, caseId), eq(notifications.status, 'draft')))
    .limit(1);
  return row ?? null;
}

/** 追加登録 submitted: every other notification of the case becomes read-only (Q&A 7). Returns their ids. */
export async function supersedeOthers(tx: Tx, caseId: string, currentId: string, at: Date): Promise<string[]> {
  const rows = await tx
    .update(notifications)
    .set({ supersededAt: at, updatedAt: at, version: sql`${notifications.version} + 1` })
    .where(and(eq(notifications.caseId, caseId), ne(notifications.id, currentId), isNull(notifications.supersededAt)))
    .returning({ id: notifications.id });
  return rows.map((r) => r.id);
}

export async function insertChange(tx: Tx, values: typeof notificationChanges.$inferInsert): Promise<void> {
  await tx.insert(notificationChanges).values(values);
}

/** A notification's corrections and withdrawal, newest first. */
export const changesOf = (tx: Tx, notificationId: string) =>
  tx
    .select()
    .from(notificationChanges)
    .where(eq(notificationChanges.notificationId, notificationId))
    .orderBy(desc(notificationChanges.changedAt), desc(notificationChanges.id));
