// The weekly surveillance report (issue 16) on the demo's notifiable diseases in two prefectures:
// the counts equal the domain's rule applied to the raw rows read as the admin; the ministry reads
// any prefecture, a prefecture's staff and its centres their own and the nation, a doctor nothing;
// the PDF is a PDF of the week, and a missing font is a 503, not a 500.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { Client, closeApp, firstLogin, loginAgain, openApp, startApp, type LoggedIn } from '../../../test/harness/http.ts';
import { japanToday } from '../../domain/calendar.ts';
import { weekKey } from '../../domain/iso-week.ts';
import { tally, type WeeklyCase } from '../../domain/weekly-report/counting.ts';
import { buildNotifiableSection, lastCompleteWeek } from '../../domain/weekly-report/report.ts';
import type { Actor } from '../access/actor.ts';
import { rows } from '../db/database.ts';
import { parseCsvText } from '../../domain/statistics/open-data-csv.ts';
import { validateAgainstDictionary } from '../../domain/statistics/open-data-dictionary.ts';
import { publishOpenData } from '../open-data/publish.ts';
import { addDemoNotifiableDiseases } from '../demo/notifiable-diseases.ts';
import { refreshAllCounts } from '../statistics/refresh.ts';
import { weeklyDiseases } from './diseases.ts';

const today = japanToday(new Date());
const week = lastCompleteWeek(today);

