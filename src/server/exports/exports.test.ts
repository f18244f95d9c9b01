// Exports that can be traced (issue 14), on both engines: the export permission, a reason, the
// user's scope (row-level security), a second person above the threshold, the one fetch within 24
// hours, the allowed networks, the header and the check codes in every file, the password of an
// XLSX, the audit of every export, and `hersys export identify` on copies and fragments.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import officeCrypto from 'officecrypto-tool';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { actorFor } from '../../../test/harness/actors.ts';
import { closeApp, firstLogin, openApp, startApp, Client, loginAgain, type LoggedIn } from '../../../test/harness/http.ts';
import { rows } from '../db/database.ts';
import { keyringOf } from '../secrets/keyring.ts';
import { rotateKeys } from '../secrets/rotate.ts';
import { seedDemoExport } from '../demo/exports.ts';
import { identify } from './identify.ts';
import { linesOf } from './read-file.ts';
import { CHECK_CODE } from './fingerprint.ts';

const NOTE = '集団発生の積極的疫学調査のため';
const ask = (who: LoggedIn | Client, body: object = {}, headers?: Record<string, string>) =>
  ('client' in who ? who.client : who).post('/api/exports', { kind: 'line_list', format: 'csv', reason: 'outbreak_investigation', note: NOTE, ...body }, headers);
const fetchFile = (who: LoggedIn, id: string, body: object = {}) => who.client.post(`/api/exports/${id}/file`, body);
const codesOf = (text: string) => [...text.matchAll(CHECK_CODE)].map((m) => m[0]);

