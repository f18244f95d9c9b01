// IDs unused for a long time are a risk the 2023 notice names: suspend them automatically.
// "Unused" counts from the last login, or from issue for an ID never used.
import { and, eq, sql } from 'drizzle-orm';
import { audit } from '../audit/audit.ts';
import { endSessionsOf } from '../auth/session-repo.ts';
import type { Database } from '../db/database.ts';
import { users } from '../db/schema.ts';

export async function suspendUnusedIds(db: Database, days: number): Promise<string[]> {
  return db.asSystem(async (tx) => {
    const suspended = await tx
      .update(users)
      .set({ status: 'suspended', statusReason: `unused_${days}_days`, statusChangedAt: new Date(), version: sql`${users.version} + 1` })
      .where(
        and(
          eq(users.status, 'active'),
          sql`coalesce(${users.lastLoginAt}, ${users.createdAt}) < now() - make_interval(days => ${days})`,
        ),
      )
      .returning({ id: users.id });
    const ids = suspended.map((u) => u.id);
    for (const id of ids) await endSessionsOf(tx, id, 'suspended');
    if (ids.length) {
      await audit(tx, { actor: null, clientAddr: null }, { action: 'users.auto_suspend', recordType: 'user', recordIds: ids, details: { unusedDays: days } });
    }
    return ids;
  });
}
