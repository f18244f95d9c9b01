// One decision of a review: confirm an ID, revoke some of its roles, or suspend it. A revocation or
// suspension takes effect at once (roles are read from the users table on every request; a
// suspension ends the ID's sessions) and is audited as the ID administration audits it, in the same
// transaction as the decision; the last decision completes the campaign.
import type { z } from 'zod';
import type { DecisionAnswer, DecisionBody } from '../../domain/api/permission-reviews.ts';
import { issuesFor, type Role } from '../../domain/organizations.ts';
import { campaignComplete, decisionOf, rolesKeptProblem } from '../../domain/privacy/permission-reviews.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import { endSessionsOf } from '../auth/session-repo.ts';
import type { Database } from '../db/database.ts';
import { AppError, notFound, versionConflict } from '../errors.ts';
import * as orgRepo from '../orgs/repo.ts';
import * as userRepo from '../users/repo.ts';
import * as repo from './repo.ts';
import { toItem, toSummary } from './view.ts';

export async function decide(
  db: Database,
  ctx: RequestContext,
  campaignId: string,
  userId: string,
  body: z.infer<typeof DecisionBody>,
  now = new Date(),
): Promise<z.infer<typeof DecisionAnswer>> {
  requirePermission(ctx.actor, 'users.manage');
  return db.asActor(ctx.actor, async (tx) => {
    const found = await repo.findCampaign(tx, campaignId);
    if (!found) throw notFound();
    const [mine, target] = await Promise.all([orgRepo.findOrg(tx, ctx.actor.orgId), orgRepo.findOrg(tx, found.orgId)]);
    if (!mine || !target || !issuesFor(orgRepo.orgRef(mine), orgRepo.orgRef(target))) throw new AppError(403, 'outside_issuing_scope');
    if (found.completedAt) throw new AppError(409, 'review_campaign_complete');
    // The campaign's row lock serialises decisions, so that the last one sees every other and completes it.
    // (Under RLS a row lock needs the update policy, which admits open campaigns only.)
    const campaign = await repo.findCampaign(tx, campaignId, true);
    if (!campaign || campaign.completedAt) throw new AppError(409, 'review_campaign_complete');
    const item = await repo.findItem(tx, campaignId, userId);
    if (!item) throw notFound();
    if (userId === ctx.actor.userId) throw new AppError(403, 'not_own_account');
    if (item.decision) throw new AppError(409, 'review_already_decided');
    if (item.version !== body.version) throw versionConflict(item.version);
    const user = await userRepo.findUser(tx, userId);
    if (!user) throw notFound();

    const held = user.roles as Role[];
    const decision = decisionOf(body.action);
    let rolesKept: Role[] | null = null;
    if (body.action === 'revoke_roles') {
      const problem = rolesKeptProblem(held, body.rolesKept);
      if (problem) throw new AppError(400, 'invalid_input', {}, [{ path: ['body', 'rolesKept'], code: problem }]);
      rolesKept = body.rolesKept!;
      await userRepo.updateUser(tx, userId, null, { roles: rolesKept });
      await audit(tx, ctx, {
        action: 'users.roles_change',
        recordType: 'user',
        recordIds: [userId],
        details: { changes: { roles: { from: held, to: rolesKept } }, permissionReview: campaignId },
      });
    } else if (body.action === 'suspend' && user.status !== 'suspended') {
      await userRepo.updateUser(tx, userId, null, { status: 'suspended', statusReason: body.reason!, statusChangedAt: now });
      const sessionsEnded = await endSessionsOf(tx, userId, 'suspended');
      await audit(tx, ctx, {
        action: 'users.suspend',
        recordType: 'user',
        recordIds: [userId],
        details: { reason: body.reason, previousStatus: user.status, sessionsEnded, permissionReview: campaignId },
      });
    }
    const decided = await repo.decideItem(tx, campaignId, userId, body.version, {
      decision,
      rolesKept,
      reason: body.reason || null,
      decidedBy: ctx.actor.userId,
      decidedAt: now,
    });
    if (!decided) throw versionConflict(item.version);
    await audit(tx, ctx, { action: 'permission_reviews.decide', recordType: 'user', recordIds: [userId], details: { campaignId, decision, rolesKept } });

    const states = await repo.itemStates(tx, [campaignId]);
    let completedAt: Date | null = null;
    // Each row of states stands for one or more items alike: every row settled is every item settled.
    if (campaignComplete(states.map((s) => ({ decision: s.decision, userStatus: s.status })))) {
      await repo.completeCampaign(tx, campaignId, now);
      completedAt = now;
      await audit(tx, ctx, { action: 'permission_reviews.complete', recordType: 'permission_review', recordIds: [campaignId], details: { orgId: campaign.orgId } });
    }
    const row = (await repo.itemsOf(tx, campaignId)).find((i) => i.user_id === userId)!;
    return {
      item: toItem(row, ctx.actor),
      campaign: toSummary({ ...campaign, completedAt, version: completedAt ? campaign.version + 1 : campaign.version }, states, ctx.actor, now),
    };
  });
}
