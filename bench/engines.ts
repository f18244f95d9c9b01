// The two databases every benchmark runs on: a PostgreSQL server (DATABASE_URL, or one started
// here from the machine's binaries by the test harness) and PGlite in a data directory on disk,
// as `npm start` uses it. Each gets a new, migrated database.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { buildApp } from '../src/server/app.ts';
import { testConfig } from '../src/server/config.ts';
import { newPglite, openDatabase, type Database } from '../src/server/db/database.ts';
import { findPostgresBin, startPostgres } from '../test/harness/postgres.ts';

export interface BenchTarget {
  engine: 'PostgreSQL' | 'PGlite';
  /** The application's database (migrated). */
  db: Database;
  /** One statement in its own (autocommit) transaction as the owner, beside the application. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Statements in one transaction as the owner, one round trip each, as a hand-written application would send them. */
  transaction(statements: [text: string, params: unknown[]][]): Promise<void>;
  /** PostgreSQL: the application's connection string, for more server processes. */
  url?: string;
  /** What decides the cost of a commit, for the report. */
  durability: string;
}

/** The application's pool size (src/server/db/database.ts); `query` gets a pool of its own of the same size. */
const POOL_SIZE = Number(process.env.DATABASE_POOL_SIZE ?? 10);

async function withPool<T>(url: string, work: (t: BenchTarget) => Promise<T>): Promise<T> {
  // Generating a country runs statements of minutes: no statement timeout for the bench's own work.
  const db = await openDatabase({ url, poolSize: POOL_SIZE, statementTimeoutMs: 3_600_000 });
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE });
  try {
    await db.migrate();
    const query = async <R,>(text: string, params?: unknown[]) => (await pool.query(text, params)).rows as R[];
    const [s] = await query<{ fsync: string; sc: string; sb: string; v: string }>(
      "SELECT current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS sc, current_setting('shared_buffers') AS sb, split_part(current_setting('server_version'), ' ', 1) AS v",
    );
    const transaction = async (statements: [string, unknown[]][]) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        for (const [text, params] of statements) await client.query(text, params);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    };
    const durability = `PostgreSQL ${s.v}, fsync=${s.fsync}, synchronous_commit=${s.sc}, shared_buffers=${s.sb}`;
    return await work({ engine: 'PostgreSQL', db, query, transaction, url, durability });
  } finally {
    await pool.end();
    await db.close();
  }
}

/**
 * The harness starts PostgreSQL with fsync off, which suits tests but not a benchmark of commits.
 * The option is on the server's command line (postmaster.opts), above any configuration file, so
 * it is edited there and the server restarted; shared_buffers goes to a quarter of the memory, as
 * one would configure a database server.
 */
async function durable(bin: string, adminUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const [{ data_directory: dataDir }] = (await admin.query('SHOW data_directory')).rows;
  await admin.query(`ALTER SYSTEM SET shared_buffers = '${Math.floor(totalmem() / 4 / 2 ** 20)}MB'`);
  await admin.end();
  const opts = join(dataDir, 'postmaster.opts');
  writeFileSync(opts, readFileSync(opts, 'utf8').replace('fsync=off', 'fsync=on'));
  const pgCtl = [join(bin, 'pg_ctl'), '-D', dataDir, '-w', 'restart'];
  const [cmd, args] = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', ...pgCtl]] : [pgCtl[0], pgCtl.slice(1)];
  execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** PostgreSQL from DATABASE_URL (an empty database), else a server started for the run; null without binaries. */
export async function onPostgres<T>(work: (t: BenchTarget) => Promise<T>): Promise<T | null> {
  if (process.env.DATABASE_URL) return withPool(process.env.DATABASE_URL, work);
  const bin = findPostgresBin();
  if (!bin) return null;
  const server = await startPostgres(bin);
  try {
    await durable(bin, server.adminUrl);
    const admin = new pg.Client({ connectionString: server.adminUrl });
    await admin.connect();
    await admin.query('CREATE DATABASE bench OWNER hersys');
    await admin.end();
    return await withPool(server.appUrl('bench'), work);
  } finally {
    server.stop();
  }
}

export async function onPglite<T>(work: (t: BenchTarget) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'hersys-bench-pglite-'));
  const pglite = newPglite(dir) as PGlite;
  const db = await openDatabase({ pglite });
  try {
    await db.migrate();
    const query = async <R,>(text: string, params?: unknown[]) => (await pglite.query<R>(text, params)).rows;
    const transaction = async (statements: [string, unknown[]][]) => {
      await pglite.transaction(async (tx) => {
        for (const [text, params] of statements) await tx.query(text, params);
      });
    };
    return await work({ engine: 'PGlite', db, query, transaction, durability: 'PGlite, data directory on disk' });
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The application on a local port, as a browser or a proxy would reach it; its base URL. */
export async function serve(target: BenchTarget): Promise<{ url: string; close: () => Promise<void> }> {
  // Benchmarks log in many clients from one address: the per-address login limit is lifted.
  const app = await buildApp(target.db, testConfig({ LOGIN_RATE_LIMIT_PER_MINUTE: 100_000 }));
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, close: () => app.close() };
}
