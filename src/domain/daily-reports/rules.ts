// The rules of the daily report (日次報告), pure: which day may be reported, what the counts must be,
// who may correct when, and when a report is late. Services call them; the browser shows the same.
import { japanToday } from '../calendar.ts';
import { checkGridCounts, type Counts } from '../count-grid.ts';
import { dailyReportDefinitionOn, type DailyReportDefinition } from './definition.ts';
import type { DAILY_REPORT_MESSAGES } from './messages.ts';

export type DailyReportMessage = keyof typeof DAILY_REPORT_MESSAGES;
export interface DailyReportProblem {
  path: (string | number)[];
  code: DailyReportMessage;
}
export type { Counts } from '../count-grid.ts';
export { totalOf } from '../count-grid.ts';

/**
 * The version to file a day under: the day is not in the future (Japan time) and the version the
 * client filled is the one in force that day (a page left open across a change of form is refused).
 */
export function formForDay(day: string, formVersion: string, now: Date): { def: DailyReportDefinition } | { problem: DailyReportProblem } {
  if (day > japanToday(now)) return { problem: { path: ['reportDate'], code: 'daily_report_future_day' } };
  const def = dailyReportDefinitionOn(day);
  if (!def) return { problem: { path: ['reportDate'], code: 'daily_report_no_form' } };
  if (def.version !== formVersion) return { problem: { path: ['formVersion'], code: 'daily_report_form_not_in_force' } };
  return { def };
}

/** The counts checked against the form: every cell known, a whole number from 0 to the limit; cells left out are 0. */
export function checkCounts(def: DailyReportDefinition, counts: Record<string, unknown>): { counts: Counts; problems: DailyReportProblem[] } {
  return checkGridCounts(def, counts, { unknownCell: 'daily_report_unknown_cell', invalidCount: 'daily_report_count_invalid' });
}

/** Who corrects: the institution itself, or the prefecture (都道府県・保健所設置市) for any day. */
export type Corrector = 'institution' | 'prefecture';

/**
 * From 2022-10-06 an institution corrects its report only on the report's own day; afterwards only
 * the prefecture corrects, and says why (kept in the history) [F38]. The prefecture always gives a
 * reason: its change is to another organisation's figures.
 */
export function correctionProblem(corrector: Corrector, reportDate: string, reason: string | null | undefined, now: Date): DailyReportProblem | null {
  if (corrector === 'institution' && japanToday(now) !== reportDate) return { path: ['reportDate'], code: 'daily_report_correction_closed' };
  if (corrector === 'prefecture' && !reason?.trim()) return { path: ['reason'], code: 'daily_report_reason_required' };
  return null;
}

/** Late: first filed after the report's day had ended in Japan (the counting cut-off is 24:00 [F38]). */
export const isLate = (reportDate: string, filedAt: Date): boolean => japanToday(filedAt) > reportDate;
