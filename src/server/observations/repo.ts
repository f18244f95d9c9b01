// SQL for 健康観察 entries, red-flag alerts and the work list, inside the caller's transaction
// (under RLS when acting for a user).
import { and, desc, eq, gte, isNull, lte, ne, sql } from 'drizzle-orm';
import { FINAL_STATUSES } from '../../domain/case-status.ts';
import { OBSERVATION_ENDED } from '../../domain/self-report.ts';
import { rows, type Tx } from '../db/database.ts';
import { caseAlerts, cases, healthObservations } from '../db/schema.ts';
import { DUE_SOON_DAYS } from '../../domain/deadlines.ts';

export type ObservationRow = typeof healthObservations.$inferSelect;
export type AlertRow = typeof caseAlerts.$inferSelect;

/**
 * Marks the case as just observed, and locks its row until the transaction ends: entries for one
 * case are evaluated one after another, so two at once cannot raise the same alert twice. False
 * when the case is not there or not the caller's to see.
 */
export async function touchCase(tx: Tx, caseId: string): Promise<boolean> {
  const updated = await tx
    .update(cases)
    .set({ lastObservedAt: sql`greatest(${cases.lastObservedAt}, now())` })
    .where(eq(cases.id, caseId))
    .returning({ id: cases.id });
  return updated.length > 0;
}

export async function insertObservation(tx: Tx, values: typeof healthObservations.$inferInsert): Promise<ObservationRow> {
  const [row] = await tx.insert(healthObservations).values(values).returning();
  return row;
}

/** The case's entries for the days from..to, but one. */
export function entriesBetween(tx: Tx, caseId: string, from: string, to: string, exceptId: string) {
  return tx
    .select()
    .from(healthObservations)
    .where(
      and(
        eq(healthObservations.caseId, caseId),
        gte(healthObservations.observedOn, from),
        lte(healthObservations.observedOn, to),
        ne(healthObservations.id, exceptId),
        isNull(healthObservations.replacedBy),
      ),
    );
}

export function observationsOfCase(tx: Tx, caseId: string) {
  return tx
    .select()
    .from(healthObservations)
    .where(and(eq(healthObservations.caseId, caseId), isNull(healthObservations.replacedBy))) // a corrected self-report shows as corrected
    .orderBy(desc(healthObservations.observedOn), desc(healthObservations.observedAt), desc(healthObservations.createdAt));
}

/** The rules with an unacknowledged alert of the case for a day. */
export async function openAlertRules(tx: Tx, caseId: string, on: string): Promise<string[]> {
  const open = await tx
    .select({ rule: caseAlerts.rule })
    .from(caseAlerts)
    .where(and(eq(caseAlerts.caseId, caseId), eq(caseAlerts.observedOn, on), isNull(caseAlerts.acknowledgedAt)));
  return open.map((r) => r.rule);
}

export async function insertAlerts(tx: Tx, values: (typeof caseAlerts.$inferInsert)[]): Promise<AlertRow[]> {
  if (!values.length) return [];
  return tx.insert(caseAlerts).values(values).returning();
}

export function alertsOfCase(tx: Tx, caseId: string) {
  return tx.select().from(caseAlerts).where(eq(caseAlerts.caseId, caseId)).orderBy(desc(caseAlerts.observedOn), desc(caseAlerts.raisedAt));
}

export async function findAlert(tx: Tx, id: string): Promise<AlertRow | null> {
  const [row] = await tx.select().from(caseAlerts).where(eq(caseAlerts.id, id));
  return row ?? null;
}

/** Acknowledges an open alert; null when it was acknowledged meanwhile. */
export async function acknowledgeAlert(tx: Tx, id: string, by: { userId: string; name: string | null; note: string | null }): Promise<AlertRow | null> {
  const [row] = await tx
    .update(caseAlerts)
    .set({ acknowledgedAt: sql`now()`, acknowledgedBy: by.userId, acknowledgedByName: by.name, acknowledgementNote: by.note })
    .where(and(eq(caseAlerts.id, id), isNull(caseAlerts.acknowledgedAt)))
    .returning();
  return row ?? null;
}

/** Whether the organisation is the case's responsible centre or one of its related centres (Q&A 4). */
export async function isCentreOfCase(tx: Tx, caseId: string, orgId: string): Promise<boolean> {
  const [row] = await rows<{ ok: boolean }>(
    tx,
    sql`SELECT c.responsible_hc_id = ${orgId}
               OR EXISTS (SELECT 1 FROM case_related_hcs r WHERE r.case_id = c.id AND r.hc_id = ${orgId}) AS ok
        FROM cases c WHERE c.id = ${caseId}`,
  );
  return row?.ok === true;
}

