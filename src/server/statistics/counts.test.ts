// Every figure reproducible (issue 13): a generated epidemic on the demo world is counted by the
// job into the rollups; each dashboard figure is then computed again here from the raw rows in
// plain SQL and compared — before and after a round of changes (withdrawals, transfers, statuses,
// a corrected birth date, daily aggregate reports filed and corrected), so the incremental counting
// is checked against a count from scratch.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { actorFor } from '../../../test/harness/actors.ts';
import { closeApp, firstLogin, openApp, type LoggedIn } from '../../../test/harness/http.ts';
import { xlsxText } from '../../../test/harness/xlsx.ts';
import { japanToday } from '../../domain/calendar.ts';
import { addDays } from '../../domain/contacts.ts';
import { rows } from '../db/database.ts';
import { generateEpidemic } from '../demo/epidemic.ts';
import { municipalityOfAddress } from '../../domain/statistics/municipality.ts';
import { refreshAllCounts } from './refresh.ts';

const today = japanToday(new Date());
const from = addDays(today, -59);

/** The counted cases, from scratch: COVID-19, a live notification, the first report, the classification in force, not a second case of one episode. */
const COUNTED = `
  WITH live AS (
    SELECT c.id, c.person_id, c.case_number, c.responsible_hc_id AS hc, c.prefecture_id AS pref, pr.parent_id AS nation,
           min((n.first_submitted_at AT TIME ZONE 'Asia/Tokyo')::date) AS reported_on
      FROM cases c JOIN notifications n ON n.case_id = c.id JOIN organizations pr ON pr.id = c.prefecture_id
     WHERE n.status = 'submitted' AND n.first_submitted_at IS NOT NULL AND c.disease = 'covid19'
     GROUP BY c.id, pr.parent_id),
  current AS (
    SELECT DISTINCT ON (n.case_id) n.case_id, n.classification, n.death_on
      FROM notifications n WHERE n.status = 'submitted' AND n.first_submitted_at IS NOT NULL
     ORDER BY n.case_id, (n.superseded_at IS NULL) DESC, n.first_submitted_at DESC)
  -- The generator makes pairs at most, so "an earlier case of the person within 28 days" is the episode rule.
  SELECT l.*, cur.classification, cur.death_on FROM live l JOIN current cur ON cur.case_id = l.id
   WHERE NOT EXISTS (SELECT 1 FROM live e WHERE e.person_id = l.person_id AND e.id <> l.id
                       AND (e.reported_on, e.case_number) < (l.reported_on, l.case_number) AND e.reported_on > l.reported_on - 28)`;

