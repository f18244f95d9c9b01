// SQL of My HER-SYS: the invitation and its controls (as staff, under their scope), the patient's
// cases, reports and accesses (as the patient, under hersys_patient's policies).
import { and, desc, eq, gte, isNull, sql } from 'drizzle-orm';
import { rows, type Tx } from '../db/database.ts';
import { accessQuestions, healthObservations, householdLinks, patientAccess } from '../db/schema.ts';

const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());

/** What an invitation needs of a case: its person's contacts and the dates isolation counts from. */
export async function inviteeOf(tx: Tx, caseId: string) {
  const [row] = await rows<{
    case_id: string;
    self_report_id: string;
    current_status: string | null;
    email: string | null;
    phone: string | null;
    onset_on: string | null;
    specimen_on: string | null;
    diagnosed_on: string | null;
    centre_name_ja: string;
  }>(
    tx,
    sql`SELECT c.id AS case_id, c.self_report_id, c.current_status, p.email, p.phone, o.name_ja AS centre_name_ja,
               n.onset_on::text, n.specimen_collected_on::text AS specimen_on, n.diagnosed_on::text
        FROM cases c JOIN persons p ON p.id = c.person_id JOIN organizations o ON o.id = c.responsible_hc_id
        LEFT JOIN LATERAL (SELECT * FROM notifications n WHERE n.case_id = c.id AND n.status = 'submitted'
                           ORDER BY n.first_submitted_at DESC LIMIT 1) n ON true
        WHERE c.id = ${caseId}`,
  );
  return row ?? null;
}

/** Invites (again): the channel and the period are the latest given; a lock is lifted by a new invitation. */
export async function upsertAccess(tx: Tx, v: { caseId: string; channel: 'email' | 'sms'; observeUntil: string; invitedBy: string | null }) {
  await tx
    .insert(patientAccess)
    .values(v)
    .onConflictDoUpdate({
      target: patientAccess.caseId,
      set: { channel: v.channel, observeUntil: v.observeUntil, invitedBy: v.invitedBy, invitedAt: new Date(), failedAttempts: 0, lastFailedAt: null, lockedAt: null, version: sql`${patientAccess.version} + 1` },
    });
}

/** The case's My HER-SYS state for staff: the invitation, the household, whether the person can be reached. */
export async function caseAccess(tx: Tx, caseId: string) {
  const [row] = await rows<Record<string, any>>(
    tx,
    sql`SELECT c.id, p.email IS NOT NULL AS has_email, p.phone, a.case_id IS NOT NULL AS invited, a.channel, a.invited_at, a.observe_until::text,
               a.reminders_paused_at, a.reminder_time, a.last_reminded_on::text, a.locked_at,
               h.head_case_id, hc.case_number AS head_case_number,
               coalesce((SELECT json_agg(json_build_object('caseId', d.case_id, 'caseNumber', dc.case_number) ORDER BY dc.case_number)
                         FROM household_links d JOIN cases dc ON dc.id = d.case_id WHERE d.head_case_id = c.id), '[]') AS dependants
        FROM cases c JOIN persons p ON p.id = c.person_id
        LEFT JOIN patient_access a ON a.case_id = c.id
        LEFT JOIN household_links h ON h.case_id = c.id LEFT JOIN cases hc ON hc.id = h.head_case_id
        WHERE c.id = ${caseId}`,
  );
  if (!row) return null;
  return {
    invited: row.invited as boolean,
    channel: (row.channel ?? null) as 'email' | 'sms' | null,
    invitedAt: iso(row.invited_at),
    observeUntil: (row.observe_until ?? null) as string | null,
    remindersPaused: !!row.reminders_paused_at,
    reminderTime: (row.reminder_time ?? null) as string | null,
    lastRemindedOn: (row.last_reminded_on ?? null) as string | null,
    locked: !!row.locked_at,
    hasEmail: row.has_email as boolean,
    phone: (row.phone ?? null) as string | null,
    head: row.head_case_id ? { caseId: row.head_case_id as string, caseNumber: row.head_case_number as string } : null,
    dependants: (typeof row.dependants === 'string' ? JSON.parse(row.dependants) : row.dependants) as { caseId: string; caseNumber: string }[],
  };
}

export async function setRemindersPaused(tx: Tx, caseId: string, pausedBy: string | null) {
  const updated = await tx
    .update(patientAccess)
    .set({ remindersPausedAt: pausedBy ? new Date() : null, remindersPausedBy: pausedBy, version: sql`${patientAccess.version} + 1` })
    .where(eq(patientAccess.caseId, caseId))
    .returning({ caseId: patientAccess.caseId });
  return updated.length > 0;
}

/** Whether a case reports for others or is itself reported for. */
export async function householdRoleOf(tx: Tx, caseId: string) {
  const [row] = await rows<{ is_dependant: boolean; has_dependants: boolean }>(
    tx,
    sql`SELECT EXISTS (SELECT 1 FROM household_links WHERE case_id = ${caseId}) AS is_dependant,
               EXISTS (SELECT 1 FROM household_links WHERE head_case_id = ${caseId}) AS has_dependants`,
  );
  return row;
}

export async function setHousehold(tx: Tx, caseId: string, headCaseId: string | null, linkedBy: string) {
  await tx.delete(householdLinks).where(eq(householdLinks.caseId, caseId));
  if (headCaseId) await tx.insert(householdLinks).values({ caseId, headCaseId, linkedBy });
}

// — the patient's side —

