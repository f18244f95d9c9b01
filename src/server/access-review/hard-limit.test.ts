// The hard limit through HTTP on both engines: past the records a user may open in minutes without
// a relationship (or in all), the request answers 403 without its data, and in the same
// transaction the ID is suspended, its sessions end, a 'hard_limit' alert holds the evidence and
// the organisation's officers and administrators get an e-mail without personal data.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { closeApp, firstLogin, openApp } from '../../../test/harness/http.ts';

for (const engine of ENGINES) {
  describe(`the hard limit (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    const kase: Record<string, string> = {};
    const q = async (text: string, params: unknown[] = []) => (await t.superuser(text, params)).rows;

    before(async () => {
      ({ t, app } = await openApp(engine, { ACCESS_LIMIT_UNRELATED: 2, ACCESS_LIMIT_TOTAL: 2, ACCESS_LIMIT_MINUTES: 10 }));
      for (const r of await q(`SELECT c.id, p.name_kana FROM cases c JOIN persons p ON p.id = c.person_id`)) kase[String(r.name_kana).split(' ')[0]] = r.id as string;
      await q(`UPDATE users SET email = login_id || '@example.jp' WHERE login_id IN ('tokyo-po', 'tokyo-admin', 'shinjuku-po', 'shinjuku-admin', 'nakano-po')`);
    });
    after(() => closeApp(t, app));

    it('a prefecture user opening records of no relationship of theirs is stopped at the third', async () => {
      const { client } = await firstLogin(t, app, 'tokyo-sg1');
      assert.equal((await client.get('/api/cases?limit=50')).statusCode, 200, 'a list opens no record');
      assert.equal((await client.get(`/api/cases/${kase.ヤマダ}`)).statusCode, 200);
      assert.equal((await client.get(`/api/cases/${kase.ヤマダ}`)).statusCode, 200, 'the same record again counts once');
      assert.equal((await client.get(`/api/cases/${kase.サトウ}`)).statusCode, 200);
      const blocked = await client.get(`/api/cases/${kase.スズキ}`);
      assert.equal(blocked.statusCode, 403);
      assert.equal(blocked.body.code, 'access_limit_exceeded');
      assert.match(blocked.body.message.ja, /停止/);
      assert.match(blocked.body.message.en, /suspended/);
      assert.doesNotMatch(JSON.stringify(blocked.body), /スズキ|鈴木/, 'the data is not returned');
      assert.equal((await client.get(`/api/cases/${kase.タナカ}`)).statusCode, 401, 'the session ended');

      const [user] = await q(`SELECT id, status, status_reason FROM users WHERE login_id = 'tokyo-sg1'`);
      assert.equal(user.status, 'suspended');
      assert.match(String(user.status_reason), /access_limit: 3 records opened \(3 without a relationship\)/);
      assert.equal((await q(`SELECT count(*)::int AS n FROM sessions WHERE user_id = $1 AND ended_at IS NULL`, [user.id]))[0].n, 0);
      const [alert] = await q(`SELECT source, review_org_id, hits, status FROM review_alerts WHERE subject_user_id = $1`, [user.id]);
      assert.equal(alert.source, 'hard_limit');
      assert.equal(alert.status, 'open');
      const [hit] = alert.hits as { rule: string; evidence: { caseIds: string[]; seqs: number[]; detail: { unrelated: number } } }[];
      assert.deepEqual([...hit.evidence.caseIds].sort(), [kase.ヤマダ, kase.サトウ, kase.スズキ].sort());
      assert.equal(hit.evidence.detail.unrelated, 3);
      assert.ok(hit.evidence.seqs.length >= 2, 'the earlier reads in the log');
      const mails = await q(`SELECT payload FROM outbox WHERE payload->>'to' LIKE 'tokyo-%'`);
      assert.deepEqual(mails.map((m) => (m.payload as { to: string }).to).sort(), ['tokyo-admin@example.jp', 'tokyo-po@example.jp']);
      for (const m of mails) assert.doesNotMatch(JSON.stringify(m.payload), /スズキ|鈴木|tokyo-sg1/);
      const [row] = await q(`SELECT action FROM audit_log WHERE actor_user_id = $1 ORDER BY seq DESC LIMIT 2`, [user.id]);
      assert.equal(row.action, 'users.access_limit');
    });

    it('bulk browsing inside one’s own centre is stopped by the total cap; the centre’s own cases count as related', async () => {
      const { client } = await firstLogin(t, app, 'shinjuku-h1');
      assert.equal((await client.get(`/api/cases/${kase.ヤマダ}`)).statusCode, 200);
      assert.equal((await client.get(`/api/cases/${kase.サトウ}`)).statusCode, 200);
      const blocked = await client.get(`/api/cases/${kase.スズキ}`);
      assert.equal(blocked.statusCode, 403);
      const [user] = await q(`SELECT status, status_reason FROM users WHERE login_id = 'shinjuku-h1'`);
      assert.equal(user.status, 'suspended');
      assert.match(String(user.status_reason), /3 records opened \(0 without a relationship\)/);
    });

    it('costs a request that opened no record nothing, and one that did one statement', async () => {
      if (t.engine !== 'postgres') return; // only the PostgreSQL driver reports statement texts
      const { client } = await firstLogin(t, app, 'nakano-h1');
      const texts: string[] = [];
      t.db.stats.onStatement = (text) => texts.push(text);
      try {
        await client.get('/api/cases?limit=50');
        assert.equal(texts.filter((x) => x.includes('app_access_limit')).length, 0);
        await client.get(`/api/cases/${kase.タナカ}`);
        assert.equal(texts.filter((x) => x.includes('app_access_limit')).length, 1);
      } finally {
        t.db.stats.onStatement = undefined;
      }
    });
  });
}
