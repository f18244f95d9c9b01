// Builders of the national open-data files from per-day, per-prefecture numbers. Each returns a
// table (header from the data dictionary, typed cells); toCsv and toJson give its two forms.
// Counts come from notifications and case records, so a prefecture-day absent from the input is 0.
import { AGE_BANDS_WITH_UNKNOWN, type AgeBand } from './age-bands.ts';
import { datesBetween, toCsvText, toOpenDataDate, type CsvCell } from './open-data-csv.ts';
import { ALL, columnNames, type OpenDataFileId } from './open-data-dictionary.ts';
import { PREFECTURES, isPrefectureCode, prefectureOf } from './prefectures.ts';
import { SEXES, type Sex } from './sexes.ts';
import { suppressTable, type SuppressionOptions } from './suppression.ts';

/** One number of one prefecture on one day (date yyyy-mm-dd, Japan time; prefecture JIS code). */
export interface DailyValue {
  date: string;
  prefectureCode: string;
  value: number;
}

export interface DailyInpatientCare {
  date: string;
  prefectureCode: string;
  requiringInpatientCare: number;
  dischargedOrReleased: number;
  toBeConfirmed: number;
}

export interface DailyCasesByAgeSex {
  date: string;
  prefectureCode: string;
  ageBand: AgeBand;
  sex: Sex;
  count: number;
}

export interface DateRange {
  from: string;
  to: string;
}

export interface OpenDataTable {
  fileId: OpenDataFileId;
  columns: string[];
  /** A null cell is written empty: a suppressed count. */
  rows: CsvCell[][];
}

export const toCsv = (table: OpenDataTable): string => toCsvText(table.columns, table.rows);

/** A table of a file's rows under the dictionary's header. */
export const toOpenDataTable = (fileId: OpenDataFileId, rows: CsvCell[][]): OpenDataTable => ({ fileId, columns: columnNames(fileId), rows });

/** The same data keyed by the CSV headers, numbers as numbers and empty cells as null. */
export function toJson(table: OpenDataTable): { fileId: OpenDataFileId; columns: string[]; records: Record<string, CsvCell>[] } {
  return {
    fileId: table.fileId,
    columns: table.columns,
    records: table.rows.map((row) => Object.fromEntries(table.columns.map((c, i) => [c, row[i]]))),
  };
}

function checkInput(date: string, prefectureCode: string, counts: number[]): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`not a yyyy-mm-dd date: ${date}`);
  if (!isPrefectureCode(prefectureCode)) throw new RangeError(`not a prefecture code: ${prefectureCode}`);
  for (const c of counts) if (!Number.isSafeInteger(c) || c < 0) throw new RangeError(`not a count: ${c}`);
}

/** The range of the input's dates, or the one given. */
function rangeOf(dates: string[], range?: DateRange): string[] {
  if (range) return datesBetween(range.from, range.to);
  if (dates.length === 0) return [];
  const sorted = [...dates].sort();
  return datesBetween(sorted[0], sorted[sorted.length - 1]);
}

/** Per date, per prefecture, the sum of the input's measures (duplicates add up). */
function gather<T extends { date: string; prefectureCode: string }>(
  items: readonly T[],
  measures: (item: T) => number[],
): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const item of items) {
    const values = measures(item);
    checkInput(item.date, item.prefectureCode, values);
    const key = `${item.date}|${item.prefectureCode}`;
    const sum = out.get(key) ?? values.map(() => 0);
    out.set(key, sum.map((s, i) => s + values[i]));
  }
  return out;
}

/** Date, then for ALL and each prefecture the measures in order; ALL is the sum of the prefectures. */
function wideTable(fileId: OpenDataFileId, days: string[], width: number, at: (date: string, code: string) => number[]): OpenDataTable {
  const rows = days.map((date) => {
    const perPrefecture = PREFECTURES.map((p) => at(date, p.code));
    const all = Array.from({ length: width }, (_, m) => perPrefecture.reduce((s, v) => s + v[m], 0));
    return [toOpenDataDate(date), ...all, ...perPrefecture.flat()];
  });
  return { fileId, columns: columnNames(fileId), rows };
}

function singleMeasure(fileId: OpenDataFileId, values: readonly DailyValue[], range?: DateRange): OpenDataTable {
  const byDay = gather(values, (v) => [v.value]);
  const days = rangeOf(values.map((v) => v.date), range);
  return wideTable(fileId, days, 1, (date, code) => byDay.get(`${date}|${code}`) ?? [0]);
}

/** newly_confirmed_cases_daily.csv: new cases by the day their notification was accepted. */
export const buildNewlyConfirmedCases = (values: readonly DailyValue[], range?: DateRange) =>
  singleMeasure('newly_confirmed_cases_daily', values, range);

