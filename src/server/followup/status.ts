// 記録タブ「現在のステータス」: who may move a case's status where is the domain's (case-status.ts);
// which cases the actor reaches is row-level security's; here the two meet, and every change is
// kept (case_status_changes, append-only) with the newest copied to the case for the work list.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { StatusChangeBody } from '../../domain/api/followup.ts';
import { japanToday } from '../../domain/calendar.ts';
import { statusActorOf as domainStatusActorOf, statusChangeProblem, type CaseStatus, type StatusActor, type StatusProblem } from '../../domain/case-status.ts';
import { requirePermission, type Actor, type RequestContext } from '../access/actor.ts';
import { changedBy } from '../access/names.ts';
import { audit } from '../audit/audit.ts';
import type { Database, Tx } from '../db/database.ts';
import { admissions, cases, caseStatusChanges } from '../db/schema.ts';
import { AppError, fieldError, notFound, versionConflict } from '../errors.ts';

/** Which rules apply to the actor (src/domain/case-status.ts, shared with the web app). */
export const statusActorOf = (actor: Actor): StatusActor | null => domainStatusActorOf(actor.orgKind, actor.roles);

const PROBLEMS: Record<StatusProblem, () => AppError> = {
  no_change: () => new AppError(409, 'status_no_change'),
  final_status: () => new AppError(403, 'status_final'),
  transition_not_allowed: () => new AppError(403, 'status_transition_not_allowed'),
  reopen_needs_reason: () => fieldError(['body', 'reason'], 'status_reopen_needs_reason'),
  effective_in_future: () => fieldError(['body', 'effectiveOn'], 'status_effective_in_future'),
  effective_before_current: () => fieldError(['body', 'effectiveOn'], 'status_effective_before_current'),
};

export interface StatusChangeInput {
  to: CaseStatus;
  effectiveOn: string;
  note?: string | null;
  reason?: string | null;
  /** The case version the user read; internal callers (an admission) leave it out. */
  version?: number;
}

/**
 * Changes a case's status inside the caller's transaction: the case is locked, the rules checked
 * against its status as it is now, the change kept and copied to the case. A hospital changes only
 * the status of its own inpatients (an open admission there): callers recording a discharge change
 * the status before closing the admission. Returns the case's new version.
 */
export async function applyStatusChange(tx: Tx, ctx: RequestContext, caseId: string, change: StatusChangeInput): Promise<number> {
  const who = statusActorOf(ctx.actor);
  if (!who) throw new AppError(403, 'forbidden');
  const [row] = await tx
    .select({ status: cases.currentStatus, effectiveOn: cases.statusEffectiveOn, version: cases.version })
    .from(cases)
    .where(eq(cases.id, caseId))
    .for('update');
  if (!row) throw notFound();
  if (change.version !== undefined && change.version !== row.version) throw versionConflict(row.version);
  if (who === 'hospital') {
    const [open] = await tx
      .select({ id: admissions.id })
      .from(admissions)
      .where(and(eq(admissions.caseId, caseId), eq(admissions.hospitalId, ctx.actor.orgId), isNull(admissions.dischargedOn)));
    if (!open) throw new AppError(403, 'not_an_inpatient');
  }
  const problem = statusChangeProblem({
    actor: who,
    from: row.status as CaseStatus | null,
    to: change.to,
    effectiveOn: change.effectiveOn,
    fromEffectiveOn: row.effectiveOn,
    today: japanToday(new Date()),
    reason: change.reason,
  });
  if (problem) throw PROBLEMS[problem]();

  const [saved] = await tx
    .insert(caseStatusChanges)
    .values({
      caseId,
      fromStatus: row.status,
      status: change.to,
      effectiveOn: change.effectiveOn,
      note: change.note ?? null,
      reason: change.reason?.trim() || null,
      ...changedBy(ctx.actor),
    })
    .returning({ id: caseStatusChanges.id, changedAt: caseStatusChanges.changedAt });
  const [updated] = await tx
    .update(cases)
    .set({ currentStatus: change.to, statusEffectiveOn: change.effectiveOn, statusChangedAt: saved.changedAt, version: sql`${cases.version} + 1` })
    .where(eq(cases.id, caseId))
    .returning({ version: cases.version });
  await audit(tx, ctx, {
    action: 'cases.status_change',
    recordType: 'case',
    recordIds: [caseId],
    details: { from: row.status, to: change.to, effectiveOn: change.effectiveOn, changeId: saved.id },
  });
  return updated.version;
}

async function statusView(tx: Tx, caseId: string) {
  const [row] = await tx
    .select({ status: cases.currentStatus, effectiveOn: cases.statusEffectiveOn, version: cases.version })
    .from(cases)
    .where(eq(cases.id, caseId));
  if (!row) throw notFound();
  const history = await tx
    .select()
    .from(caseStatusChanges)
    .where(eq(caseStatusChanges.caseId, caseId))
    .orderBy(desc(caseStatusChanges.changedAt), desc(caseStatusChanges.id));
  return {
    caseId,
    version: row.version,
    status: row.status as CaseStatus | null,
    effectiveOn: row.effectiveOn,
    history: history.map((h) => ({
      id: h.id,
      fromStatus: h.fromStatus as CaseStatus | null,
      status: h.status as CaseStatus,
      effectiveOn: h.effectiveOn,
      note: h.note,
      reason: h.reason,
      changedByName: h.changedByName,
      changedByOrgName: h.changedByOrgName,
      changedAt: h.changedAt.toISOString(),
    })),
  };
}

/** The current status and its whole history: for whoever sees the case. */
export async function caseStatus(db: Database, ctx: RequestContext, caseId: string) {
  requirePermission(ctx.actor, 'cases.read');
  return db.asActor(ctx.actor, async (tx) => {
    const view = await statusView(tx, caseId);
    await audit(tx, ctx, { action: 'cases.status_read', recordType: 'case', recordIds: [caseId] });
    return view;
  });
}

export async function changeStatus(db: Database, ctx: RequestContext, caseId: string, body: z.infer<typeof StatusChangeBody>) {
  requirePermission(ctx.actor, 'cases.status');
  return db.asActor(ctx.actor, async (tx) => {
    await applyStatusChange(tx, ctx, caseId, { to: body.status, effectiveOn: body.effectiveOn, note: body.note, reason: body.reason, version: body.version });
    return statusView(tx, caseId);
  });
}
