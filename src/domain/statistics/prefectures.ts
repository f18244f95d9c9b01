// The 47 prefectures in JIS X 0401 order, with the English names the Ministry of Health's COVID-19
// open data uses as column headers (covid19.mhlw.go.jp/public/opendata, e.g. "Date,ALL,Hokkaido,…")
// and a square on a tile map of Japan for the national dashboard.
import type { Localized } from '../messages.ts';

export const REGIONS = ['hokkaido', 'tohoku', 'kanto', 'chubu', 'kinki', 'chugoku', 'shikoku', 'kyushu'] as const;
export type Region = (typeof REGIONS)[number];

const REGION_LABELS: Record<Region, Localized> = {
  hokkaido: { ja: '北海道', en: 'Hokkaido' },
  tohoku: { ja: '東北', en: 'Tohoku' },
  kanto: { ja: '関東', en: 'Kanto' },
  chubu: { ja: '中部', en: 'Chubu' },
  kinki: { ja: '近畿', en: 'Kinki' },
  chugoku: { ja: '中国', en: 'Chugoku' },
  shikoku: { ja: '四国', en: 'Shikoku' },
  kyushu: { ja: '九州・沖縄', en: 'Kyushu and Okinawa' },
};
export const regionLabel = (region: Region): Localized => REGION_LABELS[region];

/** A square of the tile map: col grows eastwards, row southwards; Hokkaido top right, Okinawa bottom left. */
export interface Tile {
  col: number;
  row: number;
}

export interface Prefecture {
  /** JIS X 0401 code, two digits ('01' … '47'). */
  code: string;
  ja: string;
  /** As in the ministry's open-data headers (no macrons, no "Prefecture"). */
  en: string;
  region: Region;
  tile: Tile;
}

// [code, ja, en, region, col, row]. The tile layout is the usual one of Japanese tile maps: Tohoku a
// column down the east edge, Kanto a 3×3 block below it, Chubu and Kinki westwards, Shikoku a 2×2
// block under Chugoku, Kyushu a block in the south-west and Okinawa alone in the corner.
const ROWS: readonly [string, string, string, Region, number, number][] = [
  ['01', '北海道', 'Hokkaido', 'hokkaido', 13, 0],
  ['02', '青森県', 'Aomori', 'tohoku', 13, 1],
  ['03', '岩手県', 'Iwate', 'tohoku', 13, 2],
  ['04', '宮城県', 'Miyagi', 'tohoku', 13, 3],
  ['05', '秋田県', 'Akita', 'tohoku', 12, 2],
  ['06', '山形県', 'Yamagata', 'tohoku', 12, 3],
  ['07', '福島県', 'Fukushima', 'tohoku', 12, 4],
  ['08', '茨城県', 'Ibaraki', 'kanto', 13, 5],
  ['09', '栃木県', 'Tochigi', 'kanto', 12, 5],
  ['10', '群馬県', 'Gunma', 'kanto', 11, 5],
  ['11', '埼玉県', 'Saitama', 'kanto', 11, 6],
  ['12', '千葉県', 'Chiba', 'kanto', 13, 6],
  ['13', '東京都', 'Tokyo', 'kanto', 12, 6],
  ['14', '神奈川県', 'Kanagawa', 'kanto', 11, 7],
  ['15', '新潟県', 'Niigata', 'chubu', 11, 4],
  ['16', '富山県', 'Toyama', 'chubu', 10, 4],
  ['17', '石川県', 'Ishikawa', 'chubu', 9, 4],
  ['18', '福井県', 'Fukui', 'chubu', 8, 5],
  ['19', '山梨県', 'Yamanashi', 'chubu', 10, 6],
  ['20', '長野県', 'Nagano', 'chubu', 10, 5],
  ['21', '岐阜県', 'Gifu', 'chubu', 9, 5],
  ['22', '静岡県', 'Shizuoka', 'chubu', 10, 7],
  ['23', '愛知県', 'Aichi', 'chubu', 9, 6],
  ['24', '三重県', 'Mie', 'kinki', 9, 7],
  ['25', '滋賀県', 'Shiga', 'kinki', 8, 6],
  ['26', '京都府', 'Kyoto', 'kinki', 7, 6],
  ['27', '大阪府', 'Osaka', 'kinki', 7, 7],
  ['28', '兵庫県', 'Hyogo', 'kinki', 6, 6],
  ['29', '奈良県', 'Nara', 'kinki', 8, 7],
  ['30', '和歌山県', 'Wakayama', 'kinki', 8, 8],
  ['31', '鳥取県', 'Tottori', 'chugoku', 5, 6],
  ['32', '島根県', 'Shimane', 'chugoku', 4, 6],
  ['33', '岡山県', 'Okayama', 'chugoku', 5, 7],
  ['34', '広島県', 'Hiroshima', 'chugoku', 4, 7],
  ['35', '山口県', 'Yamaguchi', 'chugoku', 3, 7],
  ['36', '徳島県', 'Tokushima', 'shikoku', 5, 9],
  ['37', '香川県', 'Kagawa', 'shikoku', 5, 8],
  ['38', '愛媛県', 'Ehime', 'shikoku', 4, 8],
  ['39', '高知県', 'Kochi', 'shikoku', 4, 9],
  ['40', '福岡県', 'Fukuoka', 'kyushu', 2, 8],
  ['41', '佐賀県', 'Saga', 'kyushu', 1, 8],
  ['42', '長崎県', 'Nagasaki', 'kyushu', 0, 8],
  ['43', '熊本県', 'Kumamoto', 'kyushu', 1, 9],
  ['44', '大分県', 'Oita', 'kyushu', 2, 9],
  ['45', '宮崎県', 'Miyazaki', 'kyushu', 2, 10],
  ['46', '鹿児島県', 'Kagoshima', 'kyushu', 1, 10],
  ['47', '沖縄県', 'Okinawa', 'kyushu', 0, 11],
];

export const PREFECTURES: readonly Prefecture[] = ROWS.map(([code, ja, en, region, col, row]) => ({
  code,
  ja,
  en,
  region,
  tile: { col, row },
}));

export const PREFECTURE_CODES: readonly string[] = PREFECTURES.map((p) => p.code);

const BY_CODE = new Map(PREFECTURES.map((p) => [p.code, p]));

export const isPrefectureCode = (code: string): boolean => BY_CODE.has(code);

/** The prefecture of a JIS code; throws on an unknown code (a caller bug, not user input). */
export function prefectureOf(code: string): Prefecture {
  const found = BY_CODE.get(code);
  if (!found) throw new Error(`unknown prefecture code ${JSON.stringify(code)}`);
  return found;
}

export const prefectureLabel = (code: string): Localized => {
  const p = prefectureOf(code);
  return { ja: p.ja, en: p.en };
};

/** The size of the tile grid, for a chart's domain. */
export const TILE_GRID = {
  cols: Math.max(...PREFECTURES.map((p) => p.tile.col)) + 1,
  rows: Math.max(...PREFECTURES.map((p) => p.tile.row)) + 1,
};
