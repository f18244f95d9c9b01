// The simple, safe normalisation of an address as it is saved: full-width digits and Latin letters
// become ASCII, and the hyphen-like characters between numbers (1丁目2番3号 written "１ー２－３")
// become "-", so that one address is written one way whatever the keyboard. Nothing else changes:
// not kanji variants (NFKC would fold compatibility ideographs, e.g. 﨑-like forms people insist
// on), not kana, not the order. No maintained offline library normalises Japanese addresses
// further (e.g. 丁目 to numbers); that is left out on purpose.

const FULL_WIDTH_ALNUM = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g;
/** Dashes, minus signs, ー and half-width ｰ: read as a hyphen only between two digits. */
const HYPHEN_BETWEEN_DIGITS = /(?<=\d)\s*[-\u2010-\u2015\u2212\u30FC\uFF0D\uFF70]\s*(?=\d)/g;

export function normalizeAddress(address: string): string {
  return address
    .replace(FULL_WIDTH_ALNUM, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(HYPHEN_BETWEEN_DIGITS, '-');
}
