// The generated month of staff activity: rows shaped as the services write them, about cases that
// exist and that the user's organisation could open then; planted misuse where the ground truth
// says; the same month from the same seed; the chain still verifies; and the CLI command.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { ENGINES, freshDatabase, type TestDatabase } from '../../../../test/harness/engines.ts';
import { verifyAuditChain } from '../../audit/verify.ts';
import { rows } from '../../db/database.ts';
import { addDemoActivity, type DemoActivity } from './demo.ts';
import { generateActivity } from './generate.ts';
import { MISUSE_KINDS } from './model.ts';
import { assignmentAt, loadActivityWorld, responsibleAt, type ActivityWorld, type WorldCase } from './world.ts';
import { writeRows } from './write.ts';

const NOW = new Date('2026-11-20T12:00:00+09:00');
const DAYS = 10;
const START = new Date('2026-11-10T00:00:00+09:00');
const DAY = 86_400_000;

interface Row {
  seq: number;
  at: Date;
  actor_user_id: string;
  actor_org_id: string;
  action: string;
  record_type: string;
  record_ids: string[];
  purpose: string | null;
  details: Record<string, unknown>;
}

const READS_OF_A_CASE = ['cases.read', 'observations.read', 'residences.read', 'hospital_course.read', 'cases.status_read'];

