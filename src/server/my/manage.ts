// Staff's side of a case's My HER-SYS (issue 11): whether the patient was invited and can be
// reached, pausing reminders, and the household (one adult reports for the dependants linked to them).
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import { isMobileNumber } from '../../domain/my-messages.ts';
import type { Database, Tx } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import { isolationOf } from './invite.ts';
import * as repo from './repo.ts';

/** The answer of every staff route here: the case's state after the change. */
export async function accessView(tx: Tx, caseId: string) {
  const a = await repo.caseAccess(tx, caseId);
  const invitee = await repo.inviteeOf(tx, caseId);
  if (!a || !invitee) throw notFound();
  const { hasEmail, phone, ...rest } = a;
  return { ...rest, isolation: isolationOf(invitee), canEmail: hasEmail, canSms: isMobileNumber(phone) };
}

export async function caseAccessOf(db: Database, ctx: RequestContext, caseId: string) {
  requirePermission(ctx.actor, 'cases.read');
  return db.asActor(ctx.actor, async (tx) => {
    const view = await accessView(tx, caseId);
    await audit(tx, ctx, { action: 'patients.access.read', recordType: 'case', recordIds: [caseId] });
    return view;
  });
}

export async function setReminders(db: Database, ctx: RequestContext, caseId: string, paused: boolean) {
  requirePermission(ctx.actor, 'patients.manage');
  return db.asActor(ctx.actor, async (tx) => {
    if (!(await repo.setRemindersPaused(tx, caseId, paused ? ctx.actor.userId : null))) {
      if (!(await repo.caseAccess(tx, caseId))) throw notFound();
      throw new AppError(409, 'not_invited');
    }
    await audit(tx, ctx, { action: paused ? 'patients.reminders.pause' : 'patients.reminders.resume', recordType: 'case', recordIds: [caseId] });
    return accessView(tx, caseId);
  });
}

/**
 * Links a dependant to the household member who reports for them, or unlinks (null). One level
 * only: a reporter is nobody's dependant, and a dependant reports for nobody.
 */
export async function setHousehold(db: Database, ctx: RequestContext, caseId: string, headCaseId: string | null) {
  requirePermission(ctx.actor, 'patients.manage');
  return db.asActor(ctx.actor, async (tx) => {
    if (!(await repo.caseAccess(tx, caseId))) throw notFound();
    if (headCaseId) {
      if (headCaseId === caseId) throw new AppError(422, 'household_invalid', {}, [{ path: ['body', 'headCaseId'], code: 'household_invalid' }]);
      const head = await repo.caseAccess(tx, headCaseId);
      if (!head) throw notFound();
      if (!head.invited) throw new AppError(409, 'not_invited', { caseId: headCaseId });
      const [selfRole, headRole] = [await repo.householdRoleOf(tx, caseId), await repo.householdRoleOf(tx, headCaseId)];
      if (selfRole.has_dependants || headRole.is_dependant) throw new AppError(422, 'household_invalid', {}, [{ path: ['body', 'headCaseId'], code: 'household_invalid' }]);
      // A dependant (a child) is reached through the reporter: their channel, the dependant's own period.
      const self = await repo.caseAccess(tx, caseId);
      if (!self?.invited) {
        const invitee = await repo.inviteeOf(tx, caseId);
        const observeUntil = (invitee && isolationOf(invitee)?.lastDay) || head.observeUntil!;
        await repo.upsertAccess(tx, { caseId, channel: head.channel!, observeUntil, invitedBy: ctx.actor.userId });
      }
    }
    await repo.setHousehold(tx, caseId, headCaseId, ctx.actor.userId);
    await audit(tx, ctx, { action: 'patients.household', recordType: 'case', recordIds: headCaseId ? [caseId, headCaseId] : [caseId], details: { headCaseId } });
    return accessView(tx, caseId);
  });
}