// — the work list: a centre's own cases, each list limited —
// Each list is found, counted and cut to its page on the cases alone, and the persons are read for
// the rows of the page only: under RLS every person read costs a probe of the persons policy, and
// the list of missing statuses looks at thousands of cases (never notified) that it then drops.
// A case's person is always visible with the case (persons_read), so rows and totals are the same.
// Cases without a status and cases still followed are found by cases_worklist_idx (migration 0018).

interface CaseColumns {
  case_id: string;
  case_number: string;
  name_kana: string;
  sex: 'male' | 'female';
  birth_date: string;
  current_status: string | null;
  status_changed_at: string | null;
  last_observed_at: string | null;
  total: number;
}

/** What a list selects from the cases (`c`), before its page is cut. */
const listed = sql`c.id AS case_id, c.case_number, c.person_id, c.current_status, c.status_changed_at, c.last_observed_at,
  (count(*) OVER ())::int AS total`;
/** The CaseColumns of a page (`l`) and its persons (`p`). */
const shown = sql`l.case_id, l.case_number, p.name_kana, p.sex, p.birth_date::text AS birth_date, l.current_status,
  to_json(l.status_changed_at)#>>'{}' AS status_changed_at, to_json(l.last_observed_at)#>>'{}' AS last_observed_at, l.total`;

export type AlertListRow = CaseColumns & { alert_id: string; rule: string; observed_on: string; message: string; raised_at: string };

/** Unacknowledged alerts of the centre's cases, newest day first (the partial index of open alerts). */
export function openAlertsOfCentre(tx: Tx, hcId: string, limit: number) {
  return rows<AlertListRow>(
    tx,
    sql`SELECT ${shown}, l.alert_id, l.rule, l.observed_on::text AS observed_on, l.message::text AS message,
               to_json(l.raised_at)#>>'{}' AS raised_at
        FROM (SELECT ${listed}, a.id AS alert_id, a.rule, a.observed_on, a.message, a.raised_at
              FROM cases c
              JOIN case_alerts a ON a.case_id = c.id AND a.acknowledged_at IS NULL
              WHERE c.responsible_hc_id = ${hcId}
              ORDER BY a.observed_on DESC, a.raised_at DESC, a.id
              LIMIT ${limit}) l
        JOIN persons p ON p.id = l.person_id
        ORDER BY l.observed_on DESC, l.raised_at DESC, l.alert_id`,
  );
}

export type MissingListRow = CaseColumns & { submitted_at: string };

/** The centre's cases with a submitted notification and no current status, newest submission first. */
export function statusMissingOfCentre(tx: Tx, hcId: string, limit: number) {
  return rows<MissingListRow>(
    tx,
    sql`SELECT ${shown}, to_json(l.submitted_at)#>>'{}' AS submitted_at
        FROM (SELECT ${listed}, s.submitted_at
              FROM cases c
              JOIN LATERAL (SELECT max(coalesce(n.first_submitted_at, n.created_at)) AS submitted_at
                            FROM notifications n WHERE n.case_id = c.id AND n.status = 'submitted') s ON s.submitted_at IS NOT NULL
              WHERE c.responsible_hc_id = ${hcId} AND c.current_status IS NULL
              ORDER BY s.submitted_at DESC, c.id
              LIMIT ${limit}) l
        JOIN persons p ON p.id = l.person_id
        ORDER BY l.submitted_at DESC, l.case_id`,
  );
}

export type StaleListRow = CaseColumns & { last_activity_at: string | null };

/**
 * The centre's cases whose status is not final and whose last status change and last observation
 * are both before `before` (domain/worklist.ts staleBefore and isStale), longest untouched first.
 */
export function staleOfCentre(tx: Tx, hcId: string, before: Date, limit: number) {
  const lastActivity = sql`greatest(c.status_changed_at, c.last_observed_at)`;
  // Literals, as in the predicate of cases_worklist_idx: a plan made for any parameters still uses it.
  const finals = sql.raw(FINAL_STATUSES.map((s) => `'${s}'`).join(', '));
  return rows<StaleListRow>(
    tx,
    sql`SELECT ${shown}, to_json(l.last_activity_at)#>>'{}' AS last_activity_at
        FROM (SELECT ${listed}, ${lastActivity} AS last_activity_at
              FROM cases c
              WHERE c.responsible_hc_id = ${hcId}
                AND c.current_status IS NOT NULL AND c.current_status NOT IN (${finals})
                AND coalesce(${lastActivity}, '-infinity') < ${before.toISOString()}::timestamptz
              ORDER BY ${lastActivity} ASC NULLS FIRST, c.id
              LIMIT ${limit}) l
        JOIN persons p ON p.id = l.person_id
        ORDER BY l.last_activity_at ASC NULLS FIRST, l.case_id`,
  );
}

