// Daily series as the dashboards and files show them: every day of the period present (a day
// without cases is a 0, not a gap), the 7-day average, the week-on-week ratio, and loads as levels.
import { addDays } from '../contacts.ts';

/** Every date from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The mean of the day and the six before it; null until seven days are known. */
export function average7(values: readonly number[], i: number): number | null {
  if (i < 6) return null;
  let sum = 0;
  for (let k = i - 6; k <= i; k++) sum += values[k];
  return sum / 7;
}

/** The last seven days against the seven before them (前週比); null without both weeks or with none the week before. */
export function weekOnWeek(values: readonly number[], i: number): number | null {
  if (i < 13) return null;
  let now = 0;
  let before = 0;
  for (let k = 0; k < 7; k++) {
    now += values[i - k];
    before += values[i - 7 - k];
  }
  return before === 0 ? null : now / before;
}

/** Levels from flows: the level on each day is the start plus every flow up to and including it. */
export function levels(start: number, flows: readonly number[]): number[] {
  let level = start;
  return flows.map((f) => (level += f));
}


/** The first day of the date's month. */
const monthOf = (day: string) => `${day.slice(0, 7)}-01`;

/**
 * [from, to] cut into whole months and the days left at either end, so that a sum over years reads
 * a row per month and at most about sixty day rows (count_by keeps both, dim 'month' and 'all').
 * `months` is [first month's first day, the first day after the last month), or null.
 */
export function monthsAndDays(from: string, to: string): { months: [string, string] | null; days: [string, string][] } {
  const firstWhole = from === monthOf(from) ? from : monthOf(addDays(monthOf(from), 31));
  const end = monthOf(addDays(to, 1));
  if (firstWhole >= end) return { months: null, days: from <= to ? [[from, to]] : [] };
  const days: [string, string][] = [];
  if (from < firstWhole) days.push([from, addDays(firstWhole, -1)]);
  if (end <= to) days.push([end, to]);
  return { months: [firstWhole, end], days };
}
