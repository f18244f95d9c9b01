// Login (ID + password, then the one-time code), first-login password change and authenticator
// enrolment, logout, and turning a session cookie into the acting user. Every attempt is audited
// in the same transaction that records its effect (failure counts, locks, sessions).
import { eq } from 'drizzle-orm';
import { locksAfterFailure, loginRetryAfter, sessionState } from '../../domain/login-policy.ts';
import { passwordProblems } from '../../domain/password-policy.ts';
import type { Actor } from '../access/actor.ts';
import { audit, type AuditSource } from '../audit/audit.ts';
import type { Config } from '../config.ts';
import type { Database, Tx } from '../db/database.ts';
import { securityFlags, users } from '../db/schema.ts';
import { AppError, fieldError } from '../errors.ts';
import type { AddressLimit } from './address-limit.ts';
import { hashPassword, spendVerifyTime, verifyPassword } from './passwords.ts';
import * as repo from './session-repo.ts';
import type { SessionRow, SessionStage } from './session-repo.ts';
import { keyringOf } from '../secrets/keyring.ts';
import { checkTotp, enrolmentOf, newTotpSecret, totpPlace } from './totp.ts';
import { createHash } from 'node:crypto';

export interface AuthDeps {
  db: Database;
  config: Config;
}

export interface Client {
  clientAddr: string | null;
  userAgent: string | null;
}

/** A login that has passed the password but not yet every step lives this long. */
const PENDING_MINUTES = 10;
const minutesFromNow = (m: number) => new Date(Date.now() + m * 60_000);

/** The seconds before the account's next login attempt is checked (its back-off; 0: at once). */
const accountWait = (cred: { failedAttempts: number; lastFailedAt: Date | null }) => loginRetryAfter(cred.failedAttempts, cred.lastFailedAt, new Date());

/**
 * A refused login step (429): its Retry-After is when neither the account's back-off nor the
 * address's request limit refuses, so that a retry then is checked.
 */
const tooSoon = (code: 'login_backoff' | 'rate_limited', accountWaitSeconds: number, address: AddressLimit) =>
  new AppError(429, code, { retryAfterSeconds: Math.max(accountWaitSeconds, address.waitSeconds) });

/** A login step's result: its transaction commits either way (failure counts, audit rows), then a failure is thrown. */
export type Outcome<T> = { ok: T } | { fail: AppError };
export const unwrap = <T>(o: Outcome<T>): T => {
  if ('fail' in o) throw o.fail;
  return o.ok;
};

function nextStage(cred: { mustChangePassword: boolean; totpSecret: string | null }): SessionStage {
  if (cred.mustChangePassword) return 'change_password';
  return cred.totpSecret ? 'totp' : 'enrol_totp';
}

const sourceFor = (user: { id: string; orgId: string }, client: Client): AuditSource => ({
  actor: { userId: user.id, orgId: user.orgId },
  clientAddr: client.clientAddr,
});

/** Counts a failed password or code; locks the ID when there have been too many. */
async function recordFailure(tx: Tx, user: { id: string; orgId: string }, failedBefore: number, client: Client, step: string) {
  const failed = failedBefore + 1;
  const lock = locksAfterFailure(failed);
  await repo.updateCredentials(tx, user.id, { failedAttempts: failed, lastFailedAt: new Date() });
  if (lock) await tx.update(users).set({ lockedAt: new Date() }).where(eq(users.id, user.id));
  await audit(tx, sourceFor(user, client), { action: 'auth.login', recordType: 'user', recordIds: [user.id], outcome: 'failed', details: { step, failedAttempts: failed } });
  if (lock) {
    await repo.endSessionsOf(tx, user.id, 'locked');
    await audit(tx, sourceFor(user, client), { action: 'auth.lock', recordType: 'user', recordIds: [user.id], details: { failedAttempts: failed } });
  }
  return lock;
}

