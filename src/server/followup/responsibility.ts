// Responsibility between health centres (Q&A 4): the responsible centre transfers a case to another
// centre, adds related centres that share it, and assigns it to a follow-up centre (C), which then
// sees only its assigned cases. Access follows at once: row-level security reads these rows.
import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AssignmentBody, TransferBody } from '../../domain/api/followup.ts';
import { japanToday } from '../../domain/calendar.ts';
import { accessPeriod } from '../../domain/residence.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { changedBy } from '../access/names.ts';
import { audit } from '../audit/audit.ts';
import { rows, type Database, type Tx } from '../db/database.ts';
import { caseAssignments, caseRelatedHcs, cases, caseTransfers, organizations } from '../db/schema.ts';
import { AppError, fieldError, notFound, versionConflict } from '../errors.ts';
import { findOrg } from '../orgs/repo.ts';

type TransferRow = typeof caseTransfers.$inferSelect;

async function orgNames(tx: Tx, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const found = await tx.select({ id: organizations.id, nameJa: organizations.nameJa }).from(organizations).where(inArray(organizations.id, ids));
  return new Map(found.map((o) => [o.id, o.nameJa]));
}

async function toTransfers(tx: Tx, list: TransferRow[]) {
  const names = await orgNames(tx, [...new Set(list.flatMap((t) => [t.fromHcId, t.toHcId]))]);
  return list.map((t) => ({
    id: t.id,
    caseId: t.caseId,
    caseNumber: t.caseNumber,
    fromHc: { id: t.fromHcId, nameJa: names.get(t.fromHcId) ?? '' },
    toHc: { id: t.toHcId, nameJa: names.get(t.toHcId) ?? '' },
    reason: t.reason,
    keptAsRelated: t.keptAsRelated,
    changedByName: t.changedByName,
    changedByOrgName: t.changedByOrgName,
    changedAt: t.changedAt.toISOString(),
  }));
}

/** Only the staff of the case's responsible centre give responsibility away or share it. */
async function responsibleCase(tx: Tx, ctx: RequestContext, caseId: string) {
  const [c] = await tx
    .select({ id: cases.id, caseNumber: cases.caseNumber, responsibleHcId: cases.responsibleHcId, prefectureId: cases.prefectureId, version: cases.version })
    .from(cases)
    .where(eq(cases.id, caseId));
  if (!c) throw notFound();
  if (c.responsibleHcId !== ctx.actor.orgId || ctx.actor.orgKind !== 'health_center') throw new AppError(403, 'only_responsible_centre');
  return c;
}

async function healthCentre(tx: Tx, id: string, path: string[]) {
  const org = await findOrg(tx, id);
  if (!org || org.kind !== 'health_center') throw fieldError(path, 'not_a_health_centre');
  return org;
}

/** Who is responsible, who shares, who is assigned, and how the case moved. */
export async function responsibility(db: Database, ctx: RequestContext, caseId: string) {
  requirePermission(ctx.actor, 'cases.read');
  return db.asActor(ctx.actor, async (tx) => {
    const [c] = await tx.select({ responsibleHcId: cases.responsibleHcId, version: cases.version }).from(cases).where(eq(cases.id, caseId));
    if (!c) throw notFound();
    const related = await tx.select({ hcId: caseRelatedHcs.hcId }).from(caseRelatedHcs).where(eq(caseRelatedHcs.caseId, caseId));
    const assignments = await tx
      .select({ a: caseAssignments, org: { id: organizations.id, nameJa: organizations.nameJa, kind: organizations.kind } })
      .from(caseAssignments)
      .innerJoin(organizations, eq(organizations.id, caseAssignments.orgId))
      .where(eq(caseAssignments.caseId, caseId))
      .orderBy(asc(caseAssignments.startsAt));
    const transfers = await tx.select().from(caseTransfers).where(eq(caseTransfers.caseId, caseId)).orderBy(asc(caseTransfers.changedAt));
    const names = await orgNames(tx, [c.responsibleHcId, ...related.map((r) => r.hcId)]);
    const now = new Date();
    await audit(tx, ctx, { action: 'cases.responsibility_read', recordType: 'case', recordIds: [caseId] });
    return {
      caseId,
      version: c.version,
      responsibleHc: { id: c.responsibleHcId, nameJa: names.get(c.responsibleHcId) ?? '' },
      relatedHcs: related.map((r) => ({ id: r.hcId, nameJa: names.get(r.hcId) ?? '' })),
      assignments: assignments.map(({ a, org }) => ({
        id: a.id,
        kind: a.kind as 'followup' | 'residence' | 'admission',
        org,
        startsAt: a.startsAt.toISOString(),
        endsAt: a.endsAt?.toISOString() ?? null,
        active: a.startsAt <= now && (a.endsAt === null || a.endsAt > now),
      })),
      transfers: await toTransfers(tx, transfers),
    };
  });
}

