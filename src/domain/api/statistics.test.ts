import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BREAKDOWN_GROUPS, BREAKDOWNS, groupLabel } from './statistics.ts';

describe('breakdown group labels', () => {
  it('names every group of every breakdown in Japanese and English, for the screen and the files alike', () => {
    for (const by of BREAKDOWNS) {
      for (const g of BREAKDOWN_GROUPS[by]) {
        assert.ok(groupLabel(by, g)?.ja && groupLabel(by, g).en, `${by}.${g}`);
      }
    }
    assert.deepEqual(groupLabel('sex', 'female'), { ja: '女性', en: 'female' });
  });

  it('already names the daily aggregate report’s positives, so the group needs only adding to the list', () => {
    assert.deepEqual(groupLabel('classification', 'aggregate'), { ja: '日次報告（集計）', en: 'Daily aggregate report' });
  });
});