export async function login(deps: AuthDeps, client: Client, loginId: string, password: string, address: AddressLimit) {
  const { db } = deps;
  // Read what is needed to check, hash outside the transaction (PGlite has one connection).
  const found = await db.asSystem((tx) => repo.findLogin(tx, loginId));
  // Over the address's limit: refused unchecked, nothing hashed.
  if (address.exceeded) throw tooSoon('rate_limited', found ? accountWait(found.cred) : 0, address);
  const passwordOk = found ? await verifyPassword(found.cred.passwordHash, password) : (await spendVerifyTime(password), false);

  const outcome = await db.asSystem(async (tx): Promise<Outcome<{ token: string; stage: SessionStage }>> => {
    const row = await repo.findLogin(tx, loginId); // again, locked for update this time
    if (!row || row.user.status === 'deleted') {
      const loginIdHash = createHash('sha256').update(loginId.toLowerCase()).digest('hex').slice(0, 16);
      await audit(tx, { actor: null, clientAddr: client.clientAddr }, { action: 'auth.login', outcome: 'failed', details: { step: 'password', reason: 'unknown_id', loginIdHash } });
      return { fail: new AppError(401, 'login_failed') };
    }
    const { user, cred } = row;
    if (user.lockedAt) {
      await audit(tx, sourceFor(user, client), { action: 'auth.login', recordType: 'user', recordIds: [user.id], outcome: 'denied', details: { step: 'password', reason: 'locked' } });
      return { fail: new AppError(423, 'account_locked') };
    }
    const wait = accountWait(cred);
    if (wait > 0) {
      const fail = tooSoon('login_backoff', wait, address);
      await audit(tx, sourceFor(user, client), { action: 'auth.login', recordType: 'user', recordIds: [user.id], outcome: 'denied', details: { step: 'password', reason: 'backoff', ...fail.details } });
      return { fail };
    }
    if (!passwordOk || cred.passwordHash !== found?.cred.passwordHash) {
      const locked = await recordFailure(tx, user, cred.failedAttempts, client, 'password');
      return { fail: new AppError(locked ? 423 : 401, locked ? 'account_locked' : 'login_failed') };
    }
    if (user.status === 'suspended') {
      await audit(tx, sourceFor(user, client), { action: 'auth.login', recordType: 'user', recordIds: [user.id], outcome: 'denied', details: { step: 'password', reason: 'suspended' } });
      return { fail: new AppError(403, 'account_suspended') };
    }
    const stage = nextStage(cred);
    const session = await repo.createSession(tx, { userId: user.id, stage, ...client, expiresAt: minutesFromNow(PENDING_MINUTES) });
    await audit(tx, sourceFor(user, client), { action: 'auth.login', recordType: 'user', recordIds: [user.id], details: { step: 'password', next: stage, sessionId: session.id } });
    return { ok: { token: session.token, stage } };
  });
  return unwrap(outcome);
}

/** Finishes a login: a fresh token valid for the absolute session time; flags parallel use. */
async function completeLogin(tx: Tx, deps: AuthDeps, session: SessionRow, user: { id: string; orgId: string }, client: Client) {
  const token = await repo.advanceSession(tx, session.id, 'done', minutesFromNow(deps.config.SESSION_ABSOLUTE_HOURS * 60));
  await repo.updateCredentials(tx, user.id, { failedAttempts: 0, lastFailedAt: null });
  await tx.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, user.id));
  await audit(tx, sourceFor(user, client), { action: 'auth.login', recordType: 'user', recordIds: [user.id], details: { step: 'complete', sessionId: session.id } });
  // One ID is one person: the same ID open from another address at the same time is for review.
  const idleSince = new Date(Date.now() - deps.config.SESSION_IDLE_MINUTES * 60_000);
  const others = (await repo.otherOpenSessionAddrs(tx, user.id, session.id, idleSince)).filter((a) => a !== client.clientAddr);
  if (others.length) {
    const [flag] = await tx
      .insert(securityFlags)
      .values({ userId: user.id, kind: 'concurrent_sessions', details: { addresses: [client.clientAddr, ...others] } })
      .returning({ id: securityFlags.id });
    await audit(tx, sourceFor(user, client), { action: 'auth.flag', recordType: 'security_flag', recordIds: [flag.id], details: { kind: 'concurrent_sessions', sessions: others.length + 1 } });
  }
  return token;
}

function requireStage(session: SessionRow, stage: SessionStage) {
  if (session.stage !== stage) throw new AppError(409, 'step_required', { stage: session.stage });
}