/**
 * Gives the case to another centre. From the moment this commits the new centre sees it (and its
 * work list and audit reads are the new centre's); the old one only if it stays a related centre.
 */
export async function transfer(db: Database, ctx: RequestContext, caseId: string, body: z.infer<typeof TransferBody>) {
  requirePermission(ctx.actor, 'cases.responsibility');
  return db.asActor(ctx.actor, async (tx) => {
    const c = await responsibleCase(tx, ctx, caseId);
    if (c.version !== body.version) throw versionConflict(c.version);
    const target = await healthCentre(tx, body.toHcId, ['body', 'toHcId']);
    if (target.id === c.responsibleHcId) throw fieldError(['body', 'toHcId'], 'transfer_to_self');

    // While still responsible: the new centre stops being merely related; the old one may stay so.
    await tx.delete(caseRelatedHcs).where(and(eq(caseRelatedHcs.caseId, caseId), eq(caseRelatedHcs.hcId, target.id)));
    if (body.keepAsRelated) {
      await tx.insert(caseRelatedHcs).values({ caseId, hcId: ctx.actor.orgId, addedBy: ctx.actor.userId }).onConflictDoNothing();
    }
    const [moved] = await rows<{ version: number | null }>(tx, sql`SELECT transfer_case(${caseId}::uuid, ${target.id}::uuid, ${body.version}::integer) AS version`);
    if (moved.version === null) throw versionConflict(c.version);
    const [row] = await tx
      .insert(caseTransfers)
      .values({
        caseId,
        caseNumber: c.caseNumber,
        fromHcId: ctx.actor.orgId,
        toHcId: target.id,
        reason: body.reason,
        keptAsRelated: body.keepAsRelated,
        ...changedBy(ctx.actor),
      })
      .returning();
    await audit(tx, ctx, {
      action: 'cases.transfer',
      recordType: 'case',
      recordIds: [caseId],
      details: { fromHcId: ctx.actor.orgId, toHcId: target.id, keptAsRelated: body.keepAsRelated, transferId: row.id },
    });
    return (await toTransfers(tx, [row]))[0];
  });
}

/** The centre's transfers: those it gave away (it no longer sees the cases) or received. */
export async function listTransfers(db: Database, ctx: RequestContext, direction: 'in' | 'out') {
  requirePermission(ctx.actor, 'cases.responsibility');
  return db.asActor(ctx.actor, async (tx) => {
    const mine = direction === 'out' ? caseTransfers.fromHcId : caseTransfers.toHcId;
    const list = await tx.select().from(caseTransfers).where(eq(mine, ctx.actor.orgId)).orderBy(desc(caseTransfers.changedAt)).limit(500);
    await audit(tx, ctx, { action: 'cases.transfers_read', recordType: 'case', recordIds: list.map((t) => t.caseId), details: { direction } });
    return { transfers: await toTransfers(tx, list) };
  });
}

export async function addRelatedCentre(db: Database, ctx: RequestContext, caseId: string, hcId: string) {
  requirePermission(ctx.actor, 'cases.responsibility');
  return db.asActor(ctx.actor, async (tx) => {
    const c = await responsibleCase(tx, ctx, caseId);
    const hc = await healthCentre(tx, hcId, ['body', 'hcId']);
    if (hc.id === c.responsibleHcId) throw fieldError(['body', 'hcId'], 'transfer_to_self');
    const added = await tx.insert(caseRelatedHcs).values({ caseId, hcId: hc.id, addedBy: ctx.actor.userId }).onConflictDoNothing().returning();
    if (!added.length) throw new AppError(409, 'already_related');
    await audit(tx, ctx, { action: 'cases.related_add', recordType: 'case', recordIds: [caseId], details: { hcId: hc.id } });
  });
}

