// The hard limit (issue 12; seed 002's "detect, notify, block"): before a request that opened
// personal records commits, one statement counts the distinct records the user opened in the last
// minutes, and those without a relationship of their organisation. Past the limit, the same
// transaction suspends the ID, ends its sessions, raises a 'hard_limit' alert and e-mails the
// organisation's officers and administrators (app_access_limit, migration 0025); the request then
// answers 403 without its data. Requests that opened no record cost nothing.
import { sql } from 'drizzle-orm';
import { OPEN_ACTIONS, openedRecord } from '../../domain/access-review/accesses.ts';
import type { Actor } from '../access/actor.ts';
import { audit, pendingAudit } from '../audit/audit.ts';
import type { Config } from '../config.ts';
import { rows, type Tx } from '../db/database.ts';
import { pgArray } from '../db/pg-array.ts';

export type LimitConfig = Pick<Config, 'ACCESS_LIMIT_MINUTES' | 'ACCESS_LIMIT_UNRELATED' | 'ACCESS_LIMIT_TOTAL'>;

/** Whether this request made the user cross the limit (and so was blocked, in this transaction). */
export async function enforceAccessLimit(tx: Tx, config: LimitConfig, source: { actor: Actor; clientAddr: string | null }): Promise<boolean> {
  const records = [
    ...new Set(
      pendingAudit(tx).flatMap((r) => {
        const id = openedRecord({ action: r.action, recordIds: r.record_ids, details: r.details });
        return id ? [id] : [];
      }),
    ),
  ];
  if (records.length === 0) return false;
  const [result] = await rows<{ opened: number; unrelated: number; crossed: boolean }>(
    tx,
    sql`SELECT * FROM app_access_limit(${pgArray(OPEN_ACTIONS)}::text[], ${pgArray(records)}::text[],
                                       ${config.ACCESS_LIMIT_MINUTES}::int, ${config.ACCESS_LIMIT_UNRELATED}::int, ${config.ACCESS_LIMIT_TOTAL}::int)`,
  );
  if (!result.crossed) return false;
  await audit(tx, { actor: source.actor, clientAddr: source.clientAddr }, {
    action: 'users.access_limit',
    recordType: 'user',
    recordIds: [source.actor.userId],
    details: { opened: result.opened, unrelated: result.unrelated, minutes: config.ACCESS_LIMIT_MINUTES },
  });
  return true;
}
