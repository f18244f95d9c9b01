// How one case counts in the weekly surveillance report (感染症発生動向調査週報, issue 16): once, in
// the ISO week of the diagnosis date of its notification in force, under its disease, the
// prefecture of the case, the IDWR age group at diagnosis, sex and classification. The server's SQL
// (weekly_counts, migration 0047) aggregates by the same rule inside the database, so that no case
// row leaves it; weekly-report.test.ts pins the two equal on the demo world.
import { japanToday } from '../calendar.ts';
import { isoWeekOf, weekKey } from '../iso-week.ts';
import type { Classification } from '../notification.ts';
import { idwrAgeBandOn, type IdwrAgeBand } from '../statistics/age-bands.ts';

export interface WeeklyNotification {
  status: 'draft' | 'submitted' | 'withdrawn';
  classification: Classification;
  /** The first 報告 (an instant, ISO 8601); null for a draft. */
  firstSubmittedAt: string | null;
  /** Superseded by 追加登録 (Q&A 7). */
  superseded: boolean;
  diagnosedOn: string | null;
}

export interface WeeklyCase {
  disease: string;
  prefectureCode: string;
  sex: 'male' | 'female';
  birthDate: string;
  notifications: readonly WeeklyNotification[];
}

/** One case as the weekly report counts it. */
export interface WeeklyCount {
  /** "2026-W49". */
  week: string;
  disease: string;
  prefectureCode: string;
  classification: Classification;
  ageBand: IdwrAgeBand;
  sex: 'male' | 'female';
}

/**
 * The case's count, or null when it does not count: no submitted notification (a draft is not yet
 * a notification; a withdrawn one was taken back, Q&A 14-2). The notification in force is the
 * newest submitted one not superseded by 追加登録, else the newest submitted; its diagnosis date
 * places the case, else the earliest one given, else the day it was first submitted.
 */
export function weeklyCountOf(c: WeeklyCase): WeeklyCount | null {
  const live = c.notifications
    .filter((n) => n.status === 'submitted' && n.firstSubmittedAt !== null)
    .sort((a, b) => Date.parse(a.firstSubmittedAt!) - Date.parse(b.firstSubmittedAt!));
  if (!live.length) return null;
  const current = live.filter((n) => !n.superseded).at(-1) ?? live.at(-1)!;
  const diagnosedOn = current.diagnosedOn ?? live.find((n) => n.diagnosedOn)?.diagnosedOn ?? japanToday(new Date(current.firstSubmittedAt!));
  return {
    week: weekKey(isoWeekOf(diagnosedOn)),
    disease: c.disease,
    prefectureCode: c.prefectureCode,
    classification: current.classification,
    ageBand: idwrAgeBandOn(c.birthDate, diagnosedOn),
    sex: c.sex,
  };
}

/** A cell of the weekly counts: cases of one disease, week, prefecture, classification, age group and sex. */
export interface WeeklyCell extends WeeklyCount {
  n: number;
}

/** The cases' counts added up into cells (the same shape the server's SQL returns). */
export function tally(cases: readonly WeeklyCase[]): WeeklyCell[] {
  const cells = new Map<string, WeeklyCell>();
  for (const c of cases) {
    const count = weeklyCountOf(c);
    if (!count) continue;
    const key = [count.week, count.disease, count.prefectureCode, count.classification, count.ageBand, count.sex].join('|');
    const cell = cells.get(key) ?? { ...count, n: 0 };
    cell.n += 1;
    cells.set(key, cell);
  }
  return [...cells.values()];
}
