// The daily aggregate report (日次報告) through the API on both engines: filing and same-day
// correction by the institution, the prefecture's later correction with its reason, retries,
// refusals with field paths, row-level security, the centre's late/missing list and overlap flags.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { japanToday } from '../../domain/calendar.ts';
import { actorFor } from '../../../test/harness/actors.ts';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { closeApp, firstLogin, openApp, type LoggedIn } from '../../../test/harness/http.ts';
import { rows } from '../db/database.ts';
import { DEMO_DAILY_REPORT_DAYS } from '../demo/daily-reports.ts';

const DAY = 86_400_000;
const daysAgo = (n: number) => japanToday(new Date(Date.now() - n * DAY));
const FORM = '2022-09-26';

for (const engine of ENGINES) {
  describe(`daily reports (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let doctor: LoggedIn;
    let clerk: LoggedIn;
    let centre: LoggedIn;
    let otherCentre: LoggedIn;
    let prefecture: LoggedIn;
    let today: { id: string; version: number };
    let late: { id: string; version: number };
    const q = async (text: string, params: unknown[] = []) => (await t.superuser(text, params)).rows;

    before(async () => {
      ({ t, app } = await openApp(engine));
      doctor = await firstLogin(t, app, 'sakura-dr1');
      clerk = await firstLogin(t, app, 'sakura-clerk1');
      centre = await firstLogin(t, app, 'shinjuku-h1');
      otherCentre = await firstLogin(t, app, 'nakano-h1');
      prefecture = await firstLogin(t, app, 'tokyo-sg1');
    });
    after(() => closeApp(t, app));

    it('the demo world has two weeks of reports and both institutions expected', async () => {
      const [{ n, days }] = await q('SELECT count(*)::int AS n, count(DISTINCT report_date)::int AS days FROM daily_reports');
      assert.equal(days, DEMO_DAILY_REPORT_DAYS);
      assert.equal(n, 2 * DEMO_DAILY_REPORT_DAYS - 2, 'the hospital missed two days');
      assert.equal((await q('SELECT count(*)::int AS n FROM daily_report_expected'))[0].n, 2);
    });

    it('a doctor files today’s counts; a clerk corrects them the same day; both are in the history', async () => {
      const filed = await doctor.client.post('/api/daily-reports', { reportDate: daysAgo(0), formVersion: FORM, counts: { '20s': 3, '30s': 2 } });
      assert.equal(filed.statusCode, 201, JSON.stringify(filed.body));
      assert.equal(filed.body.total, 5);
      assert.equal(filed.body.counts.unknown, 0, 'cells left out are 0');
      assert.equal(filed.body.late, false);
      assert.equal(filed.body.correctable, true);
      today = filed.body;
      const corrected = await clerk.client.patch(`/api/daily-reports/${today.id}`, { counts: { '20s': 4, '30s': 2 }, version: 1 });
      assert.equal(corrected.statusCode, 200, JSON.stringify(corrected.body));
      assert.equal(corrected.body.total, 6);
      assert.equal(corrected.body.version, 2);
      const stale = await doctor.client.patch(`/api/daily-reports/${today.id}`, { counts: { '20s': 1 }, version: 1 });
      assert.equal(stale.statusCode, 409);
      const detail = await doctor.client.get(`/api/daily-reports/${today.id}`);
      assert.deepEqual(detail.body.changes.map((c: { kind: string; counts: Record<string, number> }) => [c.kind, c.counts['20s']]), [['filed', 3], ['corrected', 4]]);
      const own = await doctor.client.get('/api/daily-reports');
      assert.equal(own.body.reports[0].id, today.id);
      assert.ok(own.body.reports.every((r: { institutionId: string }) => r.institutionId === t.world.orgIds['sakura-clinic']));
    });

    it('a retried filing never counts twice: the same key answers again, another filing of the day is 409', async () => {
      const body = { reportDate: daysAgo(20), formVersion: FORM, counts: { '40s': 1 } };
      const key = { 'idempotency-key': `daily-${engine}-1` };
      const first = await doctor.client.post('/api/daily-reports', body, key);
      assert.equal(first.statusCode, 201, JSON.stringify(first.body));
      const retry = await doctor.client.post('/api/daily-reports', body, key);
      assert.equal(retry.statusCode, 201);
      assert.equal(retry.headers['idempotent-replayed'], 'true');
      assert.equal(retry.body.id, first.body.id);
      const again = await doctor.client.post('/api/daily-reports', body);
      assert.equal(again.statusCode, 409);
      assert.equal(again.body.code, 'daily_report_exists');
      const [{ reports, changes }] = await q(
        'SELECT (SELECT count(*)::int FROM daily_reports WHERE report_date = $1 AND institution_id = $2) AS reports, (SELECT count(*)::int FROM daily_report_changes WHERE report_id = $3) AS changes',
        [body.reportDate, t.world.orgIds['sakura-clinic'], first.body.id],
      );
      assert.deepEqual([reports, changes], [1, 1]);
    });

    it('bad input answers 400 with field paths and ja/en messages, and writes nothing', async () => {
      const before = (await q('SELECT count(*)::int AS n FROM daily_reports'))[0].n;
      const cases: [unknown, string, string][] = [
        [{ reportDate: daysAgo(25), formVersion: FORM, counts: { '20s': -1 } }, 'body.counts.20s', 'daily_report_count_invalid'],
        [{ reportDate: daysAgo(25), formVersion: FORM, counts: { '20s': 1.5 } }, 'body.counts.20s', 'daily_report_count_invalid'],
        [{ reportDate: daysAgo(25), formVersion: FORM, counts: { teens: 1 } }, 'body.counts.teens', 'daily_report_unknown_cell'],
        [{ reportDate: daysAgo(-1), formVersion: FORM, counts: {} }, 'body.reportDate', 'daily_report_future_day'],
        [{ reportDate: '2022-09-25', formVersion: FORM, counts: {} }, 'body.reportDate', 'daily_report_no_form'],
        [{ reportDate: daysAgo(25), formVersion: '2021-11-01', counts: {} }, 'body.formVersion', 'daily_report_form_not_in_force'],
      ];
      for (const [body, path, code] of cases) {
        const res = await doctor.client.post('/api/daily-reports', body);
        assert.equal(res.statusCode, 400, JSON.stringify(body));
        const error = res.body.errors.find((e: { path: string[] }) => e.path.join('.') === path);
        assert.ok(error, `${path} in ${JSON.stringify(res.body.errors)}`);
        assert.equal(error.code, code);
        assert.ok(error.message.ja && error.message.en);
      }
      const schema = await doctor.client.post('/api/daily-reports', { reportDate: 'yesterday', formVersion: FORM, counts: {} });
      assert.equal(schema.statusCode, 400);
      assert.equal((await q('SELECT count(*)::int AS n FROM daily_reports'))[0].n, before);
    });

    it('a day filed after it ended is late; only the prefecture corrects it then, and must say why', async () => {
      const filed = await doctor.client.post('/api/daily-reports', { reportDate: daysAgo(30), formVersion: FORM, counts: { '20s': 2, '60s': 1 } });
      assert.equal(filed.statusCode, 201);
      assert.equal(filed.body.late, true);
      assert.equal(filed.body.correctable, false);
      late = filed.body;
      const byInstitution = await doctor.client.patch(`/api/daily-reports/${late.id}`, { counts: { '20s': 3 }, version: 1 });
      assert.equal(byInstitution.statusCode, 403);
      assert.equal(byInstitution.body.code, 'daily_report_correction_closed');
      const byCentre = await centre.client.patch(`/api/daily-reports/${late.id}`, { counts: { '20s': 3 }, version: 1 });
      assert.equal(byCentre.statusCode, 403);
      const noReason = await prefecture.client.patch(`/api/daily-reports/${late.id}`, { counts: { '20s': 3 }, version: 1 });
      assert.equal(noReason.statusCode, 400);
      assert.deepEqual(noReason.body.errors.map((e: { path: string[] }) => e.path.join('.')), ['body.reason']);
      const ok = await prefecture.client.patch(`/api/daily-reports/${late.id}`, { counts: { '20s': 1, '60s': 1 }, reason: 'フォローアップセンターとの二重計上', version: 1 });
      assert.equal(ok.statusCode, 200, JSON.stringify(ok.body));
      assert.equal(ok.body.total, 2);
      const detail = await doctor.client.get(`/api/daily-reports/${late.id}`);
      assert.equal(detail.body.changes[1].reason, 'フォローアップセンターとの二重計上');
      assert.equal(detail.body.changes[1].changedByOrgName.ja, '東京都');
    });

    it('row-level security: another institution and another centre see nothing; the centre, prefecture and ministry do', async () => {
      const seen = async (loginId: string) => {
        const actor = await actorFor(t.db, loginId);
        return t.db.asActor(actor, async (tx) => {
          const [r] = await rows<{ n: number; c: number }>(
            tx,
            sql`SELECT (SELECT count(*)::int FROM daily_reports WHERE id = ${today.id}) AS n, (SELECT count(*)::int FROM daily_report_counts WHERE report_id = ${today.id}) AS c`,
          );
          return [r.n, r.c];
        });
      };
      assert.deepEqual(await seen('midori-dr1'), [0, 0]);
      assert.deepEqual(await seen('nakano-h1'), [0, 0]);
      assert.deepEqual(await seen('tokyo-hotel1'), [0, 0]);
      assert.deepEqual(await seen('shinjuku-h1'), [1, 11]);
      assert.deepEqual(await seen('tokyo-sg1'), [1, 11]);
      assert.deepEqual(await seen('mhlw-stats'), [1, 11]);
      const other = await firstLogin(t, app, 'midori-dr1');
      assert.equal((await other.client.get(`/api/daily-reports/${today.id}`)).statusCode, 404);
      // Nor can a centre's staff write one under the institution's name, even past the service.
      const hc = await actorFor(t.db, 'shinjuku-h1');
      await assert.rejects(
        t.db.asActor(hc, (tx) =>
          tx.execute(sql`INSERT INTO daily_reports (institution_id, health_center_id, prefecture_id, report_date, form_id, form_version, counts, filed_by)
                         VALUES (${t.world.orgIds['sakura-clinic']}, ${t.world.orgIds['shinjuku-hc']}, ${t.world.orgIds.tokyo}, ${daysAgo(40)}, 'covid19_daily', ${FORM}, '{}', ${hc.userId})`),
        ),
      );
    });

    it('the view daily_report_counts has a row per cell, age band and no sex under the 2022-09-26 form', async () => {
      const cells = await q('SELECT age_band, sex, count FROM daily_report_counts WHERE report_id = $1 ORDER BY age_band', [today.id]);
      assert.equal(cells.length, 11);
      assert.deepEqual(cells.find((c) => c.age_band === '20s'), { age_band: '20s', sex: null, count: 4 });
    });

    it('the centre’s list of a day: on time, late and missing among the expected institutions of its area', async () => {
      const missingDay = daysAgo(DEMO_DAILY_REPORT_DAYS + 5);
      let list = await centre.client.get(`/api/daily-reports/area?day=${missingDay}`);
      assert.equal(list.statusCode, 200, JSON.stringify(list.body));
      assert.deepEqual(list.body.rows.map((r: { status: string }) => r.status), ['missing']);
      assert.equal(list.body.rows[0].institutionId, t.world.orgIds['sakura-clinic']);
      list = await centre.client.get(`/api/daily-reports/area?day=${daysAgo(30)}`);
      assert.deepEqual(list.body.rows.map((r: { status: string }) => r.status), ['late']);
      list = await centre.client.get(`/api/daily-reports/area?day=${daysAgo(0)}`);
      assert.deepEqual(list.body.rows.map((r: { status: string }) => r.status), ['on_time']);
      // Once no longer expected, a day without a report is no longer missing.
      assert.equal((await centre.client.put(`/api/daily-reports/expected/${t.world.orgIds['sakura-clinic']}`, { expected: false })).statusCode, 200);
      list = await centre.client.get(`/api/daily-reports/area?day=${missingDay}`);
      assert.deepEqual(list.body.rows.map((r: { status: string; expected: boolean }) => [r.status, r.expected]), [['not_expected', false]]);
      assert.equal((await centre.client.put(`/api/daily-reports/expected/${t.world.orgIds['sakura-clinic']}`, { expected: true })).statusCode, 200);
      // Another centre can neither mark it nor see it in its list.
      assert.equal((await otherCentre.client.put(`/api/daily-reports/expected/${t.world.orgIds['sakura-clinic']}`, { expected: false })).statusCode, 403);
      const nakano = await otherCentre.client.get(`/api/daily-reports/area?day=${daysAgo(3)}`);
      assert.deepEqual(nakano.body.rows.map((r: { institutionName: { en: string }; status: string }) => [r.institutionName.en, r.status]), [['Nakano Midori Hospital', 'missing']]);
      const prefectureList = await prefecture.client.get(`/api/daily-reports/area?day=${daysAgo(5)}`);
      assert.deepEqual(prefectureList.body.rows.map((r: { status: string }) => r.status).sort(), ['late', 'on_time']);
      assert.equal((await doctor.client.get('/api/daily-reports/area')).statusCode, 403);
    });

    it('overlap: an aggregate in a band the institution notified that day, and one aged 70 and over, are flagged for the centre', async () => {
      const day = daysAgo(30);
      let list = await centre.client.get(`/api/daily-reports/area?day=${day}`);
      assert.deepEqual(list.body.rows[0].overlap, [], 'no notifications that day: nothing to flag');
      // 山田 太郎 (born 1958) notified by the clinic with that diagnosis date: in the 60s band then.
      const [yamada] = await q(`SELECT c.id FROM cases c JOIN persons p ON p.id = c.person_id WHERE p.name_kanji = '山田 太郎'`);
      const doctorId = (await q(`SELECT id FROM users WHERE login_id = 'sakura-dr1'`))[0].id;
      await q(
        `INSERT INTO notifications (case_id, form_id, form_version, classification, status, institution_id, diagnosed_on, created_by)
         VALUES ($1, 'covid19', '2022-09-26', 'patient', 'submitted', $2, $3, $4)`,
        [yamada.id, t.world.orgIds['sakura-clinic'], day, doctorId],
      );
      const band = (await q('SELECT app_age_band(birth_date, $1::date) AS b FROM persons WHERE name_kanji = $2', [day, '山田 太郎']))[0].b;
      assert.equal(band, '60s');
      list = await centre.client.get(`/api/daily-reports/area?day=${day}`);
      assert.deepEqual(list.body.rows[0].notifiedByBand, { '60s': 1 });
      assert.deepEqual(list.body.rows[0].overlap, [{ kind: 'same_band', ageBand: '60s', aggregate: 1, notified: 1 }]);
      // The demo clinic put an 80-year-old in its aggregate two days ago.
      list = await centre.client.get(`/api/daily-reports/area?day=${daysAgo(2)}`);
      assert.deepEqual(list.body.rows[0].overlap, [{ kind: 'notified_band', ageBand: '80s', aggregate: 1, notified: 0 }]);
    });

    it('the history is append-only, even for the owner', async () => {
      await assert.rejects(q('UPDATE daily_report_changes SET reason = NULL WHERE report_id = $1', [late.id]));
      await assert.rejects(q('DELETE FROM daily_report_changes WHERE report_id = $1', [late.id]));
    });
  });
}
