// Writing generated activity into the audit log, as the owner. Two ways:
//   chain: through audit_append(), as the services write (src/server/audit/audit.ts), so that
//          `hersys audit verify` still passes — the demo database;
//   bulk:  one INSERT … SELECT per batch with the seq numbers taken under the chain's lock but no
//          hashes ('synthetic'): millions of rows in minutes for the benchmark, whose database's
//          chain is not meant to verify.
// Either way the seqs of the rows, in order, are returned (the ground truth names rows by seq).
import { sql } from 'drizzle-orm';
import { contentHash } from '../../audit/chain.ts';
import { rows as rowsOf, type Database } from '../../db/database.ts';
import type { ActivityRow } from './model.ts';

export type WriteMode = 'chain' | 'bulk';

const BATCH = { chain: 2000, bulk: 5000 };

export async function writeRows(db: Database, rows: ActivityRow[], mode: WriteMode): Promise<number[]> {
  const seqs: number[] = [];
  for (let i = 0; i < rows.length; i += BATCH[mode]) {
    const batch = rows.slice(i, i + BATCH[mode]);
    const last = await db.asSystem(async (tx) => {
      if (mode === 'chain') {
        const json = batch.map((r) => {
          const row = {
            at: new Date(r.at),
            actorUserId: r.userId,
            actorOrgId: r.orgId,
            action: r.action,
            recordType: r.recordType,
            recordIds: r.recordIds,
            purpose: r.purpose,
            clientAddr: r.clientAddr,
            outcome: 'ok',
            details: r.details,
          };
          return {
            at: row.at.toISOString(),
            actor_user_id: r.userId,
            actor_org_id: r.orgId,
            action: r.action,
            record_type: r.recordType,
            record_ids: r.recordIds,
            purpose: r.purpose,
            client_addr: r.clientAddr,
            outcome: 'ok',
            details: r.details,
            content_hash: contentHash(row),
          };
        });
        await tx.execute(sql`SELECT audit_append(${JSON.stringify(json)}::jsonb)`);
      } else {
        const json = batch.map((r) => ({
          at: new Date(r.at).toISOString(),
          u: r.userId,
          o: r.orgId,
          a: r.action,
          t: r.recordType,
          ids: r.recordIds,
          p: r.purpose,
          c: r.clientAddr,
          d: r.details,
        }));
        await tx.execute(sql`
          INSERT INTO audit_log (seq, at, actor_user_id, actor_org_id, action, record_type, record_ids, purpose, client_addr, outcome, details, prev_hash, hash, hash_version)
          SELECT h.s + r.n, r.at::timestamptz, r.u, r.o, r.a, r.t, r.ids, r.p, r.c, 'ok', r.d, 'synthetic', 'synthetic', 2
          FROM (SELECT coalesce(head_seq, 0) AS s FROM audit_chain_head()) h,
               ROWS FROM (json_to_recordset(${JSON.stringify(json)}::json) AS (at text, u uuid, o uuid, a text, t text, ids text[], p text, c text, d jsonb))
                 WITH ORDINALITY AS r(at, u, o, a, t, ids, p, c, d, n)`);
      }
      // The chain's lock is held to the commit, so the batch ends at the head.
      const [{ head }] = await rowsOf<{ head: string }>(tx, sql`SELECT max(seq) AS head FROM audit_log`);
      return Number(head);
    });
    for (let k = batch.length - 1; k >= 0; k--) seqs.push(last - k);
  }
  return seqs;
}
