// SQL for the leak-incident register, run in the officer's transaction: row-level security limits
// every row to the organisations of their tree (migration 0027).
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { rows, type Tx } from '../db/database.ts';
import { leakIncidentAlerts, leakIncidentHistory, leakIncidents, organizations, reviewAlerts, users } from '../db/schema.ts';

export type IncidentRow = typeof leakIncidents.$inferSelect;
export type IncidentValues = Omit<typeof leakIncidents.$inferInsert, 'id' | 'createdAt' | 'version'>;

export async function orgInReviewTree(tx: Tx, orgId: string): Promise<boolean> {
  const [row] = await rows<{ inside: boolean }>(tx, sql`SELECT ${orgId}::uuid = ANY (app_review_org_ids()) AS inside`);
  return row.inside;
}

export async function insertIncident(tx: Tx, values: IncidentValues): Promise<IncidentRow> {
  const [row] = await tx.insert(leakIncidents).values(values).returning();
  return row;
}

export async function findIncident(tx: Tx, id: string, lock = false): Promise<IncidentRow | null> {
  const query = tx.select().from(leakIncidents).where(eq(leakIncidents.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function updateIncident(tx: Tx, id: string, values: Partial<IncidentValues>): Promise<IncidentRow> {
  const [row] = await tx
    .update(leakIncidents)
    .set({ ...values, updatedAt: new Date(), version: sql`${leakIncidents.version} + 1` })
    .where(eq(leakIncidents.id, id))
    .returning();
  return row;
}

export function listIncidents(tx: Tx) {
  return tx.select().from(leakIncidents).orderBy(desc(leakIncidents.discoveredAt), desc(leakIncidents.createdAt));
}

/** Incidents found in a period, for the compliance report. */
export function incidentsFoundBetween(tx: Tx, orgIds: string[], since: Date, until: Date) {
  return tx
    .select()
    .from(leakIncidents)
    .where(and(inArray(leakIncidents.orgId, orgIds), sql`${leakIncidents.discoveredAt} >= ${since}`, sql`${leakIncidents.discoveredAt} < ${until}`))
    .orderBy(asc(leakIncidents.discoveredAt));
}

const alertColumns = {
  id: reviewAlerts.id,
  source: reviewAlerts.source,
  subjectUserId: reviewAlerts.subjectUserId,
  subjectLoginId: users.loginId,
  subjectOrgId: reviewAlerts.subjectOrgId,
  day: reviewAlerts.day,
  score: reviewAlerts.score,
  updatedAt: reviewAlerts.updatedAt,
};

/** Confirmed alerts the officer sees that no incident they see records yet. */
export function confirmedAlertsWithoutIncident(tx: Tx, ids?: string[]) {
  return tx
    .select(alertColumns)
    .from(reviewAlerts)
    .leftJoin(users, eq(users.id, reviewAlerts.subjectUserId))
    .where(
      and(
        eq(reviewAlerts.status, 'confirmed'),
        ids ? inArray(reviewAlerts.id, ids) : undefined,
        sql`NOT EXISTS (SELECT 1 FROM leak_incident_alerts l WHERE l.alert_id = ${reviewAlerts.id})`,
      ),
    )
    .orderBy(desc(reviewAlerts.updatedAt));
}

export async function linkAlerts(tx: Tx, incidentId: string, alertIds: string[]): Promise<void> {
  if (alertIds.length) await tx.insert(leakIncidentAlerts).values(alertIds.map((alertId) => ({ incidentId, alertId })));
}

export function alertsOf(tx: Tx, incidentId: string) {
  return tx
    .select(alertColumns)
    .from(leakIncidentAlerts)
    .innerJoin(reviewAlerts, eq(reviewAlerts.id, leakIncidentAlerts.alertId))
    .leftJoin(users, eq(users.id, reviewAlerts.subjectUserId))
    .where(eq(leakIncidentAlerts.incidentId, incidentId))
    .orderBy(asc(reviewAlerts.day));
}

/** The seqs among `seqs` that are audit rows the officer may read (their tree's, or their own). */
export async function visibleAuditSeqs(tx: Tx, seqs: number[]): Promise<Set<number>> {
  if (!seqs.length) return new Set();
  const found = await rows<{ seq: string }>(tx, sql`SELECT seq FROM audit_log WHERE seq = ANY (${`{${seqs.join(',')}}`}::bigint[])`);
  return new Set(found.map((r) => Number(r.seq)));
}

export async function addHistory(tx: Tx, entry: { incidentId: string; version: number; changedBy: string; fields: string[] }): Promise<void> {
  await tx.insert(leakIncidentHistory).values(entry);
}

export function historyOf(tx: Tx, incidentId: string) {
  return tx
    .select({
      version: leakIncidentHistory.version,
      changedBy: leakIncidentHistory.changedBy,
      changedByName: users.displayName,
      changedAt: leakIncidentHistory.changedAt,
      fields: leakIncidentHistory.fields,
    })
    .from(leakIncidentHistory)
    .leftJoin(users, eq(users.id, leakIncidentHistory.changedBy))
    .where(eq(leakIncidentHistory.incidentId, incidentId))
    .orderBy(asc(leakIncidentHistory.version));
}

export async function orgNames(tx: Tx, ids: string[]): Promise<Map<string, { ja: string; en: string }>> {
  if (!ids.length) return new Map();
  const found = await tx
    .select({ id: organizations.id, ja: organizations.nameJa, en: organizations.nameEn })
    .from(organizations)
    .where(inArray(organizations.id, [...new Set(ids)]));
  return new Map(found.map((o) => [o.id, { ja: o.ja, en: o.en }]));
}
