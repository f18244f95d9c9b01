// The hash chain of the audit log, pure. Each row's content is hashed as RFC 8785 canonical JSON (so
// key order in jsonb does not matter); the row's hash links that content hash to the previous row's
// hash and the row's place: SHA-256(prev_hash \n seq \n content_hash). The application hashes the
// content, audit_append() in the database makes the link as it takes the chain's lock (so a row
// costs no extra round trip), and the verifier recomputes both here.
//
// Version 1 rows (before migration 0019) hashed the previous hash and the whole row, seq included,
// in the application: auditRowHashV1 keeps them verifiable.
//
// Version 3 (migration 0040, retention): the content hash takes each value of the details as its
// digest (SHA-256 of the row's time and the value), so a personal value can later be replaced by
// its digest ({"$redacted": digest}) and the chain still verifies; whoever presents the original
// value can check it against the digest (redactedValueMatches).
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

/** The hash version audit() writes. */
export const CURRENT_HASH_VERSION = 3;

export interface Redacted {
  $redacted: string;
}

const isRedacted = (v: unknown): v is Redacted =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as Redacted).$redacted === 'string';

/** The digest that stands for one value of a row's details; the row's time salts it. */
export const valueDigest = (at: Date, value: unknown): string => sha256(`${at.toISOString()}\n${canonicalize(value ?? null)}`);

/** Details with every leaf value replaced by its digest (a redacted leaf already is one). */
function digestTree(at: Date, v: unknown): unknown {
  if (isRedacted(v)) return v.$redacted;
  if (Array.isArray(v)) return v.map((x) => digestTree(at, x));
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, digestTree(at, x)]));
  return valueDigest(at, v);
}

export const contentHashV3 = (row: AuditRowContent): string => sha256(canonicalContent({ ...row, details: digestTree(row.at, row.details) }));

/**
 * The details with the value at each path replaced by its digest; paths that are absent or already
 * redacted are left alone, so redacting twice changes nothing.
 */
export function redactDetails(at: Date, details: unknown, paths: readonly (readonly string[])[]): { details: unknown; redacted: number } {
  const copy = structuredClone(details) as Record<string, unknown>;
  let redacted = 0;
  for (const path of paths) {
    let parent: unknown = copy;
    for (const key of path.slice(0, -1)) parent = typeof parent === 'object' && parent !== null ? (parent as Record<string, unknown>)[key] : undefined;
    const last = path.at(-1)!;
    if (typeof parent !== 'object' || parent === null || !(last in parent)) continue;
    const value = (parent as Record<string, unknown>)[last];
    if (value === undefined || value === null || isRedacted(value)) continue;
    (parent as Record<string, unknown>)[last] = { $redacted: valueDigest(at, value) } satisfies Redacted;
    redacted++;
  }
  return { details: copy, redacted };
}

/** Whether a value someone presents is the one a redacted detail held. */
export const redactedValueMatches = (at: Date, redacted: unknown, presented: unknown): boolean =>
  isRedacted(redacted) && redacted.$redacted === valueDigest(at, presented);

/** The link audit_append() computes (migration 0019). */
export const linkHash = (prevHash: string, seq: number, content: string): string => sha256(`${prevHash}\n${seq}\n${content}`);

export const auditRowHash = (prevHash: string, row: AuditRowContent & { seq: number }): string => linkHash(prevHash, row.seq, contentHash(row));

export const auditRowHashV3 = (prevHash: string, row: AuditRowContent & { seq: number }): string => linkHash(prevHash, row.seq, contentHashV3(row));

/** Rows written before migration 0019. */
export function auditRowHashV1(prevHash: string, row: AuditRowContent & { seq: number }): string {
  const content = canonicalize({ seq: row.seq, ...JSON.parse(canonicalContent(row)) });
  return sha256(`${prevHash}\n${content}`);
}
