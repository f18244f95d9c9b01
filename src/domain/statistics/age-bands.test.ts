import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AGE_BANDS, IDWR_BAND_STARTS, WEEKLY_AGE_BANDS, ageBandLabel, ageBandOn, bandOfAge, idwrAgeBandLabel, idwrAgeBandOn, idwrBandOfAge, weeklyBandOfMonths } from './age-bands.ts';

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

describe('the weekly bands of sentinel reports', () => {
  it('split infants by month, children by year, then 10–14, 15–19, the ten-year bands and 80 and over', () => {
    assert.deepEqual([0, 5, 6, 11, 12, 119, 120, 179, 180, 239, 240, 959, 960, 1300].map(weeklyBandOfMonths), [
      '0-5m', '0-5m', '6-11m', '6-11m', '1y', '9y', '10-14y', '10-14y', '15-19y', '15-19y', '20s', '70s', '80plus', '80plus',
    ]);
    assert.equal(WEEKLY_AGE_BANDS.length, 20);
  });
  it('are labelled, sharing the labels of the ten-year bands they have in common', () => {
    assert.equal(ageBandLabel('0-5m').ja, '0～5か月');
    assert.equal(ageBandLabel('3y').en, '3 years');
    assert.deepEqual(ageBandLabel('30s'), { ja: '30代', en: '30s' });
    for (const b of WEEKLY_AGE_BANDS) assert.ok(ageBandLabel(b).ja && ageBandLabel(b).en, b);
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

  it('the groups’ first ages, as the database groups by them (width_bucket: the last start not above the age), give each age its group', () => {
    assert.deepEqual(IDWR_BAND_STARTS, [0, 1, 5, 10, 15, 20, 30, 40, 50, 60, 70, 80]);
    const widthBucket = (age: number) => IDWR_BAND_STARTS.filter((s) => s <= age).at(-1)!;
    for (let age = 0; age <= 120; age++) assert.equal(idwrBandOfAge(widthBucket(age)), idwrBandOfAge(age), `age ${age}`);
  });
});
