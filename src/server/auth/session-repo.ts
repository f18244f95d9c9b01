// SQL for logins and sessions. These run as the system: before login nobody is known yet.
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import { createHash, randomBytes } from 'node:crypto';
import type { OrgKind, Role } from '../../domain/organizations.ts';
import type { Actor } from '../access/actor.ts';
import { rows, type Tx } from '../db/database.ts';
import { credentials, organizations, sessions, users } from '../db/schema.ts';

export type SessionStage = 'change_password' | 'enrol_totp' | 'totp' | 'done';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const newToken = () => randomBytes(32).toString('base64url');

const actorColumns = {
  userId: users.id,
  orgId: users.orgId,
  roles: users.roles,
  status: users.status,
  lockedAt: users.lockedAt,
  name: users.displayName,
  orgKind: organizations.kind,
  prefectureId: organizations.prefectureId,
  orgParentId: organizations.parentId,
  orgName: organizations.nameJa,
};

/** The actor for an active user, or null when the ID is suspended, deleted or unknown. */
export async function loadActor(tx: Tx, userId: string): Promise<Actor | null> {
  const [row] = await tx.select(actorColumns).from(users).innerJoin(organizations, eq(organizations.id, users.orgId)).where(eq(users.id, userId));
  if (!row || row.status !== 'active' || row.lockedAt) return null;
  return toActor(row);
}

const toActor = (row: { userId: string; orgId: string; roles: string[]; name: string; orgKind: string; prefectureId: string | null; orgParentId: string | null; orgName: string }): Actor => ({
  userId: row.userId,
  orgId: row.orgId,
  orgKind: row.orgKind as OrgKind,
  prefectureId: row.prefectureId,
  roles: row.roles as Role[],
  name: row.name,
  orgName: row.orgName,
  orgParentId: row.orgParentId,
});

/** A stored answer to an earlier request with the same Idempotency-Key (src/server/http/idempotency.ts). */
export interface StoredAnswer {
  requestHash: string;
  statusCode: number;
  response: string;
  createdAt: Date;
}

export interface SessionLookup {
  session: SessionRow;
  /** The ID is active (not suspended, deleted or locked). */
  userActive: boolean;
  /** For a finished login of an active ID: who acts, now set for the rest of the transaction. */
  actor: Actor | null;
  stored: StoredAnswer | null;
}

/**
 * The session of a token, its user and, for a logged-in user, the actor set for row-level security
 * (the settings and the switch to hersys_app) — all in one statement, the first of a request's
 * transaction. With an idempotency key it also finds the stored answer to that key, if any.
 */
export async function sessionForToken(tx: Tx, token: string, idempotencyKey: string | null): Promise<SessionLookup | null> {
  const [row] = await rows<Record<string, any>>(
    tx,
    sql`SELECT s.id, s.user_id, s.stage, s.client_addr, s.user_agent, s.created_at, s.last_seen_at, s.expires_at, s.ended_at, s.ended_reason,
               u.status = 'active' AND u.locked_at IS NULL AS user_active, u.roles, u.org_id, u.display_name, o.kind AS org_kind, o.prefecture_id, o.parent_id, o.name_ja,
               k.request_hash, k.status_code, k.response, k.created_at AS answered_at,
               CASE WHEN s.stage = 'done' AND s.ended_at IS NULL AND u.status = 'active' AND u.locked_at IS NULL THEN
                 set_config('app.user_id', u.id::text, true) IS NOT NULL
                 AND set_config('app.org_id', u.org_id::text, true) IS NOT NULL
                 AND set_config('app.org_kind', o.kind, true) IS NOT NULL
                 AND set_config('app.prefecture_id', coalesce(o.prefecture_id::text, ''), true) IS NOT NULL
                 AND set_config('app.roles', array_to_string(u.roles, ','), true) IS NOT NULL
                 AND set_config('role', 'hersys_app', true) IS NOT NULL
               END AS acting
        FROM sessions s
        JOIN users u ON u.id = s.user_id
        JOIN organizations o ON o.id = u.org_id
        LEFT JOIN idempotency_keys k ON k.user_id = s.user_id AND k.key = ${idempotencyKey}
        WHERE s.token_hash = ${hashToken(token)}`,
  );
  if (!row) return null;
  const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
  return {
    session: {
      id: row.id,
      userId: row.user_id,
      stage: row.stage,
      clientAddr: row.client_addr,
      userAgent: row.user_agent,
      createdAt: date(row.created_at)!,
      lastSeenAt: date(row.last_seen_at)!,
      expiresAt: date(row.expires_at)!,
      endedAt: date(row.ended_at),
      endedReason: row.ended_reason,
    },
    userActive: row.user_active,
    actor: row.acting
      ? toActor({ userId: row.user_id, orgId: row.org_id, roles: row.roles, name: row.display_name, orgKind: row.org_kind, prefectureId: row.prefecture_id, orgParentId: row.parent_id, orgName: row.name_ja })
      : null,
    stored: row.request_hash
      ? { requestHash: row.request_hash, statusCode: Number(row.status_code), response: row.response, createdAt: date(row.answered_at)! }
      : null,
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

export type SessionRow = Omit<typeof sessions.$inferSelect, 'tokenHash' | 'stage'> & { stage: SessionStage };

/** Moves a session to its next login stage with a fresh token (no fixation across stages). */
export async function advanceSession(tx: Tx, sessionId: string, stage: SessionStage, expiresAt?: Date): Promise<string> {
  const token = newToken();
  await tx
    .update(sessions)
    .set({ stage, tokenHash: hashToken(token), lastSeenAt: new Date(), ...(expiresAt ? { expiresAt } : {}) })
    .where(eq(sessions.id, sessionId));
  return token;
}

/** Records that the session was used; skipped if a parallel request of the session is recording it. */
export async function touchSession(tx: Tx, sessionId: string, now: Date) {
  await tx.execute(
    sql`UPDATE sessions SET last_seen_at = ${now.toISOString()} WHERE id = (SELECT id FROM sessions WHERE id = ${sessionId} FOR UPDATE SKIP LOCKED)`,
  );
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
