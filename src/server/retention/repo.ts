// SQL of the retention job (issue 14, migration 0040), run as the owner: who is due, the removal of a
// person's identity from every table that holds it, the audit rows that concern them, and the runs.
//
// Table by table (src/server/db/schema.ts), what goes and what stays:
//   persons              name (kanji, kana, the kana search key) → pseudonym; date of birth → the
//                        latest date with the same age bands (counts); residence → prefecture and
//                        municipality only (counts); registered address, phone (and its key), e-mail,
//                        guardian's name, phone, address → null. Sex stays (counts). retained_at set.
//   cases                kept: HER-SYS ID and スマホ入力ID are record numbers, named in audit rows and counts.
//   case_status_changes  note and reason (free text) → null; statuses and dates stay (counts).
//   residences           place name, address, note → null; kind and dates stay.
//   admissions           ward, attending doctor, note → null; dates and outcome stay.
//   clinical_course, health_observations   note → null; readings and severity stay (counts).
//   case_alerts          acknowledgement note → null.
//   notifications        occupation and free-text answers (withoutFreeText) → gone; choices, dates and
//                        classification stay (counts). The reporter
//                        (doctor, institution) is staff, not the patient, and stays.
//   notification_changes old and new values of each corrected item and the reason → null; the paths stay.
//   contacts             (the person as a contact) note → null.
//   processing_numbers, case_external_ids (NESID, local IDs), patient_access and patient_sessions
//                        (My HER-SYS links): deleted.
//   self_registrations   accepted into a retained case: name, address, phone, e-mail, photo → placeholders/null.
//   audit_log            personal values in details (PERSONAL_AUDIT_DETAILS) → their digests, on
//                        version 3 rows; older rows are counted as kept (their hash covers the value).
//   Kept as they are: lab tests (methods, dates, results), case transfers, household links, grants and
//   review records (staff's own text about an access, evidence for the privacy officer).
import { desc, sql } from 'drizzle-orm';
import { rows, type Tx } from '../db/database.ts';
import { pgArray } from '../db/pg-array.ts';
import { retentionRuns } from '../db/schema.ts';
import type { CaseStatus } from '../../domain/case-status.ts';

export interface Candidate {
  person_id: string;
  birth_date: string;
  residence_address: string | null;
}

export interface CaseEnd {
  id: string;
  person_id: string;
  case_number: string;
  current_status: CaseStatus | null;
  status_effective_on: string | null;
}

/** The due persons (retention_all_ended_by, migration 0040) in id order after `after`; with `lock`, each is locked and one locked by another run skipped. */
export function candidates(tx: Tx, endedBy: string, after: string, limit: number, lock: boolean): Promise<Candidate[]> {
  return rows<Candidate>(
    tx,
    sql`SELECT p.id AS person_id, p.birth_date::text, p.residence_address FROM persons p
         WHERE p.retained_at IS NULL AND p.id > ${after}::uuid AND retention_all_ended_by(p.id, ${endedBy}::date)
         ORDER BY p.id LIMIT ${limit} ${lock ? sql`FOR UPDATE OF p SKIP LOCKED` : sql``}`,
  );
}

/** The cases of the persons, locked with `lock` so that no status changes under the job. */
export function casesOf(tx: Tx, personIds: string[], lock: boolean): Promise<CaseEnd[]> {
  return rows<CaseEnd>(
    tx,
    sql`SELECT id, person_id, case_number, current_status, status_effective_on::text FROM cases
         WHERE person_id = ANY (${pgArray(personIds)}::uuid[]) ORDER BY case_number ${lock ? sql`FOR UPDATE` : sql``}`,
  );
}

/** The last day of each monitoring of the persons as close contacts. */
export function contactEndsOf(tx: Tx, personIds: string[]): Promise<{ person_id: string; monitoring_ends_on: string }[]> {
  return rows(tx, sql`SELECT person_id, monitoring_ends_on::text FROM contacts WHERE person_id = ANY (${pgArray(personIds)}::uuid[])`);
}

/** How many persons are due now, and the latest end of a person's cases that is not yet due (retention_due, migration 0040: for whom may read the runs). */
export async function dueSummary(tx: Tx, endedBy: string): Promise<{ dueNow: number; nextEnd: string | null }> {
  const [row] = await rows<{ due_now: number; next_end: string | null }>(tx, sql`SELECT due_now, next_end::text FROM retention_due(${endedBy}::date)`);
  return { dueNow: Number(row?.due_now ?? 0), nextEnd: row?.next_end ?? null };
}

export interface KeptIdentity {
  personId: string;
  nameKanji: string;
  nameKana: string;
  birthDate: string;
  residenceAddress: string | null;
}

