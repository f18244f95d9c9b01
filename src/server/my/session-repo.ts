// SQL for patients' sign-in and sessions. Sign-in runs as the system (nobody is known yet); the
// session check of a request is the first statement of its transaction and switches it to the
// patient (settings and role hersys_patient in the same statement), as for staff (auth/session-repo.ts).
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Patient } from '../access/patient.ts';
import type { StoredAnswer } from '../auth/session-repo.ts';
import { hashToken, newToken } from '../auth/session-repo.ts';
import { rows, type Tx } from '../db/database.ts';
import { patientAccess, patientSessions } from '../db/schema.ts';

/** The invited case of a スマホ入力ID, with what sign-in checks, locked for the attempt. */
export async function signInTarget(tx: Tx, selfReportId: string) {
  const [row] = await rows<{
    case_id: string;
    birth_date: string;
    email: string | null;
    phone: string | null;
    channel: 'email' | 'sms';
    failed_attempts: number;
    last_failed_at: string | null;
    locked_at: string | null;
  }>(
    tx,
    sql`SELECT c.id AS case_id, p.birth_date::text AS birth_date, p.email, p.phone, a.channel, a.failed_attempts, a.last_failed_at, a.locked_at
        FROM cases c JOIN persons p ON p.id = c.person_id JOIN patient_access a ON a.case_id = c.id
        WHERE c.self_report_id = ${selfReportId}
        FOR UPDATE OF a`,
  );
  return row ? { ...row, lastFailedAt: row.last_failed_at ? new Date(row.last_failed_at) : null } : null;
}

/** The same, by case: the code step knows the case from its session. */
export async function signInTargetOfCase(tx: Tx, caseId: string) {
  const [row] = await rows<{ case_id: string; failed_attempts: number; locked_at: string | null }>(
    tx,
    sql`SELECT case_id, failed_attempts, locked_at FROM patient_access WHERE case_id = ${caseId} FOR UPDATE`,
  );
  return row ?? null;
}

export async function recordSignInFailure(tx: Tx, caseId: string, failedAttempts: number, lock: boolean) {
  await tx
    .update(patientAccess)
    .set({ failedAttempts, lastFailedAt: new Date(), ...(lock ? { lockedAt: new Date() } : {}) })
    .where(eq(patientAccess.caseId, caseId));
}

export async function clearSignInFailures(tx: Tx, caseId: string) {
  await tx.update(patientAccess).set({ failedAttempts: 0, lastFailedAt: null }).where(eq(patientAccess.caseId, caseId));
}

export async function createCodeSession(
  tx: Tx,
  values: { id: string; caseId: string; codeHash: string; codeExpiresAt: Date; clientAddr: string | null; userAgent: string | null },
): Promise<{ id: string; token: string }> {
  const token = newToken();
  await tx.insert(patientSessions).values({ ...values, stage: 'code', tokenHash: hashToken(token), expiresAt: values.codeExpiresAt });
  return { id: values.id, token };
}

/** A session waiting for its code, locked for the attempt. */
export async function codeSession(tx: Tx, token: string) {
  const [row] = await tx
    .select()
    .from(patientSessions)
    .where(and(eq(patientSessions.tokenHash, hashToken(token)), eq(patientSessions.stage, 'code'), isNull(patientSessions.endedAt)))
    .for('update');
  return row ?? null;
}

export async function countWrongCode(tx: Tx, sessionId: string, attempts: number, end: boolean) {
  await tx
    .update(patientSessions)
    .set({ codeAttempts: attempts, ...(end ? { endedAt: new Date(), endedReason: 'too_many_codes' } : {}) })
    .where(eq(patientSessions.id, sessionId));
}

/** The code was right: the session starts, with a fresh token (no fixation across steps). */
export async function startSession(tx: Tx, sessionId: string, expiresAt: Date): Promise<string> {
  const token = newToken();
  await tx
    .update(patientSessions)
    .set({ stage: 'done', tokenHash: hashToken(token), codeHash: null, lastSeenAt: new Date(), expiresAt })
    .where(eq(patientSessions.id, sessionId));
  return token;
}

