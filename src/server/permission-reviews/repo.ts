// SQL of the permission reviews. Under an administrator's transaction row-level security keeps
// every row to the campaigns of the organisations it issues IDs for (migration 0035); the job's
// functions run as the owner (asSystem).
import { and, eq, sql } from 'drizzle-orm';
import type { ReviewDecision } from '../../domain/privacy/permission-reviews.ts';
import { rows, type Tx } from '../db/database.ts';
import { permissionReviewCampaigns as campaigns, permissionReviewItems as items } from '../db/schema.ts';

export type CampaignRow = typeof campaigns.$inferSelect;
export type ItemRow = typeof items.$inferSelect;

const pgArray = (ids: readonly string[]) => `{${ids.join(',')}}`;

/** Each organisation with an active ID, its interval and its last campaign (the job decides which open). */
export function organizationsToReview(tx: Tx) {
  return rows<{ id: string; months: number; last_opened_at: Date | string | null; last_completed_at: Date | string | null }>(
    tx,
    sql`SELECT o.id, o.permission_review_months AS months, last.opened_at AS last_opened_at, last.completed_at AS last_completed_at
        FROM organizations o
        LEFT JOIN LATERAL (SELECT c.opened_at, c.completed_at FROM permission_review_campaigns c
                           WHERE c.org_id = o.id ORDER BY c.opened_at DESC LIMIT 1) last ON true
        WHERE EXISTS (SELECT 1 FROM users u WHERE u.org_id = o.id AND u.status = 'active')
        ORDER BY o.code`,
  );
}

/** Opens a campaign; null when one is already open for the organisation (another run was first). */
export async function insertCampaign(tx: Tx, values: { orgId: string; periodStart: Date; openedAt: Date; dueAt: Date }): Promise<CampaignRow | null> {
  const [row] = await tx
    .insert(campaigns)
    .values(values)
    .onConflictDoNothing({ target: campaigns.orgId, where: sql`${campaigns.completedAt} IS NULL` })
    .returning();
  return row ?? null;
}

/**
 * The IDs active at opening, with their roles and last login, and how many case records each
 * opened in the period — counted from the audit log (cases.read), a number only.
 */
export async function insertItems(tx: Tx, c: CampaignRow): Promise<number> {
  const inserted = await rows<{ user_id: string }>(
    tx,
    sql`INSERT INTO permission_review_items (campaign_id, user_id, roles, last_login_at, cases_opened)
        SELECT ${c.id}::uuid, u.id, u.roles, u.last_login_at,
               (SELECT count(DISTINCT a.record_ids[1])::int FROM audit_log a
                WHERE a.actor_user_id = u.id AND a.action = 'cases.read'
                  AND a.at >= ${c.periodStart} AND a.at < ${c.openedAt})
        FROM users u WHERE u.org_id = ${c.orgId} AND u.status = 'active'
        RETURNING user_id`,
  );
  return inserted.length;
}

/** The campaigns the actor sees (RLS), open ones first, with their organisation's names. */
export function visibleCampaigns(tx: Tx) {
  return rows<CampaignSql & { name_ja: string; name_en: string }>(
    tx,
    sql`SELECT c.*, o.name_ja, o.name_en FROM permission_review_campaigns c JOIN organizations o ON o.id = c.org_id
        WHERE c.completed_at IS NULL OR c.opened_at > now() - interval '2 years'
        ORDER BY c.completed_at IS NULL DESC, c.due_at DESC, o.code
        LIMIT 500`,
  );
}

export interface CampaignSql {
  id: string;
  org_id: string;
  period_start: Date | string;
  opened_at: Date | string;
  due_at: Date | string;
  completed_at: Date | string | null;
  escalated_at: Date | string | null;
  escalated_to: string | null;
  version: number;
}

/** Per campaign: how many items have each decision with their ID's status now (the domain decides what is settled). */
export function itemStates(tx: Tx, campaignIds: readonly string[]) {
  return rows<{ campaign_id: string; decision: ReviewDecision | null; status: string; n: number }>(
    tx,
    sql`SELECT i.campaign_id, i.decision, coalesce(u.status, 'deleted') AS status, count(*)::int AS n
        FROM permission_review_items i LEFT JOIN users u ON u.id = i.user_id
        WHERE i.campaign_id = ANY (${pgArray(campaignIds)}::uuid[])
        GROUP BY 1, 2, 3`,
  );
}

export async function findCampaign(tx: Tx, id: string, forUpdate = false): Promise<(CampaignRow & { nameJa: string; nameEn: string }) | null> {
  const [row] = await rows<CampaignSql & { name_ja: string; name_en: string }>(
    tx,
    sql`SELECT c.*, o.name_ja, o.name_en FROM permission_review_campaigns c JOIN organizations o ON o.id = c.org_id
        WHERE c.id = ${id} ${forUpdate ? sql`FOR UPDATE OF c` : sql``}`,
  );
  return row ? { ...campaignOf(row), nameJa: row.name_ja, nameEn: row.name_en } : null;
}

const date = (d: Date | string) => new Date(d);
const dateOrNull = (d: Date | string | null) => (d === null ? null : new Date(d));

export const campaignOf = (r: CampaignSql): CampaignRow => ({
  id: r.id,
  orgId: r.org_id,
  periodStart: date(r.period_start),
  openedAt: date(r.opened_at),
  dueAt: date(r.due_at),
  completedAt: dateOrNull(r.completed_at),
  escalatedAt: dateOrNull(r.escalated_at),
  escalatedTo: r.escalated_to,
  version: r.version,
});

