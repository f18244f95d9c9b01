// Backup and restore on both engines: after real work through the API, a restore into a new place
// has every table with the same rows (count and content hash) and the same audit chain head, and
// works for a user under row-level security; a running embedded server, a non-empty target and a
// damaged file are refused without touching the target; the file is readable by its owner only, and
// holds no secret in clear (issue 14: no TOTP secret, no SHA-256 of a processing number, no master key).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { actorFor } from '../../../test/harness/actors.ts';
import { emptyPostgresDatabase, ENGINES, freshDatabase, testPassword, type TestDatabase } from '../../../test/harness/engines.ts';
import { firstLogin, startApp } from '../../../test/harness/http.ts';
import { findPostgresBin, startPostgres } from '../../../test/harness/postgres.ts';
import { verifyAuditChain } from '../audit/verify.ts';
import { lockDataDir } from '../db/data-dir-lock.ts';
import { newPglite, openDatabase, rows, type Database } from '../db/database.ts';
import { seedDemoIfEmpty } from '../demo/seed.ts';
import { BackupError } from './backup-file.ts';
import { backupPglite, restorePglite } from './pglite.ts';
import { backupPostgres, pgTool, restorePostgres } from './postgres.ts';
import { TEST_MASTER_KEY } from '../config.ts';
import { issueProcessingNumber } from '../processing-numbers/service.ts';
import { userObjectCount } from './repo.ts';

type Fingerprint = Record<string, { rows: number; md5: string }>;

/** Rows and a content hash of every table, read as the owner (outside row-level security). */
async function fingerprint(db: Database): Promise<Fingerprint> {
  return db.asSystem(async (tx) => {
    const tables = await rows<{ name: string }>(
      tx,
      sql`SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables WHERE schemaname IN ('public', 'drizzle') ORDER BY 1`,
    );
    const result: Fingerprint = {};
    for (const { name } of tables) {
      const [r] = await rows<{ rows: number; md5: string }>(
        tx,
        sql.raw(`SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5 FROM ${name} t`),
      );
      result[name] = r;
    }
    return result;
  });
}

/** The embedded database as the server opens it: on disk, under the data-directory lock. */
async function pgliteOnDisk(dataDir: string): Promise<TestDatabase> {
  const unlock = lockDataDir(dataDir);
  const client = newPglite(dataDir);
  const db = await openDatabase({ pglite: client });
  await db.migrate();
  const world = (await seedDemoIfEmpty(db, testPassword))!;
  return {
    engine: 'pglite',
    db,
    world,
    superuser: async (query, params) => (await client.query(query, params)) as never,
    async close() {
      await db.close();
      unlock();
    },
  };
}

/**
 * A doctor registers a person with a positive test and submits the 発生届: audit rows, outbox,
 * history. The doctor's first login enrols an authenticator: its secret is returned.
 */
async function fileNotification(t: TestDatabase, app: FastifyInstance): Promise<{ caseId: string; totpSecret: string }> {
  const doctor = await firstLogin(t, app, 'sakura-dr1');
  const registered = await doctor.client.post('/api/registrations', {
    person: { nameKanji: '山本 花子', nameKana: 'ヤマモト ハナコ', sex: 'female', birthDate: '1985-05-05', residenceAddress: '東京都新宿区西新宿2-8-1', phone: '090-1234-5678' },
    choice: { kind: 'new_person' },
    tests: [{ method: 'naat', specimen: 'nasopharyngeal_swab', collectedOn: '2022-10-02', result: 'positive', resultOn: '2022-10-03' }],
  });
  assert.equal(registered.statusCode, 201, JSON.stringify(registered.body));
  const draft = await doctor.client.post(`/api/cases/${registered.body.caseId}/notifications`, {
    classification: 'patient',
    diagnosedOn: '2022-10-03',
    specimenCollectedOn: '2022-10-02',
    answers: { four_groups: { aged_65_or_over: false, needs_admission: true, risk_and_needs_treatment_or_oxygen: false, pregnant: false } },
  });
  assert.equal(draft.statusCode, 201, JSON.stringify(draft.body));
  const submitted = await doctor.client.post(`/api/notifications/${draft.body.id}/submit`, { acknowledgedWarnings: [] });
  assert.equal(submitted.statusCode, 200, JSON.stringify(submitted.body));
  return { caseId: registered.body.caseId, totpSecret: doctor.totpSecret };
}

/** A backup as bytes to search: the embedded one's tar (gunzipped), PostgreSQL's dump as the SQL pg_restore makes of it. */
function readableBackup(engine: string, file: string): Buffer {
  if (engine === 'pglite') return gunzipSync(readFileSync(file));
  const out = spawnSync(pgTool('pg_restore'), ['--file=-', file], { maxBuffer: 1 << 30 });
  assert.equal(out.status, 0, String(out.stderr));
  return out.stdout;
}

