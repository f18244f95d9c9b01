// The responsible centre answers a helpdesk request (issue 14, Q&A 24): approve — the access starts
// now for its hours — or refuse. Either is possible until the access has started.
import { helpdeskDecidable } from '../../domain/privacy/helpdesk.ts';
import type { RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import { requireCentre } from './lists.ts';
import * as repo from './repo.ts';
import { centreView, statusOf } from './view.ts';

export async function decideHelpdeskAccess(db: Database, ctx: RequestContext, id: string, decision: 'approve' | 'refuse') {
  requireCentre(ctx);
  return db.asActor(ctx.actor, async (tx) => {
    const access = await repo.findAccess(tx, id, true);
    if (!access || access.responsibleHcId !== ctx.actor.orgId) throw notFound();
    if (!helpdeskDecidable(statusOf(access))) throw new AppError(409, 'helpdesk_not_decidable');
    const who = { userId: ctx.actor.userId, name: ctx.actor.name };
    const done = decision === 'approve' ? await repo.approve(tx, id, who, access.hours) : await repo.refuse(tx, id, who);
    await audit(tx, ctx, { action: `helpdesk.${decision}`, recordType: 'helpdesk_access', recordIds: [id], details: { caseNumber: access.caseNumber } });
    return centreView(done, []);
  });
}
