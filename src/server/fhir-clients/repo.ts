// SQL for FHIR clients. The administration runs as the institution's administrator (RLS: its own
// clients only); the token endpoint and the bearer check run as the system, before anyone is known.
import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { fhirAccessTokens, fhirAssertionJtis, fhirClients, users } from '../db/schema.ts';

export type FhirClientRow = typeof fhirClients.$inferSelect;

export async function insertClient(tx: Tx, values: typeof fhirClients.$inferInsert): Promise<FhirClientRow> {
  const [row] = await tx.insert(fhirClients).values(values).returning();
  return row;
}

export const listClients = (tx: Tx) => tx.select().from(fhirClients).orderBy(desc(fhirClients.createdAt), fhirClients.id);

export async function findClient(tx: Tx, id: string): Promise<FhirClientRow | null> {
  const [row] = await tx.select().from(fhirClients).where(eq(fhirClients.id, id));
  return row ?? null;
}

export async function markRevoked(tx: Tx, id: string, by: string): Promise<FhirClientRow | null> {
  const [row] = await tx
    .update(fhirClients)
    .set({ revokedAt: new Date(), revokedBy: by })
    .where(and(eq(fhirClients.id, id), isNull(fhirClients.revokedAt)))
    .returning();
  return row ?? null;
}

// --- as the system ----------------------------------------------------------------------------

/** An active client (not revoked, its account active) for the token endpoint. */
export async function activeClient(tx: Tx, id: string): Promise<FhirClientRow | null> {
  const [row] = await tx
    .select({ c: fhirClients })
    .from(fhirClients)
    .innerJoin(users, eq(users.id, fhirClients.userId))
    .where(and(eq(fhirClients.id, id), isNull(fhirClients.revokedAt), eq(users.status, 'active'), isNull(users.lockedAt)));
  return row?.c ?? null;
}

/** Records an assertion's jti; false when it was already used (a replay). Spent ones are forgotten first. */
export async function useJti(tx: Tx, clientId: string, jti: string, expiresAt: Date): Promise<boolean> {
  await tx.delete(fhirAssertionJtis).where(lt(fhirAssertionJtis.expiresAt, sql`now()`));
  const inserted = await tx.insert(fhirAssertionJtis).values({ clientId, jti, expiresAt }).onConflictDoNothing().returning({ jti: fhirAssertionJtis.jti });
  return inserted.length === 1;
}

export async function insertToken(tx: Tx, values: typeof fhirAccessTokens.$inferInsert): Promise<void> {
  await tx.delete(fhirAccessTokens).where(lt(fhirAccessTokens.expiresAt, sql`now()`));
  await tx.insert(fhirAccessTokens).values(values);
}

/** The client and scopes of a live token of an active client; null otherwise. */
export async function tokenHolder(tx: Tx, tokenHash: string) {
  const [row] = await tx
    .select({ clientId: fhirClients.id, userId: fhirClients.userId, scopes: fhirAccessTokens.scopes })
    .from(fhirAccessTokens)
    .innerJoin(fhirClients, eq(fhirClients.id, fhirAccessTokens.clientId))
    .where(and(eq(fhirAccessTokens.tokenHash, tokenHash), gt(fhirAccessTokens.expiresAt, sql`now()`), isNull(fhirClients.revokedAt)));
  return row ?? null;
}

/** The revoked client's service-account ID is suspended with it (RLS: the administrator's own organisation). */
export async function suspendServiceAccount(tx: Tx, userId: string): Promise<void> {
  await tx
    .update(users)
    .set({ status: 'suspended', statusReason: 'FHIR client revoked', statusChangedAt: new Date(), version: sql`${users.version} + 1` })
    .where(eq(users.id, userId));
}
