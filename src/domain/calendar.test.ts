import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { japaneseEraDate, japanToday, parseDateInput } from './calendar.ts';

describe('calendar', () => {
  it('takes the date in Japan', () => {
    assert.equal(japanToday(new Date('2026-11-20T15:30:00Z')), '2026-11-21');
    assert.equal(japanToday(new Date('2026-11-20T14:59:59Z')), '2026-11-20');
  });

  it('reads a date as staff type it, in the western or the Japanese calendar', () => {
    for (const [typed, expected] of [
      ['2022-10-03', '2022-10-03'],
      ['2022/10/3', '2022-10-03'],
      ['20221003', '2022-10-03'],
      ['2022年10月3日', '2022-10-03'],
      ['２０２２／１０／３', '2022-10-03'],
      ['令和4年10月3日', '2022-10-03'],
      ['R4.10.3', '2022-10-03'],
      ['r4/10/3', '2022-10-03'],
      ['S33.4.12', '1958-04-12'],
      ['昭和33年4月12日', '1958-04-12'],
      ['平成元年1月8日', '1989-01-08'],
      ['H31.4.30', '2019-04-30'],
      ['令和元年5月1日', '2019-05-01'],
      [' 2022 / 10 / 3 ', '2022-10-03'],
    ] as const) {
      assert.equal(parseDateInput(typed), expected, typed);
    }
  });

  it('refuses what is not a date, or not a date of that era', () => {
    for (const typed of ['', '2022-02-30', '2022/13/1', 'R4.2.29', 'H31.5.1', '昭和64年1月8日', '令和元年4月30日', 'X4.1.1', '4.10.3', 'きのう', '1800-01-01']) {
      assert.equal(parseDateInput(typed), null, typed);
    }
  });

  it('writes a date in the Japanese calendar', () => {
    assert.equal(japaneseEraDate('2022-10-03'), '令和4年10月3日');
    assert.equal(japaneseEraDate('2019-05-01'), '令和元年5月1日');
    assert.equal(japaneseEraDate('2019-04-30'), '平成31年4月30日');
    assert.equal(japaneseEraDate('1958-04-12'), '昭和33年4月12日');
  });
});
