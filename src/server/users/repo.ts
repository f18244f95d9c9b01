// SQL for IDs, run inside the acting administrator's transaction (under RLS).
import { and, count, desc, eq, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { securityFlags, users } from '../db/schema.ts';

export type UserRow = typeof users.$inferSelect;

/** IDs counted against a quota: every one not deleted. */
export async function idsInUse(tx: Tx, orgId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.orgId, orgId), ne(users.status, 'deleted')));
  return row.n;
}

export async function idsInUseByOrg(tx: Tx): Promise<Map<string, number>> {
  const rows = await tx
    .select({ orgId: users.orgId, n: count() })
    .from(users)
    .where(ne(users.status, 'deleted'))
    .groupBy(users.orgId);
  return new Map(rows.map((r) => [r.orgId, r.n]));
}

export async function findUser(tx: Tx, id: string): Promise<UserRow | null> {
  const [row] = await tx.select().from(users).where(eq(users.id, id));
  return row ?? null;
}

export interface UserFilter {
  orgId?: string;
  status?: 'active' | 'suspended' | 'deleted';
  unusedForDays?: number;
}

export function listUsers(tx: Tx, filter: UserFilter) {
  const where: (SQL | undefined)[] = [
    filter.orgId ? eq(users.orgId, filter.orgId) : undefined,
    filter.status ? eq(users.status, filter.status) : ne(users.status, 'deleted'),
    filter.unusedForDays
      ? sql`coalesce(${users.lastLoginAt}, ${users.createdAt}) < now() - make_interval(days => ${filter.unusedForDays})`
      : undefined,
  ];
  // Row-level security keeps this to the caller's own organisation and those it issues for.
  return tx
    .select()
    .from(users)
    .where(and(...where))
    .orderBy(users.loginId)
    .limit(5000);
}

export async function insertUser(tx: Tx, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await tx.insert(users).values(values).returning();
  return row;
}

/** Updates when `version` is still current; null when someone else changed the row first. */
export async function updateUser(
  tx: Tx,
  id: string,
  version: number | null,
  values: Partial<typeof users.$inferInsert>,
): Promise<UserRow | null> {
  const [row] = await tx
    .update(users)
    .set({ ...values, version: sql`${users.version} + 1` })
    .where(and(eq(users.id, id), version === null ? undefined : eq(users.version, version)))
    .returning();
  return row ?? null;
}

/** An initial password (on issue or reset): the user changes it and enrols TOTP again. */
export async function issueCredentials(tx: Tx, userId: string, passwordHash: string) {
  await tx.execute(sql`SELECT issue_credentials(${userId}::uuid, ${passwordHash})`);
}

export async function resetLoginFailures(tx: Tx, userId: string) {
  await tx.execute(sql`SELECT reset_login_failures(${userId}::uuid)`);
}

export function listFlags(tx: Tx, unreviewedOnly: boolean) {
  return tx
    .select({ flag: securityFlags, loginId: users.loginId })
    .from(securityFlags)
    .innerJoin(users, eq(users.id, securityFlags.userId))
    .where(unreviewedOnly ? isNull(securityFlags.reviewedAt) : undefined)
    .orderBy(desc(securityFlags.createdAt))
    .limit(1000);
}

export async function reviewFlag(tx: Tx, id: string, reviewer: string) {
  const [row] = await tx
    .update(securityFlags)
    .set({ reviewedAt: new Date(), reviewedBy: reviewer })
    .where(and(eq(securityFlags.id, id), isNull(securityFlags.reviewedAt)))
    .returning({ id: securityFlags.id });
  return row ?? null;
}
