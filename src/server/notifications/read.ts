// Reading a notification: with what is still missing and what the checks find, audited with the
// purpose the reader gave.
import { japanToday } from '../../domain/calendar.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { notFound } from '../errors.ts';
import * as repo from './repo.ts';
import { view } from './view.ts';

export async function readNotification(db: Database, ctx: RequestContext, id: string) {
  requirePermission(ctx.actor, 'cases.read');
  return db.asActor(ctx.actor, async (tx) => {
    const c = await repo.contextOf(tx, id);
    if (!c) throw notFound();
    await audit(tx, ctx, { action: 'notifications.read', recordType: 'notification', recordIds: [id], details: { caseId: c.notification.caseId } });
    return view(c, c.notification, japanToday(new Date()));
  });
}
