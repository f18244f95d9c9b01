// SQL for the daily reports, run in the actor's transaction: row-level security (migration 0030)
// limits every row to the actor's institution, centre area, prefecture or the ministry.
import { and, asc, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { rows, type Tx } from '../db/database.ts';
import { dailyReportChanges, dailyReportExpected, dailyReports, organizations, users } from '../db/schema.ts';

export type DailyReportRow = typeof dailyReports.$inferSelect;
export type DailyReportValues = Omit<typeof dailyReports.$inferInsert, 'id' | 'filedAt' | 'version'>;

/** The organisation with its area: a medical institution's parent is the centre of its area. */
export async function findOrg(tx: Tx, id: string) {
  const [org] = await tx
    .select({ id: organizations.id, kind: organizations.kind, parentId: organizations.parentId, prefectureId: organizations.prefectureId })
    .from(organizations)
    .where(eq(organizations.id, id));
  return org ?? null;
}

export async function insertReport(tx: Tx, values: DailyReportValues): Promise<DailyReportRow> {
  const [row] = await tx.insert(dailyReports).values(values).returning();
  return row;
}

export async function findReport(tx: Tx, id: string): Promise<DailyReportRow | null> {
  const [row] = await tx.select().from(dailyReports).where(eq(dailyReports.id, id));
  return row ?? null;
}

export async function findReportOfDay(tx: Tx, institutionId: string, day: string): Promise<DailyReportRow | null> {
  const [row] = await tx.select().from(dailyReports).where(and(eq(dailyReports.institutionId, institutionId), eq(dailyReports.reportDate, day)));
  return row ?? null;
}

/**
 * The new counts if the report is still at `version`; null when it moved on or row-level security
 * refused it (not the actor's to correct now). No SELECT … FOR UPDATE before: under row-level
 * security that needs the UPDATE policy, and a report the actor may read but not correct would
 * look absent.
 */
export async function updateCounts(tx: Tx, id: string, version: number, counts: Record<string, number>, userId: string): Promise<DailyReportRow | null> {
  const [row] = await tx
    .update(dailyReports)
    .set({ counts, updatedBy: userId, updatedAt: new Date(), version: sql`${dailyReports.version} + 1` })
    .where(and(eq(dailyReports.id, id), eq(dailyReports.version, version)))
    .returning();
  return row ?? null;
}

export async function addChange(tx: Tx, change: typeof dailyReportChanges.$inferInsert): Promise<void> {
  await tx.insert(dailyReportChanges).values(change);
}

export function changesOf(tx: Tx, reportId: string) {
  const org = alias(organizations, 'changed_org');
  return tx
    .select({
      version: dailyReportChanges.version,
      kind: dailyReportChanges.kind,
      counts: dailyReportChanges.counts,
      reason: dailyReportChanges.reason,
      changedByName: users.displayName,
      orgJa: org.nameJa,
      orgEn: org.nameEn,
      changedAt: dailyReportChanges.changedAt,
    })
    .from(dailyReportChanges)
    .leftJoin(users, eq(users.id, dailyReportChanges.changedBy))
    .leftJoin(org, eq(org.id, dailyReportChanges.changedByOrgId))
    .where(eq(dailyReportChanges.reportId, reportId))
    .orderBy(asc(dailyReportChanges.version));
}

/** Reports in scope between two days, newest first (one institution when given). */
export function reportsBetween(tx: Tx, from: string, to: string, institutionId?: string) {
  return tx
    .select()
    .from(dailyReports)
    .where(and(gte(dailyReports.reportDate, from), lte(dailyReports.reportDate, to), institutionId ? eq(dailyReports.institutionId, institutionId) : undefined))
    .orderBy(desc(dailyReports.reportDate), asc(dailyReports.institutionId));
}

/** The medical institutions of a centre's area, or of a prefecture. */
export function institutionsOf(tx: Tx, area: { healthCenterId?: string; prefectureId?: string }) {
  return tx
    .select({ id: organizations.id, parentId: organizations.parentId, ja: organizations.nameJa, en: organizations.nameEn })
    .from(organizations)
    .where(
      and(
        eq(organizations.kind, 'medical_institution'),
        area.healthCenterId ? eq(organizations.parentId, area.healthCenterId) : undefined,
        area.prefectureId ? eq(organizations.prefectureId, area.prefectureId) : undefined,
      ),
    )
    .orderBy(asc(organizations.code));
}

export async function reportsOfDay(tx: Tx, day: string, institutionIds: string[]): Promise<DailyReportRow[]> {
  if (!institutionIds.length) return [];
  return tx.select().from(dailyReports).where(and(eq(dailyReports.reportDate, day), inArray(dailyReports.institutionId, institutionIds)));
}

export async function expectedAmong(tx: Tx, institutionIds: string[]): Promise<Set<string>> {
  if (!institutionIds.length) return new Set();
  const found = await tx.select({ id: dailyReportExpected.institutionId }).from(dailyReportExpected).where(inArray(dailyReportExpected.institutionId, institutionIds));
  return new Set(found.map((r) => r.id));
}

/** Marks an institution as filing daily; false when row-level security refused it (outside the area). */
export async function markExpected(tx: Tx, values: typeof dailyReportExpected.$inferInsert): Promise<void> {
  await tx.insert(dailyReportExpected).values(values).onConflictDoNothing();
}

export async function unmarkExpected(tx: Tx, institutionId: string): Promise<void> {
  await tx.delete(dailyReportExpected).where(eq(dailyReportExpected.institutionId, institutionId));
}

/** Each institution's notified cases diagnosed on the day, by age band (counts only; migration 0030). */
export async function notifiedByBand(tx: Tx, institutionIds: string[], day: string): Promise<Map<string, Record<string, number>>> {
  const result = new Map<string, Record<string, number>>();
  if (!institutionIds.length) return result;
  const found = await rows<{ institution_id: string; age_band: string; notified: number }>(
    tx,
    sql`SELECT institution_id, age_band, notified FROM app_daily_notified_by_band(${`{${institutionIds.join(',')}}`}::uuid[], ${day}::date)`,
  );
  for (const r of found) result.set(r.institution_id, { ...result.get(r.institution_id), [r.age_band]: Number(r.notified) });
  return result;
}

export async function namesOf(tx: Tx, orgIds: string[], userIds: string[]) {
  const orgs = orgIds.length
    ? await tx.select({ id: organizations.id, ja: organizations.nameJa, en: organizations.nameEn }).from(organizations).where(inArray(organizations.id, [...new Set(orgIds)]))
    : [];
  const people = userIds.length ? await tx.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, [...new Set(userIds)])) : [];
  return { orgs: new Map(orgs.map((o) => [o.id, { ja: o.ja, en: o.en }])), users: new Map(people.map((u) => [u.id, u.name])) };
}
