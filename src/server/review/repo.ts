// The review's SQL. Officers read review_alerts, review_actions, misuse_reports and the users of
// their tree under row-level security (migrations 0024, 0026); the evidence, the asked user's
// questions and the report channel go through the definer functions of migration 0026.
import { sql, type SQL } from 'drizzle-orm';
import type { AlertSource, AlertStatus } from '../../domain/access-review/review.ts';
import { rows, type Tx } from '../db/database.ts';

export interface AlertFilter {
  statuses: readonly AlertStatus[];
  source?: AlertSource;
  orgId?: string;
  from?: string;
  to?: string;
}

export interface AlertRowDb {
  id: string;
  source: AlertSource;
  status: AlertStatus;
  day: string | null;
  score: number;
  hits: { rule: string; weight: number; evidence: { seqs: number[]; caseIds: string[]; detail: Record<string, unknown> } }[];
  subject_user_id: string | null;
  subject_name: string | null;
  subject_roles: string[] | null;
  contractor_name: string | null;
  subject_org_id: string;
  subject_org_ja: string;
  subject_org_en: string;
  review_org_id: string;
  review_org_ja: string;
  review_org_en: string;
  question_id: string | null;
  report_id: string | null;
  created_at: string;
  version: number;
}

const ALERT_COLUMNS = sql`a.id, a.source, a.status, a.day::text AS day, a.score, a.hits, a.subject_user_id, u.display_name AS subject_name,
  u.roles AS subject_roles, u.contractor_name, a.subject_org_id, so.name_ja AS subject_org_ja, so.name_en AS subject_org_en,
  a.review_org_id, ro.name_ja AS review_org_ja, ro.name_en AS review_org_en, a.question_id, a.report_id, a.created_at, a.version`;
const ALERT_JOINS = sql`FROM review_alerts a
  LEFT JOIN users u ON u.id = a.subject_user_id
  JOIN organizations so ON so.id = a.subject_org_id
  JOIN organizations ro ON ro.id = a.review_org_id`;

function where(f: Omit<AlertFilter, 'statuses'>): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.source) parts.push(sql`a.source = ${f.source}`);
  if (f.orgId) parts.push(sql`a.subject_org_id = ${f.orgId}`);
  if (f.from) parts.push(sql`coalesce(a.day, (a.created_at AT TIME ZONE 'Asia/Tokyo')::date) >= ${f.from}::date`);
  if (f.to) parts.push(sql`coalesce(a.day, (a.created_at AT TIME ZONE 'Asia/Tokyo')::date) <= ${f.to}::date`);
  return sql.join(parts, sql` AND `);
}

const statusIn = (statuses: readonly AlertStatus[]) => sql`a.status = ANY (${`{${statuses.join(',')}}`}::text[])`;

/** A page of the queue, newest day first and the highest score first within a day. */
export async function alertPage(tx: Tx, f: AlertFilter, offset: number, limit: number) {
  const found = await rows<AlertRowDb & { total: number }>(
    tx,
    sql`SELECT ${ALERT_COLUMNS}, count(*) OVER ()::int AS total ${ALERT_JOINS}
         WHERE ${where(f)} AND ${statusIn(f.statuses)}
         ORDER BY coalesce(a.day, (a.created_at AT TIME ZONE 'Asia/Tokyo')::date) DESC, a.score DESC, a.created_at DESC, a.id
         OFFSET ${offset} LIMIT ${limit}`,
  );
  return { alerts: found, total: found[0]?.total ?? 0 };
}

/** Alerts per status under the filters other than status. */
export async function statusCounts(tx: Tx, f: Omit<AlertFilter, 'statuses'>) {
  return rows<{ status: AlertStatus; n: number }>(tx, sql`SELECT a.status, count(*)::int AS n FROM review_alerts a WHERE ${where(f)} GROUP BY a.status`);
}

export async function findAlert(tx: Tx, id: string, forUpdate = false) {
  const [found] = await rows<AlertRowDb>(tx, sql`SELECT ${ALERT_COLUMNS} ${ALERT_JOINS} WHERE a.id = ${id} ${forUpdate ? sql`FOR UPDATE OF a` : sql``}`);
  return found;
}

export function actionsOf(tx: Tx, alertId: string) {
  return rows<{ action: string; at: string; by_name: string | null; text: string | null; to_org_id: string | null; to_org_ja: string | null; to_org_en: string | null }>(
    tx,
    sql`SELECT r.action, r.at, coalesce(u.display_name, r.by_user_id::text) AS by_name, r.text, r.to_org_id, o.name_ja AS to_org_ja, o.name_en AS to_org_en
          FROM review_actions r LEFT JOIN users u ON u.id = r.by_user_id LEFT JOIN organizations o ON o.id = r.to_org_id
         WHERE r.alert_id = ${alertId} ORDER BY r.at, r.id`,
  );
}

export async function reportOf(tx: Tx, reportId: string) {
  const [found] = await rows<{
    id: string; what: string; happened: string | null; suspect: string | null; suspect_org_id: string | null; suspect_org_ja: string | null; suspect_org_en: string | null;
    reporter_user_id: string | null; reporter_display_name: string | null; reporter_org_id: string | null; reporter_org_ja: string | null; reporter_org_en: string | null;
    reporter_name: string | null; reporter_contact: string | null; created_at: string;
  }>(
    tx,
    // The reporter may be outside the officer's tree: their name comes with the report, not from users' policy.
    sql`SELECT m.id, m.what, m.happened, m.suspect, m.suspect_org_id, so.name_ja AS suspect_org_ja, so.name_en AS suspect_org_en,
               m.reporter_user_id, (SELECT display_name FROM app_report_reporter(m.id)) AS reporter_display_name,
               m.reporter_org_id, ro.name_ja AS reporter_org_ja, ro.name_en AS reporter_org_en, m.reporter_name, m.reporter_contact, m.created_at
          FROM misuse_reports m LEFT JOIN organizations so ON so.id = m.suspect_org_id LEFT JOIN organizations ro ON ro.id = m.reporter_org_id
         WHERE m.id = ${reportId}`,
  );
  return found;
}