for (const engine of ENGINES) {
  describe(`generated staff activity (${engine})`, () => {
    let t: TestDatabase;
    let done: DemoActivity;
    let log: Row[];
    let world: ActivityWorld;
    before(async () => {
      t = await freshDatabase(engine);
      done = (await addDemoActivity(t.db, { days: DAYS, seed: 'test', now: NOW }))!;
      log = await t.db.asSystem((tx) =>
        rows<Row>(tx, sql`SELECT seq::integer AS seq, at, actor_user_id, actor_org_id, action, record_type, record_ids, purpose, details FROM audit_log WHERE actor_user_id IS NOT NULL ORDER BY seq`),
      ).then((found) => found.map((r) => ({ ...r, at: new Date(r.at) })));
      world = await loadActivityWorld(t.db, new Date(START.getTime() - 14 * DAY), new Date(START.getTime() + DAYS * DAY));
    });
    after(() => t.close());

    it('writes a month of work in the window, by staff of the organisation the row names', async () => {
      assert.ok(done.rows > 1000 && log.length === done.rows, `${done.rows} rows`);
      assert.ok(done.casesAdded > 100 && done.staffAdded > 10);
      const orgOf = new Map(world.users.map((u) => [u.id, u.orgId]));
      for (const r of log) {
        assert.equal(orgOf.get(r.actor_user_id), r.actor_org_id, `row ${r.seq}`);
        assert.ok(r.at.getTime() >= START.getTime() && r.at.getTime() < START.getTime() + DAYS * DAY, `row ${r.seq} at ${r.at.toISOString()}`);
      }
      const actions = new Set(log.map((r) => r.action));
      for (const a of ['worklist.read', 'cases.read', 'cases.search', 'cases.register', 'observations.read', 'observations.record', 'notifications.read', 'notifications.submit']) {
        assert.ok(actions.has(a), a);
      }
      // Office hours mostly, some overtime, nothing at night.
      const hours = log.map((r) => (r.at.getUTCHours() + 9) % 24);
      assert.ok(hours.every((h) => h >= 8 && h < 23));
      assert.ok(hours.filter((h) => h >= 8 && h < 18).length > 0.9 * log.length);
      // Contractor staff work at the follow-up centre, heavily (the helpdesk's contractor sees no case unless let in).
      const contractors = await t.db.asSystem((tx) =>
        rows<{ id: string; login_id: string }>(tx, sql`SELECT id, login_id FROM users WHERE contractor_name IS NOT NULL AND 'followup_staff' = ANY (roles)`),
      );
      const idle = contractors.filter((c) => !log.some((r) => r.actor_user_id === c.id)).map((c) => c.login_id);
      assert.ok(contractors.length >= 2 && idle.length === 0, `idle: ${idle.join(', ')}`);
    });

    it('names cases that exist, with their person, and only cases the organisation could open then', async () => {
      const byId = new Map(world.cases.map((c) => [c.id, c]));
      const notificationCase = new Map(world.cases.flatMap((c) => c.notificationIds.map((n) => [n, c.id] as const)));
      const prefectureOf = new Map(world.orgs.map((o) => [o.id, o.prefectureId]));
      const couldOpen = (org: string, c: WorldCase, at: number) =>
        responsibleAt(c, at) === org ||
        c.related.some((x) => x.hcId === org && x.from <= at) ||
        c.reportingOrgId === org ||
        (c.prefectureId === org && prefectureOf.get(org) === org) ||
        assignmentAt(c, at)?.orgId === org;
      for (const r of log) {
        const at = r.at.getTime();
        const cases: WorldCase[] = [];
        if (r.action === 'cases.read' || r.action === 'cases.register') {
          const c = byId.get(r.record_ids[0]);
          assert.ok(c && r.record_ids.length === 2 && r.record_ids[1] === c.personId, `row ${r.seq}`);
          cases.push(c);
        } else if (READS_OF_A_CASE.includes(r.action)) cases.push(byId.get(r.record_ids[0])!);
        else if (r.action.startsWith('notifications.')) {
          assert.equal(notificationCase.get(r.record_ids[0]), r.details.caseId, `row ${r.seq}`);
          cases.push(byId.get(r.details.caseId as string)!);
        } else if (r.action === 'observations.record') cases.push(byId.get(r.details.caseId as string)!);
        else if (r.action === 'cases.search' || r.action === 'worklist.read') cases.push(...r.record_ids.map((id) => byId.get(id)!));
        else assert.fail(`unexpected action ${r.action}`);
        for (const c of cases) {
          assert.ok(c, `row ${r.seq} (${r.action}) names a case that exists`);
          // A registration happens as the case is created; everything else after.
          assert.ok(c.createdAt <= at + 10 * 60_000, `row ${r.seq} (${r.action}) before its case`);
          if (r.action !== 'cases.search' || r.record_ids.length) assert.ok(couldOpen(r.actor_org_id, c, at), `row ${r.seq} (${r.action}) out of scope`);
        }
      }
    });

    it('plants each of the six kinds of misuse where the ground truth says, by users kept out of the normal set', async () => {
      const { planted, normalUserIds } = done.truth;
      assert.deepEqual([...new Set(planted.map((p) => p.kind))].sort(), [...MISUSE_KINDS].sort());
      const bySeq = new Map(log.map((r) => [r.seq, r]));
      const normal = new Set(normalUserIds);
      const day = (r: Row) => new Date(r.at.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
      const facts = await t.db.asSystem(async (tx) => ({
        sensitive: new Set((await rows<{ person_id: string }>(tx, sql`SELECT person_id FROM sensitive_persons`)).map((s) => s.person_id)),
        contractors: new Set((await rows<{ id: string }>(tx, sql`SELECT id FROM users WHERE contractor_name IS NOT NULL`)).map((s) => s.id)),
      }));
      for (const p of planted) {
        assert.ok(!normal.has(p.userId));
        const mine = p.seqs.map((s) => bySeq.get(s)!);
        assert.ok(mine.length > 0 && mine.every((r) => r.actor_user_id === p.userId && day(r) === p.day), `${p.kind}: rows of the user that day`);
        const read = mine.filter((r) => r.action === 'cases.read').map((r) => world.cases.find((c) => c.id === r.record_ids[0])!);
        assert.ok(read.length > 0, `${p.kind}: opens records`);
        // None of it is work: nothing recorded.
        assert.ok(mine.every((r) => /read$/.test(r.action) || r.action === 'cases.search'), `${p.kind}: reads only`);
        switch (p.kind) {
          case 'celebrity':
            assert.ok(facts.sensitive.has(read[0].personId));
            break;
          case 'relative':
            assert.ok(world.kin.some((k) => k.userId === p.userId && k.caseId === read[0].id));
            break;
          case 'ex_partner':
            assert.equal(mine[0].action, 'cases.search');
            assert.equal((mine[0].details.filter as { kana: string }).kana, read[0].kana);
            break;
          case 'curiosity':
            assert.ok(new Set(read.map((c) => c.id)).size >= 10);
            break;
          case 'after_transfer': {
            const moved = read[0].responsible[1];
            assert.ok(moved && moved.from < mine[0].at.getTime() && read[0].responsible[0].hcId === mine[0].actor_org_id);
            break;
          }
          case 'contractor_bulk':
            assert.ok(facts.contractors.has(p.userId));
            assert.ok(read.every((c) => assignmentAt(c, mine[0].at.getTime())?.orgId === mine[0].actor_org_id));
            break;
        }
      }
      // The rest of the log is normal work.
      const plantedSeqs = new Set(planted.flatMap((p) => p.seqs));
      assert.equal(log.filter((r) => !plantedSeqs.has(r.seq)).length, log.length - plantedSeqs.size);
      assert.ok(normal.size > 20);
    });

    it('keeps the audit chain intact (every row through audit_append), and runs once per database', async () => {
      const verified = await verifyAuditChain(t.db);
      assert.ok(verified.ok, JSON.stringify(verified));
      assert.equal(await addDemoActivity(t.db, { days: DAYS, now: NOW }), null);
    });

    it('gives the same month for the same seed, another for another seed', () => {
      const options = { start: START, days: 3, seed: 'same', plantsPerKind: 1 };
      const once = [...generateActivity(world, options).days()];
      const again = [...generateActivity(world, options).days()];
      assert.deepEqual(again, once);
      const other = [...generateActivity(world, { ...options, seed: 'other' }).days()];
      assert.notDeepEqual(other, once);
    });

    it('writes in bulk with the seqs in order (the benchmark)', async () => {
      const [first] = [...generateActivity(world, { start: START, days: 1, seed: 'bulk', plantsPerKind: 0 }).days()];
      const sample = first.rows.slice(0, 50);
      const seqs = await writeRows(t.db, sample, 'bulk');
      const back = await t.db.asSystem((tx) =>
        rows<Row>(tx, sql`SELECT seq::integer AS seq, at, actor_user_id, action, record_ids, details FROM audit_log WHERE seq >= ${seqs[0]} ORDER BY seq`),
      ).then((found) => found.map((r) => ({ ...r, at: new Date(r.at) })));
      assert.deepEqual(back.map((r) => r.seq), seqs);
      assert.deepEqual(
        back.map((r) => [r.at.getTime(), r.actor_user_id, r.action, r.record_ids, r.details]),
        sample.map((r) => [r.at, r.userId, r.action, r.recordIds, r.details]),
      );
    });
  });
}

describe('hersys demo activity (CLI, embedded database)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hersys-activity-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir }, encoding: 'utf8' });

  it('seeds the demo world if need be, writes the month, names the planted misuse; the chain verifies; once only', () => {
    const run = cli('demo', 'activity', '--days', '7');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^7 days of staff work: \d+ audit rows/m);
    const planted = run.stdout.split('\n').filter((l) => /^\s+\d{4}-\d{2}-\d{2}\t\S+\t\w+\t\d+ audit rows$/.test(l));
    assert.ok(planted.length >= 4, run.stdout);
    const verify = cli('audit', 'verify');
    assert.equal(verify.status, 0, verify.stderr);
    const again = cli('demo', 'activity');
    assert.equal(again.status, 1);
    assert.match(again.stderr, /already has its generated month/);
    assert.equal(cli('demo', 'activity', '--days', 'x').status, 2);
  });
});
