import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AGE_BANDS, ageBandLabel, ageBandOn, bandOfAge } from './age-bands.ts';

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
