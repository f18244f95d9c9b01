// Pseudonymised extracts (issue 14, Q&A 21–22), on both engines: a centre's extract holds exactly the
// cases its staff see (row-level security) reported in the period, under pseudonyms that differ from
// one extract to the next, with no name, case number, date of birth or exact date, every released row
// in a class of at least k; it is logged with purpose and recipient and audited in its transaction.
// Raw SQL under each user's transaction shows who reads the log.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { addDays } from '../../domain/contacts.ts';
import { japanToday } from '../../domain/calendar.ts';
import { equivalenceClassSizes } from '../../domain/privacy/k-anonymity.ts';
import { actorFor } from '../../../test/harness/actors.ts';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { closeApp, firstLogin, openApp, type LoggedIn } from '../../../test/harness/http.ts';
import { rows } from '../db/database.ts';
import { generateEpidemic } from '../demo/epidemic.ts';

const paths = (body: { errors?: { path: (string | number)[] }[] }) => (body.errors ?? []).map((e) => e.path.join('.'));
const today = japanToday(new Date());
const from = addDays(today, -59);
const csvOf = (file: { base64: string }) => parse(Buffer.from(file.base64, 'base64').toString('utf8').replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][];

for (const engine of ENGINES) {
  describe(`pseudonymised extracts (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let shinjuku: LoggedIn;
    let nakano: LoggedIn;
    const org = (key: string) => t.world.orgIds[key];
    const raw = async <T,>(query: string, params: unknown[] = []) => (await t.superuser(query, params)).rows as T[];
    const request = (qis = ['age_band', 'sex'], extra: object = {}) => ({ from, to: today, quasiIdentifiers: qis, k: 5, purpose: '区の感染動向の分析（年代・性別）', recipient: '新宿区 健康部（庁内分析）', format: 'csv', ...extra });
    /** The cases a centre is responsible for or related to, with a submitted notification first reported in the period. */
    const expectedCases = async (hc: string) =>
      (
        await raw<{ id: string }>(
          `SELECT c.id FROM cases c WHERE (c.responsible_hc_id = $1 OR EXISTS (SELECT 1 FROM case_related_hcs r WHERE r.case_id = c.id AND r.hc_id = $1))
             AND (SELECT min((first_submitted_at AT TIME ZONE 'Asia/Tokyo')::date) FROM notifications n WHERE n.case_id = c.id AND n.status = 'submitted') BETWEEN $2 AND $3`,
          [hc, from, today],
        )
      ).map((r) => r.id);
    const auditOf = async (extractId: string) =>
      (await raw<{ record_ids: string[]; purpose: string; at: Date }>(`SELECT record_ids, purpose, at FROM audit_log WHERE action = 'extracts.create' AND details->>'extractId' = $1`, [extractId]))[0];

    before(async () => {
      ({ t, app } = await openApp(engine));
      const staff = await actorFor(t.db, 'shinjuku-h1');
      await generateEpidemic(t.db, {
        areas: [
          { prefectureId: org('tokyo'), hcId: org('shinjuku-hc'), institutionId: org('sakura-clinic'), weight: 1, residences: ['東京都新宿区', '東京都中野区'] },
          { prefectureId: org('tokyo'), hcId: org('nakano-hc'), institutionId: org('midori-hospital'), weight: 1, residences: ['東京都中野区'] },
        ],
        from,
        days: 60,
        cases: 600,
        today,
        staff: { id: staff.userId, name: '新宿区保健所 保健予防課1', orgName: '新宿区保健所' },
      });
      shinjuku = await firstLogin(t, app, 'shinjuku-h1');
      nakano = await firstLogin(t, app, 'nakano-h1');
    });
    after(() => closeApp(t, app));

    let first: { extract: { id: string; rowsRead: number; rowsReleased: number; rowsSuppressed: number }; files: { name: string; base64: string }[] };

    it('a centre’s extract reads exactly the cases in its scope reported in the period, audited in the same transaction with its purpose', async () => {
      const r = await shinjuku.client.post('/api/extracts', request());
      assert.equal(r.statusCode, 201, JSON.stringify(r.body));
      first = r.body;
      const expected = await expectedCases(org('shinjuku-hc'));
      assert.ok(expected.length > 200, `${expected.length} cases`);
      assert.equal(first.extract.rowsRead, expected.length);
      assert.equal(first.extract.rowsReleased + first.extract.rowsSuppressed, expected.length);
      const audited = await auditOf(first.extract.id);
      assert.deepEqual([...audited.record_ids].sort(), [...expected].sort());
      assert.equal(audited.purpose, '区の感染動向の分析（年代・性別）');
      const [logged] = await raw<{ created_at: Date }>(`SELECT created_at FROM extracts WHERE id = $1`, [first.extract.id]);
      assert.ok(logged, 'the log row');
    });

    it('the data file has no name, case number, date of birth or exact date; every class of the quasi-identifiers has at least k rows', async () => {
      assert.deepEqual(first.files.map((f) => f.name.replace(/^extract-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}/, '')), ['-data.csv', '-dictionary.csv']);
      const [header, ...data] = csvOf(first.files[0]);
      assert.deepEqual(header, ['pseudonym', 'age_band', 'sex', 'disease', 'classification', 'status', 'severity', 'hospitalised', 'vaccination']);
      assert.equal(data.length, first.extract.rowsReleased);
      const text = Buffer.from(first.files[0].base64, 'base64').toString('utf8');
      const people = await raw<{ case_number: string; self_report_id: string; name_kanji: string; birth_date: string }>(
        `SELECT c.case_number, c.self_report_id, p.name_kanji, p.birth_date::text AS birth_date FROM cases c JOIN persons p ON p.id = c.person_id WHERE c.responsible_hc_id = $1`,
        [org('shinjuku-hc')],
      );
      for (const p of people) {
        assert.ok(!text.includes(p.case_number) && !text.includes(p.self_report_id) && !text.includes(p.name_kanji), 'no identity');
      }
      assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}/, 'no exact date');
      const records = data.map((d) => Object.fromEntries(header.map((h, i) => [h, d[i]])));
      assert.ok(equivalenceClassSizes(records, ['age_band', 'sex']).every((n) => n >= 5));
      const dictionary = csvOf(first.files[1]);
      assert.ok(dictionary.some((d) => d[0] === 'age_band' && d[1].startsWith('年代')));
      assert.ok(dictionary.some((d) => d[0] === '# 提供先 / recipient' && d[1] === '新宿区 健康部（庁内分析）'));
    });

    it('more quasi-identifiers with the same k: small classes are suppressed and counted, and still every released class has k rows', async () => {
      const qis = ['age_band', 'sex', 'municipality', 'diagnosis_week'];
      const r = await shinjuku.client.post('/api/extracts', request(qis, { k: 10 }));
      assert.equal(r.statusCode, 201, JSON.stringify(r.body));
      assert.ok(r.body.extract.rowsSuppressed > 0, 'some rows are suppressed');
      const [header, ...data] = csvOf(r.body.files[0]);
      const records = data.map((d) => Object.fromEntries(header.map((h, i) => [h, d[i]])));
      assert.ok(equivalenceClassSizes(records, qis).every((n) => n >= 10));
      assert.equal(records.length, r.body.extract.rowsReleased);
      assert.ok(records.every((x) => /^(\d{4}-W\d{2}|unknown|suppressed)$/.test(x.diagnosis_week)));
      assert.ok(records.some((x) => x.municipality === '131148'), 'a Shinjuku case living in Nakano');
    });

    it('the same case has other pseudonyms in the next extract', async () => {
      const again = await shinjuku.client.post('/api/extracts', request());
      const pseudonyms = (e: typeof first) => new Set(csvOf(e.files[0]).slice(1).map((d) => d[0]));
      const [a, b] = [pseudonyms(first), pseudonyms(again.body)];
      assert.equal(a.size, first.extract.rowsReleased);
      assert.equal([...a].filter((p) => b.has(p)).length, 0);
    });

    it('another centre’s extract holds none of these cases; a case seen only under a break-the-glass grant is left out', async () => {
      const shinjukuCases = new Set(await expectedCases(org('shinjuku-hc')));
      const [someone] = await raw<{ id: string; case_number: string }>(`SELECT id, case_number FROM cases WHERE responsible_hc_id = $1 LIMIT 1`, [org('shinjuku-hc')]);
      const nakanoUser = await actorFor(t.db, 'nakano-h1');
      await t.superuser(
        `INSERT INTO break_glass_grants (case_id, user_id, org_id, responsible_hc_id, case_number, user_name, org_name, responsible_hc_name, reason, note, writes, expires_at)
         VALUES ($1, $2, $3, $4, $5, 'n', 'n', 'n', 'transfer_pending', '移管前の確認のため記録を参照', false, now() + interval '1 hour')`,
        [someone.id, nakanoUser.userId, org('nakano-hc'), org('shinjuku-hc'), someone.case_number],
      );
      const r = await nakano.client.post('/api/extracts', request());
      assert.equal(r.statusCode, 201, JSON.stringify(r.body));
      const audited = await auditOf(r.body.extract.id);
      assert.equal(audited.record_ids.filter((id) => shinjukuCases.has(id)).length, 0);
      assert.deepEqual([...audited.record_ids].sort(), (await expectedCases(org('nakano-hc'))).sort());
    });

    it('only health-centre and prefecture staff make extracts: a doctor, the ministry and a privacy officer are refused', async () => {
      for (const loginId of ['sakura-dr1', 'mhlw-stats', 'shinjuku-hc-po']) {
        const who = await firstLogin(t, app, loginId);
        const r = await who.client.post('/api/extracts', request());
        assert.equal(r.statusCode, 403, loginId);
      }
      const prefecture = await firstLogin(t, app, 'tokyo-sg1');
      const r = await prefecture.client.post('/api/extracts', request(['sex']));
      assert.equal(r.statusCode, 201, JSON.stringify(r.body));
      assert.equal(r.body.extract.rowsRead, (await expectedCases(org('shinjuku-hc'))).length + (await expectedCases(org('nakano-hc'))).length);
    });

    it('the log: raw SQL under each user’s transaction shows an organisation’s extracts to its makers and its tree’s privacy officers only', async () => {
      const seen = async (loginId: string) =>
        t.db.asActor(await actorFor(t.db, loginId), async (tx) =>
          (await rows<{ org_id: string }>(tx, sql`SELECT org_id FROM extracts`)).filter((e) => e.org_id === org('shinjuku-hc')).length,
        );
      const made = (await raw<{ n: number }>(`SELECT count(*)::int AS n FROM extracts WHERE org_id = $1`, [org('shinjuku-hc')]))[0].n;
      assert.ok(made >= 3);
      assert.equal(await seen('shinjuku-h1'), made);
      assert.equal(await seen('shinjuku-hc-po'), made, 'the centre’s privacy officer');
      assert.equal(await seen('tokyo-po'), made, 'the prefecture’s privacy officer (its tree)');
      assert.equal(await seen('nakano-h1'), 0, 'another centre');
      assert.equal(await seen('tokyo-sg1'), 0, 'the prefecture’s staff read their own organisation’s log');
      assert.equal(await seen('shinjuku-admin'), 0, 'an administrator without the right');
      const list = await nakano.client.get('/api/extracts');
      assert.equal(list.statusCode, 200);
      assert.ok(list.body.extracts.every((e: { orgName: string }) => e.orgName === '中野区保健所'));
    });

    it('the log is written only as oneself, in one’s organisation, and never changed', async () => {
      const refused = (pattern: RegExp) => (err: Error & { cause?: Error }) => pattern.test(String(err.cause?.message ?? err.message));
      const me = await actorFor(t.db, 'nakano-h1');
      const insert = (orgId: string) =>
        t.db.asActor(me, (tx) =>
          tx.execute(sql`INSERT INTO extracts (user_id, org_id, user_name, org_name, scope, period_from, period_to, quasi_identifiers, k, rows_read, rows_released, rows_suppressed, cells_suppressed, purpose, recipient, format)
                         VALUES (${me.userId}, ${orgId}, 'x', 'x', 'x', ${from}, ${today}, ARRAY['sex'], 5, 0, 0, 0, 0, 'xx', 'xx', 'csv')`),
        );
      await assert.rejects(insert(org('shinjuku-hc')), refused(/row-level security policy for table "extracts"/));
      await insert(org('nakano-hc'));
      await assert.rejects(t.db.asActor(me, (tx) => tx.execute(sql`UPDATE extracts SET recipient = 'y' WHERE org_id = ${org('nakano-hc')}`)), refused(/permission denied/));
      await assert.rejects(t.db.asActor(me, (tx) => tx.execute(sql`DELETE FROM extracts WHERE org_id = ${org('nakano-hc')}`)), refused(/permission denied/));
    });

    it('bad input answers 400 at its field, never 500', async () => {
      const cases: [object, string][] = [
        [{ k: 1 }, 'body.k'],
        [{ quasiIdentifiers: [] }, 'body.quasiIdentifiers'],
        [{ quasiIdentifiers: ['name'] }, 'body.quasiIdentifiers.0'],
        [{ to: addDays(from, -1) }, 'body.to'],
        [{ purpose: ' ' }, 'body.purpose'],
        [{ format: 'pdf' }, 'body.format'],
      ];
      for (const [change, path] of cases) {
        const r = await shinjuku.client.post('/api/extracts', request(undefined, change));
        assert.equal(r.statusCode, 400, JSON.stringify(change));
        assert.ok(paths(r.body).includes(path), `${JSON.stringify(change)}: ${paths(r.body)}`);
      }
    });

    it('a retried request (same Idempotency-Key) answers the same extract and logs it once', async () => {
      const key = randomUUID();
      const before = (await raw<{ n: number }>(`SELECT count(*)::int AS n FROM extracts`))[0].n;
      const a = await shinjuku.client.post('/api/extracts', request(['sex'], { format: 'xlsx' }), { 'idempotency-key': key });
      const b = await shinjuku.client.post('/api/extracts', request(['sex'], { format: 'xlsx' }), { 'idempotency-key': key });
      assert.equal(a.statusCode, 201);
      assert.equal(b.body.extract.id, a.body.extract.id);
      assert.equal((await raw<{ n: number }>(`SELECT count(*)::int AS n FROM extracts`))[0].n, before + 1);
      assert.equal(a.body.files.length, 1);
      assert.match(a.body.files[0].name, /\.xlsx$/);
      assert.equal(Buffer.from(a.body.files[0].base64, 'base64').subarray(0, 2).toString(), 'PK');
    });
  });
}
