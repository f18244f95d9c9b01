// Walks the whole audit log in order and recomputes the chain. The first row whose sequence,
// link or hash does not match is named: rows were removed, inserted or altered from there on.
import { asc, gt } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { auditLog } from '../db/schema.ts';
import { auditRowHash, auditRowHashV1, auditRowHashV3, GENESIS_HASH } from './chain.ts';

export type AuditVerification =
  | { ok: true; rows: number; headHash: string }
  | { ok: false; rows: number; brokenAt: number; reason: 'sequence_gap' | 'link_mismatch' | 'hash_mismatch' };

const BATCH = 5000;

export async function verifyAuditChain(db: Database): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let rows = 0;
  for (;;) {
    const batch = await db.asSystem((tx) =>
      tx.select().from(auditLog).where(gt(auditLog.seq, expectedSeq - 1)).orderBy(asc(auditLog.seq)).limit(BATCH),
    );
    for (const row of batch) {
      if (row.seq !== expectedSeq) return { ok: false, rows, brokenAt: expectedSeq, reason: 'sequence_gap' };
      if (row.prevHash !== prevHash) return { ok: false, rows, brokenAt: row.seq, reason: 'link_mismatch' };
      const hash = (row.hashVersion === 1 ? auditRowHashV1 : row.hashVersion === 3 ? auditRowHashV3 : auditRowHash)(prevHash, row);
      if (hash !== row.hash) return { ok: false, rows, brokenAt: row.seq, reason: 'hash_mismatch' };
      prevHash = row.hash;
      expectedSeq++;
      rows++;
    }
    if (batch.length < BATCH) return { ok: true, rows, headHash: prevHash };
  }
}
