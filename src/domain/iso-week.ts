// ISO 8601 weeks (Monday to Sunday; week 1 holds the year's first Thursday): the surveillance
// weeks of the weekly report (感染症発生動向調査週報) and of the sentinel sites' reports. Calendar
// dates in Japan (yyyy-mm-dd) in, no time zone involved.
import { addDays } from './contacts.ts';

export interface IsoWeek {
  year: number;
  week: number;
}

const DAY = 86_400_000;
const utc = (date: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
};
/** Monday = 0 … Sunday = 6. */
const weekday = (date: string) => (new Date(utc(date)).getUTCDay() + 6) % 7;

/** The ISO week a date falls in (2021-01-03 is in 2020-W53). */
export function isoWeekOf(date: string): IsoWeek {
  const thursday = addDays(date, 3 - weekday(date));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((utc(thursday) - utc(`${year}-01-01`)) / DAY / 7) + 1;
  return { year, week };
}

/** The Monday that starts an ISO week. */
export function weekStart(w: IsoWeek): string {
  const jan4 = `${w.year}-01-04`; // always in week 1
  return addDays(jan4, (w.week - 1) * 7 - weekday(jan4));
}

/** The Sunday that ends an ISO week. */
export const weekEnd = (w: IsoWeek): string => addDays(weekStart(w), 6);

/** 52 or 53. */
export const weeksIn = (year: number): number => isoWeekOf(`${year}-12-28`).week;

/** The week n weeks after (before, when negative) another. */
export const addWeeks = (w: IsoWeek, n: number): IsoWeek => isoWeekOf(addDays(weekStart(w), n * 7));

/** "2026-W49", as ISO 8601 writes it; the key of a week in files and URLs. */
export const weekKey = (w: IsoWeek): string => `${w.year}-W${String(w.week).padStart(2, '0')}`;

/** A week from its key, or null when it is not one ("2026-W54" is not). */
export function parseWeekKey(key: string): IsoWeek | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(key);
  if (!m) return null;
  const w = { year: Number(m[1]), week: Number(m[2]) };
  return w.week >= 1 && w.week <= weeksIn(w.year) ? w : null;
}
