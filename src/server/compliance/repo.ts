// SQL of the compliance report, run in the officer's transaction: row-level security keeps every
// count inside their tree (migrations 0024 and 0027). Aggregates only, never a patient's data.
import { sql } from 'drizzle-orm';
import { staffAccessRows } from '../access-review/access-rows.ts';
import { rows, type Tx } from '../db/database.ts';

const pgArray = (items: readonly string[]) => `{${items.map((s) => `"${s}"`).join(',')}}`;

export interface Scope {
  orgIds: string[];
  since: Date;
  until: Date;
}

/** `orgId` and every organisation below it, as far as the officer reviews them. */
export async function subtree(tx: Tx, orgId: string): Promise<string[]> {
  const found = await rows<{ id: string }>(
    tx,
    sql`WITH RECURSIVE tree AS (SELECT id FROM organizations WHERE id = ${orgId}
                                UNION SELECT o.id FROM organizations o JOIN tree ON o.parent_id = tree.id)
        SELECT id FROM tree WHERE id = ANY (app_review_org_ids())`,
  );
  return found.map((r) => r.id);
}

export function reviewedOrganizations(tx: Tx) {
  return rows<{ id: string; name_ja: string; name_en: string; parent_id: string | null }>(
    tx,
    sql`SELECT id, name_ja, name_en, parent_id FROM organizations WHERE id = ANY (app_review_org_ids()) ORDER BY id = app_org_id() DESC, code`,
  );
}

const orgs = (s: Scope) => sql`${pgArray(s.orgIds)}::uuid[]`;

export async function auditedAccesses(tx: Tx, s: Scope) {
  const [row] = await rows<{ audited: number; examined: number }>(
    tx,
    sql`SELECT count(*)::int AS audited,
               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM access_explanations e WHERE e.seq = a.seq))::int AS examined
        FROM audit_log a
        WHERE a.actor_org_id = ANY (${orgs(s)}) AND a.at >= ${s.since} AND a.at < ${s.until}
          AND ${staffAccessRows}`,
  );
  return row;
}

export function explanationCounts(tx: Tx, s: Scope) {
  return rows<{ template: string | null; purpose_only: boolean; n: number }>(
    tx,
    sql`SELECT template, purpose_only, count(*)::int AS n FROM access_explanations
        WHERE actor_org_id = ANY (${orgs(s)}) AND at >= ${s.since} AND at < ${s.until}
        GROUP BY template, purpose_only ORDER BY n DESC, template`,
  );
}

export function alertCounts(tx: Tx, s: Scope) {
  return rows<{ status: string; n: number }>(
    tx,
    sql`SELECT status, count(*)::int AS n FROM review_alerts
        WHERE subject_org_id = ANY (${orgs(s)}) AND created_at >= ${s.since} AND created_at < ${s.until}
        GROUP BY status`,
  );
}

export function reviewActionCounts(tx: Tx, s: Scope) {
  return rows<{ action: string; n: number }>(
    tx,
    sql`SELECT r.action, count(*)::int AS n FROM review_actions r JOIN review_alerts a ON a.id = r.alert_id
        WHERE a.subject_org_id = ANY (${orgs(s)}) AND r.at >= ${s.since} AND r.at < ${s.until}
        GROUP BY r.action`,
  );
}

export function idsOf(tx: Tx, s: Scope) {
  return rows<{
    id: string;
    login_id: string;
    display_name: string;
    org_id: string;
    org_name: string;
    roles: string[];
    status: string;
    last_login_at: Date | string | null;
    created_at: Date | string;
    contractor_name: string | null;
  }>(
    tx,
    sql`SELECT u.id, u.login_id, u.display_name, u.org_id, o.name_ja AS org_name, u.roles, u.status, u.last_login_at, u.created_at, u.contractor_name
        FROM users u JOIN organizations o ON o.id = u.org_id
        WHERE u.org_id = ANY (${orgs(s)}) AND u.status <> 'deleted'
        ORDER BY o.code, u.login_id`,
  );
}

export async function autoSuspended(tx: Tx, s: Scope): Promise<number> {
  const [row] = await rows<{ n: number }>(
    tx,
    sql`SELECT count(DISTINCT x.user_id)::int AS n FROM app_review_auto_suspended(${s.since}, ${s.until}) x
        JOIN users u ON u.id = x.user_id WHERE u.org_id = ANY (${orgs(s)})`,
  );
  return row.n;
}

/** Per contractor ID: audited reads of personal data, and unexplained (access × case) pairs. */
export function contractorAccesses(tx: Tx, s: Scope) {
  return rows<{ id: string; login_id: string; contractor_name: string; org_name: string; accesses: number; unexplained: number }>(
    tx,
    sql`SELECT u.id, u.login_id, u.contractor_name, o.name_ja AS org_name,
               (SELECT count(*)::int FROM audit_log a WHERE a.actor_user_id = u.id AND a.at >= ${s.since} AND a.at < ${s.until}
                  AND ${staffAccessRows}) AS accesses,
               (SELECT count(*)::int FROM access_explanations e WHERE e.actor_user_id = u.id AND e.at >= ${s.since} AND e.at < ${s.until}
                  AND e.template IS NULL) AS unexplained
        FROM users u JOIN organizations o ON o.id = u.org_id
        WHERE u.org_id = ANY (${orgs(s)}) AND u.contractor_name IS NOT NULL
        ORDER BY u.contractor_name, u.login_id`,
  );
}
