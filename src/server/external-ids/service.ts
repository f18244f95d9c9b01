// NESID and local IDs of a case (Q&A 10): pathogen surveillance is registered in NESID and linked
// to the HER-SYS case by an ID each municipality keeps. A NESID ID names one case nationwide (the
// database's partial unique index); a local ID is a municipality's own and may repeat elsewhere.
// Which cases: row-level security (the ID is seen and written with its case).
import { and, asc, eq } from 'drizzle-orm';
import type { ExternalSystem } from '../../domain/api/external-ids.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database, Tx } from '../db/database.ts';
import { caseExternalIds, cases } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';

type Row = typeof caseExternalIds.$inferSelect;

const toExternalId = (r: Row) => ({
  id: r.id,
  caseId: r.caseId,
  system: r.system as ExternalSystem,
  value: r.value,
  createdBy: r.createdBy,
  createdAt: r.createdAt.toISOString(),
});

async function requireCase(tx: Tx, caseId: string): Promise<void> {
  const [kase] = await tx.select({ id: cases.id }).from(cases).where(eq(cases.id, caseId));
  if (!kase) throw notFound();
}

export async function listExternalIds(db: Database, ctx: RequestContext, caseId: string) {
  requirePermission(ctx.actor, 'cases.read');
  return db.asActor(ctx.actor, async (tx) => {
    await requireCase(tx, caseId);
    const found = await tx.select().from(caseExternalIds).where(eq(caseExternalIds.caseId, caseId)).orderBy(asc(caseExternalIds.createdAt), asc(caseExternalIds.id));
    await audit(tx, ctx, { action: 'external_ids.list', recordType: 'case', recordIds: [caseId] });
    return found.map(toExternalId);
  });
}

/** `value` as the API schema normalised it (NESID: trimmed, upper case). */
export async function addExternalId(db: Database, ctx: RequestContext, caseId: string, body: { system: ExternalSystem; value: string }) {
  requirePermission(ctx.actor, 'external_ids.manage');
  return db.asActor(ctx.actor, async (tx) => {
    await requireCase(tx, caseId);
    const [same] = await tx
      .select({ id: caseExternalIds.id })
      .from(caseExternalIds)
      .where(and(eq(caseExternalIds.caseId, caseId), eq(caseExternalIds.system, body.system), eq(caseExternalIds.value, body.value)));
    if (same) throw new AppError(409, 'external_id_duplicate', { externalIdId: same.id });
    // The NESID index is unique nationwide, over cases the actor may not see: a conflict inserts
    // nothing (the transaction stays usable) and is told without naming the other case.
    const [row] = await tx
      .insert(caseExternalIds)
      .values({ caseId, system: body.system, value: body.value, createdBy: ctx.actor.userId })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError(409, 'external_id_taken');
    await audit(tx, ctx, { action: 'external_ids.add', recordType: 'case', recordIds: [caseId, row.id], details: { system: row.system, value: row.value } });
    return toExternalId(row);
  });
}

export async function deleteExternalId(db: Database, ctx: RequestContext, id: string): Promise<void> {
  requirePermission(ctx.actor, 'external_ids.manage');
  await db.asActor(ctx.actor, async (tx) => {
    const [row] = await tx.delete(caseExternalIds).where(eq(caseExternalIds.id, id)).returning();
    if (!row) throw notFound();
    // The row is gone: the audit keeps what it said.
    await audit(tx, ctx, { action: 'external_ids.delete', recordType: 'case', recordIds: [row.caseId, row.id], details: { system: row.system, value: row.value } });
  });
}
