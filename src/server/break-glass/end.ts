// The user ends their grant before it expires (issue 14): from then on row-level security no longer
// lets them see the case.
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import * as repo from './repo.ts';
import { viewOf } from './view.ts';

export async function endBreakGlass(db: Database, ctx: RequestContext, id: string) {
  requirePermission(ctx.actor, 'break_glass.request');
  return db.asActor(ctx.actor, async (tx) => {
    const grant = await repo.findGrant(tx, id, true);
    if (!grant) throw notFound();
    if (grant.userId !== ctx.actor.userId) throw new AppError(403, 'break_glass_not_yours');
    const now = new Date();
    if (grant.endedAt || grant.expiresAt.getTime() <= now.getTime()) throw new AppError(409, 'break_glass_ended');
    const ended = await repo.endGrant(tx, id);
    await audit(tx, ctx, { action: 'break_glass.end', recordType: 'break_glass_grant', recordIds: [id], details: { caseId: grant.caseId } });
    return viewOf(ended, now);
  });
}
