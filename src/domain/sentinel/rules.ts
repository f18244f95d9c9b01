// The rules of the sentinel sites' weekly report (定点報告), pure: which week may be filed, who is
// designated for it, what the counts must be, who corrects when, and when a report is late. The
// correction rules are the daily report's (src/domain/daily-reports/rules.ts) with the week's due
// day in place of the report's day.
import { japanToday } from '../calendar.ts';
import { addDays } from '../contacts.ts';
import { checkGridCounts, type Counts } from '../count-grid.ts';
import { parseWeekKey, weekEnd, weekStart, type IsoWeek } from '../iso-week.ts';
import type { SentinelKind } from './kinds.ts';
import { sentinelDefinitionFor, type SentinelReportDefinition } from './definition.ts';
import type { SENTINEL_MESSAGES } from './messages.ts';

export type SentinelMessage = keyof typeof SENTINEL_MESSAGES;
export interface SentinelProblem {
  path: (string | number)[];
  code: SentinelMessage;
}
/** Disease code → cell → patients. */
export type SentinelCounts = Record<string, Counts>;

/**
 * The version to file a week under: the week has begun (Japan time; the current week may be filed,
 * the sentinel counting as it goes) and the version the client filled is the one in force that week.
 */
export function formForWeek(
  kind: SentinelKind,
  week: string,
  formVersion: string,
  now: Date,
): { def: SentinelReportDefinition; week: IsoWeek } | { problem: SentinelProblem } {
  const w = parseWeekKey(week);
  if (!w) return { problem: { path: ['week'], code: 'sentinel_no_form' } };
  if (weekStart(w) > japanToday(now)) return { problem: { path: ['week'], code: 'sentinel_future_week' } };
  const def = sentinelDefinitionFor(kind, weekStart(w));
  if (!def) return { problem: { path: ['week'], code: 'sentinel_no_form' } };
  if (def.version !== formVersion) return { problem: { path: ['formVersion'], code: 'sentinel_form_not_in_force' } };
  return { def, week: w };
}

/** Each disease's grid checked (src/domain/count-grid.ts); a disease left out is all zeros: a zero report. */
export function checkSentinelCounts(def: SentinelReportDefinition, counts: Record<string, unknown>): { counts: SentinelCounts; problems: SentinelProblem[] } {
  const codes = def.diseases.map((d) => d.code);
  const problems: SentinelProblem[] = Object.keys(counts)
    .filter((code) => !codes.includes(code))
    .map((code) => ({ path: ['counts', code], code: 'sentinel_unknown_disease' }));
  const checked: SentinelCounts = {};
  for (const code of codes) {
    const given = counts[code] ?? {};
    if (typeof given !== 'object' || given === null || Array.isArray(given)) {
      problems.push({ path: ['counts', code], code: 'sentinel_count_invalid' });
      continue;
    }
    const grid = checkGridCounts(def, given as Record<string, unknown>, { unknownCell: 'sentinel_unknown_cell', invalidCount: 'sentinel_count_invalid' }, ['counts', code]);
    problems.push(...grid.problems);
    checked[code] = grid.counts;
  }
  return { counts: checked, problems };
}

export const patientsOf = (counts: SentinelCounts, disease: string): number => Object.values(counts[disease] ?? {}).reduce((a, b) => a + b, 0);

/** The day a week's report is due: the Monday after it (the centre enters it by Tuesday). */
export const dueDay = (w: IsoWeek): string => addDays(weekStart(w), 7);

/** Late: first filed after its due day had ended in Japan. */
export const isLate = (w: IsoWeek, filedAt: Date): boolean => japanToday(filedAt) > dueDay(w);

export type Corrector = 'institution' | 'prefecture';

/**
 * As the daily report [F38]: the institution corrects its own report until it is due (the Monday
 * after the week), then only the prefecture corrects, and always says why (kept in the history).
 */
export function correctionProblem(corrector: Corrector, w: IsoWeek, reason: string | null | undefined, now: Date): SentinelProblem | null {
  if (corrector === 'institution' && japanToday(now) > dueDay(w)) return { path: ['week'], code: 'sentinel_correction_closed' };
  if (corrector === 'prefecture' && !reason?.trim()) return { path: ['reason'], code: 'sentinel_reason_required' };
  return null;
}

export interface DesignationPeriod {
  fromDate: string;
  /** The last day designated (inclusive); null: open. */
  untilDate: string | null;
}

/** A designation covers a week when it holds on any of its days. */
export const coversWeek = (d: DesignationPeriod, w: IsoWeek): boolean => d.fromDate <= weekEnd(w) && (d.untilDate === null || d.untilDate >= weekStart(w));

/** Two periods share a day. */
export const periodsOverlap = (a: DesignationPeriod, b: DesignationPeriod): boolean =>
  (a.untilDate === null || a.untilDate >= b.fromDate) && (b.untilDate === null || b.untilDate >= a.fromDate);

/** A new designation (or an end set on one) checked against the institution's others of the kind. */
export function designationProblem(period: DesignationPeriod, others: readonly DesignationPeriod[]): SentinelProblem | null {
  if (period.untilDate !== null && period.untilDate < period.fromDate) return { path: ['untilDate'], code: 'sentinel_until_before_from' };
  if (others.some((o) => periodsOverlap(o, period))) return { path: ['fromDate'], code: 'sentinel_designation_overlaps' };
  return null;
}
