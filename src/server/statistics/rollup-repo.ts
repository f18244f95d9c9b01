// Reads of the rollups for the dashboards, under the reader's row-level security (count_by's
// policy admits only the areas app_count_area_ids() gives them). Each reads one index range of
// count_by: a row per day and group of one breakdown, or per day for the totals (dim 'all');
// never a scan of cases.
import { sql } from 'drizzle-orm';
import type { Breakdown } from '../../domain/api/statistics.ts';
import { addDays } from '../../domain/contacts.ts';
import { monthsAndDays } from '../../domain/statistics/series.ts';
import { rows, type Tx } from '../db/database.ts';
import { pgArray } from '../db/pg-array.ts';

export interface AreaRow {
  id: string;
  kind: 'ministry' | 'prefecture' | 'health_center';
  name_ja: string;
  name_en: string;
  area_code: string | null;
  parent_id: string | null;
}

/** The areas the reader may count, the nation first, then prefectures and centres by code. */
export async function countableAreas(tx: Tx): Promise<AreaRow[]> {
  return rows<AreaRow>(
    tx,
    sql`SELECT id, kind, name_ja, name_en, area_code, parent_id FROM organizations
         WHERE id = ANY (app_count_area_ids())
         ORDER BY CASE kind WHEN 'ministry' THEN 0 WHEN 'prefecture' THEN 1 ELSE 2 END, area_code NULLS LAST, code`,
  );
}

/** A measure per day and group of the breakdown. */
export async function dailyByGroup(tx: Tx, area: string, measure: string, by: Breakdown, from: string, to: string) {
  return rows<{ day: string; g: string; n: number }>(
    tx,
    sql`SELECT day::text, grp AS g, n FROM count_by
         WHERE area_id = ${area} AND measure = ${measure} AND dim = ${by} AND day BETWEEN ${from} AND ${to}`,
  );
}

/** Measures per day, all groups together. */
export async function daily(tx: Tx, area: string, measures: readonly string[], from: string, to: string) {
  return rows<{ measure: string; day: string; n: number }>(
    tx,
    sql`SELECT measure, day::text, n FROM count_by
         WHERE area_id = ${area} AND measure = ANY (${pgArray(measures)}::text[]) AND dim = 'all' AND day BETWEEN ${from} AND ${to}`,
  );
}

/** Before any count: the start of a sum over all days. */
const EPOCH = '2000-01-01';

/** The count_by rows that sum [from, to] once: month rows for the whole months, the day totals at either end. */
function totalOver(from: string, to: string) {
  const { months, days } = monthsAndDays(from, to);
  const parts = days.map(([a, b]) => sql`(dim = 'all' AND day BETWEEN ${a} AND ${b})`);
  if (months) parts.push(sql`(dim = 'month' AND day >= ${months[0]} AND day < ${months[1]})`);
  return parts.length ? sql`(${sql.join(parts, sql` OR `)})` : sql`false`;
}

/** Each measure summed over every day before `day`: the level a load starts a period at. */
export async function before(tx: Tx, areas: readonly string[], measures: readonly string[], day: string) {
  return rows<{ area_id: string; measure: string; n: number }>(
    tx,
    sql`SELECT area_id, measure, sum(n)::int AS n FROM count_by
         WHERE area_id = ANY (${pgArray(areas)}::uuid[]) AND measure = ANY (${pgArray(measures)}::text[]) AND ${totalOver(EPOCH, addDays(day, -1))}
         GROUP BY 1, 2`,
  );
}

/**
 * Per key (each area, or each municipality over the areas): a measure in the period, in the last 7
 * days to `to` and in the 7 before. An area's period total reads month rows; municipalities have
 * day rows only.
 */
async function weeks(tx: Tx, areas: readonly string[], measure: string, dim: 'all' | 'municipality', key: 'area_id' | 'grp', from: string, to: string) {
  const weekStart = addDays(to, -6);
  const prevStart = addDays(to, -13);
  const period = dim === 'all' ? totalOver(from, to) : sql`(dim = ${dim} AND day BETWEEN ${from} AND ${to})`;
  return rows<{ key: string; period: number; last7: number; prev7: number }>(
    tx,
    sql`SELECT ${sql.raw(key)} AS key,
               coalesce(sum(n) FILTER (WHERE ${period}), 0)::int AS period,
               coalesce(sum(n) FILTER (WHERE dim = ${dim} AND day >= ${weekStart}), 0)::int AS last7,
               coalesce(sum(n) FILTER (WHERE dim = ${dim} AND day >= ${prevStart} AND day < ${weekStart}), 0)::int AS prev7
          FROM count_by
         WHERE area_id = ANY (${pgArray(areas)}::uuid[]) AND measure = ${measure}
           AND (${period} OR (dim = ${dim} AND day BETWEEN ${prevStart} AND ${to}))
         GROUP BY 1`,
  );
}

/** Per area: the measure in the period and its last two weeks. */
export const periodAndWeeks = (tx: Tx, areas: readonly string[], measure: string, from: string, to: string) => weeks(tx, areas, measure, 'all', 'area_id', from, to);

/** Per municipality of residence in the centres: new cases by report date in the period and its last two weeks. */
export const municipalityWeeks = (tx: Tx, centres: readonly string[], from: string, to: string) => weeks(tx, centres, 'reported', 'municipality', 'grp', from, to);

export async function countLag(tx: Tx) {
  const [lag] = await rows<{ queued: number; oldest: string | null; counted_at: string | null }>(
    tx,
    sql`SELECT l.queued::int AS queued, l.oldest, p.counted_at FROM app_count_lag() l, count_progress p`,
  );
  return lag;
}
