// The municipality (市区町村) of residence, told from a free-text address, for counting new cases by
// municipality (issue 13). The unit is the one prefectures publish: a city, town or village, each of
// Tokyo's 23 special wards on its own, and a designated city (政令指定都市) as a whole, never its ward
// (横浜市中区 counts for 横浜市 '141003'). A district (郡) is no municipality and is skipped.
//
// Names are matched against the official list (municipalities-data.ts), longest name first after
// the prefecture: 市川市, 四日市市, 町田市 or 十日町市 cannot be split on 市/町/村 by pattern.
import { MUNICIPALITY_ROWS } from './municipalities-data.ts';
import { PREFECTURES } from './prefectures.ts';

export interface Municipality {
  /** 全国地方公共団体コード: six digits, JIS X 0401 + JIS X 0402 + check digit ('131041'). */
  code: string;
  ja: string;
  /** JIS X 0401 code of its prefecture ('13'). */
  prefecture: string;
}

export const MUNICIPALITIES: readonly Municipality[] = MUNICIPALITY_ROWS.map(([code, ja]) => ({
  code,
  ja,
  prefecture: code.slice(0, 2),
}));

const BY_CODE = new Map(MUNICIPALITIES.map((m) => [m.code, m]));

export const isMunicipalityCode = (code: string): boolean => BY_CODE.has(code);

/** The list has no English names yet; `en` is there for when it has. */
export function municipalityName(code: string): { ja: string; en?: string } | undefined {
  const m = BY_CODE.get(code);
  return m && { ja: m.ja };
}

/** The JIS X 0401 code of the prefecture the municipality belongs to. */
export const prefectureOfMunicipality = (code: string): string | undefined => BY_CODE.get(code)?.prefecture;

/** NFKC (full-width digits and letters, half-width kana), no spaces, small ヶ as ケ as the list writes it. */
export function normaliseAddress(address: string): string {
  return address
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/ヶ/g, 'ケ')
    .replace(/^〒?\d{3}-?\d{4}/, '');
}

// The Northern Territories' villages have codes but no administration: a bare 泊村 is 古宇郡泊村.
const UNADMINISTERED = (code: string) => code >= '016951' && code <= '017001';
// Only one municipality's name occurs twice in a prefecture (北海道 泊村); its district tells which.
const DISTRICT: Record<string, string> = { '014036': '古宇郡', '016969': '国後郡' };

type Index = Map<string, string[]>;
const add = (index: Index, name: string, code: string) => {
  const key = normaliseAddress(name);
  const codes = index.get(key) ?? [];
  if (!codes.includes(code)) codes.push(code);
  index.set(key, codes);
};

// Per prefecture and nationwide: a municipality's name, and each ward's name, leads to its code.
const NATIONAL: Index = new Map();
const BY_PREFECTURE = new Map<string, Index>(PREFECTURES.map((p) => [p.code, new Map()]));
for (const [code, ja, wards] of MUNICIPALITY_ROWS) {
  for (const name of [ja, ...(wards ? wards.split(' ') : [])]) {
    add(BY_PREFECTURE.get(code.slice(0, 2))!, name, code);
    add(NATIONAL, name, code);
  }
}
const LONGEST = Math.max(...[...NATIONAL.keys()].map((k) => k.length));
const PREFECTURE_NAMES = PREFECTURES.map((p) => ({ code: p.code, ja: p.ja, short: p.ja.replace(/[都府県]$/, '') }));

/** The codes of the longest name the text starts with, a leading district skipped when nothing matches. */
function candidates(text: string, index: Index): string[] {
  const longest = (t: string) => {
    for (let n = Math.min(LONGEST, t.length); n > 0; n--) {
      const codes = index.get(t.slice(0, n));
      if (codes) return codes;
    }
    return [];
  };
  const direct = longest(text);
  if (direct.length) return direct;
  const district = /^(.{1,6}?郡)/.exec(text)?.[1];
  if (!district) return [];
  const codes = longest(text.slice(district.length));
  const named = codes.filter((c) => DISTRICT[c] === district);
  return named.length ? named : codes;
}

function single(codes: string[]): Municipality | null {
  const administered = codes.length > 1 ? codes.filter((c) => !UNADMINISTERED(c)) : codes;
  return administered.length === 1 ? BY_CODE.get(administered[0])! : null;
}

/**
 * The municipality an address lies in, or null when the address does not tell one: empty, foreign,
 * misspelt, or a name found in more than one prefecture without its prefecture (府中市, 北区).
 */
export function municipalityOfAddress(address: string | null | undefined): Municipality | null {
  if (!address) return null;
  const text = normaliseAddress(address);
  const prefecture = PREFECTURE_NAMES.find((p) => text.startsWith(p.ja));
  if (prefecture) return single(candidates(text.slice(prefecture.ja.length), BY_PREFECTURE.get(prefecture.code)!));
  const anywhere = single(candidates(text, NATIONAL));
  if (anywhere) return anywhere;
  // 東京新宿区…: the prefecture without 都/府/県.
  const short = PREFECTURE_NAMES.find((p) => p.short !== p.ja && text.startsWith(p.short));
  return short ? single(candidates(text.slice(short.short.length), BY_PREFECTURE.get(short.code)!)) : null;
}
