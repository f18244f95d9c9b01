// The hash chain of the audit log, pure. Each row's content is hashed as RFC 8785 canonical JSON (so
// key order in jsonb does not matter); the row's hash links that content hash to the previous row's
// hash and the row's place: SHA-256(prev_hash \n seq \n content_hash). The application hashes the
// content, audit_append() in the database makes the link as it takes the chain's lock (so a row
// costs no extra round trip), and the verifier recomputes both here.
//
// Version 1 rows (before migration 0019) hashed the previous hash and the whole row, seq included,
// in the application: auditRowHashV1 keeps them verifiable.
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditRowContent {
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

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const canonicalContent = (row: AuditRowContent) =>
  canonicalize({
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
  })!;

export const contentHash = (row: AuditRowContent): string => sha256(canonicalContent(row));

/** The link audit_append() computes (migration 0019). */
export const linkHash = (prevHash: string, seq: number, content: string): string => sha256(`${prevHash}\n${seq}\n${content}`);

export const auditRowHash = (prevHash: string, row: AuditRowContent & { seq: number }): string => linkHash(prevHash, row.seq, contentHash(row));

/** Rows written before migration 0019. */
export function auditRowHashV1(prevHash: string, row: AuditRowContent & { seq: number }): string {
  const content = canonicalize({ seq: row.seq, ...JSON.parse(canonicalContent(row)) });
  return sha256(`${prevHash}\n${content}`);
}
