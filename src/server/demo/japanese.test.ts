import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { municipalityOfAddress } from '../../domain/statistics/municipality.ts';
import { PREFECTURES } from '../../domain/statistics/prefectures.ts';
import { AREAS, CHOME } from './japanese.ts';

const prefectureCode = (ja: string) => PREFECTURES.find((p) => p.ja === ja)!.code;

// Counting by municipality (issue 13) reads persons.residence_address; the synthetic addresses must
// tell one, or a benchmark of that count measures nulls.
describe('synthetic addresses', () => {
  it('tell a municipality of their own prefecture for every town, written as bench/synthetic.ts writes them', () => {
    const lost: string[] = [];
    for (const a of AREAS) {
      for (const [i, town] of a.towns.entries()) {
        const address = `${a.prefecture}${town}${CHOME[i % CHOME.length]}丁目${i + 1}番${i + 2}号`;
        const m = municipalityOfAddress(address);
        if (m?.prefecture !== prefectureCode(a.prefecture) || !town.startsWith(m.ja)) lost.push(address);
      }
    }
    assert.deepEqual(lost, []);
  });

  it('tell the seeded centres’ wards, written as the activity generator writes them (prefecture, centre’s area, 丁目)', () => {
    // The health centres of seed.ts, with their area codes there.
    assert.equal(municipalityOfAddress('東京都新宿区3丁目12番4号')?.code, '131041');
    assert.equal(municipalityOfAddress('東京都中野区1丁目30番20号')?.code, '131148');
  });
});
