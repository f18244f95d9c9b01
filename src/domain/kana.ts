// Kana names as people type them (hiragana or katakana, full or half width, with or without a
// space) folded to one key, so the same name matches however it was entered.

const HIRAGANA = /[\u3041-\u3096]/g;
const SEPARATORS = /[\s\u3000・･]/g;

/** Full-width katakana, no spaces or middle dots: 'やまだ たろう' and 'ﾔﾏﾀﾞ ﾀﾛｳ' give 'ヤマダタロウ'. */
export function kanaKey(name: string): string {
  return name
    .normalize('NFKC')
    .replace(HIRAGANA, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60))
    .replace(SEPARATORS, '');
}

/** A name written in kana only (with the long-vowel mark, spaces and middle dots). */
export function isKanaName(name: string): boolean {
  const folded = name.normalize('NFKC').trim();
  return folded.length > 0 && /^[\u3041-\u3096\u30A1-\u30FA\u30FC\s\u3000・]+$/.test(folded);
}

/** Digits only: '03-1234-5678' and '０３１２３４５６７８' match. */
export function phoneKey(phone: string | null | undefined): string | null {
  const digits = (phone ?? '').normalize('NFKC').replace(/\D/g, '');
  return digits.length >= 6 ? digits : null;
}
