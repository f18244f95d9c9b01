// Signing in to My HER-SYS (issue 11): スマホ入力ID + date of birth, then a one-time code sent to the
// e-mail address or mobile phone on the case. Failures count per case and slow down and lock it
// like a staff ID (domain/login-policy.ts); a code lasts PATIENT_CODE_MINUTES and five wrong
// codes end the attempt. Every attempt is audited in the transaction that records its effect.
import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { locksAfterFailure, loginRetryAfter } from '../../domain/login-policy.ts';
import { maskContact, signInCodeMessage } from '../../domain/my-messages.ts';
import { audit } from '../audit/audit.ts';
import type { AddressLimit } from '../auth/address-limit.ts';
import { unwrap, type Client, type Outcome } from '../auth/service.ts';
import type { Config } from '../config.ts';
import type { Database, Tx } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import { enqueueSms } from '../sms/sms.ts';
import * as repo from './session-repo.ts';

/** Wrong codes one attempt may try before it must start again. */
const CODES_PER_ATTEMPT = 5;
const hashCode = (sessionId: string, code: string) => createHash('sha256').update(`${sessionId}:${code}`).digest('hex');


const signInAudit = (tx: Tx, client: Client, caseId: string | null, outcome: 'ok' | 'denied' | 'failed', details: Record<string, unknown>) =>
  audit(tx, { actor: null, clientAddr: client.clientAddr }, {
    action: 'patient.sign_in',
    recordType: caseId ? 'case' : undefined,
    recordIds: caseId ? [caseId] : [],
    outcome,
    details: { by: 'patient', ...details },
  });

/** Counts a wrong birth date or code; locks the case's sign-in after too many. */
async function countFailure(tx: Tx, client: Client, t: { case_id: string; failed_attempts: number }, step: string) {
  const failed = t.failed_attempts + 1;
  const lock = locksAfterFailure(failed);
  await repo.recordSignInFailure(tx, t.case_id, failed, lock);
  await signInAudit(tx, client, t.case_id, 'failed', { step, failedAttempts: failed, locked: lock });
  return lock;
}

/** Step 1: the ID and birth date are checked and a code goes out. Answers the same for an unknown ID as for a wrong date. */
export async function startSignIn(db: Database, config: Config, client: Client, body: { selfReportId: string; birthDate: string }, address: AddressLimit) {
  const outcome = await db.asSystem(async (tx): Promise<Outcome<{ token: string; channel: 'email' | 'sms'; sentTo: string; expiresAt: Date }>> => {
    const t = await repo.signInTarget(tx, body.selfReportId);
    if (address.exceeded) {
      await signInAudit(tx, client, t?.case_id ?? null, 'denied', { step: 'id', reason: 'rate_limited' });
      return { fail: new AppError(429, 'rate_limited', { retryAfterSeconds: address.waitSeconds }) };
    }
    if (!t) {
      await signInAudit(tx, client, null, 'failed', { step: 'id', reason: 'unknown_id' });
      return { fail: new AppError(401, 'sign_in_failed') };
    }
    if (t.locked_at) {
      await signInAudit(tx, client, t.case_id, 'denied', { step: 'id', reason: 'locked' });
      return { fail: new AppError(423, 'sign_in_locked') };
    }
    const wait = loginRetryAfter(t.failed_attempts, t.lastFailedAt, new Date());
    if (wait > 0) {
      await signInAudit(tx, client, t.case_id, 'denied', { step: 'id', reason: 'backoff' });
      return { fail: new AppError(429, 'login_backoff', { retryAfterSeconds: Math.max(wait, address.waitSeconds) }) };
    }
    if (t.birth_date !== body.birthDate) {
      const locked = await countFailure(tx, client, t, 'birth_date');
      return { fail: new AppError(locked ? 423 : 401, locked ? 'sign_in_locked' : 'sign_in_failed') };
    }
    const contact = t.channel === 'email' ? t.email : t.phone;
    if (!contact) {
      await signInAudit(tx, client, t.case_id, 'denied', { step: 'id', reason: 'no_contact' });
      return { fail: new AppError(409, 'no_contact_for_channel') };
    }
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = new Date(Date.now() + config.PATIENT_CODE_MINUTES * 60_000);
    const id = randomUUID();
    const session = await repo.createCodeSession(tx, { id, caseId: t.case_id, codeHash: hashCode(id, code), codeExpiresAt: expiresAt, ...client });
    const message = signInCodeMessage({ code, minutes: config.PATIENT_CODE_MINUTES });
    if (t.channel === 'email') enqueueEmail(tx, { to: contact, ...message });
    else enqueueSms(tx, { to: contact, text: message.text });
    await signInAudit(tx, client, t.case_id, 'ok', { step: 'id', channel: t.channel, sessionId: session.id });
    return { ok: { token: session.token, channel: t.channel, sentTo: maskContact(t.channel, contact), expiresAt } };
  });
  return unwrap(outcome);
}

/** Step 2: the code. A right one starts the session (fresh token, idle timeout, absolute end). */
export async function verifySignInCode(db: Database, config: Config, client: Client, token: string, code: string, address: AddressLimit) {
  const outcome = await db.asSystem(async (tx): Promise<Outcome<{ token: string }>> => {
    const s = token ? await repo.codeSession(tx, token) : null;
    if (!s) return { fail: new AppError(401, 'patient_unauthenticated') };
    const t = await repo.signInTargetOfCase(tx, s.caseId);
    if (address.exceeded) {
      await signInAudit(tx, client, s.caseId, 'denied', { step: 'code', reason: 'rate_limited' });
      return { fail: new AppError(429, 'rate_limited', { retryAfterSeconds: address.waitSeconds }) };
    }
    if (!t || t.locked_at) {
      await signInAudit(tx, client, s.caseId, 'denied', { step: 'code', reason: 'locked' });
      return { fail: new AppError(423, 'sign_in_locked') };
    }
    if (!s.codeExpiresAt || s.codeExpiresAt <= new Date()) {
      await repo.countWrongCode(tx, s.id, s.codeAttempts, true);
      await signInAudit(tx, client, s.caseId, 'failed', { step: 'code', reason: 'expired' });
      return { fail: new AppError(401, 'code_expired') };
    }
    const expected = Buffer.from(s.codeHash ?? '', 'hex');
    const given = Buffer.from(hashCode(s.id, code), 'hex');
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      const attempts = s.codeAttempts + 1;
      const end = attempts >= CODES_PER_ATTEMPT;
      await repo.countWrongCode(tx, s.id, attempts, end);
      const locked = await countFailure(tx, client, t, 'code');
      if (locked) return { fail: new AppError(423, 'sign_in_locked') };
      return { fail: new AppError(401, end ? 'code_expired' : 'code_invalid', { attemptsLeft: CODES_PER_ATTEMPT - attempts }) };
    }
    const fresh = await repo.startSession(tx, s.id, new Date(Date.now() + config.SESSION_ABSOLUTE_HOURS * 3_600_000));
    await repo.clearSignInFailures(tx, s.caseId);
    await signInAudit(tx, client, s.caseId, 'ok', { step: 'code', sessionId: s.id });
    return { ok: { token: fresh } };
  });
  return unwrap(outcome);
}

export async function signOut(db: Database, client: Client, token: string) {
  await db.asSystem(async (tx) => {
    const ended = await repo.endSession(tx, token, 'signed_out');
    if (ended) await audit(tx, { actor: null, clientAddr: client.clientAddr }, { action: 'patient.sign_out', recordType: 'case', recordIds: [ended.caseId], details: { by: 'patient', sessionId: ended.id } });
  });
}