for (const engine of ENGINES) {
  describe(`exports (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let strict: FastifyInstance; // threshold 1: every export of the tests waits for a second person
    let h1: LoggedIn;
    let h2: LoggedIn;
    let nakano: LoggedIn;
    let doctor: LoggedIn;
    let csvText: string;
    let csvId: string;

    before(async () => {
      ({ t, app } = await openApp(engine));
      strict = await startApp(t, { LOGIN_RATE_LIMIT_PER_MINUTE: 10_000, EXPORT_APPROVAL_THRESHOLD: 1 });
      h1 = await firstLogin(t, app, 'shinjuku-h1');
      h2 = await firstLogin(t, app, 'shinjuku-h2');
      nakano = await firstLogin(t, app, 'nakano-h1');
      doctor = await firstLogin(t, app, 'midori-dr1');
    });
    after(async () => {
      await strict.close();
      await closeApp(t, app);
    });

    it('only holders of the export permission export: a doctor is refused', async () => {
      const r = await ask(doctor);
      assert.equal(r.statusCode, 403, JSON.stringify(r.body));
    });

    it('a reason is required: no note answers 400 on its field', async () => {
      const r = await ask(h1, { note: '' });
      assert.equal(r.statusCode, 400);
      assert.ok(r.body.errors.some((e: { path: string[] }) => e.path.join('.') === 'body.note'), JSON.stringify(r.body));
    });

    it('under the threshold the file is ready at once; it carries the header block and a check code on every row, in the user’s scope only', async () => {
      const r = await ask(h1, {}, { 'idempotency-key': 'export-1' });
      assert.equal(r.statusCode, 201, JSON.stringify(r.body));
      assert.equal(r.body.status, 'ready');
      assert.equal(r.body.rowCount, 3, 'Shinjuku sees its two cases and the related one');
      const again = await ask(h1, {}, { 'idempotency-key': 'export-1' });
      assert.equal(again.body.id, r.body.id, 'a retry does not make a second export');
      csvId = r.body.id;
      const file = await fetchFile(h1, csvId);
      assert.equal(file.statusCode, 200, String(file.raw));
      assert.match(String(file.headers['content-type']), /text\/csv/);
      csvText = file.raw.toString('utf8');
      assert.ok(csvText.includes(`HER-SYS export,${csvId}`));
      assert.match(csvText, /新宿区保健所 保健予防課1/);
      assert.ok(csvText.includes(NOTE));
      assert.match(csvText, /山田 太郎/);
      assert.equal(codesOf(csvText).length, 3);
      // The answer ends only after the fetch is recorded: a list reloaded at the download's end shows it spent.
      const [spent] = (await t.superuser(`SELECT status FROM exports WHERE id = $1`, [csvId])).rows;
      assert.equal(spent.status, 'fetched');
    });

    it('a file is fetched once', async () => {
      const second = await fetchFile(h1, csvId);
      assert.equal(second.statusCode, 409);
      assert.equal(second.body.code, 'export_already_fetched');
    });

    it('the export and its fetch are audited: who, why, how many rows, the cases named', async () => {
      const audited = await t.superuser(`SELECT action, outcome, details, record_ids, purpose FROM audit_log WHERE action LIKE 'exports.%' AND (record_ids @> ARRAY[$1]::text[] OR details->>'exportId' = $1) ORDER BY seq`, [csvId]);
      const actions = audited.rows.map((r) => r.action);
      assert.deepEqual(actions, ['exports.request', 'exports.fetch']);
      const fetch = audited.rows[1] as { details: { rows: number }; record_ids: string[]; purpose: string };
      assert.equal(fetch.details.rows, 3);
      assert.equal(fetch.record_ids.length, 3);
      assert.match(fetch.purpose, /データ出力/);
      const [record] = (await t.superuser(`SELECT status, fetched_rows, fetched_at FROM exports WHERE id = $1`, [csvId])).rows;
      assert.equal(record.status, 'fetched');
      assert.equal(record.fetched_rows, 3);
      assert.ok(record.fetched_at);
    });

    it('another centre’s export holds its own scope: Nakano’s line list has no Shinjuku-only case', async () => {
      const r = await ask(nakano);
      assert.equal(r.statusCode, 201, JSON.stringify(r.body));
      const file = await fetchFile(nakano, r.body.id);
      const text = file.raw.toString('utf8');
      assert.match(text, /鈴木 一郎/);
      assert.doesNotMatch(text, /山田 太郎|佐藤 花子/);
    });

    let pendingId: string;
    it('above the threshold the export waits: the file cannot be fetched and the requester cannot approve it', async () => {
      const c1 = await loginAgain(t, strict, 'shinjuku-h1', h1);
      const r = await ask(c1, { kind: 'case_list' });
      assert.equal(r.statusCode, 201, JSON.stringify(r.body));
      assert.equal(r.body.status, 'pending_approval');
      pendingId = r.body.id;
      assert.equal((await fetchFile(h1, pendingId)).body.code, 'export_not_ready');
      const own = await h1.client.post(`/api/exports/${pendingId}/decision`, { approve: true });
      assert.equal(own.statusCode, 403);
      assert.equal((await h1.client.get('/api/exports/approvals')).body.length, 0, 'one’s own is not on one’s approvals');
    });

    it('row-level security: raw SQL of the requester cannot approve their own; another centre does not see it', async () => {
      const me = await actorFor(t.db, 'shinjuku-h1');
      const approved = await t.db.asActor(me, (tx) => rows(tx, sql`UPDATE exports SET status = 'ready', approver_id = ${me.userId} WHERE id = ${pendingId} RETURNING id`)).catch(() => []);
      assert.equal(approved.length, 0, 'not by the approval policy, nor the constraint');
      const sneaked = await t.db.asActor(me, (tx) => rows(tx, sql`UPDATE exports SET status = 'ready' WHERE id = ${pendingId} RETURNING id`));
      assert.equal(sneaked.length, 0, 'the requester’s own pending row is not theirs to update');
      const other = await actorFor(t.db, 'nakano-h1');
      assert.equal((await t.db.asActor(other, (tx) => rows(tx, sql`SELECT id FROM exports WHERE id = ${pendingId}`))).length, 0);
      assert.equal((await t.db.asActor(other, (tx) => rows(tx, sql`UPDATE exports SET status = 'refused', approver_id = ${other.userId} WHERE id = ${pendingId} RETURNING id`))).length, 0);
      assert.equal((await nakano.client.post(`/api/exports/${pendingId}/decision`, { approve: true })).statusCode, 404);
      // export_rows applies each user's ordinary scope: the cases their transaction sees, no more, no fewer.
      for (const login of ['shinjuku-h1', 'nakano-h1', 'midori-dr1', 'sakura-dr1', 'tokyo-sg1', 'tokyo-hotel1', 'mhlw-stats']) {
        const who = await actorFor(t.db, login);
        const [counted] = await t.db.asActor(who, (tx) =>
          rows<{ v: number; c: number }>(tx, sql`SELECT (SELECT count(*)::int FROM export_rows) AS v, (SELECT count(*)::int FROM cases) AS c`),
        );
        assert.equal(counted.v, counted.c, login);
      }
      // Only export holders insert an export, in their own name (app_exports_holder mirrors the permission).
      const dr = await actorFor(t.db, 'midori-dr1');
      await assert.rejects(
        t.db.asActor(dr, (tx) =>
          tx.execute(sql`INSERT INTO exports (id, requester_id, requester_name, org_id, org_name, kind, format, encrypted, filters, reason, note, row_count, needs_approval, status, sealed_key)
                         VALUES (gen_random_uuid(), ${dr.userId}, 'x', ${dr.orgId}, 'x', 'line_list', 'csv', false, '{}', 'other', 'x', 1, false, 'ready', 'v1:x')`),
        ),
        (err: Error & { cause?: Error }) => /row-level security/.test(String(err.cause?.message ?? err.message)),
      );
    });

    it('the second person of the same centre sees it, is told by e-mail without personal data, and approves; then it is fetched', async () => {
      const list = await h2.client.get('/api/exports/approvals');
      assert.equal(list.statusCode, 200);
      assert.deepEqual(list.body.map((e: { id: string }) => e.id), [pendingId]);
      const mail = await t.superuser(`SELECT payload FROM outbox WHERE payload->>'subject' LIKE '%承認依頼%'`);
      assert.equal(mail.rows.length, 1);
      assert.doesNotMatch(JSON.stringify(mail.rows[0].payload), /山田|ヤマダ|佐藤|鈴木|\d{8}/);
      const ok = await h2.client.post(`/api/exports/${pendingId}/decision`, { approve: true });
      assert.equal(ok.statusCode, 200, JSON.stringify(ok.body));
      assert.equal(ok.body.status, 'ready');
      assert.match(ok.body.approverName, /保健予防課2/);
      const file = await fetchFile(h1, pendingId);
      assert.equal(file.statusCode, 200);
      const text = file.raw.toString('utf8');
      assert.match(text, /承認者 \/ Approved by,新宿区保健所 保健予防課2/);
      assert.match(text, /ヤ\*/, 'the case list is masked');
      assert.doesNotMatch(text, /山田 太郎/);
    });

    it('a ready file expires after 24 hours', async () => {
      const r = await ask(h1);
      await t.superuser(`UPDATE exports SET expires_at = now() - interval '1 minute' WHERE id = $1`, [r.body.id]);
      const late = await fetchFile(h1, r.body.id);
      assert.equal(late.statusCode, 409);
      assert.equal(late.body.code, 'export_expired');
      const mine = await h1.client.get('/api/exports/mine');
      assert.equal(mine.body.find((e: { id: string }) => e.id === r.body.id).status, 'expired');
    });

    it('outside the allowed networks the export is refused with 403 and the attempt audited', async () => {
      const limited = await startApp(t, { LOGIN_RATE_LIMIT_PER_MINUTE: 10_000, EXPORT_NETWORKS: ['10.20.0.0/16'] as never });
      try {
        const outside = await loginAgain(t, limited, 'shinjuku-h1', h1, '192.0.2.7');
        const r = await ask(outside);
        assert.equal(r.statusCode, 403);
        assert.equal(r.body.code, 'export_network_refused');
        const denied = await t.superuser(`SELECT client_addr FROM audit_log WHERE action = 'exports.request' AND outcome = 'denied'`);
        assert.equal(denied.rows.length, 1);
        assert.equal(denied.rows[0].client_addr, '192.0.2.7');
        const inside = await loginAgain(t, limited, 'shinjuku-h1', h1, '10.20.3.4');
        assert.equal((await ask(inside)).statusCode, 201);
      } finally {
        await limited.close();
      }
    });

    let xlsxId: string;
    let xlsx: Buffer;
    it('an XLSX with a password is standard Office encryption: decrypted, its sheets carry the header and the check codes', async () => {
      const r = await ask(h1, { format: 'xlsx', encrypted: true });
      assert.equal(r.statusCode, 201, JSON.stringify(r.body));
      xlsxId = r.body.id;
      assert.equal((await fetchFile(h1, xlsxId)).statusCode, 400, 'the password is required');
      const file = await fetchFile(h1, xlsxId, { password: 'kansen-2026' });
      assert.equal(file.statusCode, 200);
      xlsx = file.raw;
      assert.ok(xlsx.subarray(0, 8).equals(Buffer.from('d0cf11e0a1b11ae1', 'hex')), 'an encrypted OLE container');
      const plain = await officeCrypto.decrypt(xlsx, { password: 'kansen-2026' });
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(plain as never);
      assert.equal(book.keywords, xlsxId, 'document properties name the export');
      assert.equal(book.getWorksheet('出力情報')!.getRow(1).getCell(2).value, xlsxId);
      const sheet = book.getWorksheet('症例')!;
      assert.equal(sheet.rowCount, 4);
      assert.equal(codesOf(String(sheet.getRow(2).getCell(16).value)).length, 1);
    });

    it('identify names the export from the whole file, re-sorted rows, only the check-code column, and a 3-row fragment', async () => {
      const keyring = keyringOf(t.db);
      const lines = csvText.split(/\r?\n/);
      const body = lines.slice(lines.findIndex((l) => l.includes('チェックコード')) + 1).filter(Boolean);
      const best = async (text: string[]) => (await identify(t.db, keyring, text))[0];
      const whole = await best(lines);
      assert.equal(whole.exportId, csvId);
      assert.equal(whole.named, true);
      assert.equal(whole.verifiedRows, 3);
      assert.match(whole.requesterName, /保健予防課1/);
      const resorted = await best([...body].sort().reverse());
      assert.equal(resorted.exportId, csvId);
      assert.equal(resorted.verifiedRows, 3);
      const codesOnly = await best(body.map((l) => l.split(',').at(-1)!));
      assert.equal(codesOnly.exportId, csvId, 'the tag alone names it');
      assert.equal(codesOnly.verifiedRows, 0, 'without the HER-SYS ID no row is verified');
      const idAndCode = await best(body.map((l) => `${l.split(',')[0]}\t${l.split(',').at(-1)}`));
      assert.equal(idAndCode.verifiedRows, 3);
      const fragment = await best(body.slice(0, 3));
      assert.equal(fragment.exportId, csvId);
      // Rows copied to a sheet of another workbook.
      const copy = new ExcelJS.Workbook();
      const sheet = copy.addWorksheet('コピー');
      for (const l of body) sheet.addRow(l.split(',').reverse());
      const copied = await best(await linesOf(Buffer.from(await copy.xlsx.writeBuffer())));
      assert.equal(copied.exportId, csvId);
      assert.equal(copied.verifiedRows, 3);
      // The encrypted XLSX, with its password.
      const fromXlsx = await best(await linesOf(xlsx, 'kansen-2026'));
      assert.equal(fromXlsx.exportId, xlsxId);
      assert.equal(fromXlsx.verifiedRows, 3);
      // Without the check-code column and the header, 3 rows are too few for the order to name it.
      const noCodes = await identify(t.db, keyring, body.map((l) => l.split(',').slice(0, -1).join(',')));
      assert.ok(!noCodes.some((c) => c.taggedRows > 0));
    });

    it('keys rotate seals the export keys again, and identify still names the export', async () => {
      const [before] = (await t.superuser(`SELECT sealed_key FROM exports WHERE id = $1`, [csvId])).rows as { sealed_key: string }[];
      const r = await rotateKeys(t.db, keyringOf(t.db));
      const [now] = (await t.superuser(`SELECT sealed_key FROM exports WHERE id = $1`, [csvId])).rows as { sealed_key: string }[];
      assert.notEqual(now.sealed_key, before.sealed_key);
      assert.ok(now.sealed_key.startsWith(`v1:${r.dataKeyId}:`));
      const [found] = await identify(t.db, keyringOf(t.db), csvText.split(/\r?\n/));
      assert.equal(found.exportId, csvId);
    });

    it('the demo leaves shinjuku-h1’s line list waiting on shinjuku-h2’s approvals', async () => {
      await seedDemoExport(t.db, keyringOf(t.db));
      const list = await h2.client.get('/api/exports/approvals');
      const demo = list.body.find((e: { note: string }) => e.note.includes('週末の健康観察'));
      assert.ok(demo, JSON.stringify(list.body));
      assert.equal(demo.status, 'pending_approval');
      assert.equal(demo.encrypted, true);
      assert.equal(demo.rowCount, 3);
    });
  });
}
