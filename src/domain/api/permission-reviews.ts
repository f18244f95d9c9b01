// Request and response shapes of /api/permission-reviews (権限の棚卸し): campaigns, their IDs with
// roles, last login and case records opened in the period (a count only), and the decisions.
import { z } from 'zod';
import { ROLES } from '../organizations.ts';
import { CAMPAIGN_STATES, MAX_REVIEW_MONTHS, MIN_REVIEW_MONTHS, REVIEW_ACTIONS, REVIEW_DECISIONS } from '../privacy/permission-reviews.ts';
import { PathId } from './users.ts';
import { Version } from './version.ts';

const Count = z.number().int();
const Instant = z.iso.datetime();

export const CampaignSummary = z
  .object({
    id: z.uuid(),
    orgId: z.uuid(),
    orgNameJa: z.string(),
    orgNameEn: z.string(),
    periodStart: Instant,
    openedAt: Instant,
    dueAt: Instant,
    completedAt: Instant.nullable(),
    escalatedAt: Instant.nullable(),
    state: z.enum(CAMPAIGN_STATES),
    /** The actor's organisation is the one this overdue review escalated to: the in-app notice. */
    escalatedToMe: z.boolean(),
    ids: Count,
    decided: Count.meta({ description: 'IDs with a decision, or needing none (suspended as unused, deleted)' }),
    rolesRevoked: Count,
    suspended: Count,
    version: z.number().int(),
  })
  .meta({ id: 'PermissionReviewCampaign' });

export const CampaignList = z.object({
  campaigns: z.array(CampaignSummary),
  reviewMonths: z.number().int().meta({ description: 'The actor organisation’s review interval in months' }),
});

export const ReviewItem = z
  .object({
    userId: z.uuid(),
    loginId: z.string(),
    displayName: z.string(),
    rolesAtOpening: z.array(z.enum(ROLES)),
    roles: z.array(z.enum(ROLES)).meta({ description: 'The roles the ID holds now' }),
    status: z.enum(['active', 'suspended', 'deleted']),
    statusReason: z.string().nullable(),
    lastLoginAt: Instant.nullable(),
    casesOpened: Count.meta({ description: 'Case records this ID opened in the campaign’s period, from the audit log' }),
    decision: z.enum(REVIEW_DECISIONS).nullable(),
    rolesKept: z.array(z.enum(ROLES)).nullable(),
    reason: z.string().nullable(),
    decidedBy: z.string().nullable().meta({ description: 'Login ID of the administrator who decided' }),
    decidedAt: Instant.nullable(),
    settled: z.boolean(),
    isMe: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'PermissionReviewItem' });

export const CampaignDetail = z.object({ campaign: CampaignSummary, items: z.array(ReviewItem) });

export const CampaignParams = z.object({ id: PathId });
export const ItemParams = z.object({ id: PathId, userId: PathId });

export const DecisionBody = z
  .object({
    action: z.enum(REVIEW_ACTIONS),
    rolesKept: z.array(z.enum(ROLES)).max(ROLES.length).optional().meta({ description: 'revoke_roles: the roles the ID keeps' }),
    reason: z.string().trim().max(200).optional().meta({ description: 'Required to suspend: shown beside the suspended ID' }),
    version: Version,
  })
  .refine((b) => b.action !== 'suspend' || (b.reason ?? '').length > 0, {
    path: ['reason'],
    error: '停止の理由を入力してください / give a reason for suspending',
  });

export const DecisionAnswer = z.object({ item: ReviewItem, campaign: CampaignSummary });

export const ReviewSettingsBody = z.object({
  months: z.number().int().min(MIN_REVIEW_MONTHS).max(MAX_REVIEW_MONTHS),
  version: Version,
});
