// What the activity generator is given: the organisations, the staff and the cases of a window of
// time with everything that says who works on them when — responsible centre over time (transfers),
// related centres, the reporting institution, stays and follow-up assignments with their periods,
// the notifications — read as the owner from the database. Also two facts of the world that only
// misuse looks at: the persons a centre marked sensitive, and staff whose relatives are cases.
import { sql } from 'drizzle-orm';
import { kanaKey } from '../../../domain/kana.ts';
import { rows, type Database } from '../../db/database.ts';

export interface WorldOrg {
  id: string;
  kind: string;
  parentId: string | null;
  prefectureId: string | null;
}

export interface WorldUser {
  id: string;
  orgId: string;
  loginId: string;
  roles: string[];
  contractor: boolean;
}

export interface WorldCase {
  id: string;
  personId: string;
  /** The kana name as the case list's search matches it (folded, no space), and the surname alone. */
  kana: string;
  surnameKana: string;
  createdAt: number;
  /** Until when the case is followed (the final status' day, or ten days after it was registered). */
  followUntil: number;
  reportingOrgId: string | null;
  prefectureId: string;
  /** The responsible centre from each time on: the first, then one entry per transfer. */
  responsible: { hcId: string; from: number }[];
  related: { hcId: string; from: number; byTransfer: boolean }[];
  assignments: { orgId: string; kind: 'followup' | 'residence' | 'admission'; startsAt: number; endsAt: number | null }[];
  notificationIds: string[];
}

export interface ActivityWorld {
  orgs: WorldOrg[];
  users: WorldUser[];
  cases: WorldCase[];
  /** Persons marked sensitive (a public figure, staff) by a centre. */
  sensitivePersonIds: Set<string>;
  /**
   * Relatives: a user who is in the database themselves (a person with the user's display name,
   * e.g. from their own infection) and a case of another person of the same surname at the same
   * address (family, or a neighbour in the same flat).
   */
  kin: { userId: string; caseId: string }[];
}

const DAY = 86_400_000;
const ms = (t: string | Date | null) => (t === null ? null : new Date(t).getTime());