for (const engine of ENGINES) {
  describe(`weekly report (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let ministry: LoggedIn;
    let tokyo: LoggedIn;
    let shinjuku: LoggedIn;
    let doctor: LoggedIn;
    let fromScratch: WeeklyCase[];

    /** Every case with its notifications, read as the admin and counted by the domain's rule. */
    const expected = (prefecture: string | null) =>
      buildNotifiableSection(week, weeklyDiseases(), tally(fromScratch.filter((c) => prefecture === null || c.prefectureCode === prefecture)));
    const stripNames = (s: ReturnType<typeof expected>) => ({ ...s, categories: s.categories.map((c) => ({ category: c.category, diseases: c.diseases })) });
    const read = async (who: LoggedIn, query = '') => {
      const r = await who.client.get(`/api/weekly-report?week=${weekKey(week)}${query}`);
      assert.equal(r.statusCode, 200, JSON.stringify(r.body));
      return r.body;
    };
    const notifiableOf = (body: any) => stripNames({ ...body.notifiable, categories: body.notifiable.categories });

    before(async () => {
      ({ t, app } = await openApp(engine));
      // A second prefecture (Osaka) with a centre and a hospital: Tokyo's staff must not count it.
      const osaka = (await t.superuser(
        `INSERT INTO organizations (kind, code, name_ja, name_en, parent_id, area_code) VALUES ('prefecture', 'osaka', '大阪府', 'Osaka', $1, '27') RETURNING id`,
        [t.world.orgIds.mhlw],
      )).rows[0].id as string;
      await t.superuser(`UPDATE organizations SET prefecture_id = id WHERE id = $1`, [osaka]);
      const hc = (await t.superuser(
        `INSERT INTO organizations (kind, code, name_ja, name_en, parent_id, prefecture_id) VALUES ('health_center', 'osaka-hc', '大阪保健所', 'Osaka HC', $1, $1) RETURNING id`,
        [osaka],
      )).rows[0].id as string;
      await t.superuser(
        `INSERT INTO organizations (kind, code, name_ja, name_en, parent_id, prefecture_id) VALUES ('medical_institution', 'osaka-mi', '大阪病院', 'Osaka Hospital', $1, $2)`,
        [hc, osaka],
      );
      const made = await addDemoNotifiableDiseases(t.db, today);
      await refreshAllCounts(t.db); // the counts job places the new cases in the weekly counts
      assert.ok(made.cases > 1500, `${made.cases} cases`);
      // Spread over Tokyo's health centres, each reported by an institution of its area.
      const centres = (await t.superuser(
        `SELECT hc.code, count(*)::int AS n, bool_and(mi.parent_id = hc.id) AS own FROM cases c JOIN organizations hc ON hc.id = c.responsible_hc_id
           JOIN organizations mi ON mi.id = c.reporting_org_id WHERE c.disease <> 'covid19' AND hc.prefecture_id = $1 GROUP BY hc.code`,
        [t.world.orgIds['tokyo']],
      )).rows;
      assert.ok(centres.length >= 2 && centres.every((r: any) => r.n > 0 && r.own), JSON.stringify(centres));
      const cases = (await t.superuser(
        `SELECT c.id, c.disease, o.area_code AS code, p.sex, p.birth_date::text AS birth FROM cases c
           JOIN persons p ON p.id = c.person_id JOIN organizations o ON o.id = c.prefecture_id`,
      )).rows;
      const notifications = (await t.superuser(
        `SELECT case_id, status, classification, diagnosed_on::text AS diagnosed, superseded_at IS NOT NULL AS superseded,
                to_char(first_submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at FROM notifications`,
      )).rows;
      const byCase = new Map<string, any[]>();
      for (const n of notifications) byCase.set(n.case_id as string, [...(byCase.get(n.case_id as string) ?? []), n]);
      fromScratch = cases.map((c: any) => ({
        disease: c.disease,
        prefectureCode: c.code,
        sex: c.sex,
        birthDate: c.birth,
        notifications: (byCase.get(c.id) ?? []).map((n) => ({ status: n.status, classification: n.classification, firstSubmittedAt: n.at, superseded: n.superseded, diagnosedOn: n.diagnosed })),
      }));
      ministry = await firstLogin(t, app, 'mhlw-stats');
      tokyo = await firstLogin(t, app, 'tokyo-sg1');
      shinjuku = await firstLogin(t, app, 'shinjuku-h1');
      doctor = await firstLogin(t, app, 'midori-dr1');
    });
    after(() => closeApp(t, app));

    it('gives the nation’s counts as the domain’s rule gives them from the raw rows, with cases in the week', async () => {
      const body = await read(ministry, '&prefecture=all');
      assert.equal(body.week, weekKey(week));
      assert.deepEqual(body.scope, { prefecture: 'all', name: { ja: '全国', en: 'Japan' } });
      assert.deepEqual(notifiableOf(body), stripNames(expected(null)));
      const tb = body.notifiable.categories.find((c: any) => c.category === 'category_2').diseases[0];
      assert.equal(tb.code, 'tuberculosis');
      assert.ok(tb.thisWeek > 0 && tb.cumulative >= tb.thisWeek && tb.lastYearSameWeek > 0, JSON.stringify(tb));
      assert.deepEqual(body.notifiable.categories.map((c: any) => c.category).slice(0, 5), ['category_1', 'category_2', 'category_3', 'category_4', 'category_5']);
      assert.equal(body.notifiable.categories[0].name.ja, '一類感染症');
    });

    it('counts a disease’s week as plain SQL does: submitted, not superseded, diagnosed in the week, by the case’s disease', async () => {
      const body = await read(ministry);
      const [{ n }] = (await t.superuser(
        `SELECT count(DISTINCT c.id)::int AS n FROM cases c JOIN notifications x ON x.case_id = c.id
          WHERE c.disease = 'syphilis' AND x.status = 'submitted' AND x.superseded_at IS NULL AND x.diagnosed_on BETWEEN $1 AND $2`,
        [body.from, body.to],
      )).rows as { n: number }[];
      const syphilis = body.notifiable.categories.flatMap((c: any) => c.diseases).find((d: any) => d.code === 'syphilis');
      assert.ok(n > 0);
      assert.equal(syphilis.thisWeek, n);
    });

    it('the ministry reads any prefecture; withdrawn and draft notifications never count', async () => {
      const body = await read(ministry, '&prefecture=27');
      assert.deepEqual(notifiableOf(body), stripNames(expected('27')));
      assert.equal(body.choices.length, 48);
      const withdrawnOrDraftOnly = fromScratch.filter((c) => c.notifications.length > 0 && c.notifications.every((n) => n.status !== 'submitted'));
      assert.ok(withdrawnOrDraftOnly.length > 10, 'the demo has withdrawn and draft notifications');
    });

    it('prefecture staff get their prefecture by default, the national totals on asking, and no other prefecture', async () => {
      const own = await read(tokyo);
      assert.equal(own.scope.prefecture, '13');
      assert.deepEqual(notifiableOf(own), stripNames(expected('13')));
      assert.notDeepEqual(notifiableOf(own), stripNames(expected(null)));
      assert.deepEqual(own.choices.map((c: any) => c.prefecture), ['all', '13']);
      assert.deepEqual(notifiableOf(await read(tokyo, '&prefecture=all')), stripNames(expected(null)));
      const other = await tokyo.client.get(`/api/weekly-report?prefecture=27`);
      assert.equal(other.statusCode, 403);
      assert.equal(other.body.code, 'forbidden');
    });

    it('a health centre’s staff read their prefecture', async () => {
      const own = await read(shinjuku);
      assert.equal(own.scope.prefecture, '13');
      assert.deepEqual(notifiableOf(own), stripNames(expected('13')));
      assert.equal((await shinjuku.client.get('/api/weekly-report?prefecture=27')).statusCode, 403);
    });

    it('shows the week’s per-sentinel averages (定点把握) as the sentinel statistics give them, to those who read those of the area', async () => {
      const averages = async (who: LoggedIn) => {
        const r = await who.client.get(`/api/sentinel/averages?week=${weekKey(week)}&weeks=1`);
        assert.equal(r.statusCode, 200, JSON.stringify(r.body));
        return r.body;
      };
      const nation = await read(ministry, '&prefecture=all');
      assert.deepEqual(nation.sentinel, await averages(ministry));
      const national = nation.sentinel.rows.filter((r: any) => r.prefectureId === null);
      assert.deepEqual(national.map((r: any) => r.disease), nation.sentinel.diseases.map((d: any) => d.code));
      assert.ok(national.some((r: any) => r.patients > 0 && r.reporting > 0), JSON.stringify(national));
      assert.deepEqual((await read(ministry, '&prefecture=13')).sentinel.rows, nation.sentinel.rows.filter((r: any) => r.prefectureName.ja === '東京都'));
      // Tokyo's staff see Tokyo's (the nation's averages are the ministry's); a health centre, which
      // may not read the sentinel statistics, sees none.
      const own = await read(tokyo);
      assert.deepEqual(own.sentinel, await averages(tokyo));
      assert.ok(own.sentinel.rows.length > 0 && own.sentinel.rows.every((r: any) => r.prefectureName.ja === '東京都'));
      assert.equal((await read(tokyo, '&prefecture=all')).sentinel, null);
      assert.equal((await read(shinjuku)).sentinel, null);
      assert.equal((await shinjuku.client.get(`/api/sentinel/averages?week=${weekKey(week)}`)).statusCode, 403);
    });

    it('a doctor gets 403, for the report and its PDF', async () => {
      assert.equal((await doctor.client.get('/api/weekly-report')).statusCode, 403);
      assert.equal((await doctor.client.get('/api/weekly-report.pdf')).statusCode, 403);
    });

    it('the database counts only within the reader’s scope, whatever the service asks', async () => {
      // weekly_counts (migration 0047) itself gives Tokyo's staff nothing of Osaka; the inner function is the owner's.
      const [user] = (await t.superuser(`SELECT id FROM users WHERE login_id = 'tokyo-sg1'`)).rows;
      const actor: Actor = { userId: user.id as string, orgId: t.world.orgIds.tokyo, orgKind: 'prefecture', prefectureId: t.world.orgIds.tokyo, roles: ['prefecture_staff'], name: 'x', orgName: 'x', orgParentId: null };
      const count = (prefecture: string) =>
        t.db.asActor(actor, async (tx) => (await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM weekly_counts('2000-01-01', '2100-01-01', ${prefecture}, '{0}')`))[0].n);
      assert.equal(await count('27'), 0);
      assert.ok((await count('13')) > 0);
      await assert.rejects(t.db.asActor(actor, (tx) => tx.execute(sql`SELECT * FROM weekly_case_counts('2000-01-01', '2100-01-01', NULL, '{0}')`)), (e: Error) =>
        /permission denied for function weekly_case_counts/.test(String((e.cause as Error | undefined)?.message ?? e.message)));
    });

    it('publishes the weeks as open data: valid against the dictionary, the prefecture-week-disease totals as the report counts them', async () => {
      await publishOpenData(t.db, { on: today, threshold: 3 });
      const r = await new Client(app).get('/api/open-data/latest/notifiable_cases_by_age_sex_weekly.csv');
      assert.equal(r.statusCode, 200);
      const csv = String(r.body);
      assert.ok(validateAgainstDictionary('notifiable_cases_by_age_sex_weekly', csv).ok);
      const [header, ...lines] = parseCsvText(csv);
      const col = (name: string) => header.indexOf(name);
      const totals = lines.filter((l) => l[col('Week')] === weekKey(week) && l[col('PrefectureCode')] === '13' && l[col('AgeBand')] === 'all' && l[col('Sex')] === 'all');
      const tokyo = expected('13').categories.flatMap((c) => c.diseases).filter((d) => d.thisWeek > 0);
      assert.ok(tokyo.length > 2);
      assert.deepEqual(
        Object.fromEntries(totals.map((l) => [l[col('DiseaseCode')], Number(l[col('Cases')])])),
        Object.fromEntries(tokyo.map((d) => [d.code, d.thisWeek])),
      );
      assert.ok(lines.some((l) => l[col('Cases')] === ''), 'small cells are suppressed');
      assert.ok(!lines.filter((l) => l[col('AgeBand')] !== 'all' || l[col('Sex')] !== 'all').some((l) => ['1', '2'].includes(l[col('Cases')])));
    });

    it('refuses a week the year does not have, with the field', async () => {
      const r = await ministry.client.get('/api/weekly-report?week=2026-W54');
      assert.equal(r.statusCode, 400);
      assert.deepEqual(r.body.errors[0].path, ['querystring', 'week']);
    });

    it('downloads the report as a PDF of the week', async () => {
      const r = await tokyo.client.get(`/api/weekly-report.pdf?week=${weekKey(week)}`);
      assert.equal(r.statusCode, 200, String(r.body).slice(0, 200));
      assert.match(String(r.headers['content-type']), /application\/pdf/);
      assert.equal(r.raw.subarray(0, 5).toString('latin1'), '%PDF-');
      assert.ok(r.raw.includes(weekKey(week)), 'the week is in the document');
      assert.ok(r.raw.length > 5000);
    });

    it('answers 503 pdf_font_unavailable, not 500, when the font is missing', async () => {
      const broken = await startApp(t, { LOGIN_RATE_LIMIT_PER_MINUTE: 10_000, HERSYS_PDF_FONT: '/nonexistent/ipag.ttf' });
      try {
        const client = await loginAgain(t, broken, 'tokyo-sg1', tokyo);
        const r = await client.get('/api/weekly-report.pdf');
        assert.equal(r.statusCode, 503);
        assert.equal(r.body.code, 'pdf_font_unavailable');
        assert.match(r.body.message.ja, /フォント/);
        assert.match(r.body.message.en, /font/);
      } finally {
        await broken.close();
      }
    });

    // Last: it changes the data the tests above compare with.
    it('follows the notifications through the counts job: a withdrawal or a new diagnosis date moves the case at the next run', async () => {
      const syphilisOf = async () => (await read(ministry)).notifiable.categories.flatMap((c: any) => c.diseases).find((d: any) => d.code === 'syphilis').thisWeek as number;
      const body = await read(ministry);
      const before = await syphilisOf();
      const [one, two] = (await t.superuser(
        `SELECT x.id FROM cases c JOIN notifications x ON x.case_id = c.id
          WHERE c.disease = 'syphilis' AND x.status = 'submitted' AND x.superseded_at IS NULL AND x.diagnosed_on BETWEEN $1 AND $2
            AND (SELECT count(*) FROM notifications y WHERE y.case_id = c.id) = 1 ORDER BY x.id LIMIT 2`,
        [body.from, body.to],
      )).rows.map((r: any) => r.id as string);
      assert.ok(one && two, 'two syphilis cases of the week with one notification each');
      await t.superuser(`UPDATE notifications SET status = 'withdrawn' WHERE id = $1`, [one]);
      await t.superuser(`UPDATE notifications SET diagnosed_on = diagnosed_on - 7 WHERE id = $1`, [two]);
      assert.equal(await syphilisOf(), before, 'until the job runs (the dashboards’ lag)');
      await refreshAllCounts(t.db);
      assert.equal(await syphilisOf(), before - 2);
    });
  });
}