export type NotReportedRow = CaseColumns & { phone: string | null; last_reminded_on: string | null };

/**
 * The centre's patients invited to My HER-SYS and under observation (domain/self-report.ts) with no
 * entry today, by themselves or by staff — called after the due time. Longest silent first.
 */
export function notReportedOfCentre(tx: Tx, hcId: string, today: string, limit: number) {
  const ended = sql.raw(OBSERVATION_ENDED.map((s) => `'${s}'`).join(', '));
  return rows<NotReportedRow>(
    tx,
    sql`SELECT ${shown}, p.phone, l.last_reminded_on::text AS last_reminded_on
        FROM (SELECT ${listed}, a.last_reminded_on
              FROM patient_access a JOIN cases c ON c.id = a.case_id
              WHERE c.responsible_hc_id = ${hcId} AND a.observe_until >= ${today}
                AND (c.current_status IS NULL OR c.current_status NOT IN (${ended}))
                AND NOT EXISTS (SELECT 1 FROM health_observations o WHERE o.case_id = c.id AND o.observed_on = ${today} AND o.replaced_by IS NULL)
              ORDER BY c.last_observed_at ASC NULLS FIRST, c.id
              LIMIT ${limit}) l
        JOIN persons p ON p.id = l.person_id
        ORDER BY l.last_observed_at ASC NULLS FIRST, l.case_id`,
  );
}

export type NeedsLookRow = CaseColumns & { reported_at: string; feeling: string | null; symptoms: string[] };

/** Today's self-reports of the centre's cases that need a look (domain needsLook), until staff record an entry after them. */
export function needsLookOfCentre(tx: Tx, hcId: string, today: string, limit: number) {
  return rows<NeedsLookRow>(
    tx,
    sql`SELECT ${shown}, to_json(l.reported_at)#>>'{}' AS reported_at, l.feeling, l.symptoms
        FROM (SELECT ${listed}, o.observed_at AS reported_at, o.feeling, o.symptoms
              FROM health_observations o JOIN cases c ON c.id = o.case_id
              WHERE c.responsible_hc_id = ${hcId} AND o.observed_on = ${today} AND o.source = 'self' AND o.replaced_by IS NULL
                AND (o.feeling = 'worse' OR cardinality(o.symptoms) > 0)
                AND NOT EXISTS (SELECT 1 FROM health_observations s WHERE s.case_id = o.case_id AND s.source = 'staff' AND s.observed_at > o.observed_at)
              ORDER BY o.observed_at DESC, c.id
              LIMIT ${limit}) l
        JOIN persons p ON p.id = l.person_id
        ORDER BY l.reported_at DESC, l.case_id`,
  );
}

export type DeadlineRow = CaseColumns & { notification_id: string; disease: string; due_on: string; status: string; submitted_late: boolean };

/**
 * The centre's notifications against their deadline (domain/deadlines.ts deadlineState): drafts due
 * within DUE_SOON_DAYS or overdue, and late submissions not yet confirmed; earliest due first
 * (notifications_due_idx).
 */
export function deadlinesOfCentre(tx: Tx, hcId: string, today: string, limit: number) {
  return rows<DeadlineRow>(
    tx,
    sql`SELECT ${shown}, l.notification_id, l.disease, l.due_on::text AS due_on, l.status, l.submitted_late
        FROM (SELECT ${listed}, n.id AS notification_id, c.disease, n.due_on, n.status, n.submitted_late
              FROM notifications n JOIN cases c ON c.id = n.case_id
              WHERE c.responsible_hc_id = ${hcId}
                AND ((n.status = 'draft' AND n.due_on <= ${today}::date + ${DUE_SOON_DAYS}::int)
                  OR (n.status = 'submitted' AND n.submitted_late AND n.confirmed_at IS NULL))
              ORDER BY n.due_on, n.id
              LIMIT ${limit}) l
        JOIN persons p ON p.id = l.person_id
        ORDER BY l.due_on, l.notification_id`,
  );
}

/** The centre's due time for self-reports (HH:MM, Japan). */
export async function reportDueTimeOf(tx: Tx, hcId: string): Promise<string> {
  const [row] = await rows<{ report_due_time: string }>(tx, sql`SELECT report_due_time FROM organizations WHERE id = ${hcId}`);
  return row.report_due_time;
}