/** How many cases an actor sees under row-level security. */
const casesSeenBy = async (db: Database, loginId: string) => {
  const actor = await actorFor(db, loginId);
  const [{ n }] = await db.asActor(actor, (tx) => rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM cases`));
  return n;
};

for (const engine of ENGINES) {
  describe(`backup and restore (${engine})`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'hersys-backup-'));
    const file = join(dir, 'hersys.backup');
    const ops = engine === 'pglite' ? { backup: backupPglite, restore: restorePglite } : { backup: backupPostgres, restore: restorePostgres };
    /** DATA_DIR or DATABASE_URL of a new, empty place to restore into. */
    const newTarget = async (name: string) => (engine === 'pglite' ? join(dir, name) : emptyPostgresDatabase());
    const open = (target: string) => openDatabase(engine === 'pglite' ? { dataDir: target } : { url: target });
    let source: TestDatabase;
    let sourceTarget: string;
    let caseId: string;
    /** Secrets the backup must not show: a TOTP secret enrolled, and a processing number issued, with what the database keeps of it. */
    let secrets: { totp: string; number: string; numberHash: string };
    let expected: { tables: Fingerprint; audit: Awaited<ReturnType<typeof verifyAuditChain>>; seenByCentre: number };
    let restoredTarget: string;

    before(async () => {
      source = engine === 'pglite' ? await pgliteOnDisk(join(dir, 'data')) : await freshDatabase('postgres');
      sourceTarget = engine === 'pglite' ? join(dir, 'data') : source.url!;
      const app = await startApp(source, { LOGIN_RATE_LIMIT_PER_MINUTE: 10_000 });
      const filed = await fileNotification(source, app);
      caseId = filed.caseId;
      const issued = await issueProcessingNumber(source.db, { actor: await actorFor(source.db, 'shinjuku-h1'), clientAddr: null }, caseId);
      const [stored] = (await source.superuser('SELECT number_hash FROM processing_numbers WHERE id = $1', [issued.id])).rows;
      secrets = { totp: filed.totpSecret, number: issued.number, numberHash: String(stored.number_hash) };
      await app.close();
      expected = {
        tables: await fingerprint(source.db),
        audit: await verifyAuditChain(source.db),
        seenByCentre: await casesSeenBy(source.db, 'shinjuku-h1'),
      };
    });
    after(async () => {
      await source.close().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    });

    if (engine === 'pglite') {
      it('a running embedded server holds DATA_DIR: the backup is refused with a clear message (exit 1 from the CLI) and writes no file', async () => {
        await assert.rejects(backupPglite(sourceTarget, file), (err: Error) => err instanceof BackupError && /in use by another hersys process.*stopped/s.test(err.message));
        const cli = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'backup', file], {
          env: { ...process.env, DATA_DIR: sourceTarget, DATABASE_URL: '' },
          encoding: 'utf8',
        });
        assert.equal(cli.status, 1);
        assert.match(cli.stderr, /^The data directory .* is in use by another hersys process .*\n.*server stopped/);
        assert.doesNotMatch(cli.stderr, /\bat /, 'a message, not a stack trace');
        assert.deepEqual(readdirSync(dir), ['data']);
      });
    }

    it('the backup file is readable by its owner only, and an existing file is never replaced', async () => {
      if (engine === 'pglite') await source.close(); // the server stops for the backup
      await ops.backup(sourceTarget, file);
      assert.equal(statSync(file).mode & 0o777, 0o600);
      const size = statSync(file).size;
      await assert.rejects(ops.backup(sourceTarget, file), (err: Error) => err instanceof BackupError && /already exists/.test(err.message));
      assert.equal(statSync(file).size, size);
      assert.deepEqual(readdirSync(dir).filter((n) => n.includes('.partial')), []);
    });

    it('the backup holds no secret in clear: no TOTP secret, no SHA-256 of a processing number, no master key', () => {
      const bytes = readableBackup(engine, file);
      // The control: what the database keeps of the number (its HMAC) is found, so a secret in clear would be too.
      assert.ok(bytes.includes(secrets.numberHash), 'the search reads the rows');
      assert.ok(!bytes.includes(secrets.totp), 'a TOTP secret in clear');
      assert.ok(!bytes.includes(createHash('sha256').update(secrets.number).digest('hex')), 'the SHA-256 of a processing number');
      assert.ok(!bytes.includes(TEST_MASTER_KEY), 'the master key');
    });

    it('restored into a new place, every table has the same rows and the audit chain verifies to the same head', async () => {
      assert.ok(expected.audit.ok && expected.audit.rows > 1, 'the work wrote audit rows');
      assert.ok(expected.tables['public.notification_submissions'].rows > 0 && expected.tables['public.outbox'].rows > 0);
      restoredTarget = await newTarget('restored');
      await ops.restore(file, restoredTarget);
      const restored = await open(restoredTarget);
      try {
        assert.deepEqual(await fingerprint(restored), expected.tables);
        assert.deepEqual(await verifyAuditChain(restored), expected.audit);
      } finally {
        await restored.close();
      }
    });

    it('the restored database serves users: login, row-level security, grants and SECURITY DEFINER functions', async () => {
      const restored = await open(restoredTarget);
      try {
        const t: TestDatabase = { ...source, db: restored }; // the same demo accounts, on the restored database
        const app = await startApp(t, { LOGIN_RATE_LIMIT_PER_MINUTE: 10_000 });
        try {
          const centre = await firstLogin(t, app, 'shinjuku-h1'); // issue_credentials, audit_chain_head
          const found = await centre.client.get('/api/cases');
          assert.equal(found.statusCode, 200);
          assert.ok(found.body.cases.some((c: { caseId: string }) => c.caseId === caseId));
        } finally {
          await app.close();
        }
        const seen = await casesSeenBy(restored, 'shinjuku-h1');
        assert.equal(seen, expected.seenByCentre);
        assert.ok(seen < expected.tables['public.cases'].rows, 'a centre sees only its cases');
      } finally {
        await restored.close();
      }
    });

    it('a restore over a non-empty target is refused and changes nothing', async () => {
      const restored = await open(restoredTarget);
      const before = await fingerprint(restored); // with the login of the previous test
      await restored.close();
      await assert.rejects(ops.restore(file, restoredTarget), (err: Error) => err instanceof BackupError && /not empty/.test(err.message));
      const again = await open(restoredTarget);
      try {
        assert.deepEqual(await fingerprint(again), before);
      } finally {
        await again.close();
      }
    });

    it('a truncated or foreign file fails with a clear message and leaves the target untouched', async () => {
      const bytes = readFileSync(file);
      // Cut in half, a file is refused before anything is written; without its last 1 % a PostgreSQL
      // dump still lists, so the restore starts and must roll back.
      const cases = [
        { name: 'half', content: bytes.subarray(0, bytes.length >> 1), message: /truncated or damaged/ },
        { name: 'nearly-all', content: bytes.subarray(0, Math.floor(bytes.length * 0.99)), message: /truncated or damaged|rolled back/ },
        { name: 'foreign', content: Buffer.from('not a backup\n'.repeat(100)), message: /not a/ },
      ];
      for (const { name, content, message } of cases) {
        const bad = join(dir, `${name}.backup`);
        writeFileSync(bad, content);
        const target = await newTarget(`untouched-${name}`);
        await assert.rejects(ops.restore(bad, target), (err: Error) => err instanceof BackupError && message.test(err.message), name);
        if (engine === 'pglite') {
          assert.equal(existsSync(target), false, 'no DATA_DIR was left behind');
          assert.deepEqual(readdirSync(dir).filter((n) => n.includes('.restoring-')), []);
        } else {
          const db = await openDatabase({ url: target });
          try {
            assert.equal(await db.asSystem(userObjectCount), 0, `the database is as empty as before (${name})`);
          } finally {
            await db.close();
          }
        }
      }
    });

    if (engine === 'pglite') {
      it('--force restores over a non-empty DATA_DIR and keeps the old contents aside, not deleted', async () => {
        const occupied = join(dir, 'occupied');
        mkdirSync(occupied);
        writeFileSync(join(occupied, 'notes.txt'), 'kept');
        await assert.rejects(restorePglite(join(dir, 'half.backup'), occupied, { force: true }), BackupError);
        assert.deepEqual(readdirSync(occupied), ['notes.txt'], 'a damaged file changes nothing, even with --force');
        const { keptAside } = await restorePglite(file, occupied, { force: true });
        assert.ok(keptAside);
        assert.equal(readFileSync(join(keptAside, 'notes.txt'), 'utf8'), 'kept');
        assert.equal(existsSync(join(occupied, 'notes.txt')), false);
        const restored = await open(occupied);
        try {
          assert.deepEqual(await fingerprint(restored), expected.tables);
        } finally {
          await restored.close();
        }
      });
    }

    if (engine === 'postgres') {
      it('on another PostgreSQL server the restore creates hersys_app first, and says what a superuser must do when it may not', async () => {
        const other = await startPostgres(findPostgresBin()!);
        const admin = new pg.Client({ connectionString: other.adminUrl });
        try {
          await admin.connect();
          await admin.query('CREATE DATABASE restored OWNER hersys');
          const url = other.appUrl('restored');
          await admin.query('ALTER ROLE hersys NOCREATEROLE');
          await assert.rejects(restorePostgres(file, url), (err: Error) => err instanceof BackupError && /superuser can: CREATE ROLE hersys_app/.test(err.message));
          await admin.query('ALTER ROLE hersys CREATEROLE');
          await restorePostgres(file, url);
          const restored = await openDatabase({ url });
          try {
            assert.deepEqual(await fingerprint(restored), expected.tables);
            assert.deepEqual(await verifyAuditChain(restored), expected.audit);
            assert.equal(await casesSeenBy(restored, 'shinjuku-h1'), expected.seenByCentre);
          } finally {
            await restored.close();
          }
        } finally {
          await admin.end();
          other.stop();
        }
      });
    }
  });
}
