// The second person (issue 14): another export holder of the same organisation approves or refuses
// an export above the threshold; never the requester (a rule here, a constraint and a policy in 0037).
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import type { ExportOptions } from './options.ts';
import * as repo from './repo.ts';
import { viewOf } from './view.ts';

export async function decideExport(db: Database, ctx: RequestContext, id: string, approve: boolean, options: ExportOptions) {
  requirePermission(ctx.actor, 'export');
  return db.asActor(ctx.actor, async (tx) => {
    // Not FOR UPDATE: that would need the update policy, which hides one's own from the requester (403, not 404).
    const found = await repo.findExport(tx, id);
    if (!found) throw notFound();
    if (found.requesterId === ctx.actor.userId) throw new AppError(403, 'export_own_approval');
    if (found.status !== 'pending_approval') throw new AppError(409, 'export_not_pending', { status: found.status });
    const row = await repo.decide(tx, id, { userId: ctx.actor.userId, name: ctx.actor.name }, approve, options.readyHours);
    await audit(tx, ctx, {
      action: approve ? 'exports.approve' : 'exports.refuse',
      recordType: 'export',
      recordIds: [id],
      details: { requesterId: found.requesterId, rows: found.rowCount, kind: found.kind, reason: found.reason },
    });
    return viewOf(row);
  });
}