/** Removes the identity of retained persons (see the table list above). The caller set hersys.retention. */
export async function removeIdentity(tx: Tx, kept: KeptIdentity[], caseIds: string[]): Promise<void> {
  const persons = pgArray(kept.map((k) => k.personId));
  const ids = pgArray(caseIds);
  await tx.execute(sql`
    UPDATE persons p SET name_kanji = k.name_kanji, name_kana = k.name_kana, name_kana_key = '',
           birth_date = k.birth_date::date, residence_address = k.residence_address, registered_address = NULL,
           phone = NULL, phone_key = NULL, email = NULL, guardian_name = NULL, guardian_phone = NULL, guardian_address = NULL,
           retained_at = now(), updated_at = now(), version = p.version + 1
      FROM jsonb_to_recordset(${JSON.stringify(kept.map((k) => ({ id: k.personId, name_kanji: k.nameKanji, name_kana: k.nameKana, birth_date: k.birthDate, residence_address: k.residenceAddress })))}::jsonb)
           AS k(id uuid, name_kanji text, name_kana text, birth_date text, residence_address text)
     WHERE p.id = k.id`);
  await tx.execute(sql`UPDATE case_status_changes SET note = NULL, reason = NULL WHERE case_id = ANY (${ids}::uuid[]) AND (note IS NOT NULL OR reason IS NOT NULL)`);
  await tx.execute(sql`UPDATE residences SET place_name = NULL, address = NULL, note = NULL WHERE case_id = ANY (${ids}::uuid[])`);
  await tx.execute(sql`UPDATE admissions SET ward = NULL, attending_doctor = NULL, note = NULL WHERE case_id = ANY (${ids}::uuid[])`);
  await tx.execute(sql`UPDATE clinical_course SET note = NULL WHERE case_id = ANY (${ids}::uuid[]) AND note IS NOT NULL`);
  await tx.execute(sql`UPDATE health_observations SET note = NULL WHERE case_id = ANY (${ids}::uuid[]) AND note IS NOT NULL`);
  await tx.execute(sql`UPDATE case_alerts SET acknowledgement_note = NULL WHERE case_id = ANY (${ids}::uuid[]) AND acknowledgement_note IS NOT NULL`);
  await tx.execute(sql`UPDATE notifications SET occupation = NULL WHERE case_id = ANY (${ids}::uuid[]) AND occupation IS NOT NULL`);
  await tx.execute(sql`
    UPDATE notification_changes nc SET reason = NULL,
           changes = (SELECT coalesce(jsonb_agg(jsonb_build_object('path', e->'path', 'from', NULL, 'to', NULL)), '[]'::jsonb) FROM jsonb_array_elements(nc.changes) e)
      FROM notifications n WHERE n.id = nc.notification_id AND n.case_id = ANY (${ids}::uuid[])`);
  await tx.execute(sql`UPDATE contacts SET note = NULL WHERE person_id = ANY (${persons}::uuid[]) AND note IS NOT NULL`);
  await tx.execute(sql`DELETE FROM processing_numbers WHERE case_id = ANY (${ids}::uuid[])`);
  await tx.execute(sql`DELETE FROM case_external_ids WHERE case_id = ANY (${ids}::uuid[])`);
  await tx.execute(sql`DELETE FROM patient_sessions WHERE case_id = ANY (${ids}::uuid[])`);
  await tx.execute(sql`DELETE FROM patient_access WHERE case_id = ANY (${ids}::uuid[])`);
  await tx.execute(sql`
    UPDATE self_registrations SET name_kanji = '匿名', name_kana = 'トクメイ', address = '', phone = '', email = NULL, photo = NULL, photo_type = NULL
     WHERE accepted_case_id = ANY (${ids}::uuid[])`);
}

export interface NotificationAnswers {
  id: string;
  form_id: string;
  form_version: string;
  answers: unknown;
}

export function notificationAnswers(tx: Tx, caseIds: string[]): Promise<NotificationAnswers[]> {
  return rows<NotificationAnswers>(tx, sql`SELECT id, form_id, form_version, answers FROM notifications WHERE case_id = ANY (${pgArray(caseIds)}::uuid[])`);
}

export async function setAnswers(tx: Tx, changed: { id: string; answers: unknown }[]): Promise<void> {
  if (!changed.length) return;
  await tx.execute(sql`
    UPDATE notifications n SET answers = c.answers
      FROM jsonb_to_recordset(${JSON.stringify(changed)}::jsonb) AS c(id uuid, answers jsonb) WHERE n.id = c.id`);
}

export interface AuditRow {
  seq: string;
  at: Date;
  action: string;
  details: unknown;
  hash_version: number;
}

/** Audit rows of the actions whose details may hold personal values that name one of the records. */
export function auditRowsAbout(tx: Tx, actions: string[], recordIds: string[]): Promise<AuditRow[]> {
  return rows<AuditRow>(
    tx,
    sql`SELECT seq::text, at, action, details, hash_version FROM audit_log
         WHERE record_ids && ${pgArray(recordIds)}::text[] AND action = ANY (${pgArray(actions)}::text[]) ORDER BY seq`,
  );
}

export async function setAuditDetails(tx: Tx, seq: string, details: unknown): Promise<void> {
  await tx.execute(sql`UPDATE audit_log SET details = ${JSON.stringify(details)}::jsonb WHERE seq = ${seq}::bigint`);
}

/** The transaction may clear what append-only tables hold (migration 0040, app_retention_may_clear). */
export async function allowClearing(tx: Tx): Promise<void> {
  await tx.execute(sql`SELECT set_config('hersys.retention', 'on', true)`);
}

export type RunRow = typeof retentionRuns.$inferSelect;

export async function startRun(tx: Tx, values: { dryRun: boolean; retentionYears: number; triggeredBy: 'scheduler' | 'cli' }): Promise<RunRow> {
  const [row] = await tx.insert(retentionRuns).values(values).returning();
  return row!;
}

export async function finishRun(tx: Tx, id: string, counts: { personsDue: number; personsProcessed: number; auditRowsRedacted: number; auditRowsKept: number; failed: boolean }) {
  await tx.execute(sql`
    UPDATE retention_runs SET finished_at = now(), persons_due = ${counts.personsDue}, persons_processed = ${counts.personsProcessed},
           audit_rows_redacted = ${counts.auditRowsRedacted}, audit_rows_kept = ${counts.auditRowsKept}, failed = ${counts.failed}
     WHERE id = ${id}::uuid`);
}

/** The newest runs the user may read (RLS: migration 0040). */
export function latestRuns(tx: Tx, limit: number): Promise<RunRow[]> {
  return tx.select().from(retentionRuns).orderBy(desc(retentionRuns.startedAt)).limit(limit);
}
