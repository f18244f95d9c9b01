// SQL for break-the-glass grants (issue 14, migration 0036), run in the user's transaction: row-level
// security shows a grant to its user and to the responsible centre, and the search behind the glass
// is break_glass_find(), which matches exactly and answers no identity.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { rows, type Tx } from '../db/database.ts';
import { breakGlassGrants, cases, organizations } from '../db/schema.ts';

export type GrantRow = typeof breakGlassGrants.$inferSelect;

export interface Found {
  case_id: string;
  case_number: string;
  responsible_hc_id: string;
  in_scope: boolean;
}

/** By HER-SYS ID, or by the name without spaces (or its kana key) with the date of birth. */
export function findCases(tx: Tx, search: { caseNumber: string | null; name: string | null; kanaKey: string | null; birthDate: string | null }) {
  return rows<Found>(
    tx,
    sql`SELECT * FROM break_glass_find(${search.caseNumber}, ${search.name}, ${search.kanaKey}, ${search.birthDate}::date)`,
  );
}

export async function centreOf(tx: Tx, hcId: string) {
  const [row] = await tx
    .select({ nameJa: organizations.nameJa, notificationEmail: organizations.notificationEmail })
    .from(organizations)
    .where(eq(organizations.id, hcId));
  return row ?? null;
}

export type NewGrant = Omit<typeof breakGlassGrants.$inferInsert, 'id' | 'grantedAt' | 'expiresAt' | 'endedAt' | 'seenAt' | 'seenBy' | 'seenByName' | 'version'>;

/** A grant from now (the transaction's start, as the policies read it) for `hours`. */
export async function insertGrant(tx: Tx, values: NewGrant, hours: number): Promise<GrantRow> {
  const [row] = await tx
    .insert(breakGlassGrants)
    .values({ ...values, expiresAt: sql`now() + make_interval(secs => ${Math.round(hours * 3600)}::double precision)` })
    .returning();
  return row;
}

/** The case's スマホ入力ID, for the centre's e-mail: read under the grant just made. */
export async function selfReportIdOf(tx: Tx, caseId: string): Promise<string | null> {
  const [row] = await tx.select({ selfReportId: cases.selfReportId }).from(cases).where(eq(cases.id, caseId));
  return row?.selfReportId ?? null;
}

export async function findGrant(tx: Tx, id: string, lock = false): Promise<GrantRow | null> {
  const query = tx.select().from(breakGlassGrants).where(eq(breakGlassGrants.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function endGrant(tx: Tx, id: string): Promise<GrantRow> {
  const [row] = await tx
    .update(breakGlassGrants)
    .set({ endedAt: sql`now()`, version: sql`${breakGlassGrants.version} + 1` })
    .where(and(eq(breakGlassGrants.id, id), isNull(breakGlassGrants.endedAt)))
    .returning();
  return row;
}

export async function markSeen(tx: Tx, id: string, by: { userId: string; name: string }): Promise<GrantRow> {
  const [row] = await tx
    .update(breakGlassGrants)
    .set({ seenAt: sql`now()`, seenBy: by.userId, seenByName: by.name, version: sql`${breakGlassGrants.version} + 1` })
    .where(and(eq(breakGlassGrants.id, id), isNull(breakGlassGrants.seenAt)))
    .returning();
  return row;
}

/** The user's own grants, newest first. */
export function grantsOfUser(tx: Tx, userId: string, limit: number) {
  return tx.select().from(breakGlassGrants).where(eq(breakGlassGrants.userId, userId)).orderBy(desc(breakGlassGrants.grantedAt)).limit(limit);
}

/** Grants on the cases a centre was responsible for when they were made, newest first (its index). */
export function grantsOfCentre(tx: Tx, hcId: string, limit: number) {
  return tx
    .select()
    .from(breakGlassGrants)
    .where(eq(breakGlassGrants.responsibleHcId, hcId))
    .orderBy(desc(breakGlassGrants.grantedAt))
    .limit(limit);
}

export async function unseenOfCentre(tx: Tx, hcId: string): Promise<number> {
  const [row] = await rows<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM break_glass_grants WHERE responsible_hc_id = ${hcId} AND seen_at IS NULL`,
  );
  return row.n;
}
