// SQL for organisations, run inside the acting user's transaction (under RLS).
import { and, eq, sql } from 'drizzle-orm';
import type { OrgKind, OrgRef } from '../../domain/organizations.ts';
import type { Tx } from '../db/database.ts';
import { organizations } from '../db/schema.ts';

export type OrgRow = typeof organizations.$inferSelect;

export const orgRef = (o: OrgRow): OrgRef => ({
  id: o.id,
  kind: o.kind as OrgKind,
  prefectureId: o.prefectureId,
  parentId: o.parentId,
});

export async function findOrg(tx: Tx, id: string, forUpdate = false): Promise<OrgRow | null> {
  const query = tx.select().from(organizations).where(eq(organizations.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

export const listOrgs = (tx: Tx) => tx.select().from(organizations).orderBy(organizations.code);

export async function updateQuota(tx: Tx, orgId: string, version: number, idQuota: number | null) {
  const [row] = await tx
    .update(organizations)
    .set({ idQuota, version: sql`${organizations.version} + 1` })
    .where(and(eq(organizations.id, orgId), eq(organizations.version, version)))
    .returning({ id: organizations.id });
  return row ?? null;
}

export interface OrgChanges {
  nameJa?: string;
  nameEn?: string;
  notificationEmail?: string | null;
  address?: string | null;
  phone?: string | null;
}

/** Updates names and addresses when `version` is current; null when someone changed it first. */
export async function updateOrg(
  tx: Tx,
  id: string,
  version: number,
  values: OrgChanges,
) {
  const [row] = await tx
    .update(organizations)
    .set({ ...values, version: sql`${organizations.version} + 1` })
    .where(and(eq(organizations.id, id), eq(organizations.version, version)))
    .returning();
  return row ?? null;
}

export async function insertOrg(tx: Tx, values: typeof organizations.$inferInsert) {
  await tx.insert(organizations).values(values);
}
