import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PREFECTURES, REGIONS, TILE_GRID, isPrefectureCode, prefectureOf, type Prefecture } from './prefectures.ts';

// The header row of the ministry's newly_confirmed_cases_daily.csv (covid19.mhlw.go.jp, 2023 copy).
const MHLW_HEADER =
  'Date,ALL,Hokkaido,Aomori,Iwate,Miyagi,Akita,Yamagata,Fukushima,Ibaraki,Tochigi,Gunma,Saitama,Chiba,Tokyo,Kanagawa,Niigata,Toyama,Ishikawa,Fukui,Yamanashi,Nagano,Gifu,Shizuoka,Aichi,Mie,Shiga,Kyoto,Osaka,Hyogo,Nara,Wakayama,Tottori,Shimane,Okayama,Hiroshima,Yamaguchi,Tokushima,Kagawa,Ehime,Kochi,Fukuoka,Saga,Nagasaki,Kumamoto,Oita,Miyazaki,Kagoshima,Okinawa';

const byEn = (en: string): Prefecture => PREFECTURES.find((p) => p.en === en)!;
const touching = (a: Prefecture, b: Prefecture) =>
  Math.max(Math.abs(a.tile.col - b.tile.col), Math.abs(a.tile.row - b.tile.row)) === 1;

describe('prefectures', () => {
  it('are the 47 of JIS X 0401, coded 01 to 47 in order, from 北海道 to 沖縄県', () => {
    assert.deepEqual(
      PREFECTURES.map((p) => p.code),
      Array.from({ length: 47 }, (_, i) => String(i + 1).padStart(2, '0')),
    );
    assert.equal(prefectureOf('01').ja, '北海道');
    assert.equal(prefectureOf('13').ja, '東京都');
    assert.equal(prefectureOf('47').ja, '沖縄県');
    assert.ok(PREFECTURES.every((p) => /[都道府県]$/.test(p.ja)));
    assert.equal(new Set(PREFECTURES.map((p) => p.ja)).size, 47);
  });

  it('carry the English names of the ministry open data headers, in the same order', () => {
    assert.deepEqual(PREFECTURES.map((p) => p.en), MHLW_HEADER.split(',').slice(2));
  });

  it('refuse an unknown code', () => {
    assert.equal(isPrefectureCode('48'), false);
    assert.equal(isPrefectureCode('1'), false);
    assert.throws(() => prefectureOf('00'));
  });

  it('belong to the eight regions, each region a run of consecutive codes', () => {
    const order = PREFECTURES.map((p) => REGIONS.indexOf(p.region));
    assert.ok(order.every((r, i) => r >= 0 && (i === 0 || r >= order[i - 1])));
    assert.deepEqual([...new Set(order)], [0, 1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('the tile map', () => {
  it('gives every prefecture its own square inside the grid', () => {
    const squares = PREFECTURES.map((p) => `${p.tile.col},${p.tile.row}`);
    assert.equal(new Set(squares).size, 47);
    for (const p of PREFECTURES) {
      assert.ok(p.tile.col >= 0 && p.tile.col < TILE_GRID.cols && p.tile.row >= 0 && p.tile.row < TILE_GRID.rows, p.en);
    }
  });

  it('puts Hokkaido top right and Okinawa bottom left', () => {
    const hokkaido = byEn('Hokkaido').tile;
    const okinawa = byEn('Okinawa').tile;
    assert.equal(hokkaido.row, 0);
    assert.equal(hokkaido.col, TILE_GRID.cols - 1);
    assert.equal(okinawa.row, TILE_GRID.rows - 1);
    assert.equal(okinawa.col, 0);
  });

  it('keeps each region in one connected patch', () => {
    for (const region of REGIONS) {
      const members = PREFECTURES.filter((p) => p.region === region);
      const reached = new Set([members[0].code]);
      for (let grew = true; grew; ) {
        grew = false;
        for (const p of members) {
          if (!reached.has(p.code) && members.some((q) => reached.has(q.code) && touching(p, q))) {
            reached.add(p.code);
            grew = true;
          }
        }
      }
      assert.equal(reached.size, members.length, region);
    }
  });

  it('puts neighbours on touching squares (a sample of land borders and straits)', () => {
    const borders = [
      ['Hokkaido', 'Aomori'], ['Aomori', 'Akita'], ['Iwate', 'Miyagi'], ['Yamagata', 'Fukushima'],
      ['Fukushima', 'Tochigi'], ['Fukushima', 'Niigata'], ['Tokyo', 'Saitama'], ['Tokyo', 'Kanagawa'],
      ['Tokyo', 'Chiba'], ['Ibaraki', 'Chiba'], ['Gunma', 'Nagano'], ['Nagano', 'Gifu'], ['Aichi', 'Gifu'],
      ['Aichi', 'Mie'], ['Shiga', 'Kyoto'], ['Kyoto', 'Osaka'], ['Osaka', 'Nara'], ['Nara', 'Wakayama'],
      ['Hyogo', 'Tottori'], ['Hyogo', 'Okayama'], ['Hiroshima', 'Yamaguchi'], ['Okayama', 'Kagawa'],
      ['Ehime', 'Kochi'], ['Yamaguchi', 'Fukuoka'], ['Fukuoka', 'Saga'], ['Saga', 'Nagasaki'],
      ['Kumamoto', 'Kagoshima'], ['Oita', 'Miyazaki'], ['Kagoshima', 'Okinawa'],
    ];
    for (const [a, b] of borders) assert.ok(touching(byEn(a), byEn(b)), `${a}–${b}`);
  });
});
