// Idempotency keys answer retries for 24 hours (http/idempotency.ts); after that a key is only a
// copy of an answer, which may hold personal data, so it is deleted.
import { lt, sql } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { idempotencyKeys } from '../db/schema.ts';
import { IDEMPOTENCY_KEY_HOURS } from '../http/idempotency.ts';

export async function purgeOldIdempotencyKeys(db: Database): Promise<number> {
  const deleted = await db.asSystem((tx) =>
    tx
      .delete(idempotencyKeys)
      .where(lt(idempotencyKeys.createdAt, sql`now() - make_interval(hours => ${IDEMPOTENCY_KEY_HOURS})`))
      .returning({ key: idempotencyKeys.key }),
  );
  return deleted.length;
}
