// Login with and without the second factor, first-login steps, lockout, session expiry, CSRF,
// logout and parallel-use flags, through the HTTP API on both engines.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { Client, closeApp, firstLogin, loginAgain, openApp, roomInTotpStep, secretOf, startApp, totpCode, type LoggedIn } from '../../../test/harness/http.ts';
import { LOGIN_POLICY } from '../../domain/login-policy.ts';
import { purgeOldSessions } from '../jobs/old-sessions.ts';

for (const engine of ENGINES) {
  describe(`authentication (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    const accountOf = (loginId: string) => t.world.accounts.find((a) => a.loginId === loginId)!;
    const auditActions = async (loginId: string) =>
      (
        await t.superuser(
          'SELECT action, outcome, details FROM audit_log WHERE actor_user_id = (SELECT id FROM users WHERE login_id = $1) ORDER BY seq',
          [loginId],
        )
      ).rows;

    // Many logins from one test address: the per-address limit is tested on its own below.
    before(async () => ({ t, app } = await openApp(engine)));
    after(() => closeApp(t, app));

    it('first login: password, then a new password, then authenticator enrolment, then in', async () => {
      const { password } = accountOf('shinjuku-h1');
      const c = new Client(app);
      const step1 = await c.post('/api/auth/login', { loginId: 'shinjuku-h1', password });
      assert.equal(step1.statusCode, 200);
      assert.equal(step1.body.next, 'change_password');

      // Half-way through, nothing but the login steps is open.
      const me = await c.get('/api/auth/me');
      assert.equal(me.statusCode, 401);
      assert.equal(me.body.code, 'step_required');
      assert.equal((await c.post('/api/auth/totp/enrolment')).statusCode, 409, 'enrolment waits for the password change');

      const weak = await c.post('/api/auth/password', { currentPassword: password, newPassword: 'password1234' });
      assert.equal(weak.statusCode, 400);
      assert.deepEqual(weak.body.errors[0].path, ['body', 'newPassword']);
      assert.equal(weak.body.errors[0].code, 'password_common');
      assert.match(weak.body.errors[0].message.ja, /よく使われる/);
      const short = await c.post('/api/auth/password', { currentPassword: password, newPassword: 'Short-1' });
      assert.equal(short.body.errors[0].code, 'password_too_short');

      const changed = await c.post('/api/auth/password', { currentPassword: password, newPassword: 'a-Long-enough-passphrase' });
      assert.equal(changed.body.next, 'enrol_totp');
      const enrolment = await c.post('/api/auth/totp/enrolment');
      assert.equal(enrolment.statusCode, 200);
      assert.match(enrolment.body.otpauthUri, /^otpauth:\/\/totp\/hersys:shinjuku-h1\?/);
      assert.match(enrolment.body.qrSvg, /^<svg/);
      const wrong = await c.post('/api/auth/totp/enrolment/confirm', { code: '000000' === (await totpCode(secretOf(enrolment.body.otpauthUri))) ? '111111' : '000000' });
      assert.equal(wrong.statusCode, 401, 'a wrong code is an authentication failure');
      assert.equal(wrong.body.code, 'totp_invalid');
      const done = await c.post('/api/auth/totp/enrolment/confirm', { code: await totpCode(secretOf(enrolment.body.otpauthUri)) });
      assert.equal(done.body.next, 'done');

      const me2 = await c.get('/api/auth/me');
      assert.equal(me2.statusCode, 200);
      assert.equal(me2.body.user.loginId, 'shinjuku-h1');
      assert.deepEqual(me2.body.user.roles, ['hc_staff']);
      assert.equal(me2.body.organization.kind, 'health_center');

      const actions = (await auditActions('shinjuku-h1')).map((r) => `${r.action}:${r.outcome}`);
      assert.ok(actions.includes('auth.password_change:ok'));
      assert.ok(actions.includes('auth.totp_enrolled:ok'));
      assert.ok(actions.includes('auth.login:ok'));
    });

    describe('an enrolled user', () => {
      let who: LoggedIn;
      before(async () => {
        who = await firstLogin(t, app, 'nakano-h1');
      });

      it('needs the one-time code: a password alone opens nothing', async () => {
        const c = new Client(app);
        const step1 = await c.post('/api/auth/login', { loginId: 'nakano-h1', password: who.password });
        assert.equal(step1.body.next, 'totp');
        for (const url of ['/api/auth/me', '/api/users', '/api/orgs']) {
          const r = await c.get(url);
          assert.equal(r.statusCode, 401, url);
        }
        const wrong = await c.post('/api/auth/totp', { code: '12345' });
        assert.equal(wrong.statusCode, 400, 'not 6 digits: refused by the schema');
        assert.deepEqual(wrong.body.errors[0].path, ['body', 'code']);
        assert.ok(wrong.body.errors[0].message.ja && wrong.body.errors[0].message.en);
      });

      it('accepts the code once: the same code cannot be replayed', async () => {
        // Both logins must fall in one time step, or the second would get a new code.
        await roomInTotpStep();
        const a = await loginAgain(t, app, 'nakano-h1', who);
        assert.equal((await a.get('/api/auth/me')).statusCode, 200);
        const b = new Client(app);
        await b.post('/api/auth/login', { loginId: 'nakano-h1', password: who.password });
        const replay = await b.post('/api/auth/totp', { code: await totpCode(who.totpSecret) });
        assert.equal(replay.statusCode, 401);
        assert.equal(replay.body.code, 'totp_invalid');
      });

      it('a wrong one-time code is a 401 totp_invalid in both languages, counted like a wrong password', async () => {
        const failures = async () =>
          (await t.superuser("SELECT failed_attempts FROM credentials WHERE user_id = (SELECT id FROM users WHERE login_id = 'nakano-h1')")).rows[0].failed_attempts as number;
        const c = new Client(app);
        assert.equal((await c.post('/api/auth/login', { loginId: 'nakano-h1', password: who.password })).body.next, 'totp');
        const counted = await failures();
        const right = await totpCode(who.totpSecret);
        const wrong = await c.post('/api/auth/totp', { code: right === '000000' ? '111111' : '000000' });
        assert.equal(wrong.statusCode, 401);
        assert.equal(wrong.body.code, 'totp_invalid');
        assert.deepEqual(wrong.body.message, { ja: 'ワンタイムパスワードが正しくありません。', en: 'The one-time code is not correct.' });
        assert.equal(wrong.body.errors, undefined, 'the request failed, not a field');
        assert.equal(await failures(), counted + 1);
        const audited = (await auditActions('nakano-h1')).at(-1)!;
        assert.deepEqual([audited.action, audited.outcome, (audited.details as { step: string }).step], ['auth.login', 'failed', 'totp']);
        // Still the same login step: the right code gets in and clears the count.
        await t.superuser("UPDATE credentials SET totp_last_step = NULL WHERE user_id = (SELECT id FROM users WHERE login_id = 'nakano-h1')");
        assert.equal((await c.post('/api/auth/totp', { code: await totpCode(who.totpSecret) })).body.next, 'done');
        assert.equal(await failures(), 0);
      });

      it('a wrong password and an unknown ID get the same answer, and both are audited', async () => {
        const c = new Client(app);
        const wrong = await c.post('/api/auth/login', { loginId: 'nakano-h1', password: 'not-the-password' });
        const unknown = await c.post('/api/auth/login', { loginId: 'nobody-here', password: 'not-the-password' });
        assert.equal(wrong.statusCode, 401);
        assert.deepEqual(unknown.body, wrong.body);
        const failed = (await auditActions('nakano-h1')).filter((r) => r.outcome === 'failed');
        assert.ok(failed.length >= 1);
        const anon = await t.superuser("SELECT details FROM audit_log WHERE action = 'auth.login' AND actor_user_id IS NULL");
        assert.equal(anon.rows.length, 1);
        assert.equal((anon.rows[0].details as { reason: string }).reason, 'unknown_id');
        assert.ok(!JSON.stringify(anon.rows[0].details).includes('nobody-here'), 'the typed ID is not stored');
        // A correct login resets the count.
        await loginAgain(t, app, 'nakano-h1', who);
      });

      it('logout ends the session; "log out everywhere" ends the others too', async () => {
        const a = await loginAgain(t, app, 'nakano-h1', who);
        const b = await loginAgain(t, app, 'nakano-h1', who);
        assert.equal((await a.post('/api/auth/logout')).statusCode, 204);
        assert.equal((await a.get('/api/auth/me')).statusCode, 401);
        assert.equal((await b.get('/api/auth/me')).statusCode, 200);
        const c = await loginAgain(t, app, 'nakano-h1', who);
        assert.equal((await c.post('/api/auth/logout-everywhere')).statusCode, 204);
        assert.equal((await b.get('/api/auth/me')).statusCode, 401);
        assert.equal((await c.get('/api/auth/me')).statusCode, 401);
      });

      it('a session ends after 30 idle minutes and after 12 hours in any case', async () => {
        const idle = await loginAgain(t, app, 'nakano-h1', who);
        assert.equal((await idle.get('/api/auth/me')).statusCode, 200);
        const sessionOf = "(SELECT id FROM sessions WHERE user_id = (SELECT id FROM users WHERE login_id = 'nakano-h1') AND ended_at IS NULL AND stage = 'done' ORDER BY created_at DESC LIMIT 1)";
        await t.superuser(`UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE id = ${sessionOf}`);
        const expired = await idle.get('/api/auth/me');
        assert.equal(expired.statusCode, 401);
        assert.equal(expired.body.code, 'session_expired');
        assert.match(expired.body.message.ja, /ログアウト/);

        const old = await loginAgain(t, app, 'nakano-h1', who);
        await t.superuser(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = ${sessionOf}`);
        assert.equal((await old.get('/api/auth/me')).body.code, 'session_expired');
        const ended = await t.superuser("SELECT ended_reason FROM sessions WHERE ended_reason IN ('idle', 'expired') ORDER BY ended_reason");
        assert.deepEqual(ended.rows.map((r) => r.ended_reason), ['expired', 'idle']);

        // Ended sessions are deleted after the retention period; open ones stay.
        const open = await loginAgain(t, app, 'nakano-h1', who);
        await t.superuser("UPDATE sessions SET ended_at = now() - interval '31 days' WHERE ended_reason = 'idle'");
        assert.equal(await purgeOldSessions(t.db), 1);
        assert.equal((await open.get('/api/auth/me')).statusCode, 200);
        await open.post('/api/auth/logout-everywhere');
      });

      it('one ID used from two addresses at once is flagged for review', async () => {
        await loginAgain(t, app, 'nakano-h1', who, '10.0.0.1');
        await loginAgain(t, app, 'nakano-h1', who, '10.0.0.2');
        const flags = await t.superuser(
          "SELECT kind, details FROM security_flags WHERE user_id = (SELECT id FROM users WHERE login_id = 'nakano-h1')",
        );
        assert.equal(flags.rows.length, 1);
        assert.equal(flags.rows[0].kind, 'concurrent_sessions');
        assert.deepEqual((flags.rows[0].details as { addresses: string[] }).addresses, ['10.0.0.2', '10.0.0.1']);
      });
    });

    it('failed logins back off, then lock the ID; the lock is audited and an admin reopens it', async () => {
      const { password } = accountOf('sakura-clerk1');
      const c = new Client(app);
      // Pretend each failure happened long ago so the back-off does not make the test wait.
      const age = () => t.superuser("UPDATE credentials SET last_failed_at = now() - interval '1 hour' WHERE user_id = (SELECT id FROM users WHERE login_id = 'sakura-clerk1')");
      for (let i = 1; i <= LOGIN_POLICY.lockAfter; i++) {
        const r = await c.post('/api/auth/login', { loginId: 'sakura-clerk1', password: 'wrong-password-' + i });
        assert.equal(r.statusCode, i < LOGIN_POLICY.lockAfter ? 401 : 423, `attempt ${i}`);
        if (i === LOGIN_POLICY.freeFailures) {
          const early = await c.post('/api/auth/login', { loginId: 'sakura-clerk1', password });
          assert.equal(early.statusCode, 429, 'too soon after repeated failures');
          assert.equal(early.body.code, 'login_backoff');
          assert.ok(Number(early.headers['retry-after']) > 0);
        }
        await age();
      }
      const locked = await c.post('/api/auth/login', { loginId: 'sakura-clerk1', password });
      assert.equal(locked.statusCode, 423, 'even the right password is refused while locked');
      assert.equal(locked.body.code, 'account_locked');
      const lockRows = (await auditActions('sakura-clerk1')).filter((r) => r.action === 'auth.lock');
      assert.equal(lockRows.length, 1);

      const admin = await firstLogin(t, app, 'shinjuku-admin');
      const [clerk] = (await admin.client.get('/api/users')).body.users.filter((u: { loginId: string }) => u.loginId === 'sakura-clerk1');
      assert.equal(clerk.locked, true);
      assert.equal((await admin.client.post(`/api/users/${clerk.id}/reactivate`)).statusCode, 200);
      const again = await c.post('/api/auth/login', { loginId: 'sakura-clerk1', password });
      assert.equal(again.body.next, 'change_password');
    });

    it('refuses a state-changing request without the CSRF token', async () => {
      const { password } = accountOf('midori-dr1');
      const c = new Client(app);
      const noToken = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { loginId: 'midori-dr1', password } });
      assert.equal(noToken.statusCode, 403);
      assert.equal(noToken.json().code, 'csrf_invalid');
      const forged = await c.post('/api/auth/login', { loginId: 'midori-dr1', password }, { 'x-csrf-token': 'forged' });
      assert.equal(forged.statusCode, 403);
      const ok = await c.post('/api/auth/login', { loginId: 'midori-dr1', password });
      assert.equal(ok.statusCode, 200);
    });

    it('limits login requests per address', async () => {
      const limited = await startApp(t, { LOGIN_RATE_LIMIT_PER_MINUTE: 3 });
      try {
        const c = new Client(limited, '10.9.9.9');
        const codes = [];
        for (let i = 0; i < 4; i++) codes.push((await c.post('/api/auth/login', { loginId: 'nobody', password: 'x' })).statusCode);
        assert.deepEqual(codes, [401, 401, 401, 429]);
        const other = new Client(limited, '10.9.9.10');
        assert.equal((await other.post('/api/auth/login', { loginId: 'nobody', password: 'x' })).statusCode, 401);
      } finally {
        await limited.close();
      }
    });

    describe('a refused login states when a retry is checked (Retry-After), with the real clock', () => {
      const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      const retryAfter = (r: { headers: Record<string, unknown> }) => Number(r.headers['retry-after']);

      it('the back-off: the right password exactly at the stated time is accepted', async () => {
        const { password } = accountOf('tokyo-hotel1');
        const c = new Client(app, '10.7.7.1');
        for (let i = 0; i < LOGIN_POLICY.freeFailures; i++) {
          assert.equal((await c.post('/api/auth/login', { loginId: 'tokyo-hotel1', password: `wrong-${i}` })).statusCode, 401);
        }
        const early = await c.post('/api/auth/login', { loginId: 'tokyo-hotel1', password });
        assert.equal(early.statusCode, 429);
        assert.equal(early.body.code, 'login_backoff');
        assert.equal(retryAfter(early), LOGIN_POLICY.baseDelaySeconds);
        await sleep(retryAfter(early));
        const checked = await c.post('/api/auth/login', { loginId: 'tokyo-hotel1', password });
        assert.equal(checked.statusCode, 200, JSON.stringify(checked.body));
      });

      it('the back-off’s stated time counts the address’s limit too: the retry is not refused by it', async () => {
        // Four login requests per address in a 6-second window: the fourth takes the last place.
        const limited = await startApp(t, { LOGIN_RATE_LIMIT_PER_MINUTE: 4 }, { loginRateWindowMs: 6000 });
        try {
          const { password } = accountOf('tokyo-admin');
          const c = new Client(limited, '10.7.7.2');
          for (let i = 0; i < LOGIN_POLICY.freeFailures; i++) {
            assert.equal((await c.post('/api/auth/login', { loginId: 'tokyo-admin', password: `wrong-${i}` })).statusCode, 401);
          }
          const early = await c.post('/api/auth/login', { loginId: 'tokyo-admin', password });
          assert.equal(early.body.code, 'login_backoff');
          assert.ok(retryAfter(early) > LOGIN_POLICY.baseDelaySeconds, `${retryAfter(early)} s: until the address's window ends`);
          await sleep(retryAfter(early));
          const checked = await c.post('/api/auth/login', { loginId: 'tokyo-admin', password });
          assert.equal(checked.statusCode, 200, JSON.stringify(checked.body));
        } finally {
          await limited.close();
        }
      });

      it('the address limit’s stated time counts the account’s back-off too: the retry is checked', async () => {
        // Two login requests per address in a 2.5-second window.
        const limited = await startApp(t, { LOGIN_RATE_LIMIT_PER_MINUTE: 2 }, { loginRateWindowMs: 2500 });
        try {
          const { password } = accountOf('mhlw-admin');
          // The ID failed four times just now (by this process's clock, as the service reads it): its
          // next attempt waits 4 s, past the address's window.
          const failedAt = Date.now();
          await t.superuser("UPDATE credentials SET failed_attempts = 4, last_failed_at = $1 WHERE user_id = (SELECT id FROM users WHERE login_id = 'mhlw-admin')", [new Date(failedAt)]);
          const c = new Client(limited, '10.7.7.3');
          for (let i = 0; i < 2; i++) assert.equal((await c.post('/api/auth/login', { loginId: 'mhlw-admin', password })).body.code, 'login_backoff');
          const over = await c.post('/api/auth/login', { loginId: 'mhlw-admin', password });
          assert.equal(over.statusCode, 429);
          assert.equal(over.body.code, 'rate_limited');
          const backoffLeft = 4 - (Date.now() - failedAt) / 1000;
          assert.ok(retryAfter(over) >= backoffLeft, `${retryAfter(over)} s: not before the ID's back-off ends (${backoffLeft} s)`);
          await sleep(retryAfter(over));
          const checked = await c.post('/api/auth/login', { loginId: 'mhlw-admin', password });
          assert.equal(checked.statusCode, 200, JSON.stringify(checked.body));
        } finally {
          await limited.close();
        }
      });
    });

    it('sets the session cookie HttpOnly, Secure and SameSite=Strict', async () => {
      const { password } = accountOf('tokyo-hq1');
      const c = new Client(app);
      const token = (await c.get('/api/auth/csrf')).body.token;
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { loginId: 'tokyo-hq1', password },
        headers: { 'x-csrf-token': token },
        cookies: Object.fromEntries(c.cookies),
      });
      const cookie = String(res.headers['set-cookie']);
      assert.match(cookie, /hersys_session=/);
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /Secure/);
      assert.match(cookie, /SameSite=Strict/);
    });
  });
}
