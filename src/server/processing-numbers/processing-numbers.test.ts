// 処理番号 (Q&A 2) through the API: issued by the case's responsible or related centre only, shown
// once and stored as a keyed hash (HMAC under a server key), a new one revokes the earlier, valid for a limited time; the contact
// app's server redeems a number once with its bearer token and learns the self-report ID only.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { actorFor } from '../../../test/harness/actors.ts';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { Client, closeApp, firstLogin, openApp, startApp, type LoggedIn } from '../../../test/harness/http.ts';
import type { Config } from '../config.ts';
import { keyringOf, PROCESSING_NUMBER_HMAC } from '../secrets/keyring.ts';
import { issueProcessingNumber, redeemProcessingNumber } from './service.ts';

const TOKEN = 'test-token-of-the-contact-app-operator-0123456789';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** What the database keeps of a number: its HMAC under the server's key (0034). */
const keyedHash = (t: TestDatabase, s: string) => keyringOf(t.db).hmac(PROCESSING_NUMBER_HMAC, s);

/**
 * The application as a server runs it with the contact app's token configured: the app's server
 * calls with its bearer token only (no session, no CSRF token).
 */
const redeemApp = (t: TestDatabase, config: Partial<Config> = {}) => startApp(t, { PROCESSING_NUMBER_REDEEM_TOKEN: TOKEN, ...config });

