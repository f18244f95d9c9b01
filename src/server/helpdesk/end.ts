// The centre ends a helpdesk access at any time (issue 14, Q&A 24): from the next statement on, row-level
// security no longer shows the case to the helpdesk user.
import { helpdeskEndable } from '../../domain/privacy/helpdesk.ts';
import type { RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import { requireCentre } from './lists.ts';
import * as repo from './repo.ts';
import { centreView, statusOf } from './view.ts';

export async function endHelpdeskAccess(db: Database, ctx: RequestContext, id: string) {
  requireCentre(ctx);
  return db.asActor(ctx.actor, async (tx) => {
    const access = await repo.findAccess(tx, id, true);
    if (!access || access.responsibleHcId !== ctx.actor.orgId) throw notFound();
    if (!helpdeskEndable(statusOf(access))) throw new AppError(409, 'helpdesk_not_endable');
    const ended = await repo.end(tx, id, ctx.actor.name);
    await audit(tx, ctx, { action: 'helpdesk.end', recordType: 'helpdesk_access', recordIds: [id], details: { caseNumber: access.caseNumber } });
    return centreView(ended, []);
  });
}
