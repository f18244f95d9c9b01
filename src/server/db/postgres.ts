// PostgreSQL through a pool of node-postgres connections, with the limits that keep a request from
// waiting forever on a database that is down or frozen, and connections that recover by themselves:
// a connection that saw a connection error is destroyed, and the pool opens new ones when asked.
import { createHash } from 'node:crypto';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import type { Engine, EngineOptions, RawTransaction, Tx } from './database.ts';
import { isUnavailable } from './unavailable.ts';

export interface PostgresOptions extends EngineOptions {
  url: string;
  poolSize: number;
  /** Waiting for a connection (new or from the pool) longer than this fails the request with 503. */
  connectTimeoutMs: number;
  /** A statement running longer is cancelled by the server; one unanswered for longer (a frozen server) fails here. */
  statementTimeoutMs: number;
}

/** At most this many distinct statements are prepared, so odd shapes cannot fill the server's memory. */
const MAX_PREPARED = 2000;

/**
 * Names the statements the application sends again (the same text), so that each connection parses
 * and plans them once. The name is a hash of the text, the same on every connection.
 */
function statementNamer() {
  const names = new Map<string, string>();
  const seenOnce = new Set<string>();
  return (text: string): string | undefined => {
    const known = names.get(text);
    if (known || names.size >= MAX_PREPARED) return known;
    if (!seenOnce.delete(text)) {
      if (seenOnce.size >= 10 * MAX_PREPARED) seenOnce.clear();
      seenOnce.add(text);
      return undefined;
    }
    const name = `h${createHash('sha1').update(text).digest('base64url')}`;
    names.set(text, name);
    return name;
  };
}

type Query = (config: unknown, values?: unknown) => Promise<unknown>;

export function openPostgres(options: PostgresOptions): Engine {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize,
    connectionTimeoutMillis: options.connectTimeoutMs,
    // The server cancels a long statement; the client gives up a little later on a server that does
    // not answer at all, and a transaction left idle (a process that hung) is ended by the server.
    statement_timeout: options.statementTimeoutMs,
    query_timeout: options.statementTimeoutMs + 2000,
    idle_in_transaction_session_timeout: Math.max(options.statementTimeoutMs * 3, 30_000),
    keepAlive: true,
  });
  const name = statementNamer();
  // An idle connection that the server drops (a restart) must not take the process down with it.
  pool.on('error', (err) => options.onIdleError?.(err));
  pool.on('connect', (client) => {
    client.on('error', (err) => options.onIdleError?.(err));
    // Count every statement and name the frequent ones (Drizzle passes a config object with `text`).
    const query = client.query.bind(client) as Query;
    (client as unknown as { query: Query }).query = (config, values) => {
      options.stats.statements++;
      const text = typeof config === 'string' ? config : (config as { text?: string } | null)?.text;
      options.stats.onStatement?.(text ?? '', (values as unknown[]) ?? (config as { values?: unknown[] })?.values ?? []);
      if (text && typeof config === 'object' && !(config as { name?: string }).name) {
        const statementName = name(text);
        if (statementName) config = { ...config, name: statementName };
      }
      return query(config, values);
    };
  });

  async function begin(): Promise<RawTransaction> {
    const client = await pool.connect();
    let broken: Error | undefined;
    const run = async (text: string) => {
      try {
        return (await client.query(text)) as pg.QueryResult;
      } catch (err) {
        broken = err as Error;
        throw err;
      }
    };
    try {
      await run('BEGIN');
    } catch (err) {
      client.release(broken);
      throw err;
    }
    const tx = drizzle({ client }) as unknown as Tx;
    let ended = false;
    const end = (err?: Error) => {
      if (ended) return;
      ended = true;
      client.release(err);
    };
    return {
      tx,
      async commit() {
        try {
          const result = await run('COMMIT');
          // A transaction in which a statement failed answers COMMIT with ROLLBACK.
          if (result.command === 'ROLLBACK') throw new Error('the transaction was rolled back: a statement in it had failed');
          end();
        } catch (err) {
          end(broken ?? (err as Error));
          throw err;
        }
      },
      async rollback(cause?: unknown) {
        // A connection that lost the server (or timed out) is not asked anything more: it is destroyed.
        if (isUnavailable(cause)) return end(cause as Error);
        try {
          await run('ROLLBACK');
          end();
        } catch (err) {
          end(err as Error);
        }
      },
    };
  }

  return {
    begin,
    migrate: async () => {
      // Several server processes may start at once: one migrates while the others wait.
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock(4735121)');
        await migrate(drizzle({ client }), { migrationsFolder: options.migrationsDir });
      } finally {
        await client.query('SELECT pg_advisory_unlock(4735121)').catch(() => {});
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
