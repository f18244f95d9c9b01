import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AGE_BANDS, ageBandLabel, ageBandOn, bandOfAge, idwrAgeBandLabel, idwrAgeBandOn, idwrBandOfAge } from './age-bands.ts';

describe('age bands', () => {
  it('cut at each tenth birthday, with under 10 and 90 and over at the ends', () => {
    assert.equal(ageBandOn('2012-06-01', '2022-05-31'), 'under10');
    assert.equal(ageBandOn('2012-06-01', '2022-06-01'), '10s');
    assert.equal(ageBandOn('1932-01-01', '2022-01-01'), '90plus');
    assert.equal(bandOfAge(105), '90plus');
    assert.equal(bandOfAge(0), 'under10');
    assert.equal(bandOfAge(89), '80s');
  });
  it('are labelled in ja and en', () => {
    assert.deepEqual(AGE_BANDS.map((b) => ageBandLabel(b).ja).slice(0, 3), ['10歳未満', '10代', '20代']);
    assert.equal(ageBandLabel('unknown').en, 'unknown');
  });
});

describe('the weekly report’s IDWR age groups', () => {
  it('split childhood at 1, 5, 10, 15 and 20, then go by decades to 80 and over', () => {
    const cases: [number, string][] = [[0, '0'], [1, '1-4'], [4, '1-4'], [5, '5-9'], [9, '5-9'], [10, '10-14'], [14, '10-14'], [15, '15-19'], [19, '15-19'], [20, '20s'], [29, '20s'], [30, '30s'], [79, '70s'], [80, '80plus'], [104, '80plus']];
    for (const [age, band] of cases) assert.equal(idwrBandOfAge(age), band, `age ${age}`);
    assert.equal(idwrAgeBandOn('2025-12-01', '2026-11-30'), '0');
    assert.equal(idwrAgeBandOn('2025-12-01', '2026-12-01'), '1-4');
    assert.equal(idwrAgeBandLabel('80plus').ja, '80歳以上');
  });
});