export async function verifyLoginCode(deps: AuthDeps, client: Client, session: SessionRow, code: string, address: AddressLimit) {
  requireStage(session, 'totp');
  const outcome = await deps.db.asSystem(async (tx): Promise<Outcome<{ token: string }>> => {
    const user = (await tx.select().from(users).where(eq(users.id, session.userId)))[0];
    const cred = await repo.credentialsOf(tx, session.userId);
    if (address.exceeded) return { fail: tooSoon('rate_limited', accountWait(cred), address) };
    if (user.lockedAt) return { fail: new AppError(423, 'account_locked') };
    const wait = accountWait(cred);
    if (wait > 0) return { fail: tooSoon('login_backoff', wait, address) };
    const secret = await keyringOf(deps.db).openText(tx, cred.totpSecret!, totpPlace(user.id));
    const step = await checkTotp(secret, code, cred.totpLastStep);
    if (step === null) {
      // A wrong (or replayed) code is an authentication failure, like a wrong password.
      const locked = await recordFailure(tx, user, cred.failedAttempts, client, 'totp');
      return { fail: new AppError(locked ? 423 : 401, locked ? 'account_locked' : 'totp_invalid') };
    }
    await repo.updateCredentials(tx, user.id, { totpLastStep: step });
    return { ok: { token: await completeLogin(tx, deps, session, user, client) } };
  });
  return unwrap(outcome);
}

function checkPasswordPolicy(password: string, loginId: string) {
  const problem = passwordProblems(password, loginId)[0];
  if (problem) throw fieldError(['body', 'newPassword'], `password_${problem}`);
}

/**
 * Changes the password: at first login (stage change_password) or later from a full session.
 * Later changes end the user's other sessions.
 */
export async function changePassword(deps: AuthDeps, client: Client, session: SessionRow, current: string, next: string) {
  if (session.stage !== 'change_password' && session.stage !== 'done') throw new AppError(409, 'step_required', { stage: session.stage });
  const { db } = deps;
  const [user] = await db.asSystem((tx) => tx.select().from(users).where(eq(users.id, session.userId)));
  checkPasswordPolicy(next, user.loginId);
  if (current === next) throw fieldError(['body', 'newPassword'], 'password_unchanged');
  const cred = await db.asSystem((tx) => repo.credentialsOf(tx, user.id));
  const currentOk = await verifyPassword(cred.passwordHash, current);
  const newHash = currentOk ? await hashPassword(next) : null;
  const outcome = await db.asSystem(async (tx): Promise<Outcome<{ token: string; stage: SessionStage }>> => {
    const fresh = await repo.credentialsOf(tx, user.id);
    if (!newHash || fresh.passwordHash !== cred.passwordHash) {
      const locked = await recordFailure(tx, user, fresh.failedAttempts, client, 'password_change');
      return { fail: locked ? new AppError(423, 'account_locked') : fieldError(['body', 'currentPassword'], 'password_wrong') };
    }
    await repo.updateCredentials(tx, user.id, { passwordHash: newHash, mustChangePassword: false, passwordChangedAt: new Date(), failedAttempts: 0 });
    await audit(tx, sourceFor(user, client), { action: 'auth.password_change', recordType: 'user', recordIds: [user.id], details: { firstLogin: session.stage === 'change_password' } });
    if (session.stage === 'done') {
      await repo.endSessionsOf(tx, user.id, 'password_changed', session.id);
      return { ok: { token: await repo.advanceSession(tx, session.id, 'done'), stage: 'done' } };
    }
    const stage = nextStage({ mustChangePassword: false, totpSecret: fresh.totpSecret });
    return { ok: { token: await repo.advanceSession(tx, session.id, stage), stage } };
  });
  return unwrap(outcome);
}

/** First login: a new secret, shown once as an otpauth URI and its QR code. */
export async function startTotpEnrolment(deps: AuthDeps, client: Client, session: SessionRow) {
  requireStage(session, 'enrol_totp');
  const secret = newTotpSecret();
  return deps.db.asSystem(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, session.userId));
    // Sealed before it is written: the secret is never in the database in clear (0034).
    await repo.updateCredentials(tx, user.id, { totpPendingSecret: await keyringOf(deps.db).seal(tx, secret, totpPlace(user.id)) });
    await audit(tx, sourceFor(user, client), { action: 'auth.totp_enrol_start', recordType: 'user', recordIds: [user.id] });
    return enrolmentOf(secret, user.loginId);
  });
}

