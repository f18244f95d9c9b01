// The SQL of the counts job for daily aggregate reports (taken off their queue by takeQueued): read their cells
// (the view daily_report_counts), and keep what each added to the rollups.
import { sql } from 'drizzle-orm';
import type { AggregateCell } from '../../domain/statistics/aggregate-counting.ts';
import type { AgeBand } from '../../domain/statistics/age-bands.ts';
import { rows, type Tx } from '../db/database.ts';
import { pgArray } from '../db/pg-array.ts';
import type { CountedCell } from './counts-repo.ts';

export interface ReportToCount {
  reportId: string;
  reportDate: string;
  /** The centre, the prefecture, the nation. */
  areaIds: string[];
  cells: AggregateCell[];
}

export async function loadReportsToCount(tx: Tx, reportIds: string[]): Promise<ReportToCount[]> {
  const cells = await rows<{ report_id: string; report_date: string; hc: string; prefecture: string; nation: string | null; age_band: AgeBand; sex: 'male' | 'female' | null; count: number }>(
    tx,
    sql`SELECT v.report_id, v.report_date::text, v.health_center_id AS hc, v.prefecture_id AS prefecture, pr.parent_id AS nation,
               v.age_band, v.sex, v.count
          FROM daily_report_counts v JOIN organizations pr ON pr.id = v.prefecture_id
         WHERE v.report_id = ANY (${pgArray(reportIds)}::uuid[])`,
  );
  const byReport = new Map<string, ReportToCount>();
  for (const c of cells) {
    const report = byReport.get(c.report_id) ?? {
      reportId: c.report_id,
      reportDate: c.report_date,
      areaIds: [c.hc, c.prefecture, ...(c.nation ? [c.nation] : [])],
      cells: [],
    };
    report.cells.push({ ageBand: c.age_band, sex: c.sex, n: c.count });
    byReport.set(c.report_id, report);
  }
  return [...byReport.values()];
}

export async function loadStoredReportCounts(tx: Tx, reportIds: string[]): Promise<CountedCell[]> {
  const stored = await rows<{ cells: CountedCell[] }>(
    tx,
    sql`SELECT cells FROM report_counts WHERE report_id = ANY (${pgArray(reportIds)}::uuid[])`,
  );
  return stored.flatMap((r) => r.cells);
}

export async function saveReportCounts(tx: Tx, counts: { reportId: string; areaIds: string[]; cells: CountedCell[] }[]): Promise<void> {
  if (!counts.length) return;
  await tx.execute(sql`
    INSERT INTO report_counts (report_id, area_ids, cells)
    SELECT (c->>'reportId')::uuid, ARRAY(SELECT jsonb_array_elements_text(c->'areaIds'))::uuid[], c->'cells'
      FROM jsonb_array_elements(${JSON.stringify(counts)}::jsonb) c
    ON CONFLICT (report_id) DO UPDATE SET area_ids = EXCLUDED.area_ids, cells = EXCLUDED.cells, counted_at = now()`);
}