/** A campaign's IDs with what they hold now and who decided (the decider's login ID when the actor sees it). */
export function itemsOf(tx: Tx, campaignId: string) {
  return rows<{
    user_id: string;
    login_id: string;
    display_name: string;
    roles_at_opening: string[];
    roles: string[];
    status: string;
    status_reason: string | null;
    last_login_at: Date | string | null;
    cases_opened: number;
    decision: ReviewDecision | null;
    roles_kept: string[] | null;
    reason: string | null;
    decided_by_login: string | null;
    decided_at: Date | string | null;
    version: number;
  }>(
    tx,
    sql`SELECT i.user_id, u.login_id, u.display_name, i.roles AS roles_at_opening, u.roles, u.status, u.status_reason,
               u.last_login_at, i.cases_opened, i.decision, i.roles_kept, i.reason, d.login_id AS decided_by_login,
               i.decided_at, i.version
        FROM permission_review_items i JOIN users u ON u.id = i.user_id LEFT JOIN users d ON d.id = i.decided_by
        WHERE i.campaign_id = ${campaignId}
        ORDER BY u.login_id`,
  );
}

export async function findItem(tx: Tx, campaignId: string, userId: string): Promise<ItemRow | null> {
  const [row] = await tx.select().from(items).where(and(eq(items.campaignId, campaignId), eq(items.userId, userId)));
  return row ?? null;
}

/** Records a decision when the item is still at `version` and undecided; null otherwise. */
export async function decideItem(
  tx: Tx,
  campaignId: string,
  userId: string,
  version: number,
  values: { decision: ReviewDecision; rolesKept: string[] | null; reason: string | null; decidedBy: string; decidedAt: Date },
): Promise<ItemRow | null> {
  const [row] = await tx
    .update(items)
    .set({ ...values, version: sql`${items.version} + 1` })
    .where(and(eq(items.campaignId, campaignId), eq(items.userId, userId), eq(items.version, version), sql`${items.decision} IS NULL`))
    .returning();
  return row ?? null;
}

export async function completeCampaign(tx: Tx, id: string, at: Date): Promise<boolean> {
  const done = await tx
    .update(campaigns)
    .set({ completedAt: at, version: sql`${campaigns.version} + 1` })
    .where(and(eq(campaigns.id, id), sql`${campaigns.completedAt} IS NULL`))
    .returning({ id: campaigns.id });
  return done.length > 0;
}

/** The job: open campaigns (as the owner). */
export const openCampaigns = (tx: Tx) =>
  tx.select().from(campaigns).where(sql`${campaigns.completedAt} IS NULL`);

/**
 * The job: marks every overdue, not yet escalated campaign as escalated to the organisation above
 * it (shouldEscalate and issuingOrgOf in the domain say the same) in one UPDATE, so that several
 * processes escalate each campaign once.
 */
export function escalateOverdue(tx: Tx, now: Date) {
  return rows<{ id: string; org_id: string; due_at: Date | string; escalated_to: string | null; name_ja: string; name_en: string }>(
    tx,
    sql`UPDATE permission_review_campaigns c SET escalated_at = ${now}, escalated_to = o.parent_id, version = c.version + 1
        FROM organizations o
        WHERE o.id = c.org_id AND c.completed_at IS NULL AND c.escalated_at IS NULL AND c.due_at < ${now}
        RETURNING c.id, c.org_id, c.due_at, c.escalated_to, o.name_ja, o.name_en`,
  );
}

/** Where an escalation's e-mail goes: the issuing organisation's active administrators, else its address. */
export async function escalationAddresses(tx: Tx, orgId: string): Promise<string[]> {
  const found = await rows<{ email: string }>(
    tx,
    sql`SELECT DISTINCT email FROM users WHERE org_id = ${orgId} AND status = 'active' AND 'org_admin' = ANY (roles) AND email IS NOT NULL
        UNION SELECT notification_email FROM organizations WHERE id = ${orgId} AND notification_email IS NOT NULL`,
  );
  return found.map((r) => r.email).sort();
}

/** The compliance report: campaigns under way at some time in the period, of the organisations given. */
export function campaignsInPeriod(tx: Tx, orgIds: readonly string[], since: Date, until: Date) {
  return rows<{ org_id: string; due_at: Date | string; completed_at: Date | string | null; suspended: number; roles_revoked: number }>(
    tx,
    sql`SELECT c.org_id, c.due_at, c.completed_at,
               (SELECT count(*)::int FROM permission_review_items i WHERE i.campaign_id = c.id AND i.decision = 'suspended') AS suspended,
               (SELECT count(*)::int FROM permission_review_items i WHERE i.campaign_id = c.id AND i.decision = 'roles_revoked') AS roles_revoked
        FROM permission_review_campaigns c
        WHERE c.org_id = ANY (${pgArray(orgIds)}::uuid[]) AND c.opened_at < ${until} AND (c.completed_at IS NULL OR c.completed_at >= ${since})`,
  );
}

export async function updateReviewMonths(tx: Tx, orgId: string, version: number, months: number): Promise<boolean> {
  const done = await rows<{ id: string }>(
    tx,
    sql`UPDATE organizations SET permission_review_months = ${months}, version = version + 1
        WHERE id = ${orgId} AND version = ${version} RETURNING id`,
  );
  return done.length > 0;
}
