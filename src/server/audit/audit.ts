// Writing the audit trail: one row per access, in the same transaction as the work it describes,
// so that work without its audit row cannot commit (DESIGN.md §5).
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../db/database.ts';
import { auditLog } from '../db/schema.ts';
import { auditRowHash, GENESIS_HASH } from './chain.ts';

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

export async function audit(tx: Tx, source: AuditSource, entry: AuditEntry): Promise<void> {
  // Takes the chain's lock until this transaction ends, then reads the head.
  const [{ head_seq, head_hash }] = await rows<{ head_seq: string | number | null; head_hash: string | null }>(
    tx,
    sql`SELECT head_seq, head_hash FROM audit_chain_head()`,
  );
  const row = {
    seq: head_seq === null ? 1 : Number(head_seq) + 1,
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
  const prevHash = head_hash ?? GENESIS_HASH;
  await tx.insert(auditLog).values({ ...row, prevHash, hash: auditRowHash(prevHash, row) });
}
