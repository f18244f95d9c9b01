// The actor of a demo account, as a session would establish it, for tests below the HTTP layer.
import { eq } from 'drizzle-orm';
import type { Actor } from '../../src/server/access/actor.ts';
import { loadActor } from '../../src/server/auth/session-repo.ts';
import type { Database } from '../../src/server/db/database.ts';
import { users } from '../../src/server/db/schema.ts';

export async function actorFor(db: Database, loginId: string): Promise<Actor> {
  return db.asSystem(async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.loginId, loginId));
    if (!user) throw new Error(`no demo account ${loginId}`);
    return (await loadActor(tx, user.id))!;
  });
}
