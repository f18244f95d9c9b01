// Postal code → address through the API: any signed-in staff member looks a code up (full-width,
// 〒 and hyphens accepted); a code shared by towns answers each; an unknown code answers none; bad
// input is a 400 at the field in both languages. A code is no personal data: no audit row, and
// the log holds the route only.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { Client, closeApp, firstLogin, openApp, type LoggedIn } from '../../../test/harness/http.ts';

for (const engine of ENGINES) {
  describe(`postal code lookup (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let doctor: LoggedIn;
    let centre: LoggedIn;
    let log = '';
    const lookup = (who: LoggedIn, postalCode: unknown) => who.client.post('/api/postal-codes/lookup', { postalCode });

    before(async () => {
      const logStream = new PassThrough();
      logStream.on('data', (chunk) => (log += String(chunk)));
      ({ t, app } = await openApp(engine, { LOG_LEVEL: 'info' }, { logStream }));
      doctor = await firstLogin(t, app, 'sakura-dr1');
      centre = await firstLogin(t, app, 'shinjuku-h1');
    });
    after(() => closeApp(t, app));

    it('one town: prefecture, city and town, with the KEN_ALL date', async () => {
      const r = await lookup(doctor, '〒１６０－００２２');
      assert.equal(r.statusCode, 200, JSON.stringify(r.body));
      assert.deepEqual(r.body, {
        postalCode: '1600022',
        candidates: [{ prefectureCode: '13', prefecture: '東京都', cityCode: '13104', city: '新宿区', town: '新宿', address: '東京都新宿区新宿' }],
        dataDate: '2025-05-30',
      });
    });

    it('a code shared by towns (or by cities) answers each', async () => {
      const towns = await lookup(centre, '391-0321');
      assert.deepEqual(towns.body.candidates.map((c: { address: string }) => c.address), ['長野県北佐久郡立科町芦田八ケ野', '長野県北佐久郡立科町池の平']);
      const cities = await lookup(centre, '1900100');
      assert.deepEqual(cities.body.candidates.map((c: { city: string; town: string }) => [c.city, c.town]), [['あきる野市', ''], ['西多摩郡日の出町', '']]);
    });

    it('an unknown code answers no candidate (not an error)', async () => {
      const r = await lookup(doctor, '999-9999');
      assert.equal(r.statusCode, 200);
      assert.deepEqual(r.body.candidates, []);
    });

    it('what is not a postal code is a 400 at body.postalCode, in Japanese and English', async () => {
      for (const bad of ['160-002', '16000221', 'abc-defg', '', 1600022, null, 'x'.repeat(21)]) {
        const r = await lookup(doctor, bad);
        assert.equal(r.statusCode, 400, `${JSON.stringify(bad)} -> ${r.statusCode}`);
        assert.equal(r.body.code, 'invalid_input');
        assert.deepEqual(r.body.errors.map((e: { path: unknown[] }) => e.path.join('.')), ['body.postalCode'], JSON.stringify(bad));
      }
      const r = await lookup(doctor, '160-002');
      assert.match(r.body.errors[0].message.ja, /郵便番号は7桁/);
      assert.match(r.body.errors[0].message.en, /7 digits/);
      const missing = await doctor.client.post('/api/postal-codes/lookup', {});
      assert.deepEqual(missing.body.errors.map((e: { path: unknown[] }) => e.path.join('.')), ['body.postalCode']);
    });

    it('needs a signed-in staff member', async () => {
      const r = await new Client(app).post('/api/postal-codes/lookup', { postalCode: '1600022' });
      assert.equal(r.statusCode, 401);
    });

    it('is not audited and leaves no code in the log', async () => {
      await lookup(doctor, '1350064');
      const rows = await t.superuser("SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'postal%'");
      assert.equal(rows.rows[0].n, 0);
      assert.ok(log.includes('/api/postal-codes/lookup'), 'the route is logged');
      for (const code of ['1350064', '1600022', '391-0321']) assert.ok(!log.includes(code), `${code} not in the log`);
    });
  });
}
