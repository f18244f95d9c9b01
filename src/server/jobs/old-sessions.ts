// Sessions that ended or expired are kept a while for review (with their client addresses), then
// deleted: the audit log keeps the history of logins and logouts.
import { lt, or, sql } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { sessions } from '../db/schema.ts';

export const SESSION_RETENTION_DAYS = 30;

export async function purgeOldSessions(db: Database, days = SESSION_RETENTION_DAYS): Promise<number> {
  const cutoff = sql`now() - make_interval(days => ${days})`;
  const deleted = await db.asSystem((tx) =>
    tx
      .delete(sessions)
      .where(or(lt(sessions.endedAt, cutoff), lt(sessions.expiresAt, cutoff)))
      .returning({ id: sessions.id }),
  );
  return deleted.length;
}
