// The audit chain verifies; it fails, naming the row, after a superuser alters or removes one;
// concurrent writers keep it whole; the CLI says so with its exit code; administrators read it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { closeApp, firstLogin, openApp } from '../../../test/harness/http.ts';
import { ENGINES, freshDatabase, PG_ADMIN_URL, type TestDatabase } from '../../../test/harness/engines.ts';
import { actorFor } from '../../../test/harness/actors.ts';
import { audit } from './audit.ts';
import { verifyAuditChain } from './verify.ts';

for (const engine of ENGINES) {
  describe(`audit log (${engine})`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await freshDatabase(engine);
    });
    after(() => t.close());

    it('verifies a chain written by many concurrent transactions', async () => {
      const actor = await actorFor(t.db, 'nakano-h1');
      const ctx = { actor, clientAddr: '192.0.2.1', purpose: '積極的疫学調査' };
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          t.db.asActor(actor, (tx) => audit(tx, ctx, { action: 'test.read', recordType: 'case', recordIds: [String(i)], details: { i, nested: { b: 1, a: [2, 3] } } })),
        ),
      );
      const result = await verifyAuditChain(t.db);
      assert.equal(result.ok, true);
      assert.equal(result.rows, 41); // the seed's row and these
      const seqs = (await t.superuser('SELECT seq FROM audit_log ORDER BY seq')).rows.map((r) => Number(r.seq));
      assert.deepEqual(seqs, Array.from({ length: 41 }, (_, i) => i + 1));
    });

    it('an audit row is part of its transaction: work that fails leaves no row', async () => {
      const actor = await actorFor(t.db, 'nakano-h1');
      const before = (await t.superuser('SELECT count(*)::int AS n FROM audit_log')).rows[0].n;
      await assert.rejects(
        t.db.asActor(actor, async (tx) => {
          await audit(tx, { actor, clientAddr: null }, { action: 'test.rolled_back' });
          throw new Error('the work failed');
        }),
      );
      assert.equal((await t.superuser('SELECT count(*)::int AS n FROM audit_log')).rows[0].n, before);
      assert.equal((await verifyAuditChain(t.db)).ok, true);
    });

    it('the application role may only write rows in its own name', async () => {
      const actor = await actorFor(t.db, 'nakano-h1');
      const other = await actorFor(t.db, 'shinjuku-h1');
      await assert.rejects(t.db.asActor(actor, (tx) => audit(tx, { actor: other, clientAddr: null }, { action: 'test.forged' })));
    });

    it('names the first altered row after a superuser changes one', async () => {
      // A superuser can switch the append-only trigger off; the chain still tells.
      await t.superuser("SET session_replication_role = replica; UPDATE audit_log SET purpose = '改ざん' WHERE seq = 7; SET session_replication_role = origin;");
      const altered = await verifyAuditChain(t.db);
      assert.deepEqual(altered, { ok: false, rows: 6, brokenAt: 7, reason: 'hash_mismatch' });
    });

    it('names the gap after a superuser deletes a row', async () => {
      await t.superuser('SET session_replication_role = replica; DELETE FROM audit_log WHERE seq = 3; SET session_replication_role = origin;');
      const removed = await verifyAuditChain(t.db);
      assert.deepEqual(removed, { ok: false, rows: 2, brokenAt: 3, reason: 'sequence_gap' });
    });
  });
}

if (PG_ADMIN_URL) {
  describe('hersys audit verify (CLI, postgres)', () => {
    let t: TestDatabase;
    before(async () => {
      t = await freshDatabase('postgres');
    });
    after(() => t.close());

    const cli = () => {
      return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'audit', 'verify'], {
        env: { ...process.env, DATABASE_URL: t.url },
        encoding: 'utf8',
      });
    };

    it('exits 0 on an intact chain and 1 naming the row on a broken one', async () => {
      const ok = cli();
      assert.equal(ok.status, 0, ok.stderr);
      assert.match(ok.stdout, /audit chain intact: 1 rows/);
      await t.superuser("SET session_replication_role = replica; UPDATE audit_log SET action = 'x' WHERE seq = 1; SET session_replication_role = origin;");
      const broken = cli();
      assert.equal(broken.status, 1);
      assert.match(broken.stderr, /BROKEN at row 1 \(hash_mismatch\)/);
    });
  });
}

for (const engine of ENGINES) {
  describe(`GET /api/audit (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    before(async () => ({ t, app } = await openApp(engine)));
    after(() => closeApp(t, app));

    it('shows an admin the trail of the organisations it administers, newest first, page by page', async () => {
      await firstLogin(t, app, 'sakura-dr1');
      await firstLogin(t, app, 'nakano-h1');
      const admin = await firstLogin(t, app, 'shinjuku-admin');
      const page = await admin.client.get('/api/audit?action=auth.&limit=500');
      assert.equal(page.statusCode, 200);
      const orgs = new Set(page.body.entries.map((e: { actorOrgId: string }) => e.actorOrgId));
      assert.ok(orgs.has(t.world.orgIds['sakura-clinic']));
      assert.ok(orgs.has(t.world.orgIds['shinjuku-hc']));
      assert.ok(!orgs.has(t.world.orgIds['nakano-hc']), 'another centre’s logins are not shown');
      const seqs = page.body.entries.map((e: { seq: number }) => e.seq);
      assert.deepEqual(seqs, [...seqs].sort((a, b) => b - a));

      const first = await admin.client.get('/api/audit?limit=2');
      assert.equal(first.body.entries.length, 2);
      const next = await admin.client.get(`/api/audit?limit=2&beforeSeq=${first.body.nextBeforeSeq}`);
      assert.ok(next.body.entries.every((e: { seq: number }) => e.seq < first.body.nextBeforeSeq));
      const reads = await t.superuser("SELECT count(*)::int AS n FROM audit_log WHERE action = 'audit.read'");
      assert.equal(reads.rows[0].n, 3, 'each read of the trail is itself audited');
    });

    it('is not for staff without the admin role', async () => {
      const doctor = await firstLogin(t, app, 'midori-dr1');
      assert.equal((await doctor.client.get('/api/audit')).statusCode, 403);
    });
  });
}
