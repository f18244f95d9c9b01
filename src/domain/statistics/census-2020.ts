// Population of the 2020 Population Census (令和2年国勢調査), final counts as of 1 October 2020.
// Figures checked on 2026-12-05 against two independent copies of the prefectural table and the sum
// (the 47 prefectures add up to the national total exactly, see the test); Nakano against the
// ward's own page, Shinjuku against a secondary source only (see `verification`).
export const CENSUS_2020 = {
  year: 2020,
  source: {
    title: {
      ja: '令和2年国勢調査 人口等基本集計（確定値）',
      en: '2020 Population Census, Basic Complete Tabulation on Population and Households (final counts)',
    },
    publisher: { ja: '総務省統計局', en: 'Statistics Bureau of Japan, Ministry of Internal Affairs and Communications' },
    table: {
      ja: '男女別人口（総数）— 全国、都道府県、市区町村',
      en: 'Population, both sexes — Japan, prefectures, municipalities',
    },
    url: 'https://www.stat.go.jp/data/kokusei/2020/kekka.html',
    referenceDate: '2020-10-01',
    publishedOn: '2021-11-30',
    verification: {
      prefectures: 'two independent copies of the table agree; the 47 figures sum to the national total',
      '131148': 'the ward\u2019s own page (city.tokyo-nakano.lg.jp, 中野区の人口と世帯)',
      '131041': 'secondary source only (encyclopaedia infobox citing the census), not the bureau\u2019s table',
    },
  },
  /** The whole country, foreign residents included. */
  national: 126_146_099,
  /** By JIS X 0401 prefecture code. */
  prefectures: {
    '01': 5_224_614, '02': 1_237_984, '03': 1_210_534, '04': 2_301_996, '05': 959_502,
    '06': 1_068_027, '07': 1_833_152, '08': 2_867_009, '09': 1_933_146, '10': 1_939_110,
    '11': 7_344_765, '12': 6_284_480, '13': 14_047_594, '14': 9_237_337, '15': 2_201_272,
    '16': 1_034_814, '17': 1_132_526, '18': 766_863, '19': 809_974, '20': 2_048_011,
    '21': 1_978_742, '22': 3_633_202, '23': 7_542_415, '24': 1_770_254, '25': 1_413_610,
    '26': 2_578_087, '27': 8_837_685, '28': 5_465_002, '29': 1_324_473, '30': 922_584,
    '31': 553_407, '32': 671_126, '33': 1_888_432, '34': 2_799_702, '35': 1_342_059,
    '36': 719_559, '37': 950_244, '38': 1_334_841, '39': 691_527, '40': 5_135_214,
    '41': 811_442, '42': 1_312_317, '43': 1_738_301, '44': 1_123_852, '45': 1_069_576,
    '46': 1_588_256, '47': 1_467_480,
  } as Record<string, number>,
  /** By six-digit municipality code (全国地方公共団体コード, check digit included): the demo world's two centres. */
  municipalities: {
    '131041': { ja: '新宿区', en: 'Shinjuku City', population: 349_385 },
    '131148': { ja: '中野区', en: 'Nakano City', population: 344_880 },
  } as Record<string, { ja: string; en: string; population: number }>,
};
