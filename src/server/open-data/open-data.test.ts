// Open data (issue 13): a publication of the demo epidemic, read without login, validates against
// its dictionary, agrees with the counts, hides small cells so that none can be worked back from
// the totals, stays frozen, and a later publication shows changed days as revisions.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { Client, closeApp, openApp } from '../../../test/harness/http.ts';
import { japanToday } from '../../domain/calendar.ts';
import { addDays } from '../../domain/contacts.ts';
import { OPEN_DATA_FILE_IDS, validateAgainstDictionary } from '../../domain/statistics/open-data-dictionary.ts';
import { parseCsvText } from '../../domain/statistics/open-data-csv.ts';
import { addDemoEpidemic } from '../demo/epidemic.ts';
import { refreshAllCounts } from '../statistics/refresh.ts';
import { publishOpenData } from './publish.ts';

const today = japanToday(new Date());

for (const engine of ENGINES) {
  describe(`open data (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let anyone: Client;
    const file = async (date: string, name: string) => {
      const r = await anyone.get(`/api/open-data/${date}/${name}`);
      assert.equal(r.statusCode, 200, `${name}: ${JSON.stringify(r.body)}`);
      return r.body;
    };

    before(async () => {
      ({ t, app } = await openApp(engine));
      await addDemoEpidemic(t.db, t.world, today, 6000);
      anyone = new Client(app);
    });
    after(() => closeApp(t, app));

    it('publishes every file of the dictionary, public and valid against it, once per day', async () => {
      const first = await publishOpenData(t.db, { on: today, threshold: 3 });
      assert.equal(first.created, true);
      assert.deepEqual(await publishOpenData(t.db, { on: today, threshold: 3 }), { id: first.id, created: false });
      const index = await anyone.get('/api/open-data');
      assert.equal(index.statusCode, 200);
      assert.equal(index.body.latest.publishedOn, today);
      assert.equal(index.body.latest.coversTo, addDays(today, -1));
      assert.deepEqual(index.body.latest.files.map((f: { fileId: string }) => f.fileId).sort(), [...OPEN_DATA_FILE_IDS].sort());
      for (const f of index.body.latest.files) {
        const csv = String(await file('latest', f.fileName));
        const valid = validateAgainstDictionary(f.fileId, csv);
        assert.ok(valid.ok, `${f.fileName}: ${JSON.stringify(valid.problems.slice(0, 3))}`);
      }
    });

    it('agrees with the counts: the national column adds up to the cases counted by report date', async () => {
      const csv = String(await file(today, 'newly_confirmed_cases_daily.csv'));
      const [header, ...rows] = parseCsvText(csv);
      const all = header.indexOf('ALL');
      const tokyo = header.indexOf('Tokyo');
      const published = rows.reduce((a, r) => a + Number(r[all]), 0);
      const [counted] = (await t.superuser(
        `SELECT sum(n)::int AS n FROM count_rollup r JOIN organizations o ON o.id = r.area_id WHERE o.kind = 'ministry' AND r.measure = 'reported' AND r.day < $1`,
        [today],
      )).rows as { n: number }[];
      assert.equal(published, counted.n);
      assert.ok(rows.every((r) => Number(r[all]) >= Number(r[tokyo])));
      const json = await file(today, 'newly_confirmed_cases_daily.json');
      assert.equal(json.records.length, rows.length);
      assert.equal(typeof json.records[0].ALL, 'number');
    });

    it('hides every count of 1 or 2 finer than a prefecture-day, and the prefecture-day totals equal the daily file', async () => {
      const csv = String(await file(today, 'newly_confirmed_cases_by_age_sex_daily.csv'));
      const [header, ...rows] = parseCsvText(csv);
      const [date, code, band, sex, cases] = ['Date', 'PrefectureCode', 'AgeBand', 'Sex', 'Cases'].map((h) => header.indexOf(h));
      const finer = rows.filter((r) => r[band] !== 'all' || r[sex] !== 'all');
      assert.ok(finer.some((r) => r[cases] === ''), 'some cells are suppressed');
      assert.ok(!finer.some((r) => r[cases] === '1' || r[cases] === '2'), 'no small count is published');
      const daily = parseCsvText(String(await file(today, 'newly_confirmed_cases_daily.csv')));
      const byDate = new Map(daily.slice(1).map((r) => [r[0], r]));
      const prefectureColumn = (c: string) => daily[0].indexOf(rows.find((r) => r[code] === c)![header.indexOf('Prefecture')]);
      for (const r of rows.filter((r) => r[band] === 'all' && r[sex] === 'all')) {
        assert.equal(r[cases], byDate.get(r[date])![prefectureColumn(r[code])], `${r[date]} ${r[code]}`);
      }
      const json = await file(today, 'newly_confirmed_cases_by_age_sex_daily.json');
      assert.ok(json.records.some((r: { Cases: number | null }) => r.Cases === null), 'suppressed is null in JSON');
    });

    it('stays frozen; the next publication lists changed days as revisions', async () => {
      const before = String(await file(today, 'newly_confirmed_cases_daily.csv'));
      await assert.rejects(t.superuser(`UPDATE publication_files SET rows = 0`), /frozen/);
      // A notification of a day already published is withdrawn: that day's count falls.
      const withdrawn = await t.superuser(`UPDATE notifications SET status = 'withdrawn', withdrawn_at = now() WHERE id IN (
        SELECT n.id FROM notifications n JOIN cases c ON c.id = n.case_id JOIN organizations o ON o.id = c.prefecture_id
         WHERE n.status = 'submitted' AND c.disease = 'covid19' AND o.area_code = '13' AND (n.first_submitted_at AT TIME ZONE 'Asia/Tokyo')::date < $1
           AND NOT EXISTS (SELECT 1 FROM notifications x WHERE x.case_id = c.id AND x.id <> n.id)
           AND NOT EXISTS (SELECT 1 FROM cases x WHERE x.person_id = c.person_id AND x.id <> c.id)
         ORDER BY n.first_submitted_at DESC LIMIT 1)
        RETURNING (first_submitted_at AT TIME ZONE 'Asia/Tokyo')::date::text AS day`, [today]);
      assert.equal(withdrawn.rows.length, 1);
      const day = withdrawn.rows[0].day as string;
      await refreshAllCounts(t.db);
      const next = await publishOpenData(t.db, { on: addDays(today, 1), threshold: 3 });
      assert.equal(next.created, true);
      const index = (await anyone.get('/api/open-data')).body;
      assert.equal(index.latest.publishedOn, addDays(today, 1));
      const revised = index.latest.revisions.list.filter((r: { fileId: string; column: string }) => r.fileId === 'newly_confirmed_cases_daily' && r.column === 'Tokyo');
      assert.equal(revised.length, 1, JSON.stringify(index.latest.revisions.list.slice(0, 5)));
      const [y, m, d] = day.split('-').map(Number);
      assert.equal(revised[0].rowKey, `${y}/${m}/${d}`);
      assert.equal(Number(revised[0].previous) - Number(revised[0].value), 1);
      assert.equal(String(await file(today, 'newly_confirmed_cases_daily.csv')), before, 'the earlier publication is unchanged');
      assert.deepEqual(index.publications.map((p: { publishedOn: string }) => p.publishedOn), [addDays(today, 1), today]);
    });

    it('suppresses with the configured threshold, and answers unknown files and dates with 404', async () => {
      await publishOpenData(t.db, { on: addDays(today, 2), threshold: 5 });
      const csv = String(await file(addDays(today, 2), 'newly_confirmed_cases_by_age_sex_daily.csv'));
      const [header, ...rows] = parseCsvText(csv);
      const cases = header.indexOf('Cases');
      const finer = rows.filter((r) => r[header.indexOf('AgeBand')] !== 'all' || r[header.indexOf('Sex')] !== 'all');
      assert.ok(!finer.some((r) => ['1', '2', '3', '4'].includes(r[cases])));
      assert.equal((await anyone.get(`/api/open-data/2020-01-01/newly_confirmed_cases_daily.csv`)).statusCode, 404);
      assert.equal((await anyone.get(`/api/open-data/latest/passwords.csv`)).statusCode, 404);
      assert.equal((await anyone.get(`/api/open-data/latest/..%2Fetc.csv`)).statusCode, 400);
    });
  });
}