for (const engine of ENGINES) {
  describe(`counts (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let ministry: LoggedIn;
    let nakano: LoggedIn;
    const org = (key: string) => t.world.orgIds[key];
    const raw = async <T,>(query: string, params: unknown[] = []) => (await t.superuser(query, params)).rows as T[];

    before(async () => {
      ({ t, app } = await openApp(engine));
      const staff = await actorFor(t.db, 'shinjuku-h1');
      const { cases } = await generateEpidemic(t.db, {
        areas: [
          { prefectureId: org('tokyo'), hcId: org('shinjuku-hc'), institutionId: org('sakura-clinic'), weight: 35, residences: ['東京都新宿区', '東京都中野区', '東京都 杉並区'] },
          { prefectureId: org('tokyo'), hcId: org('nakano-hc'), institutionId: org('midori-hospital'), weight: 34 },
        ],
        from,
        days: 60,
        cases: 1500,
        staff: { id: staff.userId, name: '新宿区保健所 保健予防課1', orgName: '新宿区保健所' },
      });
      assert.ok(cases >= 1500);
      await refreshAllCounts(t.db, 500);
      ministry = await firstLogin(t, app, 'mhlw-stats');
      nakano = await firstLogin(t, app, 'nakano-h1');
    });
    after(() => closeApp(t, app));

    const dashboardOf = async (who: LoggedIn, area: string, by = 'classification', basis = 'reported') => {
      const r = await who.client.get(`/api/statistics/dashboard?area=${area}&from=${from}&to=${today}&by=${by}&basis=${basis}`);
      assert.equal(r.statusCode, 200, JSON.stringify(r.body));
      return r.body;
    };

    /** Compares every day of the dashboard of each area with the counts from scratch. */
    async function compareWithRawRows() {
      for (const key of ['shinjuku-hc', 'tokyo', 'mhlw']) {
        const area = org(key);
        const scope = `(c.hc = $1 OR c.pref = $1 OR c.nation = $1)`;
        const d = await dashboardOf(ministry, area);
        const reported = await raw<{ day: string; classification: string; n: number }>(
          `SELECT c.reported_on::text AS day, c.classification, count(*)::int AS n FROM (${COUNTED}) c
            WHERE ${scope} AND c.reported_on BETWEEN $2 AND $3 GROUP BY 1, 2
           UNION ALL
           SELECT v.report_date::text, 'aggregate', sum(v.count)::int FROM daily_report_counts v JOIN organizations pr ON pr.id = v.prefecture_id
            WHERE (v.health_center_id = $1 OR v.prefecture_id = $1 OR pr.parent_id = $1) AND v.report_date BETWEEN $2 AND $3
            GROUP BY 1 HAVING sum(v.count) > 0`,
          [area, from, today],
        );
        const expected = new Map(reported.map((r) => [`${r.day}|${r.classification}`, r.n]));
        let total = 0;
        for (const day of d.newCases) {
          for (const [g, n] of Object.entries(day.groups)) assert.equal(n, expected.get(`${day.day}|${g}`) ?? 0, `${key} ${day.day} ${g}`);
          total += day.total;
        }
        assert.equal(total, reported.reduce((a, r) => a + r.n, 0), `${key}: new cases in the period`);
        assert.equal(d.totals.newCases, total);

        // In hospital and severe at the end of each day: the newest status (and clinical-course
        // entry) on or before the day, for every counted case.
        const loads = await raw<{ day: string; hospitalized: number; severe: number; home: number }>(
          `SELECT day::date::text AS day, count(*) FILTER (WHERE s.status = 'hospitalized')::int AS hospitalized,
                  count(*) FILTER (WHERE s.status = 'home')::int AS home,
                  count(*) FILTER (WHERE s.status = 'hospitalized' AND k.severity = 'severe')::int AS severe
             FROM generate_series($2::date, $3::date, interval '1 day') g(day)
             JOIN (${COUNTED}) c ON ${scope}
             JOIN LATERAL (SELECT x.status FROM case_status_changes x WHERE x.case_id = c.id AND x.effective_on <= day::date
                            ORDER BY x.effective_on DESC, x.changed_at DESC LIMIT 1) s ON true
             LEFT JOIN LATERAL (SELECT y.severity FROM clinical_course y WHERE y.case_id = c.id AND y.observed_on <= day::date
                                ORDER BY y.observed_on DESC, y.changed_at DESC LIMIT 1) k ON true
            GROUP BY 1 ORDER BY 1`,
          [area, from, today],
        );
        const byDay = new Map(loads.map((l) => [l.day, l]));
        for (const l of d.load) {
          const e = byDay.get(l.day) ?? { hospitalized: 0, severe: 0, home: 0 };
          assert.deepEqual([l.levels.hospitalized, l.levels.severe, l.levels.home], [e.hospitalized, e.severe, e.home], `${key} loads on ${l.day}`);
        }

        const [deaths] = await raw<{ n: number }>(
          `SELECT count(*)::int AS n FROM (${COUNTED}) c
             LEFT JOIN LATERAL (SELECT min(x.effective_on) AS died_on FROM case_status_changes x WHERE x.case_id = c.id AND x.status = 'died') s ON true
            WHERE ${scope} AND coalesce(c.death_on, s.died_on) BETWEEN $2 AND $3`,
          [area, from, today],
        );
        assert.equal(d.totals.deaths, deaths.n, `${key}: deaths`);
        const [tests] = await raw<{ positive: number; negative: number }>(
          `SELECT count(*) FILTER (WHERE t.result = 'positive')::int AS positive, count(*) FILTER (WHERE t.result = 'negative')::int AS negative
             FROM lab_tests t JOIN cases x ON x.id = t.case_id JOIN organizations pr ON pr.id = x.prefecture_id
            WHERE (x.responsible_hc_id = $1 OR x.prefecture_id = $1 OR pr.parent_id = $1) AND coalesce(t.collected_on, t.result_on) BETWEEN $2 AND $3`,
          [area, from, today],
        );
        assert.deepEqual([d.totals.testsPositive, d.totals.testsNegative], [tests.positive, tests.negative], `${key}: tests`);
      }
      // The dashboards read count_by: its day's and month's totals, and each breakdown of new cases, is
      // the cross-tab summed (a flow's +1 and -1 in two cells of one group come to a zero it does not keep).
      const [differ] = await raw<{ n: number }>(
        `SELECT count(*)::int AS n FROM (
           SELECT area_id, measure, x.day, x.dim, x.grp, sum(n)::int AS n FROM count_rollup
             CROSS JOIN LATERAL (VALUES ('all', '', day), ('month', '', date_trunc('month', day)::date), ('classification', classification, day),
                                        ('age_band', age_band, day), ('sex', sex, day)) AS x(dim, grp, day)
            WHERE x.dim IN ('all', 'month') OR measure IN ('reported', 'diagnosed', 'onset')
            GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0) a
           FULL JOIN (SELECT * FROM count_by WHERE dim <> 'municipality') b USING (area_id, measure, day, dim, grp)
          WHERE a.n IS DISTINCT FROM b.n`,
      );
      assert.equal(differ.n, 0, 'count_by agrees with count_rollup');
    }

    it('counts new cases, loads, deaths and tests exactly as the raw rows give them', async () => {
      await compareWithRawRows();
      const d = await dashboardOf(ministry, org('tokyo'));
      assert.ok(d.totals.newCases > 1000, 'the epidemic is counted');
      assert.ok(d.load.at(-1).levels.hospitalized > 0 && d.totals.deaths > 0 && d.totals.testsNegative > 0);
      assert.deepEqual(d.subareas.map((s: { area: { id: string } }) => s.area.id).sort(), [org('nakano-hc'), org('shinjuku-hc')].sort());
      assert.equal(d.lag.queued, 0);
    });

    it('counts new cases by municipality of residence for a centre and its prefecture, as the addresses tell them', async () => {
      const expected = new Map<string, number>();
      const counted = await raw<{ address: string | null }>(
        `SELECT p.residence_address AS address FROM (${COUNTED}) c JOIN persons p ON p.id = c.person_id WHERE c.hc = $1 AND c.reported_on BETWEEN $2 AND $3`,
        [org('shinjuku-hc'), from, today],
      );
      for (const { address } of counted) {
        const code = municipalityOfAddress(address)?.code ?? 'unknown';
        expected.set(code, (expected.get(code) ?? 0) + 1);
      }
      const [aggregates] = await raw<{ n: number }>(
        `SELECT coalesce(sum(count), 0)::int AS n FROM daily_report_counts WHERE health_center_id = $1 AND report_date BETWEEN $2 AND $3`,
        [org('shinjuku-hc'), from, today],
      );
      expected.set('unknown', (expected.get('unknown') ?? 0) + aggregates.n);
      const d = await dashboardOf(ministry, org('shinjuku-hc'));
      const got = new Map<string, number>(d.municipalities.map((m: { code: string; newCases: number }) => [m.code, m.newCases]));
      assert.deepEqual(new Map([...got].filter(([, n]) => n > 0)), new Map([...expected].filter(([, n]) => n > 0)));
      assert.deepEqual([...got.keys()].filter((c) => c !== 'unknown').sort(), ['131041', '131148', '131156'], 'Shinjuku, Nakano and Suginami residents');
      assert.equal(d.municipalities.find((m: { code: string }) => m.code === '131041').nameJa, '新宿区');

      const tokyo = await dashboardOf(ministry, org('tokyo'));
      const nakanoCentre = await dashboardOf(ministry, org('nakano-hc'));
      const sum = (list: { code: string; newCases: number }[], code: string) => list.filter((m) => m.code === code).reduce((a, m) => a + m.newCases, 0);
      for (const code of ['131041', '131148', 'unknown'])
        assert.equal(sum(tokyo.municipalities, code), sum(d.municipalities, code) + sum(nakanoCentre.municipalities, code), `the prefecture adds its centres: ${code}`);
      assert.deepEqual((await dashboardOf(ministry, org('mhlw'))).municipalities, []);
    });

    it('downloads the same figures as CSV and XLSX, with the definitions', async () => {
      const q = `area=${org('tokyo')}&from=${from}&to=${today}`;
      const d = await dashboardOf(ministry, org('tokyo'));
      const csv = await ministry.client.get(`/api/statistics/dashboard.csv?${q}`);
      assert.equal(csv.statusCode, 200);
      const lines = String(csv.body).trim().split('\r\n');
      assert.equal(lines.length, 2 + 60);
      const total = lines.slice(2).reduce((a, line) => a + Number(line.split(',')[1 + d.groups.length]), 0);
      assert.equal(total, d.totals.newCases, 'the CSV adds up to the dashboard');
      const xlsx = await app.inject({ method: 'GET', url: `/api/statistics/dashboard.xlsx?${q}`, cookies: Object.fromEntries(ministry.client.cookies) });
      assert.equal(xlsx.statusCode, 200);
      const text = xlsxText(xlsx.rawPayload);
      for (const s of ['東京都', '定義', '新規陽性者数（報告日別）', '取り下げられていない発生届', '保健所別', '新宿区保健所', '市区町村別', '新宿区', '131041']) assert.ok(text.includes(s), s);
    });

    it('the same age bands and sexes add up to the same days', async () => {
      for (const by of ['age_band', 'sex']) {
        const d = await dashboardOf(ministry, org('shinjuku-hc'), by);
        for (const day of d.newCases) assert.equal(Object.values(day.groups as Record<string, number>).reduce((a, b) => a + b, 0), day.total, `${by} ${day.day}`);
      }
      const onset = await dashboardOf(ministry, org('tokyo'), 'classification', 'onset');
      const reported = await dashboardOf(ministry, org('tokyo'));
      assert.ok(onset.totals.dateUnknown > 0, 'cases without an onset date are counted as unknown');
      assert.ok(Math.abs(onset.totals.newCases + onset.totals.dateUnknown - reported.totals.newCases) < reported.totals.newCases * 0.05);
    });

    it('adds the daily aggregate reports to new cases once, as their own group, and follows a correction', async () => {
      // The demo world's clinic has filed a report every day; the prefecture corrects one of them.
      const day = addDays(today, -10);
      const onDay = (d: { newCases: { day: string; total: number; groups: Record<string, number> }[] }) => d.newCases.find((x) => x.day === day)!;
      const [report] = await raw<{ id: string; version: number; total: number }>(
        `SELECT r.id, r.version, (SELECT sum(count)::int FROM daily_report_counts v WHERE v.report_id = r.id) AS total
           FROM daily_reports r WHERE r.institution_id = $1 AND r.report_date = $2`,
        [org('sakura-clinic'), day],
      );
      assert.ok(report, 'the demo clinic reported the day');
      const before = onDay(await dashboardOf(ministry, org('tokyo')));
      const beforeCentre = onDay(await dashboardOf(ministry, org('shinjuku-hc')));
      assert.ok(before.groups.aggregate >= report.total && beforeCentre.groups.aggregate >= report.total, 'the filed report is counted');

      const prefecture = await firstLogin(t, app, 'tokyo-sg1');
      const corrected = await prefecture.client.patch(`/api/daily-reports/${report.id}`, { counts: { '20s': report.total + 5, '40s': 2 }, reason: '集計漏れの訂正', version: report.version });
      assert.equal(corrected.statusCode, 200, JSON.stringify(corrected.body));
      const [queued] = await raw<{ n: number }>('SELECT count(*)::int AS n FROM report_count_queue');
      assert.equal(queued.n, 1, 'the correction queued the report in its own transaction');
      await refreshAllCounts(t.db);
      for (const [key, d] of [['tokyo', before], ['shinjuku-hc', beforeCentre]] as const) {
        const after = onDay(await dashboardOf(ministry, org(key)));
        assert.equal(after.groups.aggregate, d.groups.aggregate + 7, `${key}: the correction replaced the report's figures, not added to them`);
        assert.equal(after.total, d.total + 7, `${key}: the day is the notified cases plus the aggregates`);
        assert.deepEqual(Object.entries(after.groups).filter(([g]) => g !== 'aggregate'), Object.entries(d.groups).filter(([g]) => g !== 'aggregate'), 'no notified group moved');
      }
      const bySex = onDay(await dashboardOf(ministry, org('tokyo'), 'sex'));
      assert.equal(bySex.groups.unknown, before.groups.aggregate + 7, 'the form does not ask sex');
      const nakanoDay = onDay(await dashboardOf(ministry, org('nakano-hc')));
      const [nakanoReports] = await raw<{ n: number }>(
        `SELECT coalesce(sum(count), 0)::int AS n FROM daily_report_counts WHERE health_center_id = $1 AND report_date = $2`,
        [org('nakano-hc'), day],
      );
      assert.equal(nakanoDay.groups.aggregate, nakanoReports.n, 'another centre counts its own institutions only');
      await compareWithRawRows();
    });

    it('follows withdrawals, transfers, new statuses and corrected birth dates, and a recount changes nothing', async () => {
      await raw(`UPDATE notifications SET status = 'withdrawn', withdrawn_at = now() WHERE id IN (
                   SELECT id FROM notifications WHERE status = 'submitted' AND superseded_at IS NULL ORDER BY id LIMIT 25)`);
      await raw(`UPDATE cases SET responsible_hc_id = $1 WHERE id IN (
                   SELECT id FROM cases WHERE responsible_hc_id = $2 ORDER BY id LIMIT 30)`, [org('nakano-hc'), org('shinjuku-hc')]);
      await raw(`INSERT INTO case_status_changes (case_id, status, effective_on, changed_by, changed_by_name, changed_by_org_name)
                 SELECT id, 'hospitalized', $1::date - 3, gen_random_uuid(), 'x', 'y' FROM cases ORDER BY case_number LIMIT 40`, [today]);
      await raw(`UPDATE persons SET birth_date = '1931-01-01' WHERE id IN (SELECT person_id FROM cases ORDER BY case_number DESC LIMIT 20)`);
      const moved = await raw<{ id: string }>(`UPDATE persons SET residence_address = '東京都中野区中央1丁目1番1号' WHERE id IN (
                   SELECT c.person_id FROM case_counts k JOIN cases c ON c.id = k.case_id WHERE k.municipality = '131041' AND k.counted_as = 'counted' ORDER BY c.id LIMIT 15) RETURNING id`);
      assert.equal(moved.length, 15);
      const [queued] = await raw<{ n: number }>('SELECT count(*)::int AS n FROM count_queue');
      assert.ok(queued.n >= 100, `the changes queued their cases (${queued.n})`);
      const lagging = await dashboardOf(ministry, org('mhlw'));
      assert.equal(lagging.lag.queued, queued.n, 'the dashboard shows what is not counted yet');
      await refreshAllCounts(t.db, 37);
      await compareWithRawRows();
      const [stillShinjuku] = await raw<{ n: number }>(
        `SELECT count(*)::int AS n FROM case_counts k JOIN cases c ON c.id = k.case_id WHERE c.person_id = ANY ($1::uuid[]) AND k.municipality <> '131148'`,
        [moved.map((m) => m.id)],
      );
      assert.equal(stillShinjuku.n, 0, 'the moved persons count in their new municipality');

      const snapshot = async () => raw<{ k: string }>(`SELECT concat_ws('|', area_id, measure, day, classification, age_band, sex, n) AS k FROM count_rollup ORDER BY 1`);
      const once = await snapshot();
      await raw('INSERT INTO count_queue (case_id) SELECT id FROM cases');
      await raw('INSERT INTO report_count_queue (report_id) SELECT id FROM daily_reports');
      await refreshAllCounts(t.db);
      assert.deepEqual(await snapshot(), once, 'counting every case and report again changes no cell');
      const [zeros] = await raw<{ n: number }>('SELECT count(*)::int AS n FROM count_rollup WHERE n = 0');
      assert.equal(zeros.n, 0, 'cells that come to zero are dropped');
    });

    it('a health centre counts its own area only: other areas are unknown to it, and the database shows it no other', async () => {
      const own = await nakano.client.get(`/api/statistics/dashboard?from=${from}&to=${today}`);
      assert.equal(own.statusCode, 200);
      assert.equal(own.body.area.id, org('nakano-hc'));
      assert.deepEqual(own.body.subareas, []);
      for (const other of [org('shinjuku-hc'), org('tokyo'), org('mhlw')]) {
        const r = await nakano.client.get(`/api/statistics/dashboard?area=${other}`);
        assert.equal(r.statusCode, 404);
      }
      const areas = await nakano.client.get('/api/statistics/areas');
      assert.deepEqual(areas.body.areas.map((a: { id: string }) => a.id), [org('nakano-hc')]);
      const actor = await actorFor(t.db, 'nakano-h1');
      const seen = await t.db.asActor(actor, (tx) => rows<{ area_id: string }>(tx, sql`SELECT DISTINCT area_id FROM count_rollup`));
      assert.deepEqual(seen.map((r) => r.area_id), [org('nakano-hc')]);
      const doctor = await actorFor(t.db, 'sakura-dr1');
      assert.deepEqual(await t.db.asActor(doctor, (tx) => rows(tx, sql`SELECT * FROM count_rollup`)), []);
      await assert.rejects(t.db.asActor(actor, (tx) => rows(tx, sql`SELECT * FROM case_counts`)));
    });

    it('answers bad queries with the field, and a clinic not at all', async () => {
      const r = await ministry.client.get(`/api/statistics/dashboard?from=${today}&to=${addDays(today, -1)}`);
      assert.equal(r.statusCode, 400);
      assert.match(JSON.stringify(r.body), /from/);
      const long = await ministry.client.get(`/api/statistics/dashboard?from=2019-01-01&to=${today}`);
      assert.equal(long.statusCode, 400);
      const bad = await ministry.client.get('/api/statistics/dashboard?by=prefecture');
      assert.equal(bad.statusCode, 400);
      const doctor = await firstLogin(t, app, 'sakura-dr1');
      assert.equal((await doctor.client.get('/api/statistics/dashboard')).statusCode, 403);
    });
  });
}
