// One way into the database for the whole server: a transaction that either acts for a user
// (as the non-owner role hersys_app, so row-level security applies) or for the system itself
// (login before anyone is known, scheduled jobs, migrations, the demo seed).
//
// A request of a logged-in user runs in ONE transaction: the session check sets the actor (role and
// settings in the same statement, src/server/auth/session-repo.ts) and every asActor() of that
// request joins it (bindActor), so the work, its audit rows and its idempotency record commit
// together or not at all (src/server/http/request-transaction.ts).
//
// PGlite (embedded, the default) and PostgreSQL (DATABASE_URL) run the same migrations and the same
// queries; each is driven by Drizzle's own driver for it (db/pglite.ts, db/postgres.ts).
import { PGlite, type PGliteInterface } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Actor } from '../access/actor.ts';
import type { Patient } from '../access/patient.ts';
import type { Config } from '../config.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { openPgliteEngine } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import { isUnavailable } from './unavailable.ts';

/** Drizzle over the one connection of a transaction. */
export type Tx = PgDatabase<PgQueryResultHKT>;

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

/** Whether `err` (or its cause) is a unique violation of the named constraint. */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  for (let e = err as { code?: unknown; constraint?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505' && e.constraint === constraint) return true;
  }
  return false;
}

/** A transaction its caller ends: the request path keeps one open for each request. */
export interface OpenTransaction {
  tx: Tx;
  /** Writes what was left for the end (atCommit) and commits; throws if the commit failed. */
  commit(): Promise<void>;
  /** Rolls back; `cause` is the error that ended the work, if any (a lost connection is not asked to roll back). */
  rollback(cause?: unknown): Promise<void>;
}

