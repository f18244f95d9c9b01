// The history of a submitted notification: each correction and the withdrawal, item by item with
// old and new values, who (named as at the time) and why. Read with the case (audited).
import type { ItemChange } from '../../domain/notification.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { changedBy } from '../access/names.ts';
import { audit } from '../audit/audit.ts';
import type { Database, Tx } from '../db/database.ts';
import { notFound } from '../errors.ts';
import * as repo from './repo.ts';

/** One entry of a notification's history. */
export async function recordChange(tx: Tx, ctx: RequestContext, notificationId: string, reason: string | null, changes: ItemChange[]): Promise<void> {
  await repo.insertChange(tx, { notificationId, ...changedBy(ctx.actor), reason, changes });
}

/**
 * A test record of the case was corrected (Q&A 3: pending → negative): the diagnosis method of the
 * case's current submitted notifications changed, so their history shows it too. Called inside the
 * correcting transaction.
 */
export async function recordTestCorrection(tx: Tx, ctx: RequestContext, caseId: string, testId: string, changes: ItemChange[]): Promise<void> {
  if (!changes.length) return;
  const current = (await repo.notificationsOfCase(tx, caseId)).filter((n) => n.status === 'submitted' && !n.supersededAt);
  const onTest = changes.map((c) => ({ ...c, path: ['tests', testId, ...c.path] }));
  for (const n of current) await recordChange(tx, ctx, n.id, null, onTest);
}

/** The corrections and withdrawal of a notification, newest first: for whoever may see the case (audited). */
export async function notificationHistory(db: Database, ctx: RequestContext, id: string) {
  requirePermission(ctx.actor, 'cases.read');
  return db.asActor(ctx.actor, async (tx) => {
    const n = await repo.findNotification(tx, id);
    if (!n) throw notFound();
    const changes = await repo.changesOf(tx, id);
    await audit(tx, ctx, { action: 'notifications.history', recordType: 'notification', recordIds: [id], details: { caseId: n.caseId } });
    return {
      changes: changes.map((c) => ({
        id: c.id,
        changedAt: c.changedAt.toISOString(),
        changedBy: c.changedBy,
        changedByName: c.changedByName,
        changedByOrgName: c.changedByOrgName,
        reason: c.reason,
        changes: c.changes as { path: (string | number)[]; old: unknown; new: unknown }[],
      })),
    };
  });
}
