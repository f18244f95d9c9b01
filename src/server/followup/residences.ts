// 居所: where the person stays, from when to when. A stay at an accommodation facility or a hospital
// carries an assignment of the case to that organisation for the days of the stay, so its staff
// see and update only their residents, and lose the case when the stay ends (stay-access.ts).
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { ResidenceBody, ResidenceUpdateBody } from '../../domain/api/followup.ts';
import { RESIDENCE_ORG_KIND, type ResidenceKind } from '../../domain/residence.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database, Tx } from '../db/database.ts';
import { cases, organizations, persons, residences } from '../db/schema.ts';
import { AppError, fieldError, notFound, versionConflict } from '../errors.ts';
import { findOrg } from '../orgs/repo.ts';
import { grantStayAccess, setStayAccessEnd } from './stay-access.ts';

type ResidenceRow = typeof residences.$inferSelect;

const toResidence = (r: ResidenceRow, orgNameJa: string | null) => ({
  id: r.id,
  caseId: r.caseId,
  kind: r.kind as ResidenceKind,
  orgId: r.orgId,
  orgNameJa,
  placeName: r.placeName,
  address: r.address,
  startsOn: r.startsOn,
  endsOn: r.endsOn,
  note: r.note,
  version: r.version,
});

/** Residences and the organisation each names, newest first. */
async function residencesOf(tx: Tx, caseId: string) {
  const found = await tx
    .select({ r: residences, orgNameJa: organizations.nameJa })
    .from(residences)
    .leftJoin(organizations, eq(organizations.id, residences.orgId))
    .where(eq(residences.caseId, caseId))
    .orderBy(desc(residences.startsOn), desc(residences.createdAt));
  return found.map(({ r, orgNameJa }) => toResidence(r, orgNameJa));
}

export async function listResidences(db: Database, ctx: RequestContext, caseId: string) {
  requirePermission(ctx.actor, 'cases.read');
  return db.asActor(ctx.actor, async (tx) => {
    const [c] = await tx.select({ id: cases.id }).from(cases).where(eq(cases.id, caseId));
    if (!c) throw notFound();
    const list = await residencesOf(tx, caseId);
    await audit(tx, ctx, { action: 'residences.read', recordType: 'case', recordIds: [caseId] });
    return { residences: list };
  });
}

/**
 * A new stay. The open stay before it ends the day the new one starts (moving day), so a person is
 * never in two places; a stay cannot start before the open one did.
 */
export async function addResidence(db: Database, ctx: RequestContext, caseId: string, body: z.infer<typeof ResidenceBody>) {
  requirePermission(ctx.actor, 'residences.write');
  return db.asActor(ctx.actor, async (tx) => {
    const [c] = await tx
      .select({ id: cases.id, prefectureId: cases.prefectureId, address: persons.residenceAddress })
      .from(cases)
      .innerJoin(persons, eq(persons.id, cases.personId))
      .where(eq(cases.id, caseId))
      .for('update', { of: cases });
    if (!c) throw notFound();

    const orgKind = RESIDENCE_ORG_KIND[body.kind];
    let orgId: string | null = null;
    if (orgKind) {
      const org = await findOrg(tx, body.orgId!);
      // A facility of the case's prefecture; a hospital anywhere (admissions are arranged across prefectures).
      if (!org || org.kind !== orgKind || (orgKind === 'accommodation_facility' && org.prefectureId !== c.prefectureId)) {
        throw fieldError(['body', 'orgId'], 'residence_org_invalid');
      }
      orgId = org.id;
    } else if (body.orgId) {
      throw fieldError(['body', 'orgId'], 'residence_org_invalid');
    }
    const address = body.address ?? (body.kind === 'home' ? c.address : null);
    if (body.kind === 'home' && !address) throw fieldError(['body', 'address'], 'residence_address_required');

    const [open] = await tx.select().from(residences).where(and(eq(residences.caseId, caseId), isNull(residences.endsOn)));
    if (open) {
      if (body.startsOn < open.startsOn) throw fieldError(['body', 'startsOn'], 'residence_overlaps');
      await tx.update(residences).set({ endsOn: body.startsOn, updatedAt: new Date(), version: open.version + 1 }).where(eq(residences.id, open.id));
      await setStayAccessEnd(tx, ctx, open.assignmentId, open.startsOn, body.startsOn);
    }

    const assignmentId = orgId
      ? await grantStayAccess(tx, ctx, { caseId, orgId, kind: 'residence', startsOn: body.startsOn, endsOn: body.endsOn ?? null })
      : null;
    const [row] = await tx
      .insert(residences)
      .values({
        caseId,
        kind: body.kind,
        orgId,
        placeName: body.placeName ?? null,
        address: address ?? null,
        startsOn: body.startsOn,
        endsOn: body.endsOn ?? null,
        note: body.note ?? null,
        assignmentId,
        createdBy: ctx.actor.userId,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'residences.add',
      recordType: 'case',
      recordIds: [caseId],
      details: { residenceId: row.id, kind: body.kind, orgId, endedResidenceId: open?.id ?? null },
    });
    return toResidence(row, orgId ? ((await findOrg(tx, orgId))?.nameJa ?? null) : null);
  });
}

/** Corrects a stay or ends it; ending it ends the facility's or hospital's access after that day. */
export async function updateResidence(db: Database, ctx: RequestContext, id: string, body: z.infer<typeof ResidenceUpdateBody>) {
  requirePermission(ctx.actor, 'residences.write');
  return db.asActor(ctx.actor, async (tx) => {
    const [r] = await tx.select().from(residences).where(eq(residences.id, id)).for('update');
    if (!r) throw notFound();
    if (r.version !== body.version) throw versionConflict(r.version);
    const endsOn = body.endsOn === undefined ? r.endsOn : body.endsOn;
    if (endsOn && endsOn < r.startsOn) throw fieldError(['body', 'endsOn'], 'residence_ends_before_start');
    if (endsOn === null && r.endsOn !== null) {
      // Reopening a stay would put the person in two places if a later one exists.
      const [later] = await tx.select({ id: residences.id }).from(residences).where(and(eq(residences.caseId, r.caseId), isNull(residences.endsOn)));
      if (later) throw new AppError(409, 'residence_overlaps');
    }
    const [row] = await tx
      .update(residences)
      .set({
        endsOn,
        address: body.address === undefined ? r.address : body.address,
        placeName: body.placeName === undefined ? r.placeName : body.placeName,
        note: body.note === undefined ? r.note : body.note,
        updatedAt: new Date(),
        version: r.version + 1,
      })
      .where(eq(residences.id, id))
      .returning();
    if (endsOn !== r.endsOn) await setStayAccessEnd(tx, ctx, r.assignmentId, r.startsOn, endsOn);
    await audit(tx, ctx, {
      action: 'residences.update',
      recordType: 'case',
      recordIds: [r.caseId],
      details: { residenceId: id, endsOn: { old: r.endsOn, new: endsOn } },
    });
    return toResidence(row, r.orgId ? ((await findOrg(tx, r.orgId))?.nameJa ?? null) : null);
  });
}
