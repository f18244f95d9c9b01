// Permission reviews (権限の棚卸し, seed 000: keep who can see personal data to the minimum and
// review it): a periodic campaign per organisation in which its administrator confirms or revokes
// each active ID and its roles. The rules of when a campaign opens, when it is due, when it is
// complete and when it escalates to the issuing organisation live here, once, for the job, the
// services and the screens.
import type { Localized } from '../messages.ts';
import type { Role } from '../organizations.ts';

/** Quarterly unless the issuing organisation sets another interval (organizations.permission_review_months). */
export const DEFAULT_REVIEW_MONTHS = 3;
export const MIN_REVIEW_MONTHS = 1;
export const MAX_REVIEW_MONTHS = 12;
/** A campaign is due this many days after it opens; then it is overdue and escalates. */
export const REVIEW_DUE_DAYS = 14;

export const REVIEW_DECISIONS = ['confirmed', 'roles_revoked', 'suspended'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** What the administrator asks for; the decision recorded follows from it. */
export const REVIEW_ACTIONS = ['confirm', 'revoke_roles', 'suspend'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

export const CAMPAIGN_STATES = ['open', 'overdue', 'done_on_time', 'done_late'] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];

const DAY = 86_400_000;

/** `months` calendar months after `from` (a 31st falls back to the month's last day). */
export function addMonths(from: Date, months: number): Date {
  const d = new Date(from.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

/** When the next campaign of an organisation opens: at once if it never had one, else an interval after the last opened. */
export function nextOpening(lastOpenedAt: Date | null, months: number): Date | null {
  return lastOpenedAt === null ? null : addMonths(lastOpenedAt, months);
}

/**
 * Does a new campaign open now? Not while the last one is still open (an overdue review stays the
 * one to finish, and escalates), and not before the interval since the last one has passed.
 */
export function campaignDue(last: { openedAt: Date; completedAt: Date | null } | null, months: number, now: Date): boolean {
  if (last === null) return true;
  if (last.completedAt === null) return false;
  return nextOpening(last.openedAt, months)!.getTime() <= now.getTime();
}

export const dueAt = (openedAt: Date, days = REVIEW_DUE_DAYS): Date => new Date(openedAt.getTime() + days * DAY);

/** The period whose case openings the campaign shows: since the last campaign opened, or one interval back. */
export const periodStart = (lastOpenedAt: Date | null, openedAt: Date, months: number): Date =>
  lastOpenedAt ?? addMonths(openedAt, -months);

/**
 * An ID needs no decision once it is no longer active for another reason (suspended as unused for
 * 90 days by the daily job, or deleted): the review shows it, it does not duplicate that work.
 */
export const itemSettled = (item: { decision: ReviewDecision | null; userStatus: string }): boolean =>
  item.decision !== null || item.userStatus !== 'active';

/** Complete when every ID has a decision (or needs none). A campaign of no IDs is complete. */
export const campaignComplete = (items: readonly { decision: ReviewDecision | null; userStatus: string }[]): boolean =>
  items.every(itemSettled);

export function campaignState(c: { dueAt: Date; completedAt: Date | null }, now: Date): CampaignState {
  if (c.completedAt !== null) return c.completedAt.getTime() <= c.dueAt.getTime() ? 'done_on_time' : 'done_late';
  return now.getTime() > c.dueAt.getTime() ? 'overdue' : 'open';
}

/** Overdue and not yet escalated: the issuing organisation is told once. */
export const shouldEscalate = (c: { dueAt: Date; completedAt: Date | null; escalatedAt: Date | null }, now: Date): boolean =>
  c.escalatedAt === null && campaignState(c, now) === 'overdue';

/**
 * Where an overdue review escalates: the organisation that issues IDs to this one, which is its
 * parent in the tree (a prefecture for its centres and facilities, a centre for its clinics, the
 * ministry for a prefecture — organizations.ts, issuesFor). The ministry has none.
 */
export const issuingOrgOf = (org: { parentId: string | null }): string | null => org.parentId;

/**
 * A decision's roles: revoking keeps a non-empty part of the roles the ID holds and drops at least
 * one (dropping every role is suspending the ID). Null when fine, else the problem's code.
 */
export function rolesKeptProblem(held: readonly Role[], kept: readonly Role[] | undefined): 'review_roles_required' | 'review_role_not_held' | 'review_nothing_revoked' | null {
  if (!kept || kept.length === 0) return 'review_roles_required';
  if (kept.some((r) => !held.includes(r))) return 'review_role_not_held';
  if (held.every((r) => kept.includes(r))) return 'review_nothing_revoked';
  return null;
}

export const decisionOf = (action: ReviewAction): ReviewDecision =>
  action === 'confirm' ? 'confirmed' : action === 'revoke_roles' ? 'roles_revoked' : 'suspended';

/** The compliance report's line for one organisation: campaigns of the period by outcome, IDs revoked. */
export interface ReviewSummary {
  campaigns: number;
  doneOnTime: number;
  doneLate: number;
  overdue: number;
  open: number;
  idsSuspended: number;
  rolesRevoked: number;
}

export function summarizeCampaigns(
  campaigns: readonly { dueAt: Date; completedAt: Date | null; suspended: number; rolesRevoked: number }[],
  now: Date,
): ReviewSummary {
  const s: ReviewSummary = { campaigns: 0, doneOnTime: 0, doneLate: 0, overdue: 0, open: 0, idsSuspended: 0, rolesRevoked: 0 };
  for (const c of campaigns) {
    s.campaigns++;
    const state = campaignState(c, now);
    if (state === 'done_on_time') s.doneOnTime++;
    else if (state === 'done_late') s.doneLate++;
    else if (state === 'overdue') s.overdue++;
    else s.open++;
    s.idsSuspended += c.suspended;
    s.rolesRevoked += c.rolesRevoked;
  }
  return s;
}

export const PERMISSION_REVIEW_MESSAGES = {
  review_roles_required: {
    ja: '残す役割を1つ以上選んでください。すべての役割を取り消す場合はIDを停止してください。',
    en: 'Choose at least one role to keep. To take every role away, suspend the ID.',
  },
  review_role_not_held: { ja: 'このIDが持っていない役割は残せません。', en: 'The ID does not hold this role.' },
  review_nothing_revoked: { ja: '取り消す役割を1つ以上選んでください。', en: 'Choose at least one role to revoke.' },
  review_already_decided: { ja: 'このIDは既に判断済みです。', en: 'This ID has already been decided.' },
  review_campaign_complete: { ja: 'この棚卸しは完了しています。', en: 'This review is complete.' },
} as const satisfies Record<string, Localized>;

/** The e-mail to the issuing organisation: organisations and counts only, never an ID or a name. */
export function escalationEmail(c: { orgNameJa: string; orgNameEn: string; dueOn: string; pending: number; url: string }) {
  return {
    subject: `【HER-SYS】権限の棚卸しが期限を過ぎています / A permission review is overdue`,
    text: [
      `${c.orgNameJa} の権限の棚卸し（期限 ${c.dueOn}）が完了していません。未判断のID: ${c.pending} 件。`,
      `ID発行元の組織として、状況を確認してください。`,
      c.url,
      '',
      `The permission review of ${c.orgNameEn} (due ${c.dueOn}) is not complete: ${c.pending} IDs await a decision.`,
      `As the organisation that issues its IDs, please follow it up.`,
    ].join('\n'),
  };
}