export async function endSession(tx: Tx, token: string, reason: string) {
  const [row] = await tx
    .update(patientSessions)
    .set({ endedAt: new Date(), endedReason: reason })
    .where(and(eq(patientSessions.tokenHash, hashToken(token)), isNull(patientSessions.endedAt)))
    .returning({ id: patientSessions.id, caseId: patientSessions.caseId });
  return row ?? null;
}

export interface PatientLookup {
  sessionId: string;
  caseId: string;
  state: 'active' | 'ended' | 'expired' | 'idle' | 'pending';
  /** For an active session: the patient, whose settings are now set for the rest of the transaction. */
  patient: Patient | null;
  stored: StoredAnswer | null;
}

/**
 * The session of a token and, when it is active, the patient set for row-level security — in one
 * statement, the first of the request's transaction, which also records that the session was used
 * (at most every 30 seconds, so a burst of requests does not rewrite the row each time).
 */
export async function patientSessionForToken(tx: Tx, token: string, idleMinutes: number, idempotencyKey: string | null): Promise<PatientLookup | null> {
  const [row] = await rows<Record<string, any>>(
    tx,
    sql`WITH s AS (
          SELECT ps.id, ps.case_id, ps.stage, ps.ended_at, ps.expires_at, ps.last_seen_at,
                 CASE WHEN ps.stage <> 'done' THEN 'pending'
                      WHEN ps.ended_at IS NOT NULL THEN 'ended'
                      WHEN ps.expires_at <= now() THEN 'expired'
                      WHEN ps.last_seen_at <= now() - make_interval(mins => ${idleMinutes}) THEN 'idle'
                      ELSE 'active' END AS state
          FROM patient_sessions ps WHERE ps.token_hash = ${hashToken(token)}),
        touched AS (
          UPDATE patient_sessions p SET last_seen_at = now() FROM s
          WHERE p.id = s.id AND s.state = 'active' AND s.last_seen_at < now() - interval '30 seconds' RETURNING p.id),
        household AS (
          SELECT string_agg(x::text, ',' ORDER BY o, x) AS ids FROM (
            SELECT s.case_id AS x, 0 AS o FROM s
            UNION ALL SELECT h.case_id, 1 FROM household_links h JOIN s ON h.head_case_id = s.case_id) q)
        SELECT s.id, s.case_id, s.state, (SELECT count(*) FROM touched) AS touched, household.ids AS case_ids,
               k.request_hash, k.status_code, k.response, k.created_at AS answered_at,
               CASE WHEN s.state = 'active' AND a.locked_at IS NULL THEN
                 set_config('app.patient_case', s.case_id::text, true) IS NOT NULL
                 AND set_config('app.patient_case_ids', household.ids, true) IS NOT NULL
                 AND set_config('role', 'hersys_patient', true) IS NOT NULL
               END AS acting
        FROM s JOIN patient_access a ON a.case_id = s.case_id CROSS JOIN household
        LEFT JOIN idempotency_keys k ON k.user_id = s.case_id AND k.key = ${idempotencyKey}`,
  );
  if (!row) return null;
  const acting = row.acting === true;
  return {
    sessionId: row.id,
    caseId: row.case_id,
    state: acting ? 'active' : row.state === 'active' ? 'ended' : row.state,
    patient: acting ? { sessionId: row.id, caseId: row.case_id, caseIds: String(row.case_ids).split(',') } : null,
    stored: row.request_hash
      ? { requestHash: row.request_hash, statusCode: Number(row.status_code), response: row.response, createdAt: new Date(row.answered_at) }
      : null,
  };
}

/** An idle session is ended when it is next seen, so that it stays ended. */
export async function endIdleSession(tx: Tx, sessionId: string) {
  await tx.update(patientSessions).set({ endedAt: new Date(), endedReason: 'idle' }).where(and(eq(patientSessions.id, sessionId), isNull(patientSessions.endedAt)));
}
