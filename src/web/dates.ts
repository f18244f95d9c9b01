// Dates as people here read them: 2022年10月3日 (or 令和4年10月3日 when the user prefers the Japanese
// calendar, remembered by the browser), 3 Oct 2022 in English; instants in Japan time.
import { japaneseEraDate, japanToday } from '../domain/calendar.ts';

const ERA_KEY = 'hersys.era';
export const prefersEra = (): boolean => localStorage.getItem(ERA_KEY) === 'on';
export const setPrefersEra = (on: boolean) => localStorage.setItem(ERA_KEY, on ? 'on' : 'off');

const isIso = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

/** A calendar date (yyyy-mm-dd). */
export function formatDate(date: string | null | undefined, lang: string): string {
  if (!date) return '—';
  const day = date.slice(0, 10);
  if (!isIso(day)) return date;
  const [y, m, d] = day.split('-').map(Number);
  if (lang === 'en') return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
  return prefersEra() ? japaneseEraDate(day) : `${y}年${m}月${d}日`;
}

/** An instant, in Japan time: 2022年10月3日 10:00. */
export function formatDateTime(instant: string | null | undefined, lang: string): string {
  if (!instant) return '—';
  const at = new Date(instant);
  const day = japanToday(at);
  const time = new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone: 'Asia/Tokyo' }).format(at);
  return `${formatDate(day, lang)} ${time}`;
}
