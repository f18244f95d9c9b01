// Sentinel surveillance (定点把握) through the API on both engines: designation by the prefecture's
// staff only in their prefecture; filing by the institution only while designated for the week,
// zero reports, retries; correction with a reason and version conflicts; scope (another clinic,
// centre or prefecture sees nothing, also by raw SQL under row-level security); per-sentinel
// averages and alert levels for the prefecture and the ministry.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { japanToday } from '../../domain/calendar.ts';
import { addWeeks, isoWeekOf, weekKey, weekStart } from '../../domain/iso-week.ts';
import { alertLevels } from '../../domain/sentinel/averages.ts';
import { thresholdOf } from '../../domain/sentinel/thresholds.ts';
import { actorFor } from '../../../test/harness/actors.ts';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { closeApp, firstLogin, openApp, type LoggedIn } from '../../../test/harness/http.ts';
import type { Actor } from '../access/actor.ts';
import { rows } from '../db/database.ts';
import { DEMO_SENTINEL_WEEKS } from '../demo/sentinel.ts';
import { sentinelAveragesFor } from './averages.ts';
import { designate } from './designations.ts';

const FORM = '2023-05-08';
const current = () => isoWeekOf(japanToday(new Date()));
const weeksAgo = (n: number) => weekKey(addWeeks(current(), -n));

