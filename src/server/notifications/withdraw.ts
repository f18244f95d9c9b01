// 取下げ: the centre withdraws a notification that turned out not to be one (a suspected case whose
// test came back negative, Q&A 3). It stays, with who, when and why, out of the counts.
import { japanToday } from '../../domain/calendar.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { notFound, versionConflict } from '../errors.ts';
import { requireSubmittedToCentre } from './access.ts';
import { recordChange } from './history.ts';
import * as repo from './repo.ts';
import { view } from './view.ts';

export async function withdrawNotification(db: Database, ctx: RequestContext, id: string, body: { version?: number; reason: string }) {
  requirePermission(ctx.actor, 'notifications.withdraw');
  return db.asActor(ctx.actor, async (tx) => {
    const c = await repo.contextOf(tx, id, true);
    if (!c) throw notFound();
    const n = c.notification;
    requireSubmittedToCentre(ctx, c);
    if (body.version !== undefined && body.version !== n.version) throw versionConflict(n.version);

    const now = new Date();
    const updated = (await repo.updateNotification(tx, id, n.version, {
      status: 'withdrawn',
      withdrawnAt: now,
      withdrawnBy: ctx.actor.userId,
      withdrawnReason: body.reason,
    }))!;
    await recordChange(tx, ctx, id, body.reason, [{ path: ['status'], old: n.status, new: 'withdrawn' }]);
    await audit(tx, ctx, { action: 'notifications.withdraw', recordType: 'notification', recordIds: [id], details: { caseId: n.caseId, classification: n.classification } });
    return view(c, updated, japanToday(now));
  });
}
