// How long sessions last and how failed logins slow down and then lock an ID (issue 2).

export const LOGIN_POLICY = {
  /** Consecutive failures allowed before waiting starts. */
  freeFailures: 3,
  /** Wait after the first failure beyond the free ones; doubles with each further failure. */
  baseDelaySeconds: 2,
  maxDelaySeconds: 300,
  /** Consecutive failures (password or one-time code) that lock the ID until an admin reopens it. */
  lockAfter: 10,
} as const;

/** Seconds to wait before the next attempt is even checked; 0 = go ahead. */
export function loginRetryAfter(failedAttempts: number, lastFailedAt: Date | null, now: Date): number {
  if (failedAttempts < LOGIN_POLICY.freeFailures || !lastFailedAt) return 0;
  const delay = Math.min(
    LOGIN_POLICY.baseDelaySeconds * 2 ** (failedAttempts - LOGIN_POLICY.freeFailures),
    LOGIN_POLICY.maxDelaySeconds,
  );
  const waited = (now.getTime() - lastFailedAt.getTime()) / 1000;
  return waited >= delay ? 0 : Math.ceil(delay - waited);
}

export const locksAfterFailure = (failedAttemptsNow: number) => failedAttemptsNow >= LOGIN_POLICY.lockAfter;

export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
}

export interface SessionLimits {
  idleMinutes: number;
}

export type SessionState = 'active' | 'ended' | 'expired' | 'idle';

/** A session ends when logged out or revoked, at its absolute expiry, or after idling too long. */
export function sessionState(s: SessionTimes, now: Date, limits: SessionLimits): SessionState {
  if (s.endedAt) return 'ended';
  if (now >= s.expiresAt) return 'expired';
  if (now.getTime() - s.lastSeenAt.getTime() >= limits.idleMinutes * 60_000) return 'idle';
  return 'active';
}
