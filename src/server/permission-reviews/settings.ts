// How often an organisation's IDs are reviewed: set by the organisation that issues its IDs (as it
// sets the quota), never by the organisation for itself.
import type { z } from 'zod';
import type { ReviewSettingsBody } from '../../domain/api/permission-reviews.ts';
import { issuesFor } from '../../domain/organizations.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { AppError, notFound, versionConflict } from '../errors.ts';
import * as orgRepo from '../orgs/repo.ts';
import * as repo from './repo.ts';

export async function setReviewMonths(db: Database, ctx: RequestContext, orgId: string, body: z.infer<typeof ReviewSettingsBody>) {
  requirePermission(ctx.actor, 'users.manage');
  await db.asActor(ctx.actor, async (tx) => {
    const [mine, target] = await Promise.all([orgRepo.findOrg(tx, ctx.actor.orgId), orgRepo.findOrg(tx, orgId)]);
    if (!target) throw notFound();
    if (!mine || target.id === mine.id || !issuesFor(orgRepo.orgRef(mine), orgRepo.orgRef(target))) throw new AppError(403, 'outside_issuing_scope');
    if (!(await repo.updateReviewMonths(tx, orgId, body.version, body.months))) throw versionConflict(target.version);
    await audit(tx, ctx, {
      action: 'permission_reviews.settings',
      recordType: 'organization',
      recordIds: [orgId],
      details: { months: { from: target.permissionReviewMonths, to: body.months } },
    });
  });
}
