// SQL for helpdesk accesses (issue 14, migration 0038), run in the user's transaction: row-level
// security shows an access to its requester and to the responsible centre; helpdesk_find() answers a
// case number with the case's id and centre only, and helpdesk_access_reads() the audited looks.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { rows, type Tx } from '../db/database.ts';
import { helpdeskAccesses, organizations, users } from '../db/schema.ts';

export type AccessRow = typeof helpdeskAccesses.$inferSelect;

export async function findCase(tx: Tx, caseNumber: string): Promise<{ case_id: string; responsible_hc_id: string } | null> {
  const [row] = await rows<{ case_id: string; responsible_hc_id: string }>(tx, sql`SELECT * FROM helpdesk_find(${caseNumber})`);
  return row ?? null;
}

export async function contractorOf(tx: Tx, userId: string): Promise<string | null> {
  const [row] = await tx.select({ contractorName: users.contractorName }).from(users).where(eq(users.id, userId));
  return row?.contractorName ?? null;
}

export async function centreOf(tx: Tx, hcId: string) {
  const [row] = await tx
    .select({ nameJa: organizations.nameJa, notificationEmail: organizations.notificationEmail })
    .from(organizations)
    .where(eq(organizations.id, hcId));
  return row ?? null;
}

export type NewAccess = Omit<typeof helpdeskAccesses.$inferInsert, 'id' | 'requestedAt' | 'startsAt' | 'expiresAt' | 'decision' | 'decidedAt' | 'decidedBy' | 'decidedByName' | 'endedAt' | 'endedByName' | 'version'>;

/**
 * A request made now (the transaction's start, as the policies read it). In 'notify' mode it starts
 * `objectionMinutes` later unless refused, and lasts `hours` from then.
 */
export async function insertAccess(tx: Tx, values: NewAccess, objectionMinutes: number | null): Promise<AccessRow> {
  const period =
    objectionMinutes === null
      ? {}
      : {
          startsAt: sql`now() + make_interval(mins => ${objectionMinutes}::int)`,
          expiresAt: sql`now() + make_interval(mins => ${objectionMinutes}::int) + make_interval(secs => ${Math.round(values.hours * 3600)}::double precision)`,
        };
  const [row] = await tx.insert(helpdeskAccesses).values({ ...values, ...period }).returning();
  return row;
}

export async function findAccess(tx: Tx, id: string, lock = false): Promise<AccessRow | null> {
  const query = tx.select().from(helpdeskAccesses).where(eq(helpdeskAccesses.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

const bump = { version: sql`${helpdeskAccesses.version} + 1` };
const by = (who: { userId: string; name: string }) => ({ decidedAt: sql`now()`, decidedBy: who.userId, decidedByName: who.name });

/** Approve: from now for the access's hours ('approve' mode), or from now if it had not started yet ('notify' mode). */
export async function approve(tx: Tx, id: string, who: { userId: string; name: string }, hours: number): Promise<AccessRow> {
  const [row] = await tx
    .update(helpdeskAccesses)
    .set({ ...by(who), ...bump, decision: 'approved', startsAt: sql`now()`, expiresAt: sql`now() + make_interval(secs => ${Math.round(hours * 3600)}::double precision)` })
    .where(and(eq(helpdeskAccesses.id, id), isNull(helpdeskAccesses.endedAt)))
    .returning();
  return row;
}

export async function refuse(tx: Tx, id: string, who: { userId: string; name: string }): Promise<AccessRow> {
  const [row] = await tx
    .update(helpdeskAccesses)
    .set({ ...by(who), ...bump, decision: 'refused', endedAt: sql`now()`, endedByName: who.name })
    .where(and(eq(helpdeskAccesses.id, id), isNull(helpdeskAccesses.endedAt)))
    .returning();
  return row;
}

export async function end(tx: Tx, id: string, name: string): Promise<AccessRow> {
  const [row] = await tx
    .update(helpdeskAccesses)
    .set({ ...bump, endedAt: sql`now()`, endedByName: name })
    .where(and(eq(helpdeskAccesses.id, id), isNull(helpdeskAccesses.endedAt)))
    .returning();
  return row;
}

export function accessesOfUser(tx: Tx, userId: string, limit: number) {
  return tx.select().from(helpdeskAccesses).where(eq(helpdeskAccesses.userId, userId)).orderBy(desc(helpdeskAccesses.requestedAt)).limit(limit);
}

export function accessesOfCentre(tx: Tx, hcId: string, limit: number) {
  return tx
    .select()
    .from(helpdeskAccesses)
    .where(eq(helpdeskAccesses.responsibleHcId, hcId))
    .orderBy(desc(helpdeskAccesses.requestedAt))
    .limit(limit);
}

/** The helpdesk user's audited looks at the case while the access lasted (the centre's or the user's own call). */
export function readsOf(tx: Tx, accessId: string) {
  return rows<{ at: Date; action: string; outcome: string }>(tx, sql`SELECT * FROM helpdesk_access_reads(${accessId}::uuid)`);
}

/** Requests on the centre's cases not yet started, ended or lapsed: waiting for its answer (or its objection). */
export async function waitingOfCentre(tx: Tx, hcId: string, lapseDays: number): Promise<number> {
  const [row] = await rows<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM helpdesk_accesses
         WHERE responsible_hc_id = ${hcId} AND ended_at IS NULL AND decision IS NULL
           AND (starts_at > now() OR (starts_at IS NULL AND requested_at > now() - make_interval(days => ${lapseDays}::int)))`,
  );
  return row.n;
}
