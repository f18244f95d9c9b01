// `npm start` end to end on the embedded database: a real process on a real port migrates and
// seeds an empty DATA_DIR, prints the demo passwords once, serves, and stops cleanly on SIGTERM. With
// no configuration it makes a development master key beside DATA_DIR; PostgreSQL needs a real one.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { emptyPostgresDatabase, PG_ADMIN_URL } from '../../test/harness/engines.ts';
import { TEST_MASTER_KEY } from './config.ts';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

async function run(env: { DATA_DIR?: string; DATABASE_URL?: string; HERSYS_MASTER_KEY?: string }) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
    env: { ...process.env, DATABASE_URL: '', HERSYS_MASTER_KEY: '', ...env, PORT: String(port), LOG_LEVEL: 'info' },
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // A first start migrates and seeds an embedded database on disk: minutes on a busy machine.
  for (let i = 0; i < 1800 && !out.includes('Server listening'); i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(out.includes('Server listening'), out);
  return { port, child, exited, output: () => out };
}

describe('hersys serve (embedded database)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hersys-serve-'));
  after(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(`${dataDir}.master-key`, { force: true });
  });

  it('seeds on first start, prints the passwords once and only to the console, stops on SIGTERM', async () => {
    const first = await run({ DATA_DIR: dataDir });
    const ready = await fetch(`http://127.0.0.1:${first.port}/api/ready`).then((r) => r.json());
    assert.deepEqual(ready, { status: 'ok', checks: { database: true, migrations: true } });
    const out = first.output();
    assert.match(out, /Demo world created/);
    const table = out.split('\n').filter((l) => /^\s+shinjuku-h1\s+\S{16}\s/.test(l));
    assert.equal(table.length, 1, 'the password line is printed once');
    const password = table[0].trim().split(/\s+/)[1];
    const logLines = out.split('\n').filter((l) => l.startsWith('{'));
    assert.ok(logLines.length > 0 && logLines.every((l) => !l.includes(password)), 'passwords are not in the log');
    first.child.kill('SIGTERM');
    assert.equal(await first.exited, 0);
    assert.equal(existsSync(join(dataDir, 'hersys.lock')), false, 'the lock is released');
    // No configuration: a development key, said so, beside the data directory (its backups leave it out).
    assert.match(out, /DEVELOPMENT master key [0-9a-f]{16} generated in .*\.master-key/);
    assert.equal(statSync(`${dataDir}.master-key`).mode & 0o777, 0o600);
    assert.ok(!readdirSync(dataDir).some((n) => n.includes('master-key')));

    const second = await run({ DATA_DIR: dataDir });
    assert.doesNotMatch(second.output(), /Demo world created/, 'an existing database is not seeded again');
    assert.match(second.output(), /DEVELOPMENT master key [0-9a-f]{16} read from/);
    const login = await fetch(`http://127.0.0.1:${second.port}/api/health`);
    assert.equal(login.status, 200);
    second.child.kill('SIGTERM');
    assert.equal(await second.exited, 0);
  });
});

describe('hersys serve (PostgreSQL) without a master key', () => {
  it('refuses to start, saying what to set, before it touches the database', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
      env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', HERSYS_MASTER_KEY: '' },
      encoding: 'utf8',
    });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /HERSYS_MASTER_KEY is required with DATABASE_URL/);
    assert.doesNotMatch(r.stderr, /\bat /, 'a message, not a stack trace');
  });
});

if (PG_ADMIN_URL) {
  describe('hersys serve (PostgreSQL)', () => {
    it('two processes starting at once on an empty database migrate and seed it once, and both serve', async () => {
      const url = await emptyPostgresDatabase();
      const [a, b] = await Promise.all([run({ DATABASE_URL: url, HERSYS_MASTER_KEY: TEST_MASTER_KEY }), run({ DATABASE_URL: url, HERSYS_MASTER_KEY: TEST_MASTER_KEY })]);
      // A failed check must not leave the two servers running (the suite would wait for them).
      try {
        for (const p of [a, b]) {
          const ready = await fetch(`http://127.0.0.1:${p.port}/api/ready`).then((r) => r.json());
          assert.equal(ready.status, 'ok');
        }
        const seeded = [a, b].filter((p) => p.output().includes('Demo world created'));
        assert.equal(seeded.length, 1);
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        // Once: the demo world's 10 organisations, the demo epidemic's other 46 prefectures with a centre
        // and a hospital each, and three sentinel clinics in each of the 47 prefectures.
        const { rows } = await client.query(`SELECT count(*) FILTER (WHERE code NOT LIKE 'demo-%')::int AS world, count(*) FILTER (WHERE code LIKE 'demo-%')::int AS epidemic FROM organizations`);
        await client.end();
        assert.deepEqual(rows[0], { world: 10, epidemic: 46 * 3 + 47 * 3 });
      } finally {
        a.child.kill('SIGTERM');
        b.child.kill('SIGTERM');
      }
      assert.deepEqual(await Promise.all([a.exited, b.exited]), [0, 0]);
    });
  });
}
