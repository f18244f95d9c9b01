// The HTTP contract every route shares: bad input is a 4xx with field paths in Japanese and
// English (never a 500), unknown routes 404, the OpenAPI document, security headers, health
// checks, and logs without personal data.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { ENGINES, type TestDatabase } from '../../test/harness/engines.ts';
import { Client, closeApp, firstLogin, openApp, startApp, type LoggedIn } from '../../test/harness/http.ts';

for (const engine of ENGINES) {
  describe(`HTTP contract (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let admin: LoggedIn;
    let log = '';

    before(async () => {
      const logStream = new PassThrough();
      logStream.on('data', (chunk) => (log += chunk));
      ({ t, app } = await openApp(engine, { LOG_LEVEL: 'info' }, { logStream }));
      admin = await firstLogin(t, app, 'shinjuku-admin');
    });
    after(() => closeApp(t, app));

    it('answers malformed JSON with 400 invalid_json in both languages', async () => {
      const r = await admin.client.request('POST', '/api/users', '{"orgId": ', { 'content-type': 'application/json' });
      assert.equal(r.statusCode, 400);
      assert.equal(r.body.code, 'invalid_json');
      assert.match(r.body.message.ja, /JSON/);
      assert.match(r.body.message.en, /JSON/);
    });

    it('answers wrong types with every field path and a message in Japanese and English', async () => {
      const r = await admin.client.post('/api/users', { orgId: 'not-a-uuid', loginId: 42, displayName: '', roles: ['surgeon'], extra: true });
      assert.equal(r.statusCode, 400);
      assert.equal(r.body.code, 'invalid_input');
      const paths = r.body.errors.map((e: { path: unknown[] }) => e.path.join('.'));
      assert.deepEqual(paths.sort(), ['body.displayName', 'body.loginId', 'body.orgId', 'body.roles.0'].sort());
      for (const e of r.body.errors) {
        assert.ok(e.code);
        assert.ok(/[ぁ-んァ-ヶ一-龠]/.test(e.message.ja), `Japanese message for ${e.path}: ${e.message.ja}`);
        assert.ok(/[a-z]/i.test(e.message.en));
      }
      const count = await t.superuser('SELECT count(*)::int AS n FROM users');
      assert.equal(count.rows[0].n, t.world.accounts.length, 'nothing was written');
    });

    it('never answers 500 to what a client sends', async () => {
      const bodies = [null, [], 'text', 12, { orgId: null }, { roles: 'doctor' }, { loginId: 'x'.repeat(10_000) }];
      for (const body of bodies) {
        const r = await admin.client.request('POST', '/api/users', JSON.stringify(body), { 'content-type': 'application/json' });
        assert.ok(r.statusCode >= 400 && r.statusCode < 500, `${JSON.stringify(body).slice(0, 40)} -> ${r.statusCode}`);
      }
      const cases: [string, string, unknown?][] = [
        ['GET', '/api/users?unusedForDays=abc'],
        ['GET', '/api/users?orgId=%00'],
        ['POST', '/api/users/not-a-uuid/suspend', { reason: 'x' }],
        ['PATCH', '/api/users/00000000-0000-4000-8000-000000000000', { version: 1, roles: ['doctor'] }],
        ['POST', '/api/users/00000000-0000-4000-8000-000000000000/reactivate'],
        ['PUT', '/api/orgs/00000000-0000-4000-8000-000000000000/quota', { version: 1, idQuota: -1 }],
        ['POST', '/api/auth/totp', { code: '123456' }],
      ];
      for (const [method, url, body] of cases) {
        const r = await admin.client.request(method as never, url, body);
        assert.ok(r.statusCode >= 400 && r.statusCode < 500, `${method} ${url} -> ${r.statusCode}`);
        assert.ok(r.body.message?.ja && r.body.message?.en, `${method} ${url} has a message`);
      }
      const xml = await admin.client.request('POST', '/api/users', '<user/>', { 'content-type': 'application/xml' });
      assert.equal(xml.statusCode, 415);
    });

    it('answers paths the router refuses (bad percent-encoding, an id over its length limit) in the Problem shape', async () => {
      for (const [url, status] of [['/api/users/%E3%81/suspend', 400], ['/api/users/%/suspend', 400], [`/api/users/${'a'.repeat(300)}/suspend`, 414]] as const) {
        const r = await admin.client.post(url, { reason: 'x' });
        assert.equal(r.statusCode, status, url);
        assert.equal(r.body.code, 'invalid_input', url);
        assert.ok(r.body.message.ja && r.body.message.en, url);
      }
    });

    it('answers unknown routes 404 and missing logins 401', async () => {
      assert.equal((await new Client(app).get('/api/no-such-thing')).statusCode, 404);
      assert.equal((await new Client(app).post('/api/no-such-thing', {})).statusCode, 404);
      const anonymous = await new Client(app).get('/api/users');
      assert.equal(anonymous.statusCode, 401);
      assert.equal(anonymous.body.code, 'unauthenticated');
    });

    it('documents every route in OpenAPI with its schemas and the error shape', async () => {
      const doc = (await new Client(app).get('/api/openapi.json')).body;
      assert.equal(doc.openapi, '3.1.0');
      const paths = Object.keys(doc.paths);
      for (const p of ['/api/auth/login', '/api/auth/totp', '/api/users', '/api/users/{id}/suspend', '/api/orgs', '/api/ready']) {
        assert.ok(paths.includes(p), p);
      }
      const issue = doc.paths['/api/users'].post;
      assert.ok(issue.requestBody.content['application/json'].schema.properties.loginId);
      assert.ok(issue.responses['400'], 'errors are documented');
      assert.ok((await new Client(app).get('/api/docs')).statusCode < 400);
    });

    it('sends security headers; HSTS only over TLS', async () => {
      const r = await app.inject({ method: 'GET', url: '/api/health' });
      assert.match(String(r.headers['content-security-policy']), /default-src 'self'/);
      assert.match(String(r.headers['content-security-policy']), /frame-ancestors 'none'/);
      assert.equal(r.headers['x-content-type-options'], 'nosniff');
      assert.equal(r.headers['x-frame-options'], 'DENY');
      assert.equal(r.headers['strict-transport-security'], undefined);
      const proxied = await startApp(t, { TRUST_PROXY: true });
      try {
        const tls = await proxied.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' } });
        assert.match(String(tls.headers['strict-transport-security']), /max-age=\d+/);
      } finally {
        await proxied.close();
      }
    });

    it('API answers are never cached, no device feature may be asked for, and ids in paths are audited in lower case', async () => {
      const r = await admin.client.get('/api/users');
      assert.equal(r.headers['cache-control'], 'no-store');
      assert.match(String(r.headers['permissions-policy']), /camera=\(\).*geolocation=\(\)/);
      const hc = await firstLogin(t, app, 'shinjuku-h1');
      const id = (await t.superuser("SELECT c.id FROM cases c JOIN organizations o ON o.id = c.responsible_hc_id WHERE o.code = 'shinjuku-hc' LIMIT 1")).rows[0].id as string;
      assert.equal((await hc.client.get(`/api/cases/${id.toUpperCase()}`)).statusCode, 200);
      const [row] = (await t.superuser("SELECT record_ids FROM audit_log WHERE action = 'cases.read' ORDER BY seq DESC LIMIT 1")).rows;
      assert.equal((row.record_ids as string[])[0], id);
    });

    it('a statement that fails logs its code, constraint and table, never the values it carried', async () => {
      // A rule the application does not know of refuses this person: a failure of ours, a 500.
      await t.superuser("ALTER TABLE persons ADD CONSTRAINT log_probe CHECK (name_kanji <> '漏洩 試験')");
      try {
        const doctor = await firstLogin(t, app, 'sakura-dr1');
        const person = { nameKanji: '漏洩 試験', nameKana: 'ロウエイ シケン', sex: 'female', birthDate: '1961-02-03', residenceAddress: '東京都新宿区百人町9-9-9', phone: '090-9876-5432' };
        const r = await doctor.client.post('/api/registrations', { person, choice: { kind: 'new_person' } });
        assert.equal(r.statusCode, 500);
        assert.equal(r.body.code, 'internal');
        const failure = log.split('\n').find((line) => line.includes('request failed'));
        assert.ok(failure, 'the failure is logged');
        const logged = JSON.parse(failure!);
        assert.equal(logged.err.code, '23514');
        assert.equal(logged.err.constraint, 'log_probe');
        assert.equal(logged.err.table, 'persons');
        assert.ok(logged.reqId, 'the request id is logged');
        for (const value of Object.values(person)) assert.ok(!log.includes(value), `the log contains ${value}`);
      } finally {
        await t.superuser('ALTER TABLE persons DROP CONSTRAINT log_probe');
      }
    });

    it('reports liveness and readiness', async () => {
      assert.deepEqual((await new Client(app).get('/api/health')).body, { status: 'ok' });
      const ready = await new Client(app).get('/api/ready');
      assert.equal(ready.statusCode, 200);
      assert.deepEqual(ready.body.checks, { database: true, migrations: true });
    });

    it('writes no personal data, password or session token to the log', async () => {
      await admin.client.get('/api/users');
      const everyone = (await t.superuser('SELECT login_id, display_name FROM users')).rows;
      const persons = (await t.superuser('SELECT name_kanji, name_kana FROM persons')).rows;
      assert.ok(log.includes('request completed'), 'the log is captured');
      const secrets = [
        admin.password,
        ...admin.client.cookies.values(),
        ...everyone.flatMap((u) => [u.display_name as string]),
        ...persons.flatMap((p) => [p.name_kanji as string, p.name_kana as string]),
        ...t.world.accounts.map((a) => a.password),
      ];
      for (const s of secrets) assert.ok(!log.includes(s), `the log contains ${s.slice(0, 4)}…`);
    });
  });
}
