// The explanation and alerts jobs on both engines, on a small hand-made day: ordinary centre work
// explained, a look after a transfer away and after a stay ended unexplained, a sensitive record,
// a name search with no work after it, a search followed by work, a typed purpose; re-runs change nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINES, freshDatabase, type TestDatabase } from '../../../test/harness/engines.ts';
import { japanToday } from '../../domain/calendar.ts';
import { raiseAccessAlerts } from './alerts.ts';
import { testConfig } from '../config.ts';
import { explainNewAccesses } from './explain.ts';
import { reviewAccesses } from './run.ts';
import { explanationShares } from './shares.ts';

const MINUTE = 60_000;
// Tomorrow 10:00 in Japan: after every relationship the demo world made, inside office hours.
const tomorrow = japanToday(new Date(Date.now() + 86_400_000));
const base = Date.parse(`${tomorrow}T10:00:00+09:00`);
const at = (minutes: number) => new Date(base + minutes * MINUTE).toISOString();

for (const engine of ENGINES) {
  describe(`access review jobs (${engine})`, () => {
    let t: TestDatabase;
    const user: Record<string, { id: string; org: string }> = {};
    const kase: Record<string, { id: string; person: string }> = {};
    const q = async (text: string, params: unknown[] = []) => (await t.superuser(text, params)).rows;

    /** Audit rows as the request path writes them (the chain's content hash is not what is tested here). */
    async function log(entries: { m: number; who: string | null; action: string; ids: string[]; details?: object; purpose?: string; outcome?: string }[]) {
      const rows = entries.map((e) => ({
        at: at(e.m),
        actor_user_id: e.who ? user[e.who].id : null,
        actor_org_id: e.who ? user[e.who].org : null,
        action: e.action,
        record_type: 'case',
        record_ids: e.ids,
        purpose: e.purpose ?? null,
        client_addr: '10.0.0.1',
        outcome: e.outcome ?? 'ok',
        details: e.details ?? {},
        content_hash: 'test',
      }));
      await q(`SELECT audit_append($1::jsonb)`, [JSON.stringify(rows)]);
    }
    const explained = async () =>
      Object.fromEntries(
        (
          await q(`SELECT u.login_id || ' ' || p.name_kana || ' ' || e.action || ' ' || e.at AS k, e.template FROM access_explanations e
                     JOIN users u ON u.id = e.actor_user_id JOIN persons p ON p.id = e.person_id WHERE e.at >= $1 ORDER BY e.seq`, [at(0)])
        ).map((r) => [String(r.k).replace(/ \S+ \S+$/, '').replace(/ 20\d\d-.*$/, ''), r.template]),
      );

    before(async () => {
      t = await freshDatabase(engine);
      for (const r of await q(`SELECT id, org_id, login_id FROM users`)) user[r.login_id as string] = { id: r.id as string, org: r.org_id as string };
      for (const r of await q(`SELECT c.id, c.person_id, p.name_kana FROM cases c JOIN persons p ON p.id = c.person_id`)) {
        kase[String(r.name_kana).split(' ')[0]] = { id: r.id as string, person: r.person_id as string };
      }
      // 高橋 goes from Nakano to Shinjuku at 10:05; 山田 is marked sensitive by Shinjuku.
      await q(
        `INSERT INTO case_transfers (case_id, case_number, from_hc_id, to_hc_id, reason, changed_by, changed_by_name, changed_by_org_name, changed_at)
         SELECT id, case_number, $2, $3, 'moved', $4, 'x', 'x', $5 FROM cases WHERE id = $1`,
        [kase.タカハシ.id, user['nakano-h1'].org, user['shinjuku-h1'].org, user['nakano-h1'].id, at(5)],
      );
      await q(`UPDATE cases SET responsible_hc_id = $2 WHERE id = $1`, [kase.タカハシ.id, user['shinjuku-h1'].org]);
      await q(`INSERT INTO sensitive_persons (person_id, kind, marked_by_org_id) VALUES ($1, 'public_figure', $2)`, [kase.ヤマダ.person, user['shinjuku-h1'].org]);
      // shinjuku-h1 is 山田's namesake, works on 山田's case (the day before) and opens the record of
      // someone with their family name and 山田's phone: 鈴木's person, renamed for it.
      const [own] = await q(`SELECT name_kanji, phone FROM persons WHERE id = $1`, [kase.ヤマダ.person]);
      assert.ok(own.phone);
      await q(`UPDATE users SET display_name = $2 WHERE id = $1`, [user['shinjuku-h1'].id, own.name_kanji]);
      await q(`UPDATE persons SET name_kanji = $2, phone = $3 WHERE id = $1`, [kase.スズキ.person, `${String(own.name_kanji).split(' ')[0]} 花子`, own.phone]);
      const read = (m: number, who: string, name: string, purpose?: string) => ({ m, who, action: 'cases.read', ids: [kase[name].id, kase[name].person], purpose });
      await log([
        read(1, 'nakano-h1', 'スズキ'),
        read(2, 'shinjuku-h1', 'スズキ'),
        read(3, 'nakano-h1', 'タカハシ'),
        read(10, 'nakano-h1', 'タカハシ'),
        read(10, 'shinjuku-h1', 'タカハシ'),
        { m: 12, who: 'tokyo-fu1', action: 'observations.read', ids: [kase.タカハシ.id] },
        read(15, 'tokyo-sg1', 'ヤマダ'),
        { m: 20, who: 'tokyo-sg1', action: 'cases.search', ids: [kase.サトウ.id], details: { filter: { kana: 'サトウ' } } },
        read(21, 'tokyo-sg1', 'サトウ'),
        { m: 30, who: 'tokyo-sg1', action: 'cases.search', ids: [kase.タナカ.id], details: { filter: { kana: 'タナカ' } } },
        read(31, 'tokyo-sg1', 'タナカ'),
        { m: 33, who: 'tokyo-sg1', action: 'cases.status_change', ids: [kase.タナカ.id] },
        read(40, 'tokyo-sg1', 'スズキ', '電話照会'),
        { m: 50, who: 'tokyo-hotel1', action: 'residences.read', ids: [kase.タナカ.id] },
        { m: 51, who: 'tokyo-hotel1', action: 'cases.read', ids: [kase.サトウ.id, kase.サトウ.person] },
        { m: 55, who: 'nakano-h1', action: 'cases.read', ids: [kase.スズキ.id], outcome: 'denied' },
        { m: 56, who: null, action: 'patient.home', ids: [kase.ヤマダ.id] },
        { m: -1440, who: 'shinjuku-h1', action: 'cases.status_change', ids: [kase.ヤマダ.id] },
        read(60, 'shinjuku-h1', 'ヤマダ'),
      ]);
    });
    after(() => t.close());

    it('waits for the search-then-work window to pass before explaining', async () => {
      while ((await explainNewAccesses(t.db, { now: new Date(base + 10 * MINUTE) })).rows > 0);
      assert.deepEqual(await explained(), {});
    });

    it('explains each access by the relationship at the time, or leaves it unexplained', async () => {
      let runs = 0;
      while ((await explainNewAccesses(t.db, { batch: 4, now: new Date(base + 180 * MINUTE) })).rows > 0) runs++;
      assert.ok(runs >= 4, 'small batches');
      assert.deepEqual(await explained(), {
        'nakano-h1 スズキ イチロウ cases.read': 'responsible_centre',
        'shinjuku-h1 スズキ イチロウ cases.read': 'related_centre',
        'nakano-h1 タカハシ ミサキ cases.read': null,
        'shinjuku-h1 タカハシ ミサキ cases.read': 'responsible_centre',
        'tokyo-fu1 タカハシ ミサキ observations.read': 'assignment',
        'tokyo-sg1 ヤマダ タロウ cases.read': null,
        'tokyo-sg1 サトウ ハナコ cases.read': null,
        'tokyo-sg1 タナカ ケン cases.read': 'search_then_work',
        'tokyo-sg1 タナカ ケン cases.status_change': 'search_then_work',
        'tokyo-sg1 スズキ イチロウ cases.read': 'purpose',
        'tokyo-hotel1 タナカ ケン residences.read': null,
        'tokyo-hotel1 サトウ ハナコ cases.read': 'stay',
        'shinjuku-h1 ヤマダ タロウ cases.read': 'responsible_centre',
      });
      const nakano = await q(`SELECT e.template FROM access_explanations e WHERE e.actor_user_id = $1 AND e.at >= $2 ORDER BY e.seq`, [user['nakano-h1'].id, at(0)]);
      assert.deepEqual(nakano.map((r) => r.template), ['responsible_centre', 'responsible_centre', null], 'before the transfer, then after it');
      const [{ purpose_only }] = await q(`SELECT purpose_only FROM access_explanations WHERE template = 'purpose'`);
      assert.equal(purpose_only, true);
    });

    it('a re-run writes nothing twice, even from the start', async () => {
      const count = async () => Number((await q(`SELECT count(*)::int AS n FROM access_explanations`))[0].n);
      const before = await count();
      assert.equal((await explainNewAccesses(t.db, { now: new Date(base + 180 * MINUTE) })).rows, 0);
      await q(`UPDATE access_review_progress SET last_seq = 0 WHERE job = 'explain'`);
      while ((await explainNewAccesses(t.db, { now: new Date(base + 180 * MINUTE) })).rows > 0);
      assert.equal(await count(), before);
    });

    it('raises one alert per user and day with the rule hits and their evidence; ordinary work raises none', async () => {
      const result = await raiseAccessAlerts(t.db, { now: new Date(base + 180 * MINUTE) });
      assert.equal(result.alerts, 4);
      const alerts = await q(
        `SELECT u.login_id, a.review_org_id, a.subject_org_id, a.day::text AS day, a.score, a.hits, a.status FROM review_alerts a JOIN users u ON u.id = a.subject_user_id WHERE a.source = 'rules' ORDER BY u.login_id`,
      );
      const rulesOf = (login: string) => (alerts.find((a) => a.login_id === login)?.hits as { rule: string }[] | undefined)?.map((h) => h.rule).sort();
      assert.deepEqual(alerts.map((a) => a.login_id), ['nakano-h1', 'shinjuku-h1', 'tokyo-hotel1', 'tokyo-sg1']);
      assert.deepEqual(rulesOf('shinjuku-h1'), ['same_surname_address'], 'the relative; not the sensitive record of their own name they look after');
      assert.deepEqual(rulesOf('nakano-h1'), ['after_relationship_ended', 'unexplained']);
      assert.deepEqual(rulesOf('tokyo-hotel1'), ['after_relationship_ended', 'unexplained']);
      assert.deepEqual(rulesOf('tokyo-sg1'), ['search_without_work', 'sensitive_record', 'unexplained', 'unexplained']);
      const sg = alerts.find((a) => a.login_id === 'tokyo-sg1')!;
      assert.equal(sg.review_org_id, user['tokyo-sg1'].org);
      assert.equal(sg.day, tomorrow);
      const sensitive = (sg.hits as { rule: string; evidence: { caseIds: string[]; seqs: number[] } }[]).find((h) => h.rule === 'sensitive_record')!;
      assert.deepEqual(sensitive.evidence.caseIds, [kase.ヤマダ.id]);
      assert.equal(sensitive.evidence.seqs.length, 1);
    });

    it('a re-run raises nothing new, even from the start, and new evidence joins the day’s alert', async () => {
      assert.deepEqual(await raiseAccessAlerts(t.db), { alerts: 0, hits: 0, accesses: 0 });
      await q(`UPDATE access_review_progress SET last_seq = 0 WHERE job = 'alerts'`);
      assert.deepEqual((await raiseAccessAlerts(t.db)).alerts, 0);
      assert.equal((await q(`SELECT count(*)::int AS n FROM review_alerts`))[0].n, 4);

      await q(`UPDATE review_alerts SET status = 'dismissed' WHERE subject_user_id = $1`, [user['tokyo-sg1'].id]);
      await log([{ m: 70, who: 'tokyo-sg1', action: 'cases.read', ids: [kase.タカハシ.id, kase.タカハシ.person] }]);
      while ((await explainNewAccesses(t.db, { now: new Date(base + 180 * MINUTE) })).rows > 0);
      assert.equal((await raiseAccessAlerts(t.db)).alerts, 1);
      const [a] = await q(`SELECT status, hits FROM review_alerts WHERE subject_user_id = $1`, [user['tokyo-sg1'].id]);
      assert.equal(a.status, 'open', 'new evidence after a dismissal is looked at again');
      assert.equal((a.hits as { rule: string }[]).filter((h) => h.rule === 'unexplained').length, 3);
    });

    it('counts the explanations of an organisation’s staff for the compliance report', async () => {
      const shares = await t.db.asSystem((tx) => explanationShares(tx, [user['tokyo-sg1'].org], new Date(base), new Date(base + 180 * MINUTE)));
      assert.equal(shares.byTemplate.search_then_work, 2);
      assert.equal(shares.purposeOnly, 1);
      assert.equal(shares.unexplained, 3);
      assert.equal(shares.accesses, 6);
    });

    it('the scheduled run explains every new row, then raises the alerts', async () => {
      await log([{ m: 80, who: 'nakano-h1', action: 'cases.read', ids: [kase.タカハシ.id, kase.タカハシ.person] }]);
      const config = testConfig();
      assert.deepEqual(await reviewAccesses(t.db, config, new Date(base + 180 * MINUTE)), { explained: 1, alerts: 1 });
      assert.deepEqual(await reviewAccesses(t.db, config, new Date(base + 180 * MINUTE)), { explained: 0, alerts: 0 });
    });
  });
}