/** The first code from the app proves it holds the secret; that also completes the login. */
export async function confirmTotpEnrolment(deps: AuthDeps, client: Client, session: SessionRow, code: string) {
  requireStage(session, 'enrol_totp');
  const outcome = await deps.db.asSystem(async (tx): Promise<Outcome<{ token: string }>> => {
    const [user] = await tx.select().from(users).where(eq(users.id, session.userId));
    const cred = await repo.credentialsOf(tx, user.id);
    if (!cred.totpPendingSecret) return { fail: new AppError(409, 'totp_not_started') };
    const step = await checkTotp(await keyringOf(deps.db).openText(tx, cred.totpPendingSecret, totpPlace(user.id)), code, null);
    if (step === null) {
      const locked = await recordFailure(tx, user, cred.failedAttempts, client, 'totp_enrol');
      return { fail: new AppError(locked ? 423 : 401, locked ? 'account_locked' : 'totp_invalid') };
    }
    await repo.updateCredentials(tx, user.id, { totpSecret: cred.totpPendingSecret, totpPendingSecret: null, totpLastStep: step });
    await audit(tx, sourceFor(user, client), { action: 'auth.totp_enrolled', recordType: 'user', recordIds: [user.id] });
    return { ok: { token: await completeLogin(tx, deps, session, user, client) } };
  });
  return unwrap(outcome);
}

export async function logout(deps: AuthDeps, client: Client, session: SessionRow, everywhere: boolean) {
  await deps.db.asSystem(async (tx) => {
    const [user] = await tx.select({ id: users.id, orgId: users.orgId }).from(users).where(eq(users.id, session.userId));
    const ended = everywhere ? await repo.endSessionsOf(tx, user.id, 'logout_everywhere') : (await repo.endSession(tx, session.id, 'logout'), 1);
    await audit(tx, sourceFor(user, client), { action: everywhere ? 'auth.logout_everywhere' : 'auth.logout', recordType: 'session', recordIds: [session.id], details: { sessionsEnded: ended } });
  });
}

export type Authentication =
  | { kind: 'none' }
  | { kind: 'expired' }
  | { kind: 'pending'; session: SessionRow }
  | { kind: 'user'; session: SessionRow; actor: Actor };

/**
 * Turns a session token into who is acting, inside the caller's transaction: for a logged-in user
 * that transaction acts as them from here on (row-level security). Idle or expired sessions are
 * ended on the spot (the caller commits for that to stick). With an idempotency key, the answer
 * stored for it comes back too (src/server/http/idempotency.ts).
 */
export async function authenticateIn(
  tx: Tx,
  config: Config,
  token: string,
  idempotencyKey: string | null = null,
): Promise<{ auth: Authentication; stored: repo.StoredAnswer | null }> {
  const found = await repo.sessionForToken(tx, token, idempotencyKey);
  if (!found) return { auth: { kind: 'none' }, stored: null };
  const { session } = found;
  const now = new Date();
  const state = sessionState(session, now, { idleMinutes: config.SESSION_IDLE_MINUTES });
  const end = async (reason: string) => {
    await repo.endSession(tx, session.id, reason);
    return { auth: { kind: 'expired' as const }, stored: null };
  };
  if (state === 'ended') return { auth: { kind: 'expired' }, stored: null };
  if (state !== 'active') return end(state);
  if (!found.userActive) return end('user_inactive');
  // Recording every request would be a write per read; a minute's precision is plenty.
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000) await repo.touchSession(tx, session.id, now);
  const auth: Authentication = found.actor ? { kind: 'user', session, actor: found.actor } : { kind: 'pending', session };
  return { auth, stored: found.stored };
}

/** authenticateIn() in a transaction of its own: for the login steps, which open their own. */
export async function authenticate(deps: AuthDeps, token: string | undefined): Promise<Authentication> {
  if (!token) return { kind: 'none' };
  return (await deps.db.asSystem((tx) => authenticateIn(tx, deps.config, token))).auth;
}
