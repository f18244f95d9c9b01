// A campaign and its IDs as the API answers them (src/domain/api/permission-reviews.ts).
import type { z } from 'zod';
import type { CampaignSummary, ReviewItem } from '../../domain/api/permission-reviews.ts';
import type { Role } from '../../domain/organizations.ts';
import { campaignState, itemSettled, type ReviewDecision } from '../../domain/privacy/permission-reviews.ts';
import type { CampaignRow, itemsOf, itemStates } from './repo.ts';

type States = Awaited<ReturnType<typeof itemStates>>;
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function toSummary(
  c: CampaignRow & { nameJa: string; nameEn: string },
  states: States,
  viewer: { orgId: string },
  now: Date,
): z.infer<typeof CampaignSummary> {
  const mine = states.filter((s) => s.campaign_id === c.id);
  const sum = (f: (s: States[number]) => boolean) => mine.filter(f).reduce((n, s) => n + s.n, 0);
  return {
    id: c.id,
    orgId: c.orgId,
    orgNameJa: c.nameJa,
    orgNameEn: c.nameEn,
    periodStart: c.periodStart.toISOString(),
    openedAt: c.openedAt.toISOString(),
    dueAt: c.dueAt.toISOString(),
    completedAt: iso(c.completedAt),
    escalatedAt: iso(c.escalatedAt),
    state: campaignState(c, now),
    escalatedToMe: c.escalatedAt !== null && c.completedAt === null && c.escalatedTo === viewer.orgId,
    ids: sum(() => true),
    decided: sum((s) => itemSettled({ decision: s.decision, userStatus: s.status })),
    rolesRevoked: sum((s) => s.decision === 'roles_revoked'),
    suspended: sum((s) => s.decision === 'suspended'),
    version: c.version,
  };
}

export function toItem(r: Awaited<ReturnType<typeof itemsOf>>[number], viewer: { userId: string }): z.infer<typeof ReviewItem> {
  return {
    userId: r.user_id,
    loginId: r.login_id,
    displayName: r.display_name,
    rolesAtOpening: r.roles_at_opening as Role[],
    roles: r.roles as Role[],
    status: r.status as 'active' | 'suspended' | 'deleted',
    statusReason: r.status_reason,
    lastLoginAt: iso(r.last_login_at),
    casesOpened: r.cases_opened,
    decision: r.decision as ReviewDecision | null,
    rolesKept: (r.roles_kept as Role[] | null) ?? null,
    reason: r.reason,
    decidedBy: r.decided_by_login,
    decidedAt: iso(r.decided_at),
    settled: itemSettled({ decision: r.decision, userStatus: r.status }),
    isMe: r.user_id === viewer.userId,
    version: r.version,
  };
}
