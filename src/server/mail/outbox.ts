// Enqueuing e-mail: a row in the outbox, inside the transaction of the work that causes it, so
// the message exists exactly when the work committed. The worker delivers it.
import type { Tx } from '../db/database.ts';
import { outbox } from '../db/schema.ts';

export interface Email {
  to: string;
  subject: string;
  text: string;
}

export async function enqueueEmail(tx: Tx, email: Email): Promise<void> {
  await tx.insert(outbox).values({ kind: 'email', payload: email });
}
