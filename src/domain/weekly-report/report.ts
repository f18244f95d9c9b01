// The weekly surveillance report (感染症発生動向調査週報) built from the weekly counts of one area
// (a prefecture, or the nation): per disease this week's cases, the year's cumulative cases to this
// week, the same week of the previous year and the last 12 weeks; the diseases grouped by category
// in the law's order; this week's cases by IDWR age group for the diseases with cases. Pure: the
// server reads the cells and the form definitions' names and passes them in.
import { DISEASE_CATEGORIES, type DiseaseCategory } from '../forms/definition.ts';
import { addWeeks, isoWeekOf, weekEnd, weekKey, weeksIn, weekStart, type IsoWeek } from '../iso-week.ts';
import type { Localized } from '../messages.ts';
import { CLASSIFICATIONS, type Classification } from '../notification.ts';
import { IDWR_AGE_BANDS, type IdwrAgeBand } from '../statistics/age-bands.ts';
import type { WeeklyCell } from './counting.ts';

/** Weeks of the trend, this week included. */
export const TREND_WEEKS = 12;

export interface WeeklyDisease {
  code: string;
  name: Localized;
  category: DiseaseCategory;
}

/** The weeks a report reads: its own, the year's from week 1, the trend, and last year's same week. */
export interface ReportWeeks {
  week: string;
  /** Monday and Sunday of the week. */
  from: string;
  to: string;
  /** Week 1 of the week's ISO year: the cumulative count starts there. */
  yearStart: string;
  /** Oldest first, this week last. */
  trend: string[];
  /** The same week number of the previous ISO year (week 52 stands in for a week 53 the previous year did not have). */
  lastYear: string;
  /** The dates whose diagnoses the report needs (the earliest of the above to this Sunday). */
  readFrom: string;
}

export function reportWeeks(w: IsoWeek): ReportWeeks {
  const trend = Array.from({ length: TREND_WEEKS }, (_, k) => addWeeks(w, k - (TREND_WEEKS - 1)));
  const lastYear = { year: w.year - 1, week: Math.min(w.week, weeksIn(w.year - 1)) };
  const yearStart = { year: w.year, week: 1 };
  const starts = [weekStart(trend[0]), weekStart(lastYear), weekStart(yearStart)].sort();
  return {
    week: weekKey(w),
    from: weekStart(w),
    to: weekEnd(w),
    yearStart: weekKey(yearStart),
    trend: trend.map(weekKey),
    lastYear: weekKey(lastYear),
    readFrom: starts[0],
  };
}

/** The last complete week on a date (yyyy-mm-dd, Japan): the week before the one the date is in. */
export const lastCompleteWeek = (today: string): IsoWeek => addWeeks(isoWeekOf(today), -1);

export interface DiseaseRow {
  code: string;
  name: Localized;
  thisWeek: number;
  cumulative: number;
  lastYearSameWeek: number;
  /** Counts of the trend weeks, oldest first. */
  trend: number[];
  /** This week's cases by classification (患者, 無症状病原体保有者, 死亡…). */
  byClassification: Record<Classification, number>;
  bySex: { male: number; female: number };
}

export interface CategorySection {
  category: DiseaseCategory;
  diseases: DiseaseRow[];
}

export interface AgeRow {
  code: string;
  name: Localized;
  /** This week's cases in each IDWR age group, in IDWR_AGE_BANDS order. */
  byAgeBand: number[];
  total: number;
}

export interface NotifiableSection {
  weeks: ReportWeeks;
  categories: CategorySection[];
  ageBands: AgeRow[];
}

const zeroBy = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/**
 * The report of one area from its cells (any cells outside the report's weeks are ignored; cells of
 * several prefectures add up). Every disease is listed, with zeros, in the law's order of categories
 * and the order given within a category.
 */
export function buildNotifiableSection(week: IsoWeek, diseases: readonly WeeklyDisease[], cells: readonly WeeklyCell[]): NotifiableSection {
  const weeks = reportWeeks(week);
  const rows = new Map<string, DiseaseRow>();
  const ages = new Map<string, number[]>();
  for (const d of diseases) {
    rows.set(d.code, {
      code: d.code,
      name: d.name,
      thisWeek: 0,
      cumulative: 0,
      lastYearSameWeek: 0,
      trend: weeks.trend.map(() => 0),
      byClassification: zeroBy(CLASSIFICATIONS),
      bySex: { male: 0, female: 0 },
    });
    ages.set(d.code, IDWR_AGE_BANDS.map(() => 0));
  }
  for (const c of cells) {
    const row = rows.get(c.disease);
    if (!row) continue;
    // Week keys are zero-padded, so those of one ISO year sort as the weeks do.
    if (c.week.slice(0, 4) === weeks.week.slice(0, 4) && c.week <= weeks.week) row.cumulative += c.n;
    if (c.week === weeks.lastYear) row.lastYearSameWeek += c.n;
    const t = weeks.trend.indexOf(c.week);
    if (t >= 0) row.trend[t] += c.n;
    if (c.week !== weeks.week) continue;
    row.thisWeek += c.n;
    row.byClassification[c.classification] += c.n;
    row.bySex[c.sex] += c.n;
    ages.get(c.disease)![IDWR_AGE_BANDS.indexOf(c.ageBand as IdwrAgeBand)] += c.n;
  }
  const categories = DISEASE_CATEGORIES.map((category) => ({
    category,
    diseases: diseases.filter((d) => d.category === category).map((d) => rows.get(d.code)!),
  })).filter((s) => s.diseases.length > 0);
  const ageBands = categories
    .flatMap((s) => s.diseases)
    .filter((r) => r.thisWeek > 0)
    .map((r) => ({ code: r.code, name: r.name, byAgeBand: ages.get(r.code)!, total: r.thisWeek }));
  return { weeks, categories, ageBands };
}
