// Retention (issue 14), on both engines: a generated epidemic is counted; six years later the job
// removes the identity of every person whose cases all ended five years before. The counts the
// dashboards read (count_by, count_rollup) and each case's stored count are identical after the job
// and after a recount of every case from its rows; the audit chain verifies, a redacted search term
// can be checked against its digest, rows hashed before version 3 are kept; a rerun, or two runs at
// once, do nothing twice; the runs are recorded and shown to whom they concern.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { actorFor } from '../../../test/harness/actors.ts';
import { closeApp, firstLogin, openApp, type LoggedIn } from '../../../test/harness/http.ts';
import { japanToday } from '../../domain/calendar.ts';
import { addDays } from '../../domain/contacts.ts';
import { addYears } from '../../domain/privacy/retention.ts';
import { contentHash } from '../audit/chain.ts';
import { checkRedactedValue } from '../audit/redacted.ts';
import { verifyAuditChain } from '../audit/verify.ts';
import { rows } from '../db/database.ts';
import { generateEpidemic } from '../demo/epidemic.ts';
import { refreshAllCounts } from '../statistics/refresh.ts';
import { runRetention } from './run.ts';

const today = japanToday(new Date());
const later = new Date(`${addYears(today, 6)}T03:00:00Z`);

for (const engine of ENGINES) {
  describe(`retention (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let shinjuku: LoggedIn;
    const raw = async <T,>(query: string, params: unknown[] = []) => (await t.superuser(query, params)).rows as T[];
    /** Everything a dashboard or a recount reads, as text. */
    const counts = async () => [
      (await raw(`SELECT area_id, measure, day::text, dim, grp, n FROM count_by ORDER BY 1, 2, 3, 4, 5`)).map((r) => JSON.stringify(r)),
      (await raw(`SELECT area_id, measure, day::text, classification, age_band, sex, n FROM count_rollup ORDER BY 1, 2, 3, 4, 5, 6`)).map((r) => JSON.stringify(r)),
      (await raw(`SELECT case_id, counted_as, classification, age_band, sex, municipality, contributions::text FROM case_counts ORDER BY 1`)).map((r) => JSON.stringify(r)),
    ];
    /** The rows that differ, each side's, so a failure names them. */
    const differences = (a: string[][], b: string[][]) =>
      a.map((rowsA, i) => ({ gone: rowsA.filter((r) => !b[i].includes(r)).slice(0, 5), added: b[i].filter((r) => !rowsA.includes(r)).slice(0, 5) }));
    const noDifference = [0, 1, 2].map(() => ({ gone: [], added: [] }));
    /** A statement refused: drizzle wraps the database's message in the cause. */
    const refused = async (work: Promise<unknown>, pattern: RegExp) =>
      assert.rejects(work, (err: Error & { cause?: Error }) => pattern.test(`${err.message} ${err.cause?.message ?? ''}`));
    let before0: string[][];
    let target: { person_id: string; case_id: string; name_kana: string; birth_date: string; phone: string | null };
    let open: { person_id: string; name_kanji: string };
    let searchSeq: number;
    let oldSeq: number;

    before(async () => {
      ({ t, app } = await openApp(engine));
      const org = (key: string) => t.world.orgIds[key];
      const staff = await actorFor(t.db, 'shinjuku-h1');
      await generateEpidemic(t.db, {
        areas: [{ prefectureId: org('tokyo'), hcId: org('shinjuku-hc'), institutionId: org('sakura-clinic'), weight: 1, residences: ['東京都新宿区', '東京都中野区'] }],
        from: addDays(today, -59),
        days: 60,
        cases: 400,
        staff: { id: staff.userId, name: '新宿区保健所 保健予防課1', orgName: '新宿区保健所' },
      });
      // Phone numbers and e-mail, as staff enter them; some addresses with no municipality at all.
      await raw(`UPDATE persons SET phone = '090-0000-0000', email = 'p@example.jp' WHERE id::text < '8'`);
      await raw(`UPDATE persons SET residence_address = 'ソウル特別市' WHERE residence_address LIKE '東京都中野区%' AND id::text < '4'`);
      await refreshAllCounts(t.db, 500);
      before0 = await counts();
      [target] = await raw(
        `SELECT p.id AS person_id, c.id AS case_id, p.name_kana, p.birth_date::text, p.phone FROM persons p JOIN cases c ON c.person_id = p.id
          WHERE c.current_status = 'released' AND c.responsible_hc_id = $1 AND p.phone IS NOT NULL
            AND (SELECT count(*) FROM cases o WHERE o.person_id = p.id) = 1 ORDER BY p.id LIMIT 1`,
        [org('shinjuku-hc')],
      );
      [open] = await raw(`SELECT p.id AS person_id, p.name_kanji FROM persons p JOIN cases c ON c.person_id = p.id WHERE c.current_status IS NULL LIMIT 1`);
      assert.ok(target && open);
      // A close contact who never became a case.
      await raw(
        `WITH p AS (INSERT INTO persons (name_kanji, name_kana, name_kana_key, sex, birth_date, phone) VALUES ('接触 一郎', 'セッショク イチロウ', 'セッショクイチロウ', 'male', '1970-05-05', '090-1111-2222') RETURNING id)
         INSERT INTO contacts (person_id, responsible_hc_id, prefecture_id, monitoring_ends_on, outcome, note, created_by)
         SELECT p.id, $1, $2, $3::date, 'completed', '職場の同僚', $4 FROM p`,
        [org('shinjuku-hc'), org('tokyo'), addDays(today, -30), staff.userId],
      );
      // The doctor's remarks, free text that may name people.
      await raw(`UPDATE notifications SET answers = answers || '{"remarks": "同居の山田花子も発熱"}'::jsonb WHERE case_id = $1 AND superseded_at IS NULL`, [target.case_id]);
      assert.equal((await raw<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE case_id = $1 AND answers ? 'remarks'`, [target.case_id]))[0].n, 1);
      shinjuku = await firstLogin(t, app, 'shinjuku-h1');
      // A search by the person's kana and birth date: the audit row holds both (hash version 3).
      const found = await shinjuku.client.get(`/api/cases?kana=${encodeURIComponent(target.name_kana)}&birthDate=${target.birth_date}`);
      assert.equal(found.statusCode, 200, JSON.stringify(found.body));
      [{ seq: searchSeq }] = await raw<{ seq: number }>(`SELECT seq::int AS seq FROM audit_log WHERE action = 'cases.search' AND $1 = ANY (record_ids) ORDER BY seq DESC LIMIT 1`, [target.case_id]);
      // A row as written before migration 0040 (hash version 2) about the same case.
      const at = new Date();
      const old = { at, actorUserId: null, actorOrgId: null, action: 'cases.search', recordType: 'case', recordIds: [target.case_id], purpose: null, clientAddr: null, outcome: 'ok', details: { filter: { kana: target.name_kana } } };
      await t.db.asSystem((tx) =>
        tx.execute(sql`SELECT audit_append(${JSON.stringify([{ at: at.toISOString(), actor_user_id: null, actor_org_id: null, action: old.action, record_type: 'case', record_ids: old.recordIds, purpose: null, client_addr: null, outcome: 'ok', details: old.details, content_hash: contentHash(old) }])}::jsonb)`),
      );
      [{ seq: oldSeq }] = await raw<{ seq: number }>(`SELECT max(seq)::int AS seq FROM audit_log WHERE hash_version = 2`);
    });
    after(() => closeApp(t, app));

    it('nobody is due before the period is over', async () => {
      const r = await runRetention(t.db, { years: 5, dryRun: false, triggeredBy: 'cli' });
      assert.equal(r.personsDue, 0);
      assert.equal(r.personsProcessed, 0);
    });

    let due = 0;
    it('a dry run lists the cases of the persons due by HER-SYS ID and changes nothing', async () => {
      const r = await runRetention(t.db, { years: 5, dryRun: true, triggeredBy: 'cli', now: later });
      due = r.personsDue;
      assert.ok(due > 100, `due: ${due}`);
      assert.ok(r.caseNumbers.length > 100); // a close contact who never became a case has none
      const [{ n }] = await raw<{ n: number }>(`SELECT count(*)::int AS n FROM persons WHERE retained_at IS NOT NULL`);
      assert.equal(n, 0);
      const [run] = await raw<{ dry_run: boolean; persons_due: number; persons_processed: number; finished_at: Date | null }>(`SELECT * FROM retention_runs WHERE id = $1`, [r.runId]);
      assert.deepEqual([run.dry_run, run.persons_due, run.persons_processed, run.finished_at !== null], [true, due, 0, true]);
      // The run is in the audit log too, in the same chain.
      const [audited] = await raw<{ details: { dryRun: boolean; personsDue: number } }>(`SELECT details FROM audit_log WHERE action = 'retention.run' AND $1 = ANY (record_ids)`, [r.runId]);
      assert.deepEqual([audited.details.dryRun, audited.details.personsDue], [true, due]);
    });

    it('two runs at once remove each identity once: name, address detail, phone, e-mail, My HER-SYS links; an open case keeps its person', async () => {
      const [a, b] = await Promise.all([
        runRetention(t.db, { years: 5, dryRun: false, triggeredBy: 'cli', now: later, batch: 40 }),
        runRetention(t.db, { years: 5, dryRun: false, triggeredBy: 'scheduler', now: later, batch: 40 }),
      ]);
      assert.equal(a.personsProcessed + b.personsProcessed, due);
      const [twice] = await raw<{ n: number }>(
        `SELECT count(*)::int AS n FROM (SELECT r FROM audit_log, unnest(record_ids) r WHERE action = 'retention.remove_identity' GROUP BY r HAVING count(*) > 1) x`,
      );
      assert.equal(twice.n, 0);
      const [p] = await raw<Record<string, unknown>>(`SELECT * FROM persons WHERE id = $1`, [target.person_id]);
      assert.match(String(p.name_kanji), /^匿名 /);
      assert.equal(p.name_kana, 'トクメイ');
      assert.equal(p.name_kana_key, '');
      assert.deepEqual([p.phone, p.phone_key, p.email, p.registered_address, p.guardian_name], [null, null, null, null, null]);
      assert.ok(p.retained_at);
      // The residence keeps its municipality only, or nothing where it told none.
      const [addresses] = await raw<{ detail: number; shinjuku: number; none: number }>(
        `SELECT count(*) FILTER (WHERE residence_address ~ '[0-9０-９丁番号]')::int AS detail, count(*) FILTER (WHERE residence_address = '東京都新宿区')::int AS shinjuku,
                count(*) FILTER (WHERE residence_address IS NULL)::int AS none FROM persons WHERE retained_at IS NOT NULL`);
      assert.equal(addresses.detail, 0);
      assert.ok(addresses.shinjuku > 0 && addresses.none > 0, JSON.stringify(addresses));
      const [{ n: links }] = await raw<{ n: number }>(`SELECT count(*)::int AS n FROM patient_access a JOIN cases c ON c.id = a.case_id JOIN persons p ON p.id = c.person_id WHERE p.retained_at IS NOT NULL`);
      assert.equal(links, 0);
      // Close contacts who never became a case are retained too, their monitoring long over.
      const [contacts] = await raw<{ all: number; kept: number }>(
        `SELECT count(*)::int AS all, count(*) FILTER (WHERE p.retained_at IS NULL)::int AS kept FROM persons p
          WHERE EXISTS (SELECT 1 FROM contacts k WHERE k.person_id = p.id) AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.person_id = p.id)`);
      assert.ok(contacts.all > 0 && contacts.kept === 0, JSON.stringify(contacts));
      const remarks = await raw<{ r: string | null }>(`SELECT answers->>'remarks' AS r FROM notifications WHERE case_id = $1`, [target.case_id]);
      assert.ok(remarks.length > 0 && remarks.every((x) => x.r === null), 'the notification’s free text is gone');
      const [kept] = await raw<{ name_kanji: string; retained_at: Date | null }>(`SELECT name_kanji, retained_at FROM persons WHERE id = $1`, [open.person_id]);
      assert.deepEqual(kept, { name_kanji: open.name_kanji, retained_at: null });
    });

    it('a rerun does nothing new', async () => {
      const r = await runRetention(t.db, { years: 5, dryRun: false, triggeredBy: 'cli', now: later });
      assert.deepEqual([r.personsDue, r.personsProcessed, r.auditRowsRedacted], [0, 0, 0]);
    });

    it('the counts stay: the dashboards’ sums and each case’s count, after the counts job and after a recount of every case', async () => {
      await refreshAllCounts(t.db, 500);
      assert.deepEqual(differences(before0, await counts()), noDifference);
      await raw(`INSERT INTO count_queue (case_id) SELECT id FROM cases ON CONFLICT DO NOTHING`);
      await refreshAllCounts(t.db, 500);
      assert.deepEqual(differences(before0, await counts()), noDifference);
    });

    it('the audit chain verifies; the search term is a digest that the original value still matches; an older row is kept whole', async () => {
      const v = await verifyAuditChain(t.db);
      assert.equal(v.ok, true, JSON.stringify(v));
      const [row] = await raw<{ details: { filter: Record<string, unknown> } }>(`SELECT details FROM audit_log WHERE seq = $1`, [searchSeq]);
      assert.ok((row.details.filter.kana as { $redacted: string }).$redacted);
      assert.ok((row.details.filter.birthDate as { $redacted: string }).$redacted);
      assert.ok(!JSON.stringify(row.details).includes(target.name_kana));
      assert.equal(await checkRedactedValue(t.db, searchSeq, ['filter', 'kana'], target.name_kana), 'matches');
      assert.equal(await checkRedactedValue(t.db, searchSeq, ['filter', 'birthDate'], target.birth_date), 'matches');
      assert.equal(await checkRedactedValue(t.db, searchSeq, ['filter', 'kana'], 'ヤマダ タロウ'), 'differs');
      const [oldRow] = await raw<{ details: { filter: { kana: string } } }>(`SELECT details FROM audit_log WHERE seq = $1`, [oldSeq]);
      assert.equal(oldRow.details.filter.kana, target.name_kana);
      const [sum] = await raw<{ redacted: number; kept: number }>(`SELECT sum(audit_rows_redacted)::int AS redacted, sum(audit_rows_kept)::int AS kept FROM retention_runs`);
      assert.ok(sum.redacted >= 1);
      assert.equal(sum.kept, 1);
    });

    it('the audit log stays append-only for the application, and for the owner outside a retention transaction', async () => {
      const staff = await actorFor(t.db, 'shinjuku-h1');
      await refused(
        t.db.asActor(staff, async (tx) => {
          await tx.execute(sql`SELECT set_config('hersys.retention', 'on', true)`);
          await tx.execute(sql`UPDATE audit_log SET details = '{}'::jsonb WHERE seq = ${searchSeq}`);
        }),
        /permission denied|append-only/,
      );
      await refused(t.db.asSystem((tx) => tx.execute(sql`UPDATE audit_log SET details = '{}'::jsonb WHERE seq = ${searchSeq}`)), /append-only/);
      // Even in a retention transaction, no other column may change.
      await refused(
        t.db.asSystem(async (tx) => {
          await tx.execute(sql`SELECT set_config('hersys.retention', 'on', true)`);
          await tx.execute(sql`UPDATE audit_log SET purpose = 'x' WHERE seq = ${searchSeq}`);
        }),
        /append-only/,
      );
      await refused(t.db.asSystem((tx) => tx.execute(sql`UPDATE case_status_changes SET note = NULL WHERE case_id = ${target.case_id}::uuid`)), /append-only/);
    });

    it('the runs and what is due next: a prefecture’s administrator and a privacy officer read them, a centre’s administrator and staff do not', async () => {
      for (const loginId of ['tokyo-admin', 'shinjuku-hc-po']) {
        const who = await firstLogin(t, app, loginId);
        const r = await who.client.get('/api/retention');
        assert.equal(r.statusCode, 200, `${loginId}: ${JSON.stringify(r.body)}`);
        assert.equal(r.body.retentionYears, 5);
        assert.ok(r.body.runs.length >= 5);
        assert.ok(r.body.runs.some((x: { dryRun: boolean; personsDue: number }) => x.dryRun && x.personsDue === due));
        // Today nobody is due; every person whose cases ended was retained by the runs six years on.
        assert.deepEqual([r.body.dueNow, r.body.nextDueOn], [0, null]);
      }
      for (const loginId of ['shinjuku-admin']) {
        const who = await firstLogin(t, app, loginId);
        assert.equal((await who.client.get('/api/retention')).statusCode, 403);
      }
      assert.equal((await shinjuku.client.get('/api/retention')).statusCode, 403);
      // Row-level security: a centre's administrator reads no run even in raw SQL.
      const admin = await actorFor(t.db, 'shinjuku-admin');
      const [{ n }] = await t.db.asActor(admin, (tx) => rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM retention_runs`));
      assert.equal(n, 0);
      await refused(t.db.asActor(admin, (tx) => tx.execute(sql`SELECT * FROM retention_due(${today}::date)`)), /not allowed/);
      const officer = await actorFor(t.db, 'shinjuku-hc-po');
      const [{ n: seen }] = await t.db.asActor(officer, (tx) => rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM retention_runs`));
      assert.ok(seen >= 5);
    });

    it('a value changed in a redacted row breaks the chain there', async () => {
      await t.db.asSystem(async (tx) => {
        await tx.execute(sql`SELECT set_config('hersys.retention', 'on', true)`);
        await tx.execute(sql`UPDATE audit_log SET details = jsonb_set(details, '{filter,kana}', ${JSON.stringify({ $redacted: '0'.repeat(64) })}::jsonb) WHERE seq = ${searchSeq}`);
      });
      const v = await verifyAuditChain(t.db);
      assert.deepEqual(v.ok ? null : [v.brokenAt, v.reason], [searchSeq, 'hash_mismatch']);
    });
  });
}
