import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CENSUS_2020 } from './census-2020.ts';
import { PREFECTURE_CODES } from './prefectures.ts';
import { NATIONAL_AREA_CODE, per100k, populationOf } from './population.ts';

describe('census population', () => {
  it('holds every prefecture, and the prefectures add up to the national total of the 2020 census', () => {
    assert.deepEqual(Object.keys(CENSUS_2020.prefectures).sort(), [...PREFECTURE_CODES]);
    const sum = Object.values(CENSUS_2020.prefectures).reduce((a, b) => a + b, 0);
    assert.equal(sum, CENSUS_2020.national);
  });

  it('records its source beside the figures', () => {
    const { source } = CENSUS_2020;
    assert.match(source.title.ja, /令和2年国勢調査/);
    assert.match(source.url, /^https:\/\/www\.stat\.go\.jp\//);
    assert.equal(source.referenceDate, '2020-10-01');
  });

  it('is looked up by prefecture code, municipality code or the national code', () => {
    assert.equal(populationOf('13', 2020)?.population, CENSUS_2020.prefectures['13']);
    assert.equal(populationOf('131041', 2020)?.population, CENSUS_2020.municipalities['131041'].population);
    assert.equal(populationOf('131148', 2020)?.population, CENSUS_2020.municipalities['131148'].population);
    assert.equal(populationOf(NATIONAL_AREA_CODE, 2020)?.population, CENSUS_2020.national);
  });

  it('answers nothing for an area it does not hold', () => {
    assert.equal(populationOf('48', 2020), undefined);
    assert.equal(populationOf('131016', 2020), undefined);
    assert.equal(populationOf('tokyo', 2020), undefined);
  });

  it('uses the nearest census year and says which one it used', () => {
    assert.equal(populationOf('01', 2023)?.censusYear, 2020);
    assert.equal(populationOf('01', 2012)?.censusYear, 2020);
  });
});

describe('rate per 100,000', () => {
  it('scales a count to 100,000 people', () => {
    assert.equal(per100k(50, 500_000), 10);
    assert.equal(per100k(0, 1), 0);
    assert.ok(Math.abs(per100k(1, 3) - 33_333.333) < 0.001);
  });
  it('refuses a population that is not positive', () => {
    assert.throws(() => per100k(1, 0), RangeError);
    assert.throws(() => per100k(1, Number.NaN), RangeError);
  });
});
