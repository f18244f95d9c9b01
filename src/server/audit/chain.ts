// The hash chain of the audit log, pure: each row's hash is SHA-256 over the previous row's hash
// and the row's own content in RFC 8785 canonical JSON (so key order in jsonb does not matter).
// The writer and the verifier both use this one function.
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditRowContent {
  seq: number;
  at: Date;
  actorUserId: string | null;
  actorOrgId: string | null;
  action: string;
  recordType: string | null;
  recordIds: string[];
  purpose: string | null;
  clientAddr: string | null;
  outcome: string;
  details: unknown;
}

export function auditRowHash(prevHash: string, row: AuditRowContent): string {
  const content = canonicalize({
    seq: row.seq,
    at: row.at.toISOString(),
    actorUserId: row.actorUserId,
    actorOrgId: row.actorOrgId,
    action: row.action,
    recordType: row.recordType,
    recordIds: row.recordIds,
    purpose: row.purpose,
    clientAddr: row.clientAddr,
    outcome: row.outcome,
    details: row.details,
  });
  return createHash('sha256').update(`${prevHash}\n${content}`).digest('hex');
}