/** The world of cases registered in [from, to): they are the ones a month's work is about. */
export async function loadActivityWorld(db: Database, from: Date, to: Date): Promise<ActivityWorld> {
  return db.asSystem(async (tx) => {
    const window = sql`SELECT id FROM cases WHERE created_at >= ${from.toISOString()}::timestamptz AND created_at < ${to.toISOString()}::timestamptz`;
    const orgs = await rows<{ id: string; kind: string; parent_id: string | null; prefecture_id: string | null }>(
      tx,
      sql`SELECT id, kind, parent_id, prefecture_id FROM organizations ORDER BY code`,
    );
    const users = await rows<{ id: string; org_id: string; login_id: string; roles: string[]; contractor: boolean }>(
      tx,
      sql`SELECT id, org_id, login_id, roles, contractor_name IS NOT NULL AS contractor FROM users WHERE status = 'active' ORDER BY login_id`,
    );
    const caseRows = await rows<{
      id: string; person_id: string; kana: string; name_kana: string; created_at: string; reporting_org_id: string | null; prefecture_id: string;
      responsible_hc_id: string; status: string | null; status_on: string | null;
    }>(
      tx,
      sql`SELECT c.id, c.person_id, p.name_kana_key AS kana, p.name_kana, c.created_at, c.reporting_org_id, c.prefecture_id, c.responsible_hc_id,
                 c.current_status AS status, c.status_effective_on::text AS status_on
          FROM cases c JOIN persons p ON p.id = c.person_id WHERE c.id IN (${window}) ORDER BY c.created_at, c.id`,
    );
    const transfers = await rows<{ case_id: string; from_hc_id: string; to_hc_id: string; changed_at: string }>(
      tx,
      sql`SELECT case_id, from_hc_id, to_hc_id, changed_at FROM case_transfers WHERE case_id IN (${window}) ORDER BY changed_at`,
    );
    const related = await rows<{ case_id: string; hc_id: string; created_at: string }>(
      tx,
      sql`SELECT case_id, hc_id, created_at FROM case_related_hcs WHERE case_id IN (${window})`,
    );
    const assignments = await rows<{ case_id: string; org_id: string; kind: string; starts_at: string; ends_at: string | null }>(
      tx,
      sql`SELECT case_id, org_id, kind, starts_at, ends_at FROM case_assignments WHERE case_id IN (${window}) ORDER BY starts_at`,
    );
    const notifications = await rows<{ id: string; case_id: string }>(
      tx,
      sql`SELECT id, case_id FROM notifications WHERE status = 'submitted' AND superseded_at IS NULL AND case_id IN (${window})`,
    );
    const sensitive = await rows<{ person_id: string }>(tx, sql`SELECT person_id FROM sensitive_persons`);
    const kin = await rows<{ user_id: string; case_id: string }>(
      tx,
      sql`SELECT DISTINCT u.id AS user_id, c.id AS case_id
          FROM users u JOIN persons me ON me.name_kanji = u.display_name
          JOIN persons k ON k.residence_address = me.residence_address AND k.id <> me.id
                        AND split_part(k.name_kanji, ' ', 1) = split_part(me.name_kanji, ' ', 1)
          JOIN cases c ON c.person_id = k.id
          WHERE u.status = 'active' AND c.id IN (${window}) ORDER BY 1, 2`,
    );

    const byId = new Map<string, WorldCase>();
    const cases = caseRows.map((c): WorldCase => {
      const createdAt = ms(c.created_at)!;
      const final = (c.status === 'released' || c.status === 'died') && c.status_on ? Date.parse(`${c.status_on}T23:59:59+09:00`) : null;
      const wc: WorldCase = {
        id: c.id,
        personId: c.person_id,
        kana: c.kana,
        surnameKana: kanaKey(c.name_kana.split(/\s/)[0]),
        createdAt,
        followUntil: final ?? createdAt + 10 * DAY,
        reportingOrgId: c.reporting_org_id,
        prefectureId: c.prefecture_id,
        responsible: [{ hcId: c.responsible_hc_id, from: createdAt }],
        related: [],
        assignments: [],
        notificationIds: [],
      };
      byId.set(c.id, wc);
      return wc;
    });
    const transferTimes = new Set<string>();
    for (const t of transfers) {
      const c = byId.get(t.case_id)!;
      if (c.responsible.length === 1) c.responsible[0].hcId = t.from_hc_id;
      c.responsible.push({ hcId: t.to_hc_id, from: ms(t.changed_at)! });
      transferTimes.add(`${t.case_id}|${t.from_hc_id}`);
    }
    for (const r of related) {
      byId.get(r.case_id)!.related.push({ hcId: r.hc_id, from: ms(r.created_at)!, byTransfer: transferTimes.has(`${r.case_id}|${r.hc_id}`) });
    }
    for (const a of assignments) {
      byId.get(a.case_id)!.assignments.push({ orgId: a.org_id, kind: a.kind as WorldCase['assignments'][number]['kind'], startsAt: ms(a.starts_at)!, endsAt: ms(a.ends_at) });
    }
    for (const n of notifications) byId.get(n.case_id)!.notificationIds.push(n.id);
    return {
      orgs: orgs.map((o) => ({ id: o.id, kind: o.kind, parentId: o.parent_id, prefectureId: o.prefecture_id })),
      users: users.map((u) => ({ id: u.id, orgId: u.org_id, loginId: u.login_id, roles: u.roles, contractor: u.contractor })),
      cases,
      sensitivePersonIds: new Set(sensitive.map((s) => s.person_id)),
      kin: kin.map((k) => ({ userId: k.user_id, caseId: k.case_id })),
    };
  });
}

/** The responsible centre of a case at a time. */
export function responsibleAt(c: WorldCase, t: number): string {
  let hc = c.responsible[0].hcId;
  for (const r of c.responsible) if (r.from <= t) hc = r.hcId;
  return hc;
}

/** The assignment (follow-up, stay, admission) a case is under at a time, if any. */
export function assignmentAt(c: WorldCase, t: number) {
  return c.assignments.find((a) => a.startsAt <= t && (a.endsAt === null || a.endsAt > t)) ?? null;
}