for (const engine of ENGINES) {
  describe(`processing numbers (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let appServer: FastifyInstance;
    let shinjuku: LoggedIn;
    let nakano: LoggedIn;
    let doctor: LoggedIn;
    let institute: LoggedIn;
    const caseOf = async (kana: string) =>
      (await t.superuser('SELECT c.id, c.self_report_id FROM cases c JOIN persons p ON p.id = c.person_id WHERE p.name_kana = $1', [kana]))
        .rows[0] as { id: string; self_report_id: string };
    const redeem = (number: unknown, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) =>
      appServer.inject({ method: 'POST', url: '/api/processing-numbers/redeem', payload: { number }, headers });
    const issue = async (who: LoggedIn, caseId: string) => who.client.post(`/api/cases/${caseId}/processing-numbers`);

    let yamada: { id: string; self_report_id: string };
    let suzuki: { id: string; self_report_id: string };

    before(async () => {
      ({ t, app } = await openApp(engine));
      appServer = await redeemApp(t);
      shinjuku = await firstLogin(t, app, 'shinjuku-h1');
      nakano = await firstLogin(t, app, 'nakano-h1');
      doctor = await firstLogin(t, app, 'sakura-dr1');
      institute = await firstLogin(t, app, 'tokyo-phi1');
      yamada = await caseOf('ヤマダ タロウ');
      suzuki = await caseOf('スズキ イチロウ');
    });
    after(async () => {
      await appServer.close();
      await closeApp(t, app);
    });

    let first: { id: string; number: string };

    it('the responsible centre issues an 8-digit number valid 24 hours; only its HMAC under the server key is stored, not a SHA-256 a copy of the database reverses', async () => {
      const r = await issue(shinjuku, yamada.id);
      assert.equal(r.statusCode, 201, JSON.stringify(r.body));
      assert.match(r.body.number, /^\d{8}$/);
      assert.equal(Date.parse(r.body.expiresAt) - Date.parse(r.body.issuedAt), 24 * 3_600_000);
      assert.equal(r.body.revokedEarlier, 0);
      first = r.body;
      const stored = await t.superuser('SELECT number_hash, row_to_json(p)::text AS raw FROM processing_numbers p WHERE id = $1', [first.id]);
      assert.equal(stored.rows[0].number_hash, keyedHash(t, first.number));
      assert.notEqual(stored.rows[0].number_hash, sha256(first.number));
      assert.ok(!String(stored.rows[0].raw).includes(first.number), 'the number is nowhere in the row');
    });

    it('issuing is audited without the number or its hash', async () => {
      const rows = (await t.superuser("SELECT * FROM audit_log WHERE action = 'processing_numbers.issue' ORDER BY seq")).rows;
      assert.equal(rows.length, 1);
      assert.deepEqual(rows[0].record_ids, [yamada.id, first.id]);
      assert.equal(rows[0].actor_user_id, (await actorFor(t.db, 'shinjuku-h1')).userId);
      const text = JSON.stringify(rows[0]);
      assert.ok(!text.includes(first.number));
      assert.ok(!text.includes(keyedHash(t, first.number)));
    });

    it('the list shows when, by whom and the state, never the number', async () => {
      const r = await shinjuku.client.get(`/api/cases/${yamada.id}/processing-numbers`);
      assert.equal(r.statusCode, 200);
      assert.equal(r.body.processingNumbers.length, 1);
      const [item] = r.body.processingNumbers;
      assert.equal(item.id, first.id);
      assert.equal(item.state, 'active');
      assert.equal(item.issuedBy, (await actorFor(t.db, 'shinjuku-h1')).userId);
      assert.equal(item.number, undefined);
      assert.ok(!JSON.stringify(r.body).includes(first.number));
      assert.ok(!JSON.stringify(r.body).includes(keyedHash(t, first.number)));
    });

    it('a new number revokes the earlier one still redeemable', async () => {
      const r = await issue(shinjuku, yamada.id);
      assert.equal(r.statusCode, 201);
      assert.equal(r.body.revokedEarlier, 1);
      assert.notEqual(r.body.number, first.number);
      const list = (await shinjuku.client.get(`/api/cases/${yamada.id}/processing-numbers`)).body.processingNumbers;
      assert.deepEqual(list.map((n: { id: string; state: string }) => [n.id, n.state]), [[r.body.id, 'active'], [first.id, 'revoked']]);
      const refused = await redeem(first.number);
      assert.equal(refused.statusCode, 422);
      assert.equal(refused.json().code, 'processing_number_revoked');
    });

    it('the app’s server redeems a number once and learns the self-report ID only; audited with no actor', async () => {
      const { number, id } = (await issue(shinjuku, yamada.id)).body;
      const ok = await redeem(number.slice(0, 4) + '-' + number.slice(4));
      assert.equal(ok.statusCode, 200, ok.body);
      assert.deepEqual(ok.json(), { selfReportId: yamada.self_report_id });
      const used = (await t.superuser('SELECT used_at FROM processing_numbers WHERE id = $1', [id])).rows[0];
      assert.ok(used.used_at);
      const again = await redeem(number);
      assert.equal(again.statusCode, 422);
      assert.equal(again.json().code, 'processing_number_used');
      const audits = (await t.superuser("SELECT * FROM audit_log WHERE action = 'processing_numbers.redeem' ORDER BY seq")).rows;
      const mine = audits.filter((a) => (a.record_ids as string[]).includes(id));
      assert.deepEqual(mine.map((a) => [a.outcome, a.actor_user_id]), [['ok', null], ['denied', null]]);
      assert.ok(!JSON.stringify(mine).includes(number));
      const state = (await shinjuku.client.get(`/api/cases/${yamada.id}/processing-numbers`)).body.processingNumbers[0].state;
      assert.equal(state, 'used');
    });

    it('two redemptions at once: exactly one succeeds', async () => {
      const { number } = (await issue(shinjuku, yamada.id)).body;
      const results = await Promise.all([redeemProcessingNumber(t.db, number), redeemProcessingNumber(t.db, number), redeemProcessingNumber(t.db, number)]);
      assert.equal(results.filter((r) => r.ok).length, 1);
      assert.deepEqual(results.filter((r) => !r.ok), [{ ok: false, reason: 'used' }, { ok: false, reason: 'used' }]);
    });

    it('an expired number is refused and listed as expired', async () => {
      const { number, id } = (await issue(shinjuku, yamada.id)).body;
      await t.superuser("UPDATE processing_numbers SET expires_at = now() - interval '1 minute' WHERE id = $1", [id]);
      const r = await redeem(number);
      assert.equal(r.statusCode, 422);
      assert.equal(r.json().code, 'processing_number_expired');
      assert.ok(r.json().message.ja);
      const item = (await shinjuku.client.get(`/api/cases/${yamada.id}/processing-numbers`)).body.processingNumbers.find((n: { id: string }) => n.id === id);
      assert.equal(item.state, 'expired');
      // An expired number is not revoked by the next one: it stays expired.
      await issue(shinjuku, yamada.id);
      assert.equal((await t.superuser('SELECT revoked_at FROM processing_numbers WHERE id = $1', [id])).rows[0].revoked_at, null);
    });

    it('a number never issued is unknown; one that cannot be a number is a 400 at the field', async () => {
      const issued = new Set((await t.superuser('SELECT number_hash FROM processing_numbers')).rows.map((r) => r.number_hash));
      let unknown = '00000000';
      for (let i = 0; issued.has(keyedHash(t, unknown)); i++) unknown = String(i).padStart(8, '0');
      const r = await redeem(unknown);
      assert.equal(r.statusCode, 422);
      assert.equal(r.json().code, 'processing_number_unknown');
      const bad = await redeem('1234567');
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(bad.json().errors.map((e: { path: unknown }) => e.path), [['body', 'number']]);
      const notText = await redeem(12345678);
      assert.equal(notText.statusCode, 400);
    });

    it('redemption needs the operator’s bearer token (401), checked before the body', async () => {
      const { number, id } = (await issue(shinjuku, yamada.id)).body;
      for (const headers of [{}, { authorization: 'Bearer wrong' }, { authorization: `Bearer ${TOKEN}x` }, { authorization: TOKEN }, { authorization: `Basic ${TOKEN}` }] as Record<string, string>[]) {
        const r = await redeem(number, headers);
        assert.equal(r.statusCode, 401, JSON.stringify(headers));
        assert.equal(r.json().code, 'redeem_token_invalid');
      }
      assert.equal((await redeem('bad', {})).statusCode, 401, 'no token: not even validation is answered');
      assert.equal((await t.superuser('SELECT used_at FROM processing_numbers WHERE id = $1', [id])).rows[0].used_at, null);
      assert.equal((await redeem(number)).statusCode, 200);
    });

    it('without a configured token there is no redemption route (404), with or without a session', async () => {
      const anonymous = new Client(app);
      for (const client of [anonymous, shinjuku.client]) {
        const r = await client.post('/api/processing-numbers/redeem', { number: '12345678' }, { authorization: `Bearer ${TOKEN}` });
        assert.equal(r.statusCode, 404);
      }
      const { number } = (await issue(shinjuku, yamada.id)).body;
      const bare = await app.inject({ method: 'POST', url: '/api/processing-numbers/redeem', payload: { number }, headers: { authorization: `Bearer ${TOKEN}` } });
      assert.equal(bare.statusCode, 404);
      await assert.rejects(redeemApp(t, { PROCESSING_NUMBER_REDEEM_TOKEN: 'short' }), /at least 32 characters/);
    });

    it('redemption is rate-limited per address', async () => {
      const limited = await redeemApp(t, { PROCESSING_NUMBER_REDEEM_RATE_LIMIT_PER_MINUTE: 3 });
      try {
        const codes = [];
        for (let i = 0; i < 4; i++) {
          const r = await limited.inject({ method: 'POST', url: '/api/processing-numbers/redeem', payload: { number: '12345678' }, headers: { authorization: 'Bearer wrong' } });
          codes.push(r.statusCode);
        }
        assert.deepEqual(codes, [401, 401, 401, 429], 'wrong tokens count too');
      } finally {
        await limited.close();
      }
    });

    it('a related centre issues too; a centre that does not see the case gets 404, a clinic doctor 403, a public-health institute 403', async () => {
      const related = await issue(shinjuku, suzuki.id);
      assert.equal(related.statusCode, 201);
      const unseen = await issue(nakano, yamada.id);
      assert.equal(unseen.statusCode, 404);
      const clinic = await issue(doctor, yamada.id);
      assert.equal(clinic.statusCode, 403);
      assert.equal((await doctor.client.get(`/api/cases/${yamada.id}/processing-numbers`)).statusCode, 403);
      // H rights at the institute show the prefecture's cases (Q&A 19), but it is no centre of them.
      const seen = await institute.client.get(`/api/cases?limit=200`);
      assert.ok(seen.body.cases.some((c: { caseId: string }) => c.caseId === yamada.id));
      const inst = await issue(institute, yamada.id);
      assert.equal(inst.statusCode, 403);
      assert.equal(inst.body.code, 'processing_number_centre_only');
      assert.equal((await nakano.client.get(`/api/cases/${yamada.id}/processing-numbers`)).statusCode, 404);
    });

    it('200 numbers: 200 distinct hashes, one active at a time; a taken hash is drawn again', async () => {
      const actor = await actorFor(t.db, 'nakano-h1');
      const ctx = { actor, clientAddr: null };
      const kase = await caseOf('タカハシ ミサキ');
      const numbers = new Set<string>();
      for (let i = 0; i < 200; i++) numbers.add((await issueProcessingNumber(t.db, ctx, kase.id)).number);
      assert.equal(numbers.size, 200);
      const stored = (await t.superuser(
        "SELECT count(DISTINCT number_hash)::int AS hashes, count(*) FILTER (WHERE revoked_at IS NULL)::int AS active FROM processing_numbers WHERE case_id = $1",
        [kase.id],
      )).rows[0];
      assert.deepEqual(stored, { hashes: 200, active: 1 });

      // Digits 0,0,… give 00000000; the next draw of the same is refused by the index, then 11111111.
      const zeros = await issueProcessingNumber(t.db, ctx, kase.id, { random: () => 0 });
      assert.equal(zeros.number, '00000000');
      let calls = 0;
      const again = await issueProcessingNumber(t.db, ctx, kase.id, { random: () => (calls++ < 8 ? 0 : 1) });
      assert.equal(again.number, '11111111');
      assert.equal(calls, 16);
    });

    it('numbers issued at once for one case leave one active (the case is locked while issuing)', async () => {
      const ctx = { actor: await actorFor(t.db, 'shinjuku-h1'), clientAddr: null };
      const issued = await Promise.all(Array.from({ length: 5 }, () => issueProcessingNumber(t.db, ctx, suzuki.id)));
      const active = await t.superuser(
        'SELECT id FROM processing_numbers WHERE case_id = $1 AND revoked_at IS NULL AND used_at IS NULL AND expires_at > now()',
        [suzuki.id],
      );
      assert.equal(active.rows.length, 1);
      assert.ok(issued.some((n) => n.id === active.rows[0].id));
    });

    it('the validity period is a parameter', async () => {
      const ctx = { actor: await actorFor(t.db, 'shinjuku-h1'), clientAddr: null };
      const r = await issueProcessingNumber(t.db, ctx, yamada.id, { validityHours: 2 });
      assert.equal(Date.parse(r.expiresAt) - Date.parse(r.issuedAt), 2 * 3_600_000);
      const stored = (await t.superuser('SELECT expires_at - issued_at = interval \'2 hours\' AS two FROM processing_numbers WHERE id = $1', [r.id])).rows[0];
      assert.equal(stored.two, true);
    });
  });
}
