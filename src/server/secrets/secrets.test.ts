// Secrets at rest on both engines: TOTP secrets and the processing-number key are sealed under a
// data key the master key opens; a TOTP secret kept in clear before 0034 is sealed at the next
// start and still logs in; a wrong master key stops the start; `keys rotate` seals everything again
// under a new data key (and a new master key) without breaking a login or a processing number.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { actorFor } from '../../../test/harness/actors.ts';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { closeApp, firstLogin, loginAgain, openApp, startApp, type LoggedIn } from '../../../test/harness/http.ts';
import { pgErrorCode } from '../db/database.ts';
import { TEST_MASTER_KEY } from '../config.ts';
import { keyIdOf, keyIdOfSealed, newKey, parseKey, SecretError } from './envelope.ts';
import { Keyring, keyringOf, PROCESSING_NUMBER_HMAC } from './keyring.ts';
import { rotateKeys } from './rotate.ts';

const clearTotp = (t: TestDatabase) =>
  t.superuser(`SELECT count(*)::int AS n FROM credentials WHERE totp_secret NOT LIKE 'v1:%' OR totp_pending_secret NOT LIKE 'v1:%'`);

for (const engine of ENGINES) {
  describe(`secrets at rest (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let who: LoggedIn;
    const others: FastifyInstance[] = [];
    const totpOf = async () =>
      String((await t.superuser(`SELECT c.totp_secret FROM credentials c JOIN users u ON u.id = c.user_id WHERE u.login_id = 'shinjuku-h1'`)).rows[0].totp_secret);

    before(async () => {
      ({ t, app } = await openApp(engine));
      who = await firstLogin(t, app, 'shinjuku-h1');
    });
    after(async () => {
      for (const a of others) await a.close();
      await closeApp(t, app);
    });

    it('an enrolled TOTP secret is stored sealed under the active data key, never in clear', async () => {
      const stored = await totpOf();
      assert.ok(!stored.includes(who.totpSecret));
      const [active] = (await t.superuser('SELECT id FROM data_keys WHERE active')).rows;
      assert.equal(keyIdOfSealed(stored), active.id);
      assert.equal((await clearTotp(t)).rows[0].n, 0);
      // The database refuses a secret written in clear from now on (credentials_totp_sealed).
      await assert.rejects(t.superuser(`UPDATE credentials SET totp_pending_secret = 'JBSWY3DPEHPK3PXP'`), /credentials_totp_sealed/);
    });

    it('the application role reads neither the data keys nor the server secrets', async () => {
      const actor = await actorFor(t.db, 'shinjuku-h1');
      for (const table of ['data_keys', 'server_secrets']) {
        const err = await t.db.asActor(actor, (tx) => tx.execute(sql.raw(`SELECT * FROM ${table}`))).then(() => null, (e) => e);
        assert.equal(pgErrorCode(err), '42501', table);
      }
    });

    it('a TOTP secret kept in clear before 0034 is sealed when the server next starts, and still logs in', async () => {
      // The state an upgraded database is in: the check is not there yet, the secret in clear.
      await t.superuser('ALTER TABLE credentials DROP CONSTRAINT credentials_totp_sealed');
      await t.superuser(`UPDATE credentials SET totp_secret = $1 WHERE user_id = (SELECT id FROM users WHERE login_id = 'shinjuku-h1')`, [who.totpSecret]);
      await t.superuser(
        `ALTER TABLE credentials ADD CONSTRAINT credentials_totp_sealed CHECK ((totp_secret IS NULL OR totp_secret LIKE 'v1:%') AND (totp_pending_secret IS NULL OR totp_pending_secret LIKE 'v1:%')) NOT VALID`,
      );
      assert.equal((await clearTotp(t)).rows[0].n, 1);
      others.push(await startApp(t));
      assert.equal((await clearTotp(t)).rows[0].n, 0);
      assert.ok(!(await totpOf()).includes(who.totpSecret));
      await t.superuser('ALTER TABLE credentials VALIDATE CONSTRAINT credentials_totp_sealed'); // every row passes now
      await loginAgain(t, app, 'shinjuku-h1', who);
    });

    it('a wrong master key stops the start, naming both keys, and changes nothing', async () => {
      const wrong = newKey().toString('base64');
      const before = (await t.superuser('SELECT id, wrapped FROM data_keys ORDER BY id')).rows;
      await assert.rejects(startApp(t, { HERSYS_MASTER_KEY: wrong }), (e: Error) => {
        assert.ok(e instanceof SecretError, String(e));
        assert.ok(e.message.includes(keyIdOf(parseKey(wrong))) && e.message.includes(keyIdOf(parseKey(TEST_MASTER_KEY))), e.message);
        return true;
      });
      assert.deepEqual((await t.superuser('SELECT id, wrapped FROM data_keys ORDER BY id')).rows, before);
      others.push(await startApp(t)); // the right key again for the tests below
    });

    it('keys rotate: a new data key seals every secret again, the old one is deleted; logins and processing numbers keep working', async () => {
      const hmacBefore = keyringOf(t.db).hmac(PROCESSING_NUMBER_HMAC, '12345678');
      const oldKeys = (await t.superuser('SELECT id FROM data_keys')).rows.map((r) => r.id);
      const r = await rotateKeys(t.db, keyringOf(t.db));
      assert.deepEqual(r.deletedDataKeys.sort(), oldKeys.sort());
      assert.deepEqual((await t.superuser('SELECT id, active FROM data_keys')).rows, [{ id: r.dataKeyId, active: true }]);
      const named = (await t.superuser(`SELECT totp_secret AS v FROM credentials WHERE totp_secret IS NOT NULL UNION ALL SELECT sealed FROM server_secrets`)).rows;
      assert.ok(named.length >= 2 && named.every((row) => keyIdOfSealed(String(row.v)) === r.dataKeyId));
      await loginAgain(t, app, 'shinjuku-h1', who);
      // The HMAC key is sealed again, not replaced: numbers issued before still redeem.
      const fresh = new Keyring(parseKey(TEST_MASTER_KEY));
      await fresh.init(t.db);
      assert.equal(fresh.hmac(PROCESSING_NUMBER_HMAC, '12345678'), hmacBefore);
    });

    const next = newKey();
    it('keys rotate to a new master key: the old master key opens nothing, the new one everything', async () => {
      const r = await rotateKeys(t.db, keyringOf(t.db), { newMasterKey: next });
      assert.equal(r.masterKeyId, keyIdOf(next));
      await assert.rejects(new Keyring(parseKey(TEST_MASTER_KEY)).init(t.db), SecretError);
      const onNewKey = await startApp(t, { HERSYS_MASTER_KEY: next.toString('base64') });
      others.push(onNewKey);
      await loginAgain(t, onNewKey, 'shinjuku-h1', who);
    });

    if (engine === 'postgres') {
      it('hersys keys rotate from the command line: exit 0, the new data key named; a wrong master key: exit 1 with a message', () => {
        const cli = (key: string) =>
          spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'keys', 'rotate'], {
            env: { ...process.env, DATABASE_URL: t.url!, HERSYS_MASTER_KEY: key, HERSYS_NEW_MASTER_KEY: '' },
            encoding: 'utf8',
          });
        const ok = cli(next.toString('base64'));
        assert.equal(ok.status, 0, ok.stderr);
        assert.match(ok.stdout, /sealed again under data key [0-9a-f]{16}, wrapped under master key /);
        const wrong = cli(TEST_MASTER_KEY);
        assert.equal(wrong.status, 1);
        assert.match(wrong.stderr, /is wrapped under master key [0-9a-f]{16}, but the master key given/);
        assert.doesNotMatch(wrong.stderr, /\bat /, 'a message, not a stack trace');
      });
    }
  });
}

describe('hersys keys generate', () => {
  it('prints a new master key that HERSYS_MASTER_KEY accepts', () => {
    const out = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'keys', 'generate'], { encoding: 'utf8' });
    assert.equal(out.status, 0, out.stderr);
    assert.equal(parseKey(out.stdout.trim()).length, 32);
  });
});
