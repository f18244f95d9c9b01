// The administrator's campaigns: its own organisation's and those of the organisations it issues
// IDs for (RLS, migration 0035), an overdue one escalated to it flagged as the in-app notice; and
// one campaign with its IDs (audited, like the ID list: it names staff and their roles).
import type { z } from 'zod';
import type { CampaignDetail, CampaignList } from '../../domain/api/permission-reviews.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { notFound } from '../errors.ts';
import * as orgRepo from '../orgs/repo.ts';
import * as repo from './repo.ts';
import { toItem, toSummary } from './view.ts';

export async function listCampaigns(db: Database, ctx: RequestContext, now = new Date()): Promise<z.infer<typeof CampaignList>> {
  requirePermission(ctx.actor, 'users.read');
  return db.asActor(ctx.actor, async (tx) => {
    const found = await repo.visibleCampaigns(tx);
    const states = await repo.itemStates(tx, found.map((c) => c.id));
    const own = await orgRepo.findOrg(tx, ctx.actor.orgId);
    return {
      campaigns: found.map((c) => toSummary({ ...repo.campaignOf(c), nameJa: c.name_ja, nameEn: c.name_en }, states, ctx.actor, now)),
      reviewMonths: own?.permissionReviewMonths ?? 3,
    };
  });
}

export async function showCampaign(db: Database, ctx: RequestContext, id: string, now = new Date()): Promise<z.infer<typeof CampaignDetail>> {
  requirePermission(ctx.actor, 'users.read');
  return db.asActor(ctx.actor, async (tx) => {
    const campaign = await repo.findCampaign(tx, id);
    if (!campaign) throw notFound();
    const items = await repo.itemsOf(tx, id);
    const states = await repo.itemStates(tx, [id]);
    await audit(tx, ctx, { action: 'permission_reviews.read', recordType: 'user', recordIds: items.map((i) => i.user_id), details: { campaignId: id } });
    return { campaign: toSummary(campaign, states, ctx.actor, now), items: items.map((i) => toItem(i, ctx.actor)) };
  });
}
