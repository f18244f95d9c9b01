// Writing the audit trail: one row per access, in the same transaction as the work it describes,
// so that work without its audit row cannot commit (DESIGN.md §5). The rows of a transaction are
// appended at its end, in the one statement before COMMIT (atCommit), so the chain's lock is held
// only from there to the commit and an audited request costs no extra round trip.
import { sql } from 'drizzle-orm';
import { atCommit, type Tx } from '../db/database.ts';
import { contentHashV3, CURRENT_HASH_VERSION } from './chain.ts';

export type AuditOutcome = 'ok' | 'denied' | 'failed';

export interface AuditEntry {
  /** What was done, as `area.verb`: `auth.login`, `users.issue`, `cases.read`, … */
  action: string;
  recordType?: string;
  recordIds?: string[];
  outcome?: AuditOutcome;
  /** Facts about the event. Never a patient's personal data: ids point to it instead. */
  details?: Record<string, unknown>;
}

/** Who acted and from where: a request context, or a system job (no actor). */
export interface AuditSource {
  actor: { userId: string; orgId: string } | null;
  clientAddr: string | null;
  purpose?: string | null;
}

const buffered = new WeakMap<Tx, Record<string, unknown>[]>();

export async function audit(tx: Tx, source: AuditSource, entry: AuditEntry): Promise<void> {
  const row = {
    at: new Date(),
    actorUserId: source.actor?.userId ?? null,
    actorOrgId: source.actor?.orgId ?? null,
    action: entry.action,
    recordType: entry.recordType ?? null,
    recordIds: entry.recordIds ?? [],
    purpose: source.purpose ?? null,
    clientAddr: source.clientAddr,
    outcome: entry.outcome ?? 'ok',
    // Round-trip through JSON so that what is hashed is exactly what jsonb stores.
    details: JSON.parse(JSON.stringify(entry.details ?? {})),
  };
  let rows = buffered.get(tx);
  if (!rows) {
    buffered.set(tx, (rows = []));
    atCommit(tx, 'audit', () => {
      buffered.delete(tx);
      return sql`SELECT audit_append(${JSON.stringify(rows)}::jsonb)`;
    });
  }
  rows.push({
    at: row.at.toISOString(),
    actor_user_id: row.actorUserId,
    actor_org_id: row.actorOrgId,
    action: row.action,
    record_type: row.recordType,
    record_ids: row.recordIds,
    purpose: row.purpose,
    client_addr: row.clientAddr,
    outcome: row.outcome,
    details: row.details,
    content_hash: contentHashV3(row),
    hash_version: CURRENT_HASH_VERSION,
  });
}

/** The rows this transaction has audited so far, not yet appended (the hard limit counts the records they opened). */
export function pendingAudit(tx: Tx): readonly { action: string; record_ids: string[]; details: Record<string, unknown> }[] {
  return (buffered.get(tx) ?? []) as never;
}
