// The embedded database: PGlite, in this process, with one connection. A transaction holds PGlite's
// transaction lock from BEGIN to its end, so a transaction left open for a request (see
// database.ts) makes every other one wait: keep them short. Every use of PGlite goes through
// transaction(), never a bare query, so no statement of another request can run inside one.
import type { PGlite, PGliteInterface, Transaction } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import type { Engine, EngineOptions, RawTransaction, Tx } from './database.ts';

export function openPgliteEngine(client: PGliteInterface, options: EngineOptions & { onClose: () => Promise<void> }): Engine {
  /** Drizzle over the transaction, every statement counted. */
  const drizzleOver = (t: Transaction) => {
    const counted = {
      query: (...args: Parameters<Transaction['query']>) => {
        options.stats.statements++;
        return t.query(...args);
      },
      exec: (...args: Parameters<Transaction['exec']>) => {
        options.stats.statements++;
        return t.exec(...args);
      },
    };
    return drizzle({ client: counted as unknown as PGlite }) as unknown as Tx;
  };

  function begin(): Promise<RawTransaction> {
    return new Promise((opened, failed) => {
      let end!: (commit: boolean) => void;
      const decided = new Promise<boolean>((resolve) => (end = resolve));
      let isOpen = false;
      const done = client.transaction(async (t) => {
        isOpen = true;
        options.stats.statements++; // PGlite's own BEGIN
        opened({
          tx: drizzleOver(t),
          async commit() {
            end(true);
            await done;
          },
          async rollback() {
            end(false);
            await done.catch(() => {});
          },
        });
        const commit = await decided;
        options.stats.statements++; // COMMIT or ROLLBACK
        if (!commit) await t.rollback();
      });
      done.catch((err) => {
        if (!isOpen) failed(err);
      });
    });
  }

  return {
    begin,
    migrate: async () => {
      await migrate(drizzle({ client: client as PGlite }), { migrationsFolder: options.migrationsDir });
    },
    close: options.onClose,
  };
}
