// SQL for logins and sessions. These run as the system: before login nobody is known yet.
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import { createHash, randomBytes } from 'node:crypto';
import type { OrgKind, Role } from '../../domain/organizations.ts';
import type { Actor } from '../access/actor.ts';
import type { Tx } from '../db/database.ts';
import { credentials, organizations, sessions, users } from '../db/schema.ts';

export type SessionStage = 'change_password' | 'enrol_totp' | 'totp' | 'done';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const newToken = () => randomBytes(32).toString('base64url');

/** The actor for an active user, or null when the ID is suspended, deleted or unknown. */
export async function loadActor(tx: Tx, userId: string): Promise<Actor | null> {
  const [row] = await tx
    .select({
      userId: users.id,
      orgId: users.orgId,
      roles: users.roles,
      status: users.status,
      lockedAt: users.lockedAt,
      orgKind: organizations.kind,
      prefectureId: organizations.prefectureId,
    })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.orgId))
    .where(eq(users.id, userId));
  if (!row || row.status !== 'active' || row.lockedAt) return null;
  return {
    userId: row.userId,
    orgId: row.orgId,
    orgKind: row.orgKind as OrgKind,
    prefectureId: row.prefectureId,
    roles: row.roles as Role[],
  };
}

export async function findLogin(tx: Tx, loginId: string) {
  const [row] = await tx
    .select({ user: users, cred: credentials })
    .from(users)
    .innerJoin(credentials, eq(credentials.userId, users.id))
    .where(sql`lower(${users.loginId}) = lower(${loginId})`)
    .for('update', { of: credentials });
  return row ?? null;
}

export async function credentialsOf(tx: Tx, userId: string) {
  const [row] = await tx.select().from(credentials).where(eq(credentials.userId, userId)).for('update');
  return row;
}

export async function updateCredentials(tx: Tx, userId: string, values: Partial<typeof credentials.$inferInsert>) {
  await tx.update(credentials).set(values).where(eq(credentials.userId, userId));
}

export async function createSession(
  tx: Tx,
  values: { userId: string; stage: SessionStage; clientAddr: string | null; userAgent: string | null; expiresAt: Date },
): Promise<{ id: string; token: string }> {
  const token = newToken();
  const [row] = await tx
    .insert(sessions)
    .values({ ...values, tokenHash: hashToken(token) })
    .returning({ id: sessions.id });
  return { id: row.id, token };
}

export async function findSession(tx: Tx, token: string) {
  const [row] = await tx.select().from(sessions).where(eq(sessions.tokenHash, hashToken(token)));
  return row ?? null;
}

export type SessionRow = NonNullable<Awaited<ReturnType<typeof findSession>>>;

/** Moves a session to its next login stage with a fresh token (no fixation across stages). */
export async function advanceSession(tx: Tx, sessionId: string, stage: SessionStage, expiresAt?: Date): Promise<string> {
  const token = newToken();
  await tx
    .update(sessions)
    .set({ stage, tokenHash: hashToken(token), lastSeenAt: new Date(), ...(expiresAt ? { expiresAt } : {}) })
    .where(eq(sessions.id, sessionId));
  return token;
}

export async function touchSession(tx: Tx, sessionId: string, now: Date) {
  await tx.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, sessionId));
}

export async function endSession(tx: Tx, sessionId: string, reason: string) {
  await tx
    .update(sessions)
    .set({ endedAt: new Date(), endedReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)));
}

/**
 * Ends every open session of a user but `keep` (suspension, deletion, "log out everywhere",
 * a password change); returns how many were ended.
 */
export async function endSessionsOf(tx: Tx, userId: string, reason: string, keep?: string): Promise<number> {
  const ended = await tx
    .update(sessions)
    .set({ endedAt: new Date(), endedReason: reason })
    .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt), keep ? ne(sessions.id, keep) : undefined))
    .returning({ id: sessions.id });
  return ended.length;
}

/** Client addresses of the user's other logged-in sessions that are still open. */
export async function otherOpenSessionAddrs(tx: Tx, userId: string, sessionId: string, idleSince: Date) {
  const rows = await tx
    .selectDistinct({ clientAddr: sessions.clientAddr })
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        ne(sessions.id, sessionId),
        eq(sessions.stage, 'done'),
        isNull(sessions.endedAt),
        sql`${sessions.expiresAt} > now()`,
        sql`${sessions.lastSeenAt} > ${idleSince.toISOString()}`,
      ),
    );
  return rows.map((r) => r.clientAddr);
}
