// Inpatient statistics (Q&A 9): the ministry reads every prefecture's inpatients by current
// severity, a prefecture its own, nobody else; the counts follow admissions, the clinical course
// and discharges, and carry no personal data.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { closeApp, firstLogin, openApp, type LoggedIn } from '../../../test/harness/http.ts';
import { japanToday } from '../../domain/calendar.ts';

const daysAgo = (n: number) => japanToday(new Date(Date.now() - n * 86_400_000));

for (const engine of ENGINES) {
  describe(`inpatient statistics (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let ministry: LoggedIn;
    let prefecture: LoggedIn;
    let hq: LoggedIn;
    let midori: LoggedIn;
    let nakano: LoggedIn;
    let osaka: string;
    const org = (key: string) => t.world.orgIds[key];
    const caseOf = async (kana: string) =>
      (await t.superuser('SELECT c.id FROM cases c JOIN persons p ON p.id = c.person_id WHERE p.name_kana = $1', [kana])).rows[0].id as string;
    const read = async (who: LoggedIn) => {
      const r = await who.client.get('/api/statistics/inpatients');
      assert.equal(r.statusCode, 200, JSON.stringify(r.body));
      return r.body;
    };
    const tokyoOf = (body: { prefectures: { prefectureId: string }[] }) => body.prefectures.find((p) => p.prefectureId === org('tokyo')) as any;

    before(async () => {
      ({ t, app } = await openApp(engine));
      ministry = await firstLogin(t, app, 'mhlw-stats');
      prefecture = await firstLogin(t, app, 'tokyo-sg1');
      hq = await firstLogin(t, app, 'tokyo-hq1');
      midori = await firstLogin(t, app, 'midori-dr1');
      nakano = await firstLogin(t, app, 'nakano-h1');
      // Another prefecture with one inpatient, written directly: Tokyo's staff must not count it.
      const o = await t.superuser(
        `INSERT INTO organizations (kind, code, name_ja, name_en, parent_id) VALUES ('prefecture', 'osaka', '大阪府', 'Osaka', $1) RETURNING id`,
        [org('mhlw')],
      );
      osaka = o.rows[0].id as string;
      await t.superuser(`UPDATE organizations SET prefecture_id = id WHERE id = $1`, [osaka]);
      const hc = await t.superuser(
        `INSERT INTO organizations (kind, code, name_ja, name_en, parent_id, prefecture_id) VALUES ('health_center', 'osaka-hc', '大阪保健所', 'Osaka HC', $1, $1) RETURNING id`,
        [osaka],
      );
      const person = await t.superuser(
        `INSERT INTO persons (name_kanji, name_kana, name_kana_key, sex, birth_date) VALUES ('大阪 太郎', 'オオサカ タロウ', 'オオサカタロウ', 'male', '1960-01-01') RETURNING id`,
      );
      await t.superuser(
        `INSERT INTO cases (person_id, case_number, self_report_id, prefecture_id, responsible_hc_id, current_status, status_effective_on)
         VALUES ($1, '99999999', 'OSAKA-1', $2, $3, 'hospitalized', current_date)`,
        [person.rows[0].id, osaka, hc.rows[0].id],
      );
    });
    after(() => closeApp(t, app));

    it('starts with no inpatient in Tokyo: the demo cases have no status yet', async () => {
      const body = await read(ministry);
      assert.deepEqual(tokyoOf(body), {
        prefectureId: org('tokyo'),
        prefectureNameJa: '東京都',
        total: 0,
        bySeverity: { mild: 0, moderate1: 0, moderate2: 0, severe: 0, unknown: 0 },
      });
      const osakaRow = body.prefectures.find((p: { prefectureId: string }) => p.prefectureId === osaka);
      assert.equal(osakaRow.total, 1);
      assert.equal(osakaRow.bySeverity.unknown, 1);
      assert.equal(body.total, 1);
      assert.ok(Date.parse(body.asOf) > Date.now() - 60_000);
    });

    it('follows admissions, the newest clinical-course entry and discharges', async () => {
      const suzuki = await caseOf('スズキ イチロウ');
      const admitted = await midori.client.post(`/api/cases/${suzuki}/admissions`, { admittedOn: daysAgo(3) });
      assert.equal(admitted.statusCode, 201, JSON.stringify(admitted.body));
      assert.deepEqual(tokyoOf(await read(ministry)).bySeverity, { mild: 0, moderate1: 0, moderate2: 0, severe: 0, unknown: 1 });

      const entry = (day: number, body: object) =>
        midori.client.post(`/api/cases/${suzuki}/clinical-course`, { observedOn: daysAgo(day), ...body });
      assert.equal((await entry(2, { severity: 'mild', ecmo: true })).statusCode, 201);
      let body = await read(ministry);
      assert.equal(tokyoOf(body).bySeverity.severe, 1);
      assert.equal(body.severe, 1);
      // An older day entered later does not displace the newest day's severity.
      assert.equal((await entry(1, { severity: 'moderate1', oxygen: true })).statusCode, 201);
      assert.equal((await entry(3, { severity: 'mild' })).statusCode, 201);
      body = await read(ministry);
      assert.deepEqual(tokyoOf(body).bySeverity, { mild: 0, moderate1: 0, moderate2: 1, severe: 0, unknown: 0 });
      assert.equal(body.severe, 0);

      // A second inpatient, admitted by the centre keying in the hospital's admission (Q&A 9).
      const takahashi = await caseOf('タカハシ ミサキ');
      const byCentre = await nakano.client.post(`/api/cases/${takahashi}/admissions`, { admittedOn: daysAgo(1), hospitalId: org('midori-hospital') });
      assert.equal(byCentre.statusCode, 201, JSON.stringify(byCentre.body));
      assert.equal(tokyoOf(await read(prefecture)).total, 2);

      const discharged = await midori.client.patch(`/api/admissions/${admitted.body.admission.id}`, {
        version: admitted.body.admission.version,
        dischargedOn: daysAgo(0),
        outcome: 'recovered',
        statusAfter: 'home',
      });
      assert.equal(discharged.statusCode, 200, JSON.stringify(discharged.body));
      assert.deepEqual(tokyoOf(await read(ministry)), {
        prefectureId: org('tokyo'),
        prefectureNameJa: '東京都',
        total: 1,
        bySeverity: { mild: 0, moderate1: 0, moderate2: 0, severe: 0, unknown: 1 },
      });
    });

    it('a prefecture and its coordination HQ read their own prefecture only; counts carry no personal data', async () => {
      for (const who of [prefecture, hq]) {
        const body = await read(who);
        assert.deepEqual(body.prefectures.map((p: { prefectureId: string }) => p.prefectureId), [org('tokyo')]);
        assert.equal(body.total, 1, 'Osaka’s inpatient is not Tokyo’s to count');
      }
      const text = JSON.stringify(await read(ministry));
      const ids = await t.superuser('SELECT c.id, c.case_number, p.name_kana FROM cases c JOIN persons p ON p.id = c.person_id');
      for (const r of ids.rows) {
        for (const v of [r.id, r.case_number, r.name_kana]) assert.ok(!text.includes(String(v)), `${v} leaked`);
      }
    });

    it('is refused to health centres and hospitals (403), and each reading is audited', async () => {
      for (const who of [nakano, midori]) {
        const r = await who.client.get('/api/statistics/inpatients');
        assert.equal(r.statusCode, 403);
      }
      const audits = await t.superuser(`SELECT actor_org_id, details FROM audit_log WHERE action = 'statistics.read' ORDER BY seq`);
      assert.ok(audits.rows.length >= 8);
      assert.ok(audits.rows.some((a) => a.actor_org_id === org('mhlw')));
      assert.ok(audits.rows.some((a) => a.actor_org_id === org('tokyo-hq')));
      assert.deepEqual((audits.rows.at(-1)!.details as { report: string }).report, 'inpatients');
    });
  });
}
