// Marking a person's record sensitive (a public figure, staff): the responsible centre's staff do it
// from the case page; the risk rules then flag every access to it (issue 12). Reading and changing
// the mark are audited; row-level security admits the marks of persons the caller sees.
import type { SensitiveKind } from '../../domain/access-review/review.ts';
import { can } from '../../domain/permissions.ts';
import type { RequestContext } from '../access/actor.ts';
import { requirePermission } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database, Tx } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import * as repo from './repo.ts';
import { iso } from './view.ts';

async function caseOf(tx: Tx, ctx: RequestContext, caseId: string) {
  const c = await repo.caseForMark(tx, caseId);
  if (!c) throw notFound();
  return { ...c, canMark: can(ctx.actor.roles, 'persons.mark_sensitive') && c.responsible_hc_id === ctx.actor.orgId };
}

async function view(tx: Tx, personId: string, canMark: boolean) {
  const mark = await repo.markOf(tx, personId);
  return { marked: !!mark, kind: (mark?.kind ?? null) as SensitiveKind | null, markedAt: iso(mark?.marked_at), canMark };
}

export async function readMark(db: Database, ctx: RequestContext, caseId: string) {
  requirePermission(ctx.actor, 'cases.read');
  return db.asActor(ctx.actor, async (tx) => {
    const c = await caseOf(tx, ctx, caseId);
    await audit(tx, ctx, { action: 'sensitive_persons.read', recordType: 'case', recordIds: [caseId, c.person_id] });
    return view(tx, c.person_id, c.canMark);
  });
}

export async function changeMark(db: Database, ctx: RequestContext, caseId: string, kind: SensitiveKind | null) {
  requirePermission(ctx.actor, 'persons.mark_sensitive');
  return db.asActor(ctx.actor, async (tx) => {
    const c = await caseOf(tx, ctx, caseId);
    if (!c.canMark) throw new AppError(403, 'sensitive_not_responsible');
    if (kind) await repo.setMark(tx, { personId: c.person_id, kind, orgId: ctx.actor.orgId, userId: ctx.actor.userId });
    else await repo.clearMark(tx, c.person_id);
    await audit(tx, ctx, { action: kind ? 'sensitive_persons.mark' : 'sensitive_persons.unmark', recordType: 'case', recordIds: [caseId, c.person_id], details: kind ? { kind } : {} });
    return view(tx, c.person_id, true);
  });
}