export interface Database {
  readonly engine: 'pglite' | 'postgres';
  /** Runs `work` in one transaction as `actor`: row-level security limits every row it touches. */
  asActor<T>(actor: Actor, work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs `work` in one transaction as a signed-in patient (hersys_patient): only their cases' rows. */
  asPatient<T>(patient: Patient, work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs `work` in one transaction as the owner, outside row-level security. Use sparingly. */
  asSystem<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Opens a transaction as the owner and leaves it open (the request's: see bindActor). */
  begin(): Promise<OpenTransaction>;
  /** From now on asActor(actor, …) (asPatient) runs in `open`, which already acts as them (its settings are set). */
  bindActor(actor: Actor | Patient, open: OpenTransaction): void;
  migrate(): Promise<void>;
  /** Whether the database answers, and whether every migration in the repository is applied. */
  readiness(): Promise<{ database: boolean; migrations: boolean }>;
  /** Statements sent since the start (BEGIN and COMMIT included), and who is told of each: for the benchmarks. */
  readonly stats: Stats;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… for a PostgreSQL server; absent = embedded PGlite. */
  url?: string;
  /** PGlite's data directory; absent = in memory. */
  dataDir?: string;
  /** An already open PGlite (tests pass a clone of a migrated template). */
  pglite?: PGliteInterface;
  /** PostgreSQL: connections in the pool (DATABASE_POOL_SIZE). */
  poolSize?: number;
  /** PostgreSQL: how long to wait for a connection (DATABASE_CONNECT_TIMEOUT_MS). */
  connectTimeoutMs?: number;
  /** PostgreSQL: the longest a statement may run (DATABASE_STATEMENT_TIMEOUT_MS). */
  statementTimeoutMs?: number;
  /** Told of errors on idle connections (a restarting server); the server logs them. */
  onIdleError?: (err: Error) => void;
}

/** The database the configuration names: PostgreSQL at DATABASE_URL, or PGlite in DATA_DIR. */
export const databaseOptions = (config: Config, onIdleError?: (err: Error) => void): DatabaseOptions =>
  config.DATABASE_URL
    ? {
        url: config.DATABASE_URL,
        poolSize: config.DATABASE_POOL_SIZE,
        connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS,
        statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
        onIdleError,
      }
    : { dataDir: config.DATA_DIR };

export interface Stats {
  statements: number;
  onStatement?: (text: string, values: unknown[]) => void;
}

/** What each engine provides; transactions, actors and readiness are built on it once, here. */
export interface EngineOptions {
  migrationsDir: string;
  stats: Stats;
  onIdleError?: (err: Error) => void;
}
export interface RawTransaction {
  tx: Tx;
  commit(): Promise<void>;
  rollback(cause?: unknown): Promise<void>;
}
export interface Engine {
  begin(): Promise<RawTransaction>;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

/** The actor's settings for row-level security and the switch to hersys_app, in one statement. */
export const actorSettings = (actor: Actor) => sql`
  SELECT set_config('app.user_id', ${actor.userId}, true),
         set_config('app.org_id', ${actor.orgId}, true),
         set_config('app.org_kind', ${actor.orgKind}, true),
         set_config('app.prefecture_id', ${actor.prefectureId ?? ''}, true),
         set_config('app.roles', ${actor.roles.join(',')}, true),
         set_config('role', 'hersys_app', true)`;

/** A patient's settings for row-level security and the switch to hersys_patient, in one statement. */
export const patientSettings = (patient: Patient) => sql`
  SELECT set_config('app.patient_case', ${patient.caseId}, true),
         set_config('app.patient_case_ids', ${patient.caseIds.join(',')}, true),
         set_config('role', 'hersys_patient', true)`;

// --- writes at commit -----------------------------------------------------------------------------

const pendingWrites = new WeakMap<Tx, Map<string, () => SQL>>();

/**
 * Leaves a write for the end of the transaction: all such writes go in one statement just before
 * COMMIT (the audit rows, a request's idempotency record). The last write given for a key wins.
 * A write is a statement that can stand in a WITH clause and answers rows (INSERT … RETURNING, SELECT).
 */
export function atCommit(tx: Tx, key: string, write: () => SQL): void {
  let writes = pendingWrites.get(tx);
  if (!writes) pendingWrites.set(tx, (writes = new Map()));
  writes.set(key, write);
}

async function writePending(tx: Tx): Promise<void> {
  const writes = [...(pendingWrites.get(tx)?.values() ?? [])].map((w) => w());
  pendingWrites.delete(tx);
  if (writes.length === 0) return;
  if (writes.length === 1) {
    await tx.execute(writes[0]);
    return;
  }
  const ctes = sql.join(writes.map((w, i) => sql`${sql.raw(`w${i}`)} AS (${w})`), sql`, `);
  const counts = sql.join(writes.map((_, i) => sql.raw(`(SELECT count(*) FROM w${i})`)), sql` + `);
  await tx.execute(sql`WITH ${ctes} SELECT ${counts}`);
}

// --- opening ------------------------------------------------------------------------------------

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
  const stats: Stats = { statements: 0 };
  const common = { migrationsDir: MIGRATIONS_DIR, stats, onIdleError: options.onIdleError };
  if (options.url) {
    return build(
      'postgres',
      openPostgres({
        ...common,
        url: options.url,
        poolSize: options.poolSize ?? 10,
        connectTimeoutMs: options.connectTimeoutMs ?? 5000,
        statementTimeoutMs: options.statementTimeoutMs ?? 10_000,
      }),
      stats,
    );
  }
  const unlock = options.dataDir ? lockDataDir(options.dataDir) : () => {};
  try {
    const client = options.pglite ?? newPglite(options.dataDir);
    await client.waitReady;
    const onClose = async () => {
      await client.close();
      unlock();
    };
    return build('pglite', openPgliteEngine(client, { ...common, onClose }), stats);
  } catch (err) {
    unlock();
    throw err;
  }
}

function build(engine: Database['engine'], raw: Engine, stats: Stats): Database {
  /** Opens, runs `work`, writes what was left for the end and commits; rolls back if anything failed. */
  async function transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const t = await raw.begin();
    let result: T;
    try {
      result = await work(t.tx);
      await writePending(t.tx);
    } catch (err) {
      pendingWrites.delete(t.tx);
      await t.rollback(err);
      throw err;
    }
    await t.commit();
    return result;
  }

  const bound = new WeakMap<Actor | Patient, OpenTransaction>();

  return {
    engine,
    stats,
    asActor: (actor, work) => {
      const open = bound.get(actor);
      if (open) return work(open.tx);
      return transaction(async (tx) => {
        await tx.execute(actorSettings(actor));
        return work(tx);
      });
    },
    asPatient: (patient, work) => {
      const open = bound.get(patient);
      if (open) return work(open.tx);
      return transaction(async (tx) => {
        await tx.execute(patientSettings(patient));
        return work(tx);
      });
    },
    asSystem: (work) => transaction(work),
    async begin() {
      const t = await raw.begin();
      return {
        tx: t.tx,
        async commit() {
          try {
            await writePending(t.tx);
          } catch (err) {
            await t.rollback(err);
            throw err;
          }
          await t.commit();
        },
        rollback: (cause) => {
          pendingWrites.delete(t.tx);
          return t.rollback(cause);
        },
      };
    },
    bindActor: (actor, open) => bound.set(actor, open),
    migrate: () => raw.migrate(),
    async readiness() {
      try {
        const [{ n }] = await transaction((tx) => rows<{ n: number }>(tx, sql`SELECT (SELECT count(*) FROM drizzle.__drizzle_migrations)::int AS n`));
        return { database: true, migrations: Number(n) === journalCount() };
      } catch (err) {
        // No migrations table yet is a reachable database that is not migrated.
        const code = pgErrorCode(err);
        if (code === '42P01' || code === '3F000') return { database: true, migrations: false };
        if (isUnavailable(err)) return { database: false, migrations: false };
        throw err;
      }
    },
    close: () => raw.close(),
  };
}
