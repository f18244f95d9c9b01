// Legal dates (diagnosis, report, onset) are calendar dates in Japan time (DESIGN.md §3).

const JAPAN_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in Japan at an instant, yyyy-mm-dd: 2026-11-20T15:30Z is 2026-11-21. */
export const japanToday = (instant: Date): string => JAPAN_DATE.format(instant);

const JAPAN_MINUTE = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

/** An instant as Japan's date and time to the minute, for texts to staff (e-mails): 2026/12/06 16:30. */
export const japanMinute = (instant: Date): string => JAPAN_MINUTE.format(instant);

/** The eras of the Japanese calendar a date may be written in, from the day each began. */
export const ERAS = [
  { name: '明治', letter: 'M', en: 'Meiji', from: '1868-10-23' },
  { name: '大正', letter: 'T', en: 'Taisho', from: '1912-07-30' },
  { name: '昭和', letter: 'S', en: 'Showa', from: '1926-12-25' },
  { name: '平成', letter: 'H', en: 'Heisei', from: '1989-01-08' },
  { name: '令和', letter: 'R', en: 'Reiwa', from: '2019-05-01' },
] as const;

const isRealDate = (y: number, m: number, d: number) => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1868 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};
const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/**
 * A date as staff type it, as yyyy-mm-dd, or null when it is not one: 2022-10-03, 2022/10/3,
 * 20221003, 2022年10月3日, and in the Japanese calendar 令和4年10月3日, R4.10.3, S33/4/12, 平成元年1月8日
 * (full-width digits too). An era date must fall within that era.
 */
export function parseDateInput(text: string): string | null {
  const s = text.normalize('NFKC').trim().replace(/\s+/g, '');
  const western = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (western) {
    const [y, m, d] = western.slice(1).map(Number);
    return isRealDate(y, m, d) ? iso(y, m, d) : null;
  }
  const era = /^(明治|大正|昭和|平成|令和|[MTSHRmtshr])(元|\d{1,2})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (!era) return null;
  const index = ERAS.findIndex((e) => e.name === era[1] || e.letter === era[1].toUpperCase());
  const [m, d] = [Number(era[3]), Number(era[4])];
  const y = Number(ERAS[index].from.slice(0, 4)) + (era[2] === '元' ? 1 : Number(era[2])) - 1;
  if (!isRealDate(y, m, d)) return null;
  const date = iso(y, m, d);
  const next = ERAS[index + 1];
  return date >= ERAS[index].from && (!next || date < next.from) ? date : null;
}

/** yyyy-mm-dd in the Japanese calendar: 令和4年10月3日 (元年 for the first year). */
export function japaneseEraDate(date: string): string {
  const era = [...ERAS].reverse().find((e) => date >= e.from);
  const [y, m, d] = date.split('-').map(Number);
  if (!era) return `${y}年${m}月${d}日`;
  const n = y - Number(era.from.slice(0, 4)) + 1;
  return `${era.name}${n === 1 ? '元' : n}年${m}月${d}日`;
}
