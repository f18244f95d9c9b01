// One way into the database for the whole server: a transaction that either acts for a user
// (under the non-owner role hersys_app, so row-level security applies) or for the system itself
// (login before anyone is known, scheduled jobs, migrations, the demo seed).
//
// PGlite (embedded, the default) and PostgreSQL (DATABASE_URL) run the same migrations and the
// same queries; each is driven by Drizzle's own driver for it.
import { PGlite, type PGliteInterface } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql, type ExtractTablesWithRelations, type SQL } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Actor } from '../access/actor.ts';
import { lockDataDir } from './data-dir-lock.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
type Drizzle = PgDatabase<PgQueryResultHKT, Schema>;

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

/** Rows of a raw SQL statement (both drivers answer with `rows`). */
export async function rows<T>(tx: Tx, statement: SQL): Promise<T[]> {
  const result = (await tx.execute(statement)) as unknown as { rows: T[] };
  return result.rows;
}

/** The SQLSTATE of a database error, also when Drizzle wraps it as the cause of its own error. */
export function pgErrorCode(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

export interface Database {
  readonly engine: 'pglite' | 'postgres';
  /** Runs `work` in one transaction as `actor`: row-level security limits every row it touches. */
  asActor<T>(actor: Actor, work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs `work` in one transaction as the owner, outside row-level security. Use sparingly. */
  asSystem<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  migrate(): Promise<void>;
  /** Whether the database answers, and whether every migration in the repository is applied. */
  readiness(): Promise<{ database: boolean; migrations: boolean }>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… for a PostgreSQL server; absent = embedded PGlite. */
  url?: string;
  /** PGlite's data directory; absent = in memory. */
  dataDir?: string;
  /** An already open PGlite (tests pass a clone of a migrated template). */
  pglite?: PGliteInterface;
}

const actorSettings = (actor: Actor) => sql`
  SELECT set_config('app.user_id', ${actor.userId}, true),
         set_config('app.org_id', ${actor.orgId}, true),
         set_config('app.org_kind', ${actor.orgKind}, true),
         set_config('app.prefecture_id', ${actor.prefectureId ?? ''}, true),
         set_config('app.roles', ${actor.roles.join(',')}, true)`;

function journalCount(): number {
  const journal = JSON.parse(readFileSync(`${MIGRATIONS_DIR}/meta/_journal.json`, 'utf8'));
  return journal.entries.length;
}

/** PGlite with the extensions the migrations use (pg_trgm for kana similarity). */
export const newPglite = (dataDir?: string) => {
  const options = { extensions: { pg_trgm } };
  return dataDir ? new PGlite(dataDir, options) : new PGlite(options);
};

export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  if (options.url) return openPostgres(options.url);
  const unlock = options.dataDir ? lockDataDir(options.dataDir) : () => {};
  try {
    const client = options.pglite ?? newPglite(options.dataDir);
    await client.waitReady;
    const db = drizzlePglite({ client: client as PGlite, schema }) as unknown as Drizzle;
    return build('pglite', db, {
      migrate: () => migratePglite(db as never, { migrationsFolder: MIGRATIONS_DIR }),
      close: async () => {
        await client.close();
        unlock();
      },
    });
  } catch (err) {
    unlock();
    throw err;
  }
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  const db = drizzlePg({ client: pool, schema }) as unknown as Drizzle;
  return build('postgres', db, {
    // Several server processes may start at once: one migrates while the others wait.
    migrate: async () => {
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock(4735121)');
        await migratePg(drizzlePg({ client, schema }), { migrationsFolder: MIGRATIONS_DIR });
      } finally {
        await client.query('SELECT pg_advisory_unlock(4735121)').catch(() => {});
        client.release();
      }
    },
    close: () => pool.end(),
  });
}

function build(
  engine: Database['engine'],
  db: Drizzle,
  ops: { migrate: () => Promise<void>; close: () => Promise<void> },
): Database {
  return {
    engine,
    asActor: (actor, work) =>
      db.transaction(async (tx) => {
        await tx.execute(sql`SET LOCAL ROLE hersys_app`);
        await tx.execute(actorSettings(actor));
        return work(tx as Tx);
      }),
    asSystem: (work) => db.transaction((tx) => work(tx as Tx)),
    migrate: ops.migrate,
    async readiness() {
      try {
        const [{ n }] = await db.transaction((tx) =>
          rows<{ n: number }>(tx as Tx, sql`SELECT (SELECT count(*) FROM drizzle.__drizzle_migrations)::int AS n`),
        );
        return { database: true, migrations: Number(n) === journalCount() };
      } catch (err) {
        // No migrations table yet is a reachable database that is not migrated.
        return { database: pgErrorCode(err) === '42P01' || pgErrorCode(err) === '3F000', migrations: false };
      }
    },
    close: ops.close,
  };
}
