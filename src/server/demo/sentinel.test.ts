// The demo's sentinels on `npm start`: after the generated epidemic, every prefecture has its hospital
// and three clinics designated with 12 weeks filed, so the ministry's table has all 47 and the nation.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { japanToday } from '../../domain/calendar.ts';
import { addWeeks, isoWeekOf } from '../../domain/iso-week.ts';
import { ENGINES, freshDatabase, type TestDatabase } from '../../../test/harness/engines.ts';
import { sentinelAveragesOf } from '../sentinel/averages.ts';
import { addDemoEpidemic } from './epidemic.ts';
import { addDemoSentinels, DEMO_SENTINEL_WEEKS } from './sentinel.ts';

for (const engine of ENGINES) {
  describe(`demo sentinels on npm start (${engine})`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await freshDatabase(engine);
      await addDemoEpidemic(t.db, t.world, japanToday(new Date()), 300);
    });
    after(() => t.close());

    it('designate four sites in each other prefecture and three more in Tokyo, each with 12 weeks filed', async () => {
      const designated = await addDemoSentinels(t.db, t.world);
      assert.equal(designated, 2 + 47 * 3 + 46);
      const [{ n }] = (await t.superuser('SELECT count(*)::int AS n FROM sentinel_reports')).rows;
      assert.equal(n, designated * DEMO_SENTINEL_WEEKS);
      const week = addWeeks(isoWeekOf(japanToday(new Date())), -1);
      const rows = await t.db.asSystem((tx) => sentinelAveragesOf(tx, { week, scope: 'nation' }));
      const flu = rows.filter((r) => r.disease === 'influenza');
      assert.equal(flu.length, 48, '47 prefectures and the nation');
      assert.equal(flu.at(-1)!.prefectureId, null);
      assert.equal(flu.at(-1)!.reporting, designated);
      assert.ok(flu.some((r) => r.level === 'alarm') && flu.some((r) => r.level !== 'alarm'), 'the season is not at one level everywhere');
    });
  });
}
