// The weekly report's open-data file, made with each publication (src/server/open-data/publish.ts):
// the 16 complete weeks before the publication day, every prefecture, counted as the owner.
import { addWeeks, weekEnd, weekStart } from '../../domain/iso-week.ts';
import type { OpenDataTable } from '../../domain/statistics/open-data.ts';
import { buildWeeklyCasesByAgeSex } from '../../domain/weekly-report/open-data.ts';
import { lastCompleteWeek } from '../../domain/weekly-report/report.ts';
import type { Tx } from '../db/database.ts';
import { weeklyDiseases } from './diseases.ts';
import { allCells } from './repo.ts';

/** Weeks in the file: about a season, as the dashboards' age × sex file covers four weeks of days. */
export const OPEN_DATA_WEEKS = 16;

export async function weeklyTable(tx: Tx, publishedOn: string, threshold: number): Promise<OpenDataTable> {
  const last = lastCompleteWeek(publishedOn);
  const cells = await allCells(tx, weekStart(addWeeks(last, -(OPEN_DATA_WEEKS - 1))), weekEnd(last));
  const names = new Map(weeklyDiseases().map((d) => [d.code, d.name.ja]));
  return buildWeeklyCasesByAgeSex(cells, names, { threshold });
}
