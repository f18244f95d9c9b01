// notifiable_cases_by_age_sex_weekly.csv (issue 16): the weekly report's counts as open data. For
// each prefecture, week and disease with cases, its IDWR age group × sex table with subtotals, one
// value a row. The prefecture-week-disease total is published as counted (the weekly report
// publishes it); every finer value goes through the same suppression as the daily age × sex file.
import { toOpenDataTable, type OpenDataTable } from '../statistics/open-data.ts';
import { IDWR_AGE_BANDS, type IdwrAgeBand } from '../statistics/age-bands.ts';
import { ALL } from '../statistics/open-data-dictionary.ts';
import { isPrefectureCode, prefectureOf } from '../statistics/prefectures.ts';
import { suppressTable, type SuppressionOptions } from '../statistics/suppression.ts';
import type { CsvCell } from '../statistics/open-data-csv.ts';
import type { WeeklyCell } from './counting.ts';

const SEXES = ['male', 'female'] as const;

/** The file from cells of any classification (they add up); `names` gives each disease's Japanese name. */
export function buildWeeklyCasesByAgeSex(cells: readonly WeeklyCell[], names: ReadonlyMap<string, string>, options: SuppressionOptions = {}): OpenDataTable {
  const tables = new Map<string, number[][]>();
  for (const c of cells) {
    if (!isPrefectureCode(c.prefectureCode)) continue; // a case of a prefecture without a JIS code counts nationally only
    if (!names.has(c.disease)) throw new RangeError(`unknown disease: ${c.disease}`);
    const key = `${c.week}|${c.prefectureCode}|${c.disease}`;
    const table = tables.get(key) ?? IDWR_AGE_BANDS.map(() => SEXES.map(() => 0));
    table[IDWR_AGE_BANDS.indexOf(c.ageBand as IdwrAgeBand)][SEXES.indexOf(c.sex)] += c.n;
    tables.set(key, table);
  }
  const rows: CsvCell[][] = [];
  for (const key of [...tables.keys()].sort()) {
    const counts = tables.get(key)!;
    const s = suppressTable(counts, options);
    if (s.grandTotal === 0) continue;
    const [week, code, disease] = key.split('|');
    const lead = [week, code, prefectureOf(code).en, disease, names.get(disease)!];
    const shown = (value: number, hidden: unknown) => (hidden ? null : value);
    IDWR_AGE_BANDS.forEach((band, i) => {
      SEXES.forEach((sex, j) => rows.push([...lead, band, sex, shown(counts[i][j], s.cells[i][j])]));
      rows.push([...lead, band, ALL, shown(s.rowTotals[i], s.rowTotalCells[i])]);
    });
    SEXES.forEach((sex, j) => rows.push([...lead, ALL, sex, shown(s.columnTotals[j], s.columnTotalCells[j])]));
    rows.push([...lead, ALL, ALL, s.grandTotal]);
  }
  return toOpenDataTable('notifiable_cases_by_age_sex_weekly', rows);
}
