// SQL for notifications (発生届), run inside the acting user's transaction: row-level security
// shows a notification only to whoever may see its case. Cases, persons and tests: cases/repo.ts.
import { and, asc, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Specimen, TestMethod, TestResult } from '../../domain/lab-tests.ts';
import type { PersonRow } from '../cases/repo.ts';
import type { Tx } from '../db/database.ts';
import { caseRelatedHcs, cases, notificationChanges, notifications, notificationSubmissions, organizations, persons } from '../db/schema.ts';

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

// --- what the rules and the view read, in one statement ---------------------------------------

/** A test record as the notification's rules read it. */
export interface ContextTest {
  entryId: string;
  method: TestMethod;
  specimen: Specimen;
  collectedOn: string | null;
  result: TestResult;
  resultOn: string | null;
}

export interface CaseContext {
  kase: { id: string; personId: string; selfReportId: string; disease: string; responsibleHcId: string; prefectureId: string; relatedHcIds: string[] };
  person: PersonRow;
  tests: ContextTest[];
  /** The responsible centre, which the submission e-mail goes to (Q&A 14-2). */
  centre: { nameJa: string; notificationEmail: string | null };
  /** The case's prefecture, alerted at once of a Category 1 or 2 notification. */
  prefecture: { nameJa: string; notificationEmail: string | null };
  /** The reporting institution as it is now (a draft shows it so; a submission keeps it). */
  institution: { id: string; kind: string; nameJa: string; address: string | null; phone: string | null; parentId: string | null };
}

export interface NotificationContext extends CaseContext {
  notification: NotificationRow;
  submissions: SubmissionRow[];
  /** Other notifications of the case not yet superseded: 追加登録 makes them read-only at submission (Q&A 7). */
  othersCurrent: number;
}

const institution = alias(organizations, 'institution');
const centre = alias(organizations, 'centre');
const prefecture = alias(organizations, 'prefecture');

const caseColumns = {
  kase: { id: cases.id, personId: cases.personId, selfReportId: cases.selfReportId, disease: cases.disease, responsibleHcId: cases.responsibleHcId, prefectureId: cases.prefectureId },
  relatedHcIds: sql<string[]>`ARRAY(SELECT r.hc_id FROM case_related_hcs r WHERE r.case_id = ${cases.id})`,
  person: persons,
  tests: sql<ContextTest[]>`(SELECT coalesce(json_agg(json_build_object('entryId', t.entry_id, 'method', t.method, 'specimen', t.specimen,
      'collectedOn', t.collected_on, 'result', t.result, 'resultOn', t.result_on) ORDER BY t.created_at, t.id), '[]')
    FROM lab_tests t WHERE t.case_id = ${cases.id})`,
  centre: { nameJa: centre.nameJa, notificationEmail: centre.notificationEmail },
  prefecture: { nameJa: prefecture.nameJa, notificationEmail: prefecture.notificationEmail },
  institution: { id: institution.id, kind: institution.kind, nameJa: institution.nameJa, address: institution.address, phone: institution.phone, parentId: institution.parentId },
};

type CaseRowOf = { kase: Omit<CaseContext['kase'], 'relatedHcIds'>; relatedHcIds: string[] } & Omit<CaseContext, 'kase'>;
const caseContext = (r: CaseRowOf): CaseContext => ({
  kase: { ...r.kase, relatedHcIds: r.relatedHcIds },
  person: r.person,
  tests: r.tests,
  centre: r.centre,
  prefecture: r.prefecture,
  institution: r.institution,
});

/**
 * A notification with everything its rules and view read — case, person, tests, submissions,
 * institution, centre — in one statement. `forUpdate` locks the notification: it serialises submit,
 * confirm, correct and withdraw of one notification.
 */
export async function contextOf(tx: Tx, id: string, forUpdate = false): Promise<NotificationContext | null> {
  const query = tx
    .select({
      notification: notifications,
      ...caseColumns,
      submissions: sql<{ notificationId: string; classification: string; submittedOn: string; submittedAt: string; submittedBy: string }[]>`(
        SELECT coalesce(json_agg(json_build_object('notificationId', s.notification_id, 'classification', s.classification,
          'submittedOn', s.submitted_on, 'submittedAt', s.submitted_at, 'submittedBy', s.submitted_by) ORDER BY s.submitted_at), '[]')
        FROM notification_submissions s WHERE s.notification_id = ${notifications.id})`,
      othersCurrent: sql<number>`(SELECT count(*) FROM notifications o
        WHERE o.case_id = ${notifications.caseId} AND o.id <> ${notifications.id} AND o.superseded_at IS NULL)::int`,
    })
    .from(notifications)
    .innerJoin(cases, eq(cases.id, notifications.caseId))
    .innerJoin(persons, eq(persons.id, cases.personId))
    .innerJoin(institution, eq(institution.id, notifications.institutionId))
    .innerJoin(centre, eq(centre.id, cases.responsibleHcId))
    .innerJoin(prefecture, eq(prefecture.id, cases.prefectureId))
    .where(eq(notifications.id, id));
  const [row] = forUpdate ? await query.for('update', { of: notifications }) : await query;
  if (!row) return null;
  return {
    ...caseContext(row),
    notification: row.notification,
    submissions: row.submissions.map((s) => ({ ...s, submittedAt: new Date(s.submittedAt) })),
    othersCurrent: Number(row.othersCurrent),
  };
}

/**
 * A case about to get a notification from `institutionId` (null when no such institution), and the
 * draft it has already, if any (one at a time).
 */
export async function draftContextOf(
  tx: Tx,
  caseId: string,
  institutionId: string,
): Promise<(Omit<CaseContext, 'institution'> & { institution: CaseContext['institution'] | null; draftId: string | null }) | null> {
  const [row] = await tx
    .select({
      ...caseColumns,
      draftId: sql<string | null>`(SELECT d.id FROM notifications d WHERE d.case_id = ${cases.id} AND d.status = 'draft' LIMIT 1)`,
    })
    .from(cases)
    .innerJoin(persons, eq(persons.id, cases.personId))
    .innerJoin(centre, eq(centre.id, cases.responsibleHcId))
    .innerJoin(prefecture, eq(prefecture.id, cases.prefectureId))
    .leftJoin(institution, eq(institution.id, institutionId))
    .where(eq(cases.id, caseId));
  return row ? { ...caseContext(row as CaseRowOf), institution: row.institution, draftId: row.draftId } : null;
}
