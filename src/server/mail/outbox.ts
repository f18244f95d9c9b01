// Enqueuing e-mail: a row in the outbox, written with the transaction of the work that causes it (in
// its last statement, atCommit), so the message exists exactly when the work committed. The worker
// delivers it.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { atCommit, type Tx } from '../db/database.ts';
import { outbox } from '../db/schema.ts';

export interface Email {
  to: string;
  subject: string;
  text: string;
}

export function enqueueEmail(tx: Tx, email: Email): void {
  const insert = tx.insert(outbox).values({ kind: 'email', payload: email }).returning({ one: sql`1` });
  atCommit(tx, `outbox:${randomUUID()}`, () => insert.getSQL());
}
