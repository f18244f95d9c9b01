// The grants as their user and the responsible centre see them (issue 14): who, when, why, until.
// The centre's list is its in-app notice: grants no one there has marked seen are counted on it.
import { isHealthCentreStaff, requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import * as repo from './repo.ts';
import { viewOf } from './view.ts';

const LIMIT = 200;

export async function myGrants(db: Database, ctx: RequestContext) {
  requirePermission(ctx.actor, 'break_glass.request');
  return db.asActor(ctx.actor, async (tx) => {
    const grants = await repo.grantsOfUser(tx, ctx.actor.userId, LIMIT);
    return { grants: grants.map((g) => viewOf(g)), unseen: 0 };
  });
}

function requireCentre(ctx: RequestContext) {
  requirePermission(ctx.actor, 'break_glass.review');
  if (!isHealthCentreStaff(ctx.actor)) throw new AppError(403, 'forbidden', { permission: 'break_glass.review' });
}

export async function centreGrants(db: Database, ctx: RequestContext) {
  requireCentre(ctx);
  return db.asActor(ctx.actor, async (tx) => {
    const grants = await repo.grantsOfCentre(tx, ctx.actor.orgId, LIMIT);
    const unseen = await repo.unseenOfCentre(tx, ctx.actor.orgId);
    // The notes may describe the patient: reading the list is a look at those cases.
    await audit(tx, ctx, { action: 'break_glass.list', recordType: 'case', recordIds: [...new Set(grants.map((g) => g.caseId))], details: { grants: grants.length } });
    return { grants: grants.map((g) => viewOf(g)), unseen };
  });
}

export async function markGrantSeen(db: Database, ctx: RequestContext, id: string) {
  requireCentre(ctx);
  return db.asActor(ctx.actor, async (tx) => {
    const grant = await repo.findGrant(tx, id, true);
    if (!grant || grant.responsibleHcId !== ctx.actor.orgId) throw notFound();
    const seen = grant.seenAt ? grant : await repo.markSeen(tx, id, { userId: ctx.actor.userId, name: ctx.actor.name });
    await audit(tx, ctx, { action: 'break_glass.seen', recordType: 'break_glass_grant', recordIds: [id] });
    return viewOf(seen);
  });
}

/** How many grants on the centre's cases wait to be seen: the badge of the centre's menu. */
export async function unseenCount(db: Database, ctx: RequestContext) {
  requireCentre(ctx);
  return db.asActor(ctx.actor, async (tx) => ({ unseen: await repo.unseenOfCentre(tx, ctx.actor.orgId) }));
}
