// Marking an institution of one's area as filing every day (or no longer): the centre of its area or
// the prefecture decides, and the late/missing list (monitor.ts) then asks for its report each day.
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import * as repo from './repo.ts';

export async function setExpected(db: Database, ctx: RequestContext, institutionId: string, expected: boolean) {
  requirePermission(ctx.actor, 'daily_reports.monitor');
  return db.asActor(ctx.actor, async (tx) => {
    const org = await repo.findOrg(tx, institutionId);
    if (!org || org.kind !== 'medical_institution' || !org.parentId || !org.prefectureId) throw notFound();
    const inArea = ctx.actor.orgKind === 'health_center' ? org.parentId === ctx.actor.orgId : ctx.actor.orgKind === 'prefecture' && org.prefectureId === ctx.actor.prefectureId;
    if (!inArea) throw new AppError(403, 'daily_report_outside_area');
    if (expected) await repo.markExpected(tx, { institutionId, healthCenterId: org.parentId, prefectureId: org.prefectureId, setBy: ctx.actor.userId });
    else await repo.unmarkExpected(tx, institutionId);
    await audit(tx, ctx, { action: 'daily_reports.expect', recordType: 'organization', recordIds: [institutionId], details: { expected } });
    return { institutionId, expected };
  });
}
