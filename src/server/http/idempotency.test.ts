// Idempotency-Key: a retried request answers as the first one did and the work is done once; the
// same key with another request is refused; keys are each user's own and last a day.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { closeApp, firstLogin, openApp, type LoggedIn } from '../../../test/harness/http.ts';
import { purgeOldIdempotencyKeys } from '../jobs/old-idempotency-keys.ts';

const person = (phone: string) => ({
  nameKanji: '冪等 太郎',
  nameKana: 'ベキトウ タロウ',
  sex: 'male',
  birthDate: '1970-07-07',
  residenceAddress: '東京都新宿区西新宿2-8-1',
  phone,
});
const PCR = { method: 'naat', specimen: 'nasopharyngeal_swab', collectedOn: '2026-11-19', result: 'positive', resultOn: '2026-11-20' };
const registration = (phone: string) => ({ person: person(phone), choice: { kind: 'new_person' }, tests: [PCR] });

for (const engine of ENGINES) {
  describe(`Idempotency-Key (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let doctor: LoggedIn;
    let clerk: LoggedIn;
    const personsWith = async (phone: string) =>
      (await t.superuser('SELECT count(*)::int AS n FROM persons WHERE phone = $1', [phone])).rows[0].n as number;
    const casesOf = async (phone: string) =>
      (await t.superuser('SELECT count(*)::int AS n FROM cases c JOIN persons p ON p.id = c.person_id WHERE p.phone = $1', [phone])).rows[0].n as number;

    before(async () => {
      ({ t, app } = await openApp(engine));
      [doctor, clerk] = [await firstLogin(t, app, 'sakura-dr1'), await firstLogin(t, app, 'sakura-clerk1')];
    });
    after(() => closeApp(t, app));

    it('a retry with the same key and body gets the first answer again, and the case is registered once', async () => {
      const key = randomUUID();
      const first = await doctor.client.post('/api/registrations', registration('090-0000-0001'), { 'idempotency-key': key });
      assert.equal(first.statusCode, 201);
      assert.equal(first.headers['idempotent-replayed'], undefined);
      const again = await doctor.client.post('/api/registrations', registration('090-0000-0001'), { 'idempotency-key': key });
      assert.equal(again.statusCode, 201);
      assert.deepEqual(again.body, first.body);
      assert.equal(again.headers['idempotent-replayed'], 'true');
      assert.equal(await casesOf('090-0000-0001'), 1);
      // Showing the stored answer again is an access like the first: audited.
      const replays = await t.superuser("SELECT count(*)::int AS n FROM audit_log WHERE action = 'request.replayed'");
      assert.equal(replays.rows[0].n, 1);
      // Without a key, the same body is a new registration (a new episode would be the client's call).
      assert.equal((await doctor.client.post('/api/registrations', registration('090-0000-0001'))).statusCode, 201);
      assert.equal(await casesOf('090-0000-0001'), 2);
    });

    it('the same key with another body is refused with 422, and nothing is written', async () => {
      const key = randomUUID();
      assert.equal((await doctor.client.post('/api/registrations', registration('090-0000-0002'), { 'idempotency-key': key })).statusCode, 201);
      const other = await doctor.client.post('/api/registrations', registration('090-0000-0003'), { 'idempotency-key': key });
      assert.equal(other.statusCode, 422);
      assert.equal(other.body.code, 'idempotency_key_reused');
      assert.ok(other.body.message.ja && other.body.message.en);
      assert.equal(await personsWith('090-0000-0003'), 0);
      // And on another route.
      const elsewhere = await doctor.client.post('/api/registrations/duplicates', { nameKana: 'ベキトウ タロウ', birthDate: '1970-07-07', sex: 'male' }, { 'idempotency-key': key });
      assert.equal(elsewhere.statusCode, 422);
    });

    it('a key is its user’s own: another user’s same key is another request', async () => {
      const key = randomUUID();
      const mine = await doctor.client.post('/api/registrations', registration('090-0000-0004'), { 'idempotency-key': key });
      const theirs = await clerk.client.post('/api/registrations', registration('090-0000-0004'), { 'idempotency-key': key });
      assert.equal(mine.statusCode, 201);
      assert.equal(theirs.statusCode, 201);
      assert.notEqual(theirs.body.caseId, mine.body.caseId);
      assert.equal(theirs.headers['idempotent-replayed'], undefined);
    });

    it('a refused request keeps no answer: the corrected request with the same key does the work', async () => {
      const key = randomUUID();
      const bad = { ...registration('090-0000-0005'), tests: Array(5).fill(PCR) };
      assert.equal((await doctor.client.post('/api/registrations', bad, { 'idempotency-key': key })).statusCode, 400);
      const good = await doctor.client.post('/api/registrations', registration('090-0000-0005'), { 'idempotency-key': key });
      assert.equal(good.statusCode, 201);
      assert.equal(await casesOf('090-0000-0005'), 1);
    });

    it('two requests with one key at once: one does the work; the other is told to retry, then gets its answer', async () => {
      const key = randomUUID();
      const send = () => doctor.client.post('/api/registrations', registration('090-0000-0006'), { 'idempotency-key': key });
      const answers = await Promise.all([send(), send()]);
      for (const a of answers) assert.ok([201, 409].includes(a.statusCode), JSON.stringify(a.body));
      const refused = answers.find((a) => a.statusCode === 409);
      if (refused) {
        assert.equal(refused.body.code, 'idempotency_key_in_use');
        assert.equal(refused.headers['retry-after'], '1');
        const retried = await send();
        assert.equal(retried.statusCode, 201);
      }
      assert.equal(await casesOf('090-0000-0006'), 1);
    });

    it('a key answers for a day: older, the work is done again, and the scheduled job deletes old keys', async () => {
      const key = randomUUID();
      assert.equal((await doctor.client.post('/api/registrations', registration('090-0000-0007'), { 'idempotency-key': key })).statusCode, 201);
      await t.superuser("UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = $1", [key]);
      const later = await doctor.client.post('/api/registrations', registration('090-0000-0007'), { 'idempotency-key': key });
      assert.equal(later.statusCode, 201);
      assert.equal(later.headers['idempotent-replayed'], undefined);
      assert.equal(await casesOf('090-0000-0007'), 2);
      await t.superuser("UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = $1", [key]);
      assert.equal(await purgeOldIdempotencyKeys(t.db), 1);
      assert.equal((await t.superuser('SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1', [key])).rows[0].n, 0);
    });

    it('bad keys are a 400 at the header, and the header is documented on POST and PATCH', async () => {
      const bad = await doctor.client.post('/api/registrations', registration('090-0000-0008'), { 'idempotency-key': 'ä'.repeat(3) });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(bad.body.errors[0].path, ['headers', 'idempotency-key']);
      const doc = (await doctor.client.get('/api/openapi.json')).body;
      const parameters = doc.paths['/api/registrations'].post.parameters as { in: string; name: string }[];
      assert.ok(parameters.some((p) => p.in === 'header' && p.name === 'idempotency-key'));
    });
  });
}