export async function removeRelatedCentre(db: Database, ctx: RequestContext, caseId: string, hcId: string) {
  requirePermission(ctx.actor, 'cases.responsibility');
  return db.asActor(ctx.actor, async (tx) => {
    await responsibleCase(tx, ctx, caseId);
    const removed = await tx
      .delete(caseRelatedHcs)
      .where(and(eq(caseRelatedHcs.caseId, caseId), eq(caseRelatedHcs.hcId, hcId)))
      .returning({ hcId: caseRelatedHcs.hcId });
    if (!removed.length) throw notFound();
    await audit(tx, ctx, { action: 'cases.related_remove', recordType: 'case', recordIds: [caseId], details: { hcId } });
  });
}

/** Gives a case to a follow-up centre of its prefecture; its staff see it from the start day. */
export async function assignFollowup(db: Database, ctx: RequestContext, caseId: string, body: z.infer<typeof AssignmentBody>) {
  requirePermission(ctx.actor, 'cases.responsibility');
  return db.asActor(ctx.actor, async (tx) => {
    const c = await responsibleCase(tx, ctx, caseId);
    const org = await findOrg(tx, body.orgId);
    if (!org || org.kind !== 'followup_center' || org.prefectureId !== c.prefectureId) throw fieldError(['body', 'orgId'], 'not_a_followup_centre');
    const now = new Date();
    const [open] = await tx
      .select({ id: caseAssignments.id })
      .from(caseAssignments)
      .where(and(eq(caseAssignments.caseId, caseId), eq(caseAssignments.orgId, org.id), or(isNull(caseAssignments.endsAt), sql`${caseAssignments.endsAt} > ${now}`)));
    if (open) throw new AppError(409, 'already_assigned');
    const startsOn = body.startsOn ?? japanToday(now);
    const [a] = await tx
      .insert(caseAssignments)
      .values({ caseId, orgId: org.id, kind: 'followup', startsAt: startsOn === japanToday(now) ? now : accessPeriod(startsOn, null).startsAt, createdBy: ctx.actor.userId })
      .returning();
    await audit(tx, ctx, { action: 'cases.assign', recordType: 'case', recordIds: [caseId], details: { assignmentId: a.id, orgId: org.id } });
    return { id: a.id, kind: 'followup' as const, org: { id: org.id, nameJa: org.nameJa, kind: org.kind }, startsAt: a.startsAt.toISOString(), endsAt: null, active: a.startsAt <= now };
  });
}

/** Ends a follow-up centre's assignment now: its staff lose the case at once. */
export async function endAssignment(db: Database, ctx: RequestContext, assignmentId: string) {
  requirePermission(ctx.actor, 'cases.responsibility');
  return db.asActor(ctx.actor, async (tx) => {
    const [a] = await tx.select().from(caseAssignments).where(eq(caseAssignments.id, assignmentId));
    if (!a) throw notFound();
    await responsibleCase(tx, ctx, a.caseId);
    // A stay's access ends with the stay (PATCH /api/residences/:id, /api/admissions/:id), not here.
    if (a.kind === 'residence') throw new AppError(409, 'assignment_of_residence');
    if (a.kind === 'admission') throw new AppError(409, 'assignment_of_admission');
    const now = new Date();
    if (a.endsAt && a.endsAt <= now) throw new AppError(409, 'assignment_ended');
    await tx.update(caseAssignments).set({ endsAt: now, endedBy: ctx.actor.userId }).where(eq(caseAssignments.id, a.id));
    await audit(tx, ctx, { action: 'cases.assignment_end', recordType: 'case', recordIds: [a.caseId], details: { assignmentId: a.id, orgId: a.orgId } });
  });
}