for (const engine of ENGINES) {
  describe(`sentinel surveillance (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let doctor: LoggedIn;
    let clerk: LoggedIn;
    let otherDoctor: LoggedIn;
    let centre: LoggedIn;
    let prefecture: LoggedIn;
    let ministry: LoggedIn;
    let osakaStaff: Actor;
    let thisWeek: { id: string; version: number };
    const q = async (text: string, params: unknown[] = []) => (await t.superuser(text, params)).rows;
    const org = (key: string) => t.world.orgIds[key];

    before(async () => {
      ({ t, app } = await openApp(engine));
      doctor = await firstLogin(t, app, 'sakura-dr1');
      clerk = await firstLogin(t, app, 'sakura-clerk1');
      otherDoctor = await firstLogin(t, app, 'midori-dr1');
      centre = await firstLogin(t, app, 'shinjuku-h1');
      prefecture = await firstLogin(t, app, 'tokyo-sg1');
      ministry = await firstLogin(t, app, 'mhlw-stats');
      // Another prefecture with a centre, a clinic and a staff member, written directly.
      const [osaka] = await q(`INSERT INTO organizations (kind, code, name_ja, name_en, parent_id, area_code) VALUES ('prefecture', 'osaka', '大阪府', 'Osaka', $1, '27') RETURNING id`, [org('mhlw')]);
      await q('UPDATE organizations SET prefecture_id = id WHERE id = $1', [osaka.id]);
      const [hc] = await q(`INSERT INTO organizations (kind, code, name_ja, name_en, parent_id, prefecture_id) VALUES ('health_center', 'osaka-hc', '大阪保健所', 'Osaka HC', $1, $1) RETURNING id`, [osaka.id]);
      await q(`INSERT INTO organizations (kind, code, name_ja, name_en, parent_id, prefecture_id) VALUES ('medical_institution', 'osaka-mi', '大阪クリニック', 'Osaka Clinic', $1, $2)`, [hc.id, osaka.id]);
      await q(`INSERT INTO users (org_id, login_id, display_name, roles) VALUES ($1, 'osaka-sg1', '大阪府 感染症対策課1', '{prefecture_staff}')`, [osaka.id]);
      osakaStaff = await actorFor(t.db, 'osaka-sg1');
    });
    after(() => closeApp(t, app));

    it('the demo world: both Tokyo institutions designated, 12 weeks filed, this week left open', async () => {
      const [{ designations, reports, weeks }] = await q(
        `SELECT (SELECT count(*)::int FROM sentinel_designations) AS designations, (SELECT count(*)::int FROM sentinel_reports) AS reports,
                (SELECT count(DISTINCT week_start)::int FROM sentinel_reports) AS weeks`,
      );
      assert.deepEqual([designations, reports, weeks], [2, 2 * DEMO_SENTINEL_WEEKS, DEMO_SENTINEL_WEEKS]);
      const own = await doctor.client.get('/api/sentinel/reports');
      assert.equal(own.statusCode, 200, JSON.stringify(own.body));
      assert.equal(own.body.currentWeek, weekKey(current()));
      assert.ok(!own.body.reports.some((r: { week: string }) => r.week === own.body.currentWeek), 'this week is not filed');
      assert.equal(own.body.reports.length, DEMO_SENTINEL_WEEKS - 1, 'the default list is the 12 weeks up to this one');
      assert.equal(own.body.designations.length, 1);
    });

    it('the prefecture’s staff designate and end designations in their prefecture only; ended ones stay; audited', async () => {
      const list = await prefecture.client.get('/api/sentinel/designations');
      assert.equal(list.statusCode, 200);
      assert.deepEqual(list.body.institutions.map((i: { name: { en: string } }) => i.name.en).sort(), ['Nakano Midori Hospital', 'Sakura Internal Medicine Clinic']);
      const midori = list.body.designations.find((d: { institutionId: string }) => d.institutionId === org('midori-hospital'));
      // Already designated: a second open designation overlaps.
      const twice = await prefecture.client.post('/api/sentinel/designations', { institutionId: org('midori-hospital'), kind: 'influenza_covid', fromDate: '2026-01-01' });
      assert.equal(twice.statusCode, 409);
      assert.equal(twice.body.code, 'sentinel_designation_overlaps');
      // Ended two weeks ago (its last day: the Sunday three weeks back).
      const lastDay = weekStart(addWeeks(current(), -2));
      const until = new Date(Date.parse(`${lastDay}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      const stale = await prefecture.client.patch(`/api/sentinel/designations/${midori.id}`, { untilDate: until, version: midori.version + 1 });
      assert.equal(stale.statusCode, 409);
      const before = await prefecture.client.patch(`/api/sentinel/designations/${midori.id}`, { untilDate: '2020-01-01', version: midori.version });
      assert.equal(before.statusCode, 400);
      assert.equal(before.body.errors[0].code, 'sentinel_until_before_from');
      const ended = await prefecture.client.patch(`/api/sentinel/designations/${midori.id}`, { untilDate: until, version: midori.version });
      assert.equal(ended.statusCode, 200, JSON.stringify(ended.body));
      assert.equal(ended.body.untilDate, until);
      assert.ok(ended.body.endedByName);
      // Neither a centre, a doctor nor the ministry designates; another prefecture's staff are refused.
      const body = { institutionId: org('midori-hospital'), kind: 'influenza_covid', fromDate: weekStart(current()) };
      assert.equal((await centre.client.post('/api/sentinel/designations', body)).statusCode, 403);
      assert.equal((await doctor.client.post('/api/sentinel/designations', body)).statusCode, 403);
      assert.equal((await ministry.client.post('/api/sentinel/designations', body)).statusCode, 403);
      await assert.rejects(designate(t.db, { actor: osakaStaff, clientAddr: null }, { institutionId: org('midori-hospital'), kind: 'influenza_covid', fromDate: '2026-12-01' }), (e: { status: number }) => e.status === 403 || e.status === 404);
      const [{ n }] = await q(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'sentinel.end_designation'`);
      assert.equal(n, 1);
      const history = await q('SELECT from_date, until_date FROM sentinel_designations WHERE institution_id = $1', [org('midori-hospital')]);
      assert.equal(history.length, 1, 'the ended designation stays');
    });

    it('the doctor files this week (a zero report); a retry replays, a second filing is 409; a week not begun is refused', async () => {
      const body = { kind: 'influenza_covid', week: weekKey(current()), formVersion: FORM, counts: {} };
      const key = { 'idempotency-key': `sentinel-${engine}-1` };
      const filed = await doctor.client.post('/api/sentinel/reports', body, key);
      assert.equal(filed.statusCode, 201, JSON.stringify(filed.body));
      assert.deepEqual(filed.body.totals, { influenza: 0, covid19: 0 });
      assert.equal(Object.keys(filed.body.counts.influenza).length, 40, 'every cell, zero');
      assert.equal(filed.body.late, false);
      assert.equal(filed.body.correctable, true);
      thisWeek = filed.body;
      const retry = await doctor.client.post('/api/sentinel/reports', body, key);
      assert.equal(retry.statusCode, 201);
      assert.equal(retry.body.id, thisWeek.id);
      const again = await clerk.client.post('/api/sentinel/reports', body);
      assert.equal(again.statusCode, 409);
      assert.equal(again.body.code, 'sentinel_report_exists');
      const future = await doctor.client.post('/api/sentinel/reports', { ...body, week: weekKey(addWeeks(current(), 1)) });
      assert.equal(future.statusCode, 400);
      assert.deepEqual(future.body.errors.map((e: { path: string[]; code: string }) => [e.path.join('.'), e.code]), [['body.week', 'sentinel_future_week']]);
      const bad = await doctor.client.post('/api/sentinel/reports', { ...body, week: weeksAgo(20), counts: { influenza: { '3y:male': -1 }, measles: {} } });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(bad.body.errors.map((e: { path: string[] }) => e.path.join('.')).sort(), ['body.counts.influenza.3y:male', 'body.counts.measles']);
      assert.ok(bad.body.errors.every((e: { message: { ja: string; en: string } }) => e.message.ja && e.message.en));
      const [{ n }] = await q('SELECT count(*)::int AS n FROM sentinel_reports WHERE institution_id = $1', [org('sakura-clinic')]);
      assert.equal(n, DEMO_SENTINEL_WEEKS + 1);
    });

    it('an institution files only for weeks it is designated in', async () => {
      // Midori's designation ended before last week; the week before that it was still designated.
      const last = await otherDoctor.client.post('/api/sentinel/reports', { kind: 'influenza_covid', week: weekKey(current()), formVersion: FORM, counts: {} });
      assert.equal(last.statusCode, 403);
      assert.equal(last.body.code, 'sentinel_not_designated');
      const [{ n }] = await q('SELECT count(*)::int AS n FROM sentinel_reports WHERE institution_id = $1 AND week_start = $2', [org('midori-hospital'), weekStart(current())]);
      assert.equal(n, 0);
      // Nor past the service: row-level security checks the designation too.
      const midori = await actorFor(t.db, 'midori-dr1');
      await assert.rejects(
        t.db.asActor(midori, (tx) =>
          tx.execute(sql`INSERT INTO sentinel_reports (institution_id, health_center_id, prefecture_id, kind, week_start, form_id, form_version, counts, filed_by)
                         VALUES (${org('midori-hospital')}, ${org('nakano-hc')}, ${org('tokyo')}, 'influenza_covid', ${weekStart(current())}, 'sentinel_influenza_covid', ${FORM}, '{}', ${midori.userId})`),
        ),
      );
    });

    it('correction: the clerk corrects this week with a version (stale: 409); an old week only the prefecture corrects, with a reason', async () => {
      const corrected = await clerk.client.patch(`/api/sentinel/reports/${thisWeek.id}`, { counts: { influenza: { '5y:female': 3 } }, version: 1 });
      assert.equal(corrected.statusCode, 200, JSON.stringify(corrected.body));
      assert.equal(corrected.body.version, 2);
      assert.deepEqual(corrected.body.totals, { influenza: 3, covid19: 0 });
      const stale = await doctor.client.patch(`/api/sentinel/reports/${thisWeek.id}`, { counts: {}, version: 1 });
      assert.equal(stale.statusCode, 409);
      const [old] = await q('SELECT id, version FROM sentinel_reports WHERE institution_id = $1 AND week_start = $2', [org('sakura-clinic'), weekStart(addWeeks(current(), -5))]);
      const byInstitution = await doctor.client.patch(`/api/sentinel/reports/${old.id}`, { counts: {}, version: old.version });
      assert.equal(byInstitution.statusCode, 403);
      assert.equal(byInstitution.body.code, 'sentinel_correction_closed');
      assert.equal((await centre.client.patch(`/api/sentinel/reports/${old.id}`, { counts: {}, reason: 'x', version: old.version })).statusCode, 403);
      const noReason = await prefecture.client.patch(`/api/sentinel/reports/${old.id}`, { counts: {}, version: old.version });
      assert.equal(noReason.statusCode, 400);
      assert.deepEqual(noReason.body.errors.map((e: { path: string[] }) => e.path.join('.')), ['body.reason']);
      const ok = await prefecture.client.patch(`/api/sentinel/reports/${old.id}`, { counts: { covid19: { '80plus:male': 1 } }, reason: '入力誤り（医療機関から連絡）', version: old.version });
      assert.equal(ok.statusCode, 200, JSON.stringify(ok.body));
      const detail = await doctor.client.get(`/api/sentinel/reports/${old.id}`);
      assert.deepEqual(detail.body.changes.map((c: { kind: string; reason: string | null }) => [c.kind, c.reason]), [['filed', null], ['corrected', '入力誤り（医療機関から連絡）']]);
      assert.equal(detail.body.changes[1].changedByOrgName.ja, '東京都');
      await assert.rejects(q('UPDATE sentinel_report_changes SET reason = NULL WHERE report_id = $1', [old.id]));
    });

    it('scope: another clinic, another centre and another prefecture see nothing; the centre, prefecture and ministry do', async () => {
      const seen = async (actor: Actor) =>
        t.db.asActor(actor, async (tx) => {
          const [r] = await rows<{ n: number; c: number; d: number }>(
            tx,
            sql`SELECT (SELECT count(*)::int FROM sentinel_reports WHERE id = ${thisWeek.id}) AS n,
                       (SELECT count(*)::int FROM sentinel_report_changes WHERE report_id = ${thisWeek.id}) AS c,
                       (SELECT count(*)::int FROM sentinel_designations WHERE institution_id = ${org('sakura-clinic')}) AS d`,
          );
          return [r.n, r.c, r.d];
        });
      for (const loginId of ['midori-dr1', 'nakano-h1', 'tokyo-hotel1', 'tokyo-hq1']) assert.deepEqual(await seen(await actorFor(t.db, loginId)), [0, 0, 0], loginId);
      assert.deepEqual(await seen(osakaStaff), [0, 0, 0]);
      for (const loginId of ['sakura-clerk1', 'shinjuku-h1', 'tokyo-sg1', 'mhlw-stats']) assert.deepEqual(await seen(await actorFor(t.db, loginId)), [1, 2, 1], loginId);
      assert.equal((await otherDoctor.client.get(`/api/sentinel/reports/${thisWeek.id}`)).statusCode, 404);
      const hc = await actorFor(t.db, 'shinjuku-h1');
      await assert.rejects(
        t.db.asActor(hc, (tx) =>
          tx.execute(sql`INSERT INTO sentinel_designations (institution_id, health_center_id, prefecture_id, kind, from_date, designated_by)
                         VALUES (${org('midori-hospital')}, ${org('nakano-hc')}, ${org('tokyo')}, 'influenza_covid', '2030-01-01', ${hc.userId})`),
        ),
      );
    });

    it('per-sentinel averages: patients ÷ sites reporting, with the designated count and the alert level; own prefecture or all', async () => {
      const week = addWeeks(current(), -1);
      const res = await prefecture.client.get(`/api/sentinel/averages?week=${weekKey(week)}&weeks=12`);
      assert.equal(res.statusCode, 200, JSON.stringify(res.body));
      assert.equal(res.body.weeks.length, 12);
      assert.deepEqual(res.body.diseases.map((d: { code: string; threshold: unknown }) => [d.code, d.threshold === null]), [['influenza', false], ['covid19', true]]);
      assert.ok(res.body.rows.every((r: { prefectureId: string }) => r.prefectureId === org('tokyo')), 'only Tokyo');
      const [expected] = await q(
        `SELECT sum(c.value::int)::int AS patients, count(DISTINCT r.id)::int AS reporting
           FROM sentinel_reports r CROSS JOIN LATERAL jsonb_each_text(r.counts->'influenza') c(key, value) WHERE r.week_start = $1`,
        [weekStart(week)],
      );
      const flu = res.body.rows.filter((r: { disease: string }) => r.disease === 'influenza');
      const row = flu.find((r: { week: string }) => r.week === weekKey(week));
      // Midori's designation ended on the Sunday before last week: designated 1, yet it filed (the demo) — reporting counts filings.
      assert.deepEqual([row.patients, row.reporting], [expected.patients, expected.reporting]);
      assert.equal(row.perSentinel, Math.round((Number(expected.patients) / Number(expected.reporting)) * 100) / 100);
      assert.deepEqual(
        flu.map((r: { level: string | null }) => r.level).slice(-4),
        alertLevels(flu.map((r: { perSentinel: number | null }) => r.perSentinel), thresholdOf('influenza')).slice(-4),
      );
      assert.ok(res.body.rows.filter((r: { disease: string }) => r.disease === 'covid19').every((r: { level: unknown }) => r.level === null), 'COVID-19 has no threshold');
      // This week: the clinic's report counts, the hospital (no longer designated) none.
      const now = await prefecture.client.get(`/api/sentinel/averages?week=${weekKey(current())}&weeks=1`);
      const nowFlu = now.body.rows.find((r: { disease: string }) => r.disease === 'influenza');
      assert.deepEqual([nowFlu.patients, nowFlu.reporting, nowFlu.designated, nowFlu.perSentinel], [3, 1, 1, 3]);
      // The ministry: every prefecture and the nation.
      const all = await ministry.client.get(`/api/sentinel/averages?week=${weekKey(week)}&weeks=1`);
      assert.equal(all.statusCode, 200);
      assert.deepEqual(all.body.rows.filter((r: { disease: string }) => r.disease === 'influenza').map((r: { prefectureName: { en: string } }) => r.prefectureName.en), ['Tokyo Metropolis', 'Nationwide']);
      // Another prefecture's staff get their own (nothing), the doctor and the centre nothing at all.
      const osaka = await sentinelAveragesFor(t.db, { actor: osakaStaff, clientAddr: null }, { week: weekKey(week), weeks: 1 });
      assert.deepEqual(osaka.rows, []);
      assert.equal((await doctor.client.get('/api/sentinel/averages')).statusCode, 403);
      assert.equal((await centre.client.get('/api/sentinel/averages')).statusCode, 403);
      assert.equal((await prefecture.client.get(`/api/sentinel/averages?week=${weekKey(addWeeks(current(), 1))}`)).statusCode, 400);
    });
  });
}