/** severe_cases_daily.csv: severe cases on each day. */
export const buildSevereCases = (values: readonly DailyValue[], range?: DateRange) => singleMeasure('severe_cases_daily', values, range);

/**
 * deaths_cumulative_daily.csv from deaths reported per day: each day carries the running total,
 * starting from `startingTotals` (deaths before the range, by prefecture code) or 0.
 */
export function buildDeathsCumulative(
  deathsPerDay: readonly DailyValue[],
  options: { range?: DateRange; startingTotals?: Readonly<Record<string, number>> } = {},
): OpenDataTable {
  const byDay = gather(deathsPerDay, (v) => [v.value]);
  const days = rangeOf(deathsPerDay.map((v) => v.date), options.range);
  const running = new Map(PREFECTURES.map((p) => [p.code, options.startingTotals?.[p.code] ?? 0]));
  const cumulative = new Map<string, number>();
  for (const date of days) {
    for (const p of PREFECTURES) {
      running.set(p.code, running.get(p.code)! + (byDay.get(`${date}|${p.code}`)?.[0] ?? 0));
      cumulative.set(`${date}|${p.code}`, running.get(p.code)!);
    }
  }
  return wideTable('deaths_cumulative_daily', days, 1, (date, code) => [cumulative.get(`${date}|${code}`)!]);
}

/** requiring_inpatient_care_etc_daily.csv: three columns per area, as the ministry lays them out. */
export function buildRequiringInpatientCare(values: readonly DailyInpatientCare[], range?: DateRange): OpenDataTable {
  const byDay = gather(values, (v) => [v.requiringInpatientCare, v.dischargedOrReleased, v.toBeConfirmed]);
  const days = rangeOf(values.map((v) => v.date), range);
  return wideTable('requiring_inpatient_care_etc_daily', days, 3, (date, code) => byDay.get(`${date}|${code}`) ?? [0, 0, 0]);
}

/** The prefecture-day totals of an age × sex breakdown: the input of buildNewlyConfirmedCases, so both files agree. */
export function dailyTotals(cases: readonly DailyCasesByAgeSex[]): DailyValue[] {
  const byDay = gather(cases, (c) => [c.count]);
  return [...byDay].map(([key, [value]]) => {
    const [date, prefectureCode] = key.split('|');
    return { date, prefectureCode, value };
  });
}

/**
 * newly_confirmed_cases_by_age_sex_daily.csv: for each prefecture-day with cases, its age band × sex
 * table with subtotals, one value a row. The prefecture-day total is published as counted; every
 * finer value goes through suppressTable and a suppressed one is written empty.
 */
export function buildCasesByAgeSex(cases: readonly DailyCasesByAgeSex[], options: SuppressionOptions = {}): OpenDataTable {
  const fileId = 'newly_confirmed_cases_by_age_sex_daily';
  const tables = new Map<string, number[][]>();
  for (const c of cases) {
    checkInput(c.date, c.prefectureCode, [c.count]);
    const row = AGE_BANDS_WITH_UNKNOWN.indexOf(c.ageBand);
    const col = SEXES.indexOf(c.sex);
    if (row < 0 || col < 0) throw new RangeError(`unknown age band or sex: ${c.ageBand}, ${c.sex}`);
    const key = `${c.date}|${c.prefectureCode}`;
    const table = tables.get(key) ?? AGE_BANDS_WITH_UNKNOWN.map(() => SEXES.map(() => 0));
    table[row][col] += c.count;
    tables.set(key, table);
  }
  const rows: CsvCell[][] = [];
  for (const key of [...tables.keys()].sort()) {
    const counts = tables.get(key)!;
    const s = suppressTable(counts, options);
    if (s.grandTotal === 0) continue;
    const [date, code] = key.split('|');
    const lead = [toOpenDataDate(date), code, prefectureOf(code).en];
    const shown = (value: number, hidden: unknown) => (hidden ? null : value);
    AGE_BANDS_WITH_UNKNOWN.forEach((band, i) => {
      SEXES.forEach((sex, j) => rows.push([...lead, band, sex, shown(counts[i][j], s.cells[i][j])]));
      rows.push([...lead, band, ALL, shown(s.rowTotals[i], s.rowTotalCells[i])]);
    });
    SEXES.forEach((sex, j) => rows.push([...lead, ALL, sex, shown(s.columnTotals[j], s.columnTotalCells[j])]));
    rows.push([...lead, ALL, ALL, s.grandTotal]);
  }
  return { fileId, columns: columnNames(fileId), rows };
}
