// Helpdesk accesses as the requester and the responsible centre see them (issue 14, Q&A 24). The
// centre's list carries, for each access, every look the helpdesk user took at the case while it
// lasted (from the audit log): what Q&A 24's "reported to the centre" means in the app.
import type { z } from 'zod';
import type { HelpdeskRead } from '../../domain/api/helpdesk.ts';
import { isHealthCentreStaff, requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { HELPDESK_REQUEST_LAPSE_DAYS } from '../../domain/privacy/helpdesk.ts';
import * as repo from './repo.ts';
import { centreView, ownView } from './view.ts';

const LIMIT = 200;

export function requireCentre(ctx: RequestContext) {
  requirePermission(ctx.actor, 'helpdesk.review');
  if (!isHealthCentreStaff(ctx.actor)) throw new AppError(403, 'forbidden', { permission: 'helpdesk.review' });
}

export async function myHelpdeskAccesses(db: Database, ctx: RequestContext) {
  requirePermission(ctx.actor, 'helpdesk.request');
  return db.asActor(ctx.actor, async (tx) => {
    const accesses = await repo.accessesOfUser(tx, ctx.actor.userId, LIMIT);
    const centres = new Map<string, string | null>();
    for (const hc of new Set(accesses.map((a) => a.responsibleHcId).filter((id): id is string => id !== null))) {
      centres.set(hc, (await repo.centreOf(tx, hc))?.nameJa ?? null);
    }
    return { accesses: accesses.map((a) => ownView(a, a.responsibleHcId ? (centres.get(a.responsibleHcId) ?? null) : null)) };
  });
}

export async function centreHelpdeskAccesses(db: Database, ctx: RequestContext) {
  requireCentre(ctx);
  return db.asActor(ctx.actor, async (tx) => {
    const accesses = await repo.accessesOfCentre(tx, ctx.actor.orgId, LIMIT);
    const now = new Date();
    const views = [];
    for (const a of accesses) {
      const reads: z.infer<typeof HelpdeskRead>[] = a.startsAt
        ? (await repo.readsOf(tx, a.id)).map((r) => ({ at: new Date(r.at).toISOString(), action: r.action, outcome: r.outcome }))
        : [];
      views.push(centreView(a, reads, now));
    }
    // The reasons may describe the patient's trouble: reading the list is a look at those cases.
    await audit(tx, ctx, { action: 'helpdesk.list', recordType: 'case', recordIds: [...new Set(accesses.map((a) => a.caseId!))], details: { accesses: accesses.length } });
    return { accesses: views, waiting: views.filter((v) => v.status === 'pending' || v.status === 'scheduled').length };
  });
}

/** How many requests wait for the centre's answer: the notice on the centre's home page. */
export async function waitingCount(db: Database, ctx: RequestContext) {
  requireCentre(ctx);
  return db.asActor(ctx.actor, async (tx) => ({ waiting: await repo.waitingOfCentre(tx, ctx.actor.orgId, HELPDESK_REQUEST_LAPSE_DAYS) }));
}
