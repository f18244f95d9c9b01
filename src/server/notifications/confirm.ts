// 保健所確認済: staff of the case's responsible or a related centre, after a visual check (Q&A 14-2).
// Confirming what one entered or submitted oneself is allowed, with a warning: another member of
// staff should, where the centre can manage it.
import { japanToday } from '../../domain/calendar.ts';
import { MESSAGES } from '../../domain/messages.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { AppError, notFound, versionConflict } from '../errors.ts';
import { requireSubmittedToCentre } from './access.ts';
import * as repo from './repo.ts';
import { view } from './view.ts';

export async function confirmNotification(db: Database, ctx: RequestContext, id: string, body: { version?: number }) {
  requirePermission(ctx.actor, 'notifications.confirm');
  return db.asActor(ctx.actor, async (tx) => {
    const c = await repo.contextOf(tx, id, true);
    if (!c) throw notFound();
    const n = c.notification;
    requireSubmittedToCentre(ctx, c);
    if (n.confirmedAt) throw new AppError(409, 'notification_already_confirmed');
    if (body.version !== undefined && body.version !== n.version) throw versionConflict(n.version);

    const updated = (await repo.updateNotification(tx, id, n.version, { confirmedAt: new Date(), confirmedBy: ctx.actor.userId }))!;
    const selfConfirmed = n.createdBy === ctx.actor.userId || n.submittedBy === ctx.actor.userId;
    await audit(tx, ctx, {
      action: 'notifications.confirm',
      recordType: 'notification',
      recordIds: [id],
      details: { caseId: n.caseId, selfConfirmed },
    });
    return {
      notification: view(c, updated, japanToday(new Date())),
      warnings: selfConfirmed ? [{ code: 'self_confirmation', message: MESSAGES.self_confirmation }] : [],
    };
  });
}
