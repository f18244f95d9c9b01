// SQL of the exports table (migration 0037), run in the user's transaction: row-level security shows
// an export to its requester, its approver and, while it waits, to the organisation's export holders.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { exports } from '../db/schema.ts';

export type ExportRecord = typeof exports.$inferSelect;
export type NewExport = Omit<typeof exports.$inferInsert, 'decidedAt' | 'fetchedAt' | 'fetchedRows' | 'approverId' | 'approverName' | 'version'>;

export async function insertExport(tx: Tx, values: NewExport, readyHours: number): Promise<ExportRecord> {
  const expiresAt = values.status === 'ready' ? sql`now() + make_interval(hours => ${readyHours})` : null;
  const [row] = await tx.insert(exports).values({ ...values, expiresAt }).returning();
  return row;
}

export async function findExport(tx: Tx, id: string, lock = false): Promise<ExportRecord | null> {
  const query = tx.select().from(exports).where(eq(exports.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function byClientKey(tx: Tx, requesterId: string, clientKey: string): Promise<ExportRecord | null> {
  const [row] = await tx.select().from(exports).where(and(eq(exports.requesterId, requesterId), eq(exports.clientKey, clientKey)));
  return row ?? null;
}

export async function decide(tx: Tx, id: string, by: { userId: string; name: string }, approve: boolean, readyHours: number): Promise<ExportRecord> {
  const [row] = await tx
    .update(exports)
    .set({
      status: approve ? 'ready' : 'refused',
      approverId: by.userId,
      approverName: by.name,
      decidedAt: sql`now()`,
      expiresAt: approve ? sql`now() + make_interval(hours => ${readyHours})` : null,
      version: sql`${exports.version} + 1`,
    })
    .where(and(eq(exports.id, id), eq(exports.status, 'pending_approval')))
    .returning();
  return row;
}

/**
 * Locks the ready file for its one fetch: a second fetch waits here for the first to commit, then
 * finds it fetched. Null when it is no longer ready or has expired.
 */
export async function lockReady(tx: Tx, id: string): Promise<ExportRecord | null> {
  const [row] = await tx
    .select()
    .from(exports)
    .where(and(eq(exports.id, id), eq(exports.status, 'ready'), sql`${exports.expiresAt} > now()`))
    .for('update');
  return row ?? null;
}

/** The fetch done: when, and how many rows left. */
export async function markFetched(tx: Tx, id: string, rows: number) {
  await tx
    .update(exports)
    .set({ status: 'fetched', fetchedAt: sql`now()`, fetchedRows: rows, version: sql`${exports.version} + 1` })
    .where(and(eq(exports.id, id), eq(exports.status, 'ready')));
}

export async function markExpired(tx: Tx, id: string) {
  await tx
    .update(exports)
    .set({ status: 'expired', version: sql`${exports.version} + 1` })
    .where(and(eq(exports.id, id), eq(exports.status, 'ready'), sql`${exports.expiresAt} <= now()`));
}

export const mine = (tx: Tx, userId: string, limit: number) =>
  tx.select().from(exports).where(eq(exports.requesterId, userId)).orderBy(desc(exports.createdAt)).limit(limit);

/** The organisation's exports waiting for a second person (the user's own are not theirs to approve). */
export const pendingOf = (tx: Tx, orgId: string, userId: string, limit: number) =>
  tx
    .select()
    .from(exports)
    .where(and(eq(exports.orgId, orgId), eq(exports.status, 'pending_approval'), sql`${exports.requesterId} <> ${userId}`))
    .orderBy(desc(exports.createdAt))
    .limit(limit);

// --- for `hersys export identify` (as the owner) -------------------------------------------------

export const allExports = (tx: Tx) => tx.select().from(exports).orderBy(desc(exports.createdAt));
