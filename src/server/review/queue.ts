// The officer's queue: the alerts of their tree, by status, source, subject organisation and day,
// newest day and highest score first, with the count of each status. Listing is audited.
import { ALERT_STATUSES, OPEN_STATUSES, type AlertSource, type AlertStatus } from '../../domain/access-review/review.ts';
import type { RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { requireOfficer } from './access.ts';
import * as repo from './repo.ts';
import { toAlertRow } from './view.ts';

export interface QueueQuery {
  status?: AlertStatus;
  source?: AlertSource;
  orgId?: string;
  from?: string;
  to?: string;
  offset: number;
  limit: number;
}

export async function listAlerts(db: Database, ctx: RequestContext, q: QueueQuery) {
  requireOfficer(ctx.actor);
  return db.asActor(ctx.actor, async (tx) => {
    const filter = { source: q.source, orgId: q.orgId, from: q.from, to: q.to };
    const page = await repo.alertPage(tx, { ...filter, statuses: q.status ? [q.status] : OPEN_STATUSES }, q.offset, q.limit);
    const counted = await repo.statusCounts(tx, filter);
    await audit(tx, ctx, {
      action: 'access_review.list',
      recordType: 'review_alert',
      recordIds: page.alerts.map((a) => a.id),
      details: { status: q.status ?? null, source: q.source ?? null, orgId: q.orgId ?? null, from: q.from ?? null, to: q.to ?? null, offset: q.offset },
    });
    return {
      alerts: page.alerts.map(toAlertRow),
      total: page.total,
      counts: Object.fromEntries(ALERT_STATUSES.map((s) => [s, counted.find((c) => c.status === s)?.n ?? 0])) as Record<AlertStatus, number>,
    };
  });
}
