// A serving process outlives its database: PostgreSQL stopped at once (as a crash or a failover
// would) and started again, then frozen (SIGSTOP, as a hung machine or a network partition would
// look). Meanwhile every request that needs the database answers 503 with Retry-After in the
// Problem shape, /api/ready says so, the process stays up, and service comes back by itself.
// Runs a PostgreSQL of its own: the one the other suites share must not stop.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { firstLogin, type HttpClient } from '../harness/http-client.ts';
import { findPostgresBin, startPostgres, type PostgresServer } from '../harness/postgres.ts';
import { startServer, type ServerProcess } from '../harness/server-process.ts';

const bin = findPostgresBin();
const TIMEOUT_MS = 1000;

async function waitFor<T>(what: string, withinMs: number, probe: () => Promise<T | undefined>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return { value, ms: Date.now() - started };
    if (Date.now() - started > withinMs) throw new Error(`${what}: not within ${withinMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('the server during a database outage (postgres)', { skip: !bin && process.env.CI !== 'true' ? 'no PostgreSQL binaries' : false }, () => {
  let db: PostgresServer;
  let server: ServerProcess;
  let client: HttpClient;

  before(async () => {
    db = await startPostgres(bin!);
    const admin = new pg.Client({ connectionString: db.adminUrl });
    await admin.connect();
    await admin.query('CREATE DATABASE outage OWNER hersys');
    await admin.end();
    server = await startServer({
      DATABASE_URL: db.appUrl('outage'),
      DATABASE_CONNECT_TIMEOUT_MS: String(TIMEOUT_MS),
      DATABASE_STATEMENT_TIMEOUT_MS: String(TIMEOUT_MS),
    });
    client = await firstLogin(server.url, 'shinjuku-h1', server.accounts.get('shinjuku-h1')!);
  });
  after(async () => {
    await server?.stop();
    db?.stop();
  });

  /** What a request that needs the database answers while it is away. */
  async function unavailable(request: () => Promise<{ status: number; body: any; headers: Headers }>) {
    const reply = await request();
    assert.equal(reply.status, 503, JSON.stringify(reply.body));
    assert.equal(reply.headers.get('retry-after'), '5');
    assert.equal(reply.body.code, 'database_unavailable');
    assert.ok(reply.body.message.ja && reply.body.message.en);
  }

  it('PostgreSQL stopped at once: 503 with Retry-After, the process stays up, and it serves again by itself once PostgreSQL is back', async () => {
    assert.equal((await client.get('/api/cases')).status, 200);
    db.halt();
    // Idle pooled connections are dropped by the server: that used to kill the process.
    await new Promise((r) => setTimeout(r, 1000));
    assert.ok(server.alive(), 'the server process died');
    await unavailable(() => client.get('/api/cases'));
    await unavailable(() => client.post('/api/registrations/duplicates', { nameKana: 'ヤマダ タロウ', birthDate: '1980-01-01', sex: 'male' }));
    assert.equal((await client.get('/api/ready')).status, 503);
    assert.equal((await client.get('/api/health')).status, 200);
    assert.ok(server.alive());

    db.start();
    const back = await waitFor('service after PostgreSQL restarted', 20_000, async () => ((await client.get('/api/cases')).status === 200 ? true : undefined));
    console.log(`[faults] PostgreSQL restart: served again ${back.ms} ms after PostgreSQL was back, without restarting the server`);
    assert.equal((await client.get('/api/ready')).status, 200);
    assert.ok(!/BoundPool|Unhandled/.test(server.output()));
  });

  it('a frozen database: 503 within the timeouts, then service again, and no transaction left open', async () => {
    assert.equal((await client.get('/api/cases')).status, 200);
    db.freeze();
    try {
      for (const request of [() => client.get('/api/cases'), () => client.get('/api/cases')]) {
        const started = Date.now();
        await unavailable(request);
        const ms = Date.now() - started;
        console.log(`[faults] frozen PostgreSQL: 503 after ${ms} ms (connect and statement timeouts ${TIMEOUT_MS} ms)`);
        // The client gives up on a server that does not answer 2 s after the statement timeout.
        assert.ok(ms < TIMEOUT_MS + 4000, `answered after ${ms} ms`);
      }
      const started = Date.now();
      assert.equal((await client.get('/api/ready')).status, 503);
      assert.ok(Date.now() - started < TIMEOUT_MS + 4000);
      assert.ok(server.alive());
    } finally {
      db.thaw();
    }
    await waitFor('service after PostgreSQL thawed', 20_000, async () => ((await client.get('/api/cases')).status === 200 ? true : undefined));
    const admin = new pg.Client({ connectionString: db.adminUrl });
    await admin.connect();
    try {
      const open = await waitFor('no transaction left open', 10_000, async () => {
        const { rows } = await admin.query(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = 'outage' AND state LIKE 'idle in transaction%'",
        );
        return rows[0].n === 0 ? 0 : undefined;
      });
      assert.equal(open.value, 0);
    } finally {
      await admin.end();
    }
  });
});