/** The patient's cases with what the home page shows; `caseIds` in the order of the session. */
export async function patientCases(tx: Tx, caseIds: string[], today: string) {
  return rows<Record<string, any>>(
    tx,
    sql`SELECT c.id, p.name_kanji, c.current_status, a.observe_until::text, a.reminder_time, a.reminders_paused_at,
               o.name_ja, o.name_en, o.phone, o.report_due_time, o.reminder_time AS centre_reminder_time,
               n.onset_on::text, n.specimen_collected_on::text AS specimen_on, n.diagnosed_on::text,
               (SELECT to_json(h) FROM health_observations h
                WHERE h.case_id = c.id AND h.observed_on = ${today} AND h.source = 'self' AND h.replaced_by IS NULL) AS today,
               coalesce((SELECT json_agg(json_build_object('rule', al.rule, 'message', al.message))
                         FROM case_alerts al WHERE al.case_id = c.id AND al.acknowledged_at IS NULL), '[]') AS open_alerts
        FROM cases c JOIN persons p ON p.id = c.person_id JOIN patient_access a ON a.case_id = c.id
        JOIN organizations o ON o.id = c.responsible_hc_id
        LEFT JOIN LATERAL (SELECT n.onset_on, n.specimen_collected_on, n.diagnosed_on FROM notifications n
                           WHERE n.case_id = c.id AND n.status = 'submitted' ORDER BY n.first_submitted_at DESC LIMIT 1) n ON true
        WHERE c.id = ANY (${`{${caseIds.join(',')}}`}::uuid[])
        ORDER BY array_position(${`{${caseIds.join(',')}}`}::uuid[], c.id)`,
  );
}

/** One case of the patient's for a report: whether it can take one today, and where the centre is. */
export async function reportTarget(tx: Tx, caseId: string, today: string) {
  const [row] = await rows<{ current_status: string | null; observe_until: string; name_ja: string; name_en: string; phone: string | null; today_id: string | null }>(
    tx,
    sql`SELECT c.current_status, a.observe_until::text, o.name_ja, o.name_en, o.phone,
               (SELECT h.id FROM health_observations h
                WHERE h.case_id = c.id AND h.observed_on = ${today} AND h.source = 'self' AND h.replaced_by IS NULL) AS today_id
        FROM cases c JOIN patient_access a ON a.case_id = c.id JOIN organizations o ON o.id = c.responsible_hc_id
        WHERE c.id = ${caseId}`,
  );
  return row ?? null;
}

export async function markReplaced(tx: Tx, id: string, by: string) {
  await tx.update(healthObservations).set({ replacedBy: by }).where(eq(healthObservations.id, id));
}

export function reportsOf(tx: Tx, caseId: string, since: string) {
  return tx
    .select()
    .from(healthObservations)
    .where(and(eq(healthObservations.caseId, caseId), eq(healthObservations.source, 'self'), isNull(healthObservations.replacedBy), gte(healthObservations.observedOn, since)))
    .orderBy(desc(healthObservations.observedOn));
}

export async function setReminderTime(tx: Tx, caseId: string, reminderTime: string | null) {
  const updated = await tx.update(patientAccess).set({ reminderTime }).where(eq(patientAccess.caseId, caseId)).returning({ caseId: patientAccess.caseId });
  return updated.length > 0;
}

export function accessesOf(tx: Tx, before: number | null, limit: number) {
  return rows<{
    seq: string;
    at: string;
    action: string;
    record_type: string | null;
    purpose: string | null;
    outcome: string;
    org_id: string;
    org_kind: string;
    org_name_ja: string;
    org_name_en: string;
    roles: string[] | null;
    case_ids: string[];
  }>(tx, sql`SELECT * FROM app_patient_accesses(${before}, ${limit})`);
}

/** The seqs among `seqs` the patient already asked about. */
export async function askedSeqs(tx: Tx, seqs: number[]): Promise<Set<number>> {
  if (!seqs.length) return new Set();
  const found = await rows<{ audit_seq: string }>(tx, sql`SELECT audit_seq FROM access_questions WHERE audit_seq = ANY (${`{${seqs.join(',')}}`}::bigint[])`);
  return new Set(found.map((r) => Number(r.audit_seq)));
}

export async function insertQuestion(tx: Tx, v: { caseId: string; auditSeq: number; orgId: string; question: string }) {
  const [row] = await tx.insert(accessQuestions).values(v).onConflictDoNothing().returning({ id: accessQuestions.id, askedAt: accessQuestions.askedAt });
  return row ?? null;
}

/** A health centre's or other organisation's notification address, for "a patient asked". */
export async function orgNotificationEmail(tx: Tx, orgId: string) {
  const [row] = await rows<{ notification_email: string | null }>(tx, sql`SELECT notification_email FROM organizations WHERE id = ${orgId}`);
  return row?.notification_email ?? null;
}

/** The question as an alert for the privacy officers of the organisation asked (migration 0026). */
export async function raiseQuestionAlert(tx: Tx, questionId: string) {
  await tx.execute(sql`SELECT app_raise_question_alert(${questionId})`);
}

// — administrators: the questions about their organisations' accesses —

export function questionsForAdmin(tx: Tx) {
  return rows<Record<string, any>>(
    tx,
    sql`SELECT q.id, q.asked_at, q.question, q.answered_at, q.answer, q.audit_seq, l.at, l.action, l.actor_user_id, l.purpose
        FROM access_questions q LEFT JOIN audit_log l ON l.seq = q.audit_seq
        ORDER BY q.answered_at IS NOT NULL, q.asked_at DESC LIMIT 500`,
  );
}

export async function answerQuestion(tx: Tx, id: string, answer: string, by: string) {
  const [row] = await tx
    .update(accessQuestions)
    .set({ answer, answeredAt: new Date(), answeredBy: by })
    .where(and(eq(accessQuestions.id, id), isNull(accessQuestions.answeredAt)))
    .returning({ id: accessQuestions.id });
  return row ?? null;
}
