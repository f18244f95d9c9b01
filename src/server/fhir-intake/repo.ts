// SQL for the receipts of notification Bundles (migration 0042_fhir_intake), in the posting
// user's transaction: row-level security shows an institution only its own.
import { sql } from 'drizzle-orm';
import type { OperationOutcome } from '@medplum/fhirtypes';
import { rows, type Tx } from '../db/database.ts';

export interface Receipt {
  bundleHash: string;
  statusCode: 200 | 201;
  outcome: OperationOutcome;
  caseId: string | null;
  notificationId: string | null;
  createdAt: Date;
}

/** The receipt under a Bundle identifier (read under lockIdentifier). */
export async function findReceipt(tx: Tx, orgId: string, system: string, value: string): Promise<Receipt | null> {
  const [row] = await rows<{ bundle_hash: string; status_code: number; outcome: OperationOutcome | string; case_id: string | null; notification_id: string | null; created_at: Date | string }>(
    tx,
    sql`SELECT bundle_hash, status_code, outcome, case_id, notification_id, created_at FROM fhir_intake_receipts
         WHERE org_id = ${orgId} AND identifier_system = ${system} AND identifier_value = ${value}`,
  );
  if (!row) return null;
  return {
    bundleHash: row.bundle_hash,
    statusCode: row.status_code as 200 | 201,
    outcome: typeof row.outcome === 'string' ? JSON.parse(row.outcome) : row.outcome,
    caseId: row.case_id,
    notificationId: row.notification_id,
    createdAt: new Date(row.created_at),
  };
}

export async function insertReceipt(
  tx: Tx,
  r: { orgId: string; system: string; value: string; bundleHash: string; outcome: OperationOutcome; caseId: string; notificationId: string; createdBy: string },
): Promise<void> {
  await tx.execute(sql`INSERT INTO fhir_intake_receipts (org_id, identifier_system, identifier_value, bundle_hash, status_code, outcome, case_id, notification_id, created_by)
    VALUES (${r.orgId}, ${r.system}, ${r.value}, ${r.bundleHash}, 201, ${JSON.stringify(r.outcome)}::jsonb, ${r.caseId}, ${r.notificationId}, ${r.createdBy})`);
}

/** Serialises the posts of one Bundle identifier, so that a second finds the first's receipt. */
export async function lockIdentifier(tx: Tx, orgId: string, system: string, value: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`fhir-intake:${orgId}:${system}:${value}`}))`);
}

/** The notifications of a person's cases, or of one case, that row-level security shows the actor; oldest first. */
export async function notificationIdsOf(tx: Tx, by: { personId: string } | { caseId: string }): Promise<string[]> {
  const where = 'personId' in by ? sql`c.person_id = ${by.personId}` : sql`c.id = ${by.caseId}`;
  const found = await rows<{ id: string }>(tx, sql`SELECT n.id FROM notifications n JOIN cases c ON c.id = n.case_id WHERE ${where} ORDER BY n.created_at, n.id LIMIT 200`);
  return found.map((r) => r.id);
}

/** A case's HER-SYS ID (under row-level security). */
export async function caseNumberOf(tx: Tx, caseId: string): Promise<string | null> {
  const [row] = await rows<{ case_number: string }>(tx, sql`SELECT case_number FROM cases WHERE id = ${caseId}`);
  return row?.case_number ?? null;
}
