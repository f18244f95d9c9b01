// Designating sentinel sites (定点の指定): the prefecture's staff designate medical institutions of
// their own prefecture for a kind from a day, and end a designation by giving its last day. Ended
// designations stay (the history of who was a sentinel when). Audited.
import type { z } from 'zod';
import type { DesignateBody, DesignationListQuery, EndDesignationBody } from '../../domain/api/sentinel.ts';
import { japanToday } from '../../domain/calendar.ts';
import { designationProblem } from '../../domain/sentinel/rules.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import { isUniqueViolation, type Database } from '../db/database.ts';
import { AppError, notFound, versionConflict } from '../errors.ts';
import { refuse } from '../daily-reports/problems.ts';
import * as repo from './repo.ts';
import { designationViews } from './view.ts';

const isPrefectureStaff = (ctx: RequestContext) => ctx.actor.orgKind === 'prefecture' && ctx.actor.roles.includes('prefecture_staff');

/** Designations in scope (row-level security); the prefecture's staff also get its institutions to choose from. */
export async function listDesignations(db: Database, ctx: RequestContext, query: z.infer<typeof DesignationListQuery>, now = new Date()) {
  requirePermission(ctx.actor, 'sentinel.read');
  return db.asActor(ctx.actor, async (tx) => {
    const own = ctx.actor.orgKind === 'medical_institution' ? ctx.actor.orgId : undefined;
    const designations = await designationViews(tx, await repo.designations(tx, query.kind, own));
    const institutions =
      isPrefectureStaff(ctx) && ctx.actor.prefectureId
        ? (await repo.institutionsOf(tx, ctx.actor.prefectureId)).map((i) => ({ id: i.id, name: { ja: i.ja, en: i.en }, healthCenterName: { ja: i.hcJa, en: i.hcEn } }))
        : [];
    return { today: japanToday(now), designations, institutions };
  });
}

export async function designate(db: Database, ctx: RequestContext, body: z.infer<typeof DesignateBody>) {
  requirePermission(ctx.actor, 'sentinel.designate');
  if (!isPrefectureStaff(ctx)) throw new AppError(403, 'forbidden', { permission: 'sentinel.designate' });
  try {
    return await db.asActor(ctx.actor, async (tx) => {
      const org = await repo.findOrg(tx, body.institutionId);
      if (!org) throw notFound();
      if (org.kind !== 'medical_institution' || !org.parentId || !org.prefectureId) throw refuse([{ path: ['institutionId'], code: 'sentinel_not_medical_institution' }]);
      if (org.prefectureId !== ctx.actor.prefectureId) throw new AppError(403, 'sentinel_outside_prefecture');
      await repo.lockInstitutionKind(tx, org.id, body.kind);
      const period = { fromDate: body.fromDate, untilDate: body.untilDate ?? null };
      const problem = designationProblem(period, await repo.otherDesignations(tx, org.id, body.kind));
      if (problem) throw problem.code === 'sentinel_designation_overlaps' ? new AppError(409, problem.code) : refuse([problem]);
      const row = await repo.insertDesignation(tx, {
        institutionId: org.id,
        healthCenterId: org.parentId,
        prefectureId: org.prefectureId,
        kind: body.kind,
        ...period,
        designatedBy: ctx.actor.userId,
      });
      await audit(tx, ctx, { action: 'sentinel.designate', recordType: 'sentinel_designation', recordIds: [row.id], details: { institutionId: org.id, kind: row.kind, fromDate: row.fromDate, untilDate: row.untilDate } });
      return (await designationViews(tx, [row]))[0];
    });
  } catch (err) {
    // Two open designations at once: the partial unique index holds.
    if (isUniqueViolation(err, 'sentinel_designations_open_key')) throw new AppError(409, 'sentinel_designation_overlaps');
    throw err;
  }
}

/** Ends a designation: its last day (on or after its first, not overlapping a later one). A last day may be moved again. */
export async function endDesignation(db: Database, ctx: RequestContext, id: string, body: z.infer<typeof EndDesignationBody>) {
  requirePermission(ctx.actor, 'sentinel.designate');
  if (!isPrefectureStaff(ctx)) throw new AppError(403, 'forbidden', { permission: 'sentinel.designate' });
  return db.asActor(ctx.actor, async (tx) => {
    const before = await repo.findDesignation(tx, id);
    if (!before) throw notFound();
    if (before.prefectureId !== ctx.actor.prefectureId) throw new AppError(403, 'sentinel_outside_prefecture');
    if (before.version !== body.version) throw versionConflict(before.version);
    await repo.lockInstitutionKind(tx, before.institutionId, before.kind);
    const problem = designationProblem({ fromDate: before.fromDate, untilDate: body.untilDate }, await repo.otherDesignations(tx, before.institutionId, before.kind, id));
    if (problem) throw problem.code === 'sentinel_designation_overlaps' ? new AppError(409, problem.code) : refuse([problem]);
    const row = await repo.endDesignation(tx, id, body.version, body.untilDate, ctx.actor.userId);
    if (!row) {
      const current = await repo.findDesignation(tx, id);
      throw versionConflict(current?.version ?? body.version);
    }
    await audit(tx, ctx, { action: 'sentinel.end_designation', recordType: 'sentinel_designation', recordIds: [id], details: { institutionId: row.institutionId, kind: row.kind, untilDate: row.untilDate } });
    return (await designationViews(tx, [row]))[0];
  });
}