export async function questionOf(tx: Tx, questionId: string) {
  // The officer reads the question through the alert that carries it (access_questions is the administrators').
  const [found] = await rows<{ id: string; question: string; asked_at: string; answered_at: string | null }>(
    tx,
    sql`SELECT * FROM app_alert_question(${questionId})`,
  );
  return found;
}

export function evidenceOf(tx: Tx, alertId: string) {
  return rows<{
    seq: string; at: string; action: string; purpose: string | null; client_addr: string | null; outcome: string;
    case_id: string | null; case_number: string | null; person_id: string | null; name_kanji: string | null; name_kana: string | null; birth_date: string | null;
    examined: boolean; template: string | null; purpose_only: boolean;
  }>(tx, sql`SELECT seq, at, action, purpose, client_addr, outcome, case_id, case_number, person_id, name_kanji, name_kana, birth_date::text AS birth_date, examined, template, purpose_only FROM app_alert_evidence(${alertId})`);
}

// — decisions —

export async function insertAction(tx: Tx, v: { alertId: string; action: string; byUserId: string; byOrgId: string; text: string | null; toOrgId?: string | null }) {
  await tx.execute(sql`INSERT INTO review_actions (alert_id, action, by_user_id, by_org_id, text, to_org_id)
                       VALUES (${v.alertId}, ${v.action}, ${v.byUserId}, ${v.byOrgId}, ${v.text}, ${v.toOrgId ?? null})`);
}

/** Moves the alert (locked by findAlert(…, true), its version checked) to its new status. */
export async function moveAlert(tx: Tx, id: string, status: AlertStatus) {
  await tx.execute(sql`UPDATE review_alerts SET status = ${status}, version = version + 1, updated_at = now() WHERE id = ${id}`);
}

/** Hands the alert to the officers of the parent organisation (migration 0026: the officer can no longer see it after). */
export async function escalateAlert(tx: Tx, id: string) {
  const [r] = await rows<{ parent: string | null }>(tx, sql`SELECT app_escalate_alert(${id}) AS parent`);
  return r.parent;
}

export async function userEmail(tx: Tx, userId: string) {
  const [found] = await rows<{ email: string | null }>(tx, sql`SELECT email FROM users WHERE id = ${userId}`);
  return found?.email ?? null;
}

// — the asked user —

export function myQuestions(tx: Tx) {
  return rows<{ alert_id: string; asked_at: string; question: string; answered_at: string | null; answer: string | null }>(tx, sql`SELECT * FROM app_my_review_questions()`);
}

export async function answer(tx: Tx, alertId: string, text: string) {
  const [r] = await rows<{ ok: boolean }>(tx, sql`SELECT app_answer_review_question(${alertId}, ${text}) AS ok`);
  return r.ok;
}

// — 通報窓口 —

export async function fileReport(tx: Tx, v: { prefectureId: string | null; what: string; happened: string | null; suspect: string | null; suspectOrgId: string | null; name: string | null; contact: string | null }) {
  const [r] = await rows<{ report_id: string; alert_id: string; review_org_id: string }>(
    tx,
    sql`SELECT * FROM app_file_misuse_report(${v.prefectureId}, ${v.what}, ${v.happened}, ${v.suspect}, ${v.suspectOrgId}, ${v.name}, ${v.contact})`,
  );
  return r;
}

export function organizationsForReports(tx: Tx) {
  return rows<{ id: string; kind: string; name_ja: string; name_en: string; prefecture_id: string | null }>(
    tx,
    sql`SELECT id, kind, name_ja, name_en, prefecture_id FROM organizations ORDER BY kind = 'ministry' DESC, prefecture_id NULLS FIRST, code`,
  );
}

export async function orgExists(tx: Tx, id: string) {
  const [r] = await rows<{ kind: string }>(tx, sql`SELECT kind FROM organizations WHERE id = ${id}`);
  return r?.kind ?? null;
}

// — the sensitive mark —

export async function caseForMark(tx: Tx, caseId: string) {
  const [r] = await rows<{ person_id: string; responsible_hc_id: string }>(tx, sql`SELECT person_id, responsible_hc_id FROM cases WHERE id = ${caseId}`);
  return r;
}

export async function markOf(tx: Tx, personId: string) {
  const [r] = await rows<{ kind: string; marked_at: string }>(tx, sql`SELECT kind, marked_at FROM sensitive_persons WHERE person_id = ${personId}`);
  return r;
}

export async function setMark(tx: Tx, v: { personId: string; kind: string; orgId: string; userId: string }) {
  // One mark per person: a new kind replaces the old (the policy lets a centre delete what it sees).
  await tx.execute(sql`DELETE FROM sensitive_persons WHERE person_id = ${v.personId}`);
  await tx.execute(sql`INSERT INTO sensitive_persons (person_id, kind, marked_by_org_id, marked_by) VALUES (${v.personId}, ${v.kind}, ${v.orgId}, ${v.userId})`);
}

export async function clearMark(tx: Tx, personId: string) {
  await tx.execute(sql`DELETE FROM sensitive_persons WHERE person_id = ${personId}`);
}
