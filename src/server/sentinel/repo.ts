// SQL for sentinel designations and reports, run in the actor's transaction: row-level security
// (migration 0046) limits every row to the actor's institution, centre area, prefecture or the ministry.
import { and, asc, desc, eq, gte, inArray, lte, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { SentinelKind } from '../../domain/sentinel/kinds.ts';
import type { Tx } from '../db/database.ts';
import { organizations, sentinelDesignations, sentinelReportChanges, sentinelReports, users } from '../db/schema.ts';

export type DesignationRow = typeof sentinelDesignations.$inferSelect;
export type SentinelReportRow = typeof sentinelReports.$inferSelect;

/** The organisation with its area: a medical institution's parent is the centre of its area. */
export async function findOrg(tx: Tx, id: string) {
  const [org] = await tx
    .select({ id: organizations.id, kind: organizations.kind, parentId: organizations.parentId, prefectureId: organizations.prefectureId })
    .from(organizations)
    .where(eq(organizations.id, id));
  return org ?? null;
}

/** The medical institutions of a prefecture with the centre of each one's area. */
export function institutionsOf(tx: Tx, prefectureId: string) {
  const hc = alias(organizations, 'hc');
  return tx
    .select({ id: organizations.id, ja: organizations.nameJa, en: organizations.nameEn, hcJa: hc.nameJa, hcEn: hc.nameEn })
    .from(organizations)
    .innerJoin(hc, eq(hc.id, organizations.parentId))
    .where(and(eq(organizations.kind, 'medical_institution'), eq(organizations.prefectureId, prefectureId)))
    .orderBy(asc(organizations.code));
}

/** Designations in scope of a kind (one institution's when given), newest first. */
export function designations(tx: Tx, kind?: SentinelKind, institutionId?: string) {
  return tx
    .select()
    .from(sentinelDesignations)
    .where(and(kind ? eq(sentinelDesignations.kind, kind) : undefined, institutionId ? eq(sentinelDesignations.institutionId, institutionId) : undefined))
    .orderBy(asc(sentinelDesignations.institutionId), desc(sentinelDesignations.fromDate));
}

export async function findDesignation(tx: Tx, id: string): Promise<DesignationRow | null> {
  const [row] = await tx.select().from(sentinelDesignations).where(eq(sentinelDesignations.id, id));
  return row ?? null;
}

/** Serialises designations of one institution and kind, so that two overlapping ones cannot both pass the check. */
export async function lockInstitutionKind(tx: Tx, institutionId: string, kind: SentinelKind): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`sentinel:${institutionId}:${kind}`}))`);
}

export async function insertDesignation(tx: Tx, values: typeof sentinelDesignations.$inferInsert): Promise<DesignationRow> {
  const [row] = await tx.insert(sentinelDesignations).values(values).returning();
  return row;
}

/** Sets the last day if the designation is still at `version`; null when it moved on or is not the actor's to end. */
export async function endDesignation(tx: Tx, id: string, version: number, untilDate: string, userId: string): Promise<DesignationRow | null> {
  const [row] = await tx
    .update(sentinelDesignations)
    .set({ untilDate, endedBy: userId, endedAt: new Date(), version: sql`${sentinelDesignations.version} + 1` })
    .where(and(eq(sentinelDesignations.id, id), eq(sentinelDesignations.version, version)))
    .returning();
  return row ?? null;
}

export async function otherDesignations(tx: Tx, institutionId: string, kind: SentinelKind, exceptId?: string) {
  return tx
    .select({ fromDate: sentinelDesignations.fromDate, untilDate: sentinelDesignations.untilDate })
    .from(sentinelDesignations)
    .where(and(eq(sentinelDesignations.institutionId, institutionId), eq(sentinelDesignations.kind, kind), exceptId ? ne(sentinelDesignations.id, exceptId) : undefined));
}

export async function insertReport(tx: Tx, values: Omit<typeof sentinelReports.$inferInsert, 'id' | 'filedAt' | 'version'>): Promise<SentinelReportRow> {
  const [row] = await tx.insert(sentinelReports).values(values).returning();
  return row;
}

export async function findReport(tx: Tx, id: string): Promise<SentinelReportRow | null> {
  const [row] = await tx.select().from(sentinelReports).where(eq(sentinelReports.id, id));
  return row ?? null;
}

export async function findReportOfWeek(tx: Tx, institutionId: string, kind: SentinelKind, weekStart: string): Promise<SentinelReportRow | null> {
  const [row] = await tx
    .select()
    .from(sentinelReports)
    .where(and(eq(sentinelReports.institutionId, institutionId), eq(sentinelReports.kind, kind), eq(sentinelReports.weekStart, weekStart)));
  return row ?? null;
}

/**
 * The new counts if the report is still at `version`; null when it moved on or row-level security
 * refused it (as daily-reports/repo.ts updateCounts: no SELECT … FOR UPDATE before).
 */
export async function updateCounts(tx: Tx, id: string, version: number, counts: Record<string, Record<string, number>>, userId: string): Promise<SentinelReportRow | null> {
  const [row] = await tx
    .update(sentinelReports)
    .set({ counts, updatedBy: userId, updatedAt: new Date(), version: sql`${sentinelReports.version} + 1` })
    .where(and(eq(sentinelReports.id, id), eq(sentinelReports.version, version)))
    .returning();
  return row ?? null;
}

export async function addChange(tx: Tx, change: typeof sentinelReportChanges.$inferInsert): Promise<void> {
  await tx.insert(sentinelReportChanges).values(change);
}

export function changesOf(tx: Tx, reportId: string) {
  const org = alias(organizations, 'changed_org');
  return tx
    .select({
      version: sentinelReportChanges.version,
      kind: sentinelReportChanges.kind,
      counts: sentinelReportChanges.counts,
      reason: sentinelReportChanges.reason,
      changedByName: users.displayName,
      orgJa: org.nameJa,
      orgEn: org.nameEn,
      changedAt: sentinelReportChanges.changedAt,
    })
    .from(sentinelReportChanges)
    .leftJoin(users, eq(users.id, sentinelReportChanges.changedBy))
    .leftJoin(org, eq(org.id, sentinelReportChanges.changedByOrgId))
    .where(eq(sentinelReportChanges.reportId, reportId))
    .orderBy(asc(sentinelReportChanges.version));
}

/** Reports in scope of a kind between two Mondays, newest first (one institution, or one prefecture, when given). */
export function reportsBetween(tx: Tx, kind: SentinelKind, fromMonday: string, toMonday: string, only: { institutionId?: string; prefectureId?: string } = {}) {
  return tx
    .select()
    .from(sentinelReports)
    .where(
      and(
        eq(sentinelReports.kind, kind),
        gte(sentinelReports.weekStart, fromMonday),
        lte(sentinelReports.weekStart, toMonday),
        only.institutionId ? eq(sentinelReports.institutionId, only.institutionId) : undefined,
        only.prefectureId ? eq(sentinelReports.prefectureId, only.prefectureId) : undefined,
      ),
    )
    .orderBy(desc(sentinelReports.weekStart), asc(sentinelReports.institutionId));
}

/** Designations in scope of a kind overlapping the days from … to (one prefecture when given). */
export function designationsBetween(tx: Tx, kind: SentinelKind, from: string, to: string, prefectureId?: string) {
  return tx
    .select({
      institutionId: sentinelDesignations.institutionId,
      prefectureId: sentinelDesignations.prefectureId,
      fromDate: sentinelDesignations.fromDate,
      untilDate: sentinelDesignations.untilDate,
    })
    .from(sentinelDesignations)
    .where(
      and(
        eq(sentinelDesignations.kind, kind),
        lte(sentinelDesignations.fromDate, to),
        sql`(${sentinelDesignations.untilDate} IS NULL OR ${sentinelDesignations.untilDate} >= ${from})`,
        prefectureId ? eq(sentinelDesignations.prefectureId, prefectureId) : undefined,
      ),
    );
}

/** Prefectures by id (names for the averages). */
export async function prefectureNames(tx: Tx, ids: string[]) {
  if (!ids.length) return new Map<string, { ja: string; en: string; code: string | null }>();
  const found = await tx.select({ id: organizations.id, ja: organizations.nameJa, en: organizations.nameEn, code: organizations.areaCode }).from(organizations).where(inArray(organizations.id, [...new Set(ids)]));
  return new Map(found.map((o) => [o.id, { ja: o.ja, en: o.en, code: o.code }]));
}

export async function namesOf(tx: Tx, orgIds: string[], userIds: string[]) {
  const orgs = orgIds.length
    ? await tx.select({ id: organizations.id, ja: organizations.nameJa, en: organizations.nameEn }).from(organizations).where(inArray(organizations.id, [...new Set(orgIds)]))
    : [];
  const ids = [...new Set(userIds)];
  const people = ids.length ? await tx.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids)) : [];
  return { orgs: new Map(orgs.map((o) => [o.id, { ja: o.ja, en: o.en }])), users: new Map(people.map((u) => [u.id, u.name])) };
}
