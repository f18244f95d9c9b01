// Per-sentinel averages (定点当たり報告数) with each week's alert level: the prefecture's staff for
// their prefecture, the ministry for every prefecture and the nation.
import type { z } from 'zod';
import type { SentinelAverages, SentinelAveragesQuery } from '../../domain/api/sentinel.ts';
import { japanToday } from '../../domain/calendar.ts';
import { addWeeks, isoWeekOf, parseWeekKey, weekEnd, weekKey, weekStart, type IsoWeek } from '../../domain/iso-week.ts';
import { alertLevels, sentinelAverages, type AlertLevel, type SentinelAverage } from '../../domain/sentinel/averages.ts';
import { sentinelDefinitionFor } from '../../domain/sentinel/definition.ts';
import type { SentinelKind } from '../../domain/sentinel/kinds.ts';
import { thresholdOf } from '../../domain/sentinel/thresholds.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import type { Database, Tx } from '../db/database.ts';
import { AppError, fieldError } from '../errors.ts';
import * as repo from './repo.ts';

/** Weeks read before the first one shown, so that a 警報 begun earlier is still known (a season). */
const LEVEL_HISTORY_WEEKS = 26;

const NATION = { ja: '全国', en: 'Nationwide' };

export interface SentinelAverageWithLevel extends SentinelAverage {
  prefectureName: { ja: string; en: string };
  level: AlertLevel | null;
}

/**
 * For the weekly surveillance report (IDWR) and any other reader: the per-sentinel averages of a
 * kind's diseases for `weeks` weeks ending with `week`, by prefecture and, when `scope` is
 * 'nation', for the nation too (prefectureId null), each with its patients by age band (both
 * sexes; the weekly bands of src/domain/statistics/age-bands.ts), the sites designated and
 * reporting, and its alert level (src/domain/sentinel/thresholds.ts; null where the disease has no
 * threshold, e.g. COVID-19, or nobody reported).
 *
 * Runs in the caller's transaction: under db.asActor row-level security limits it to what the actor
 * reads (a prefecture's staff: their prefecture; the ministry: all); under db.asSystem it reads
 * everything. `scope` is { prefectureId } for one prefecture or 'nation'. Rows are ordered by week,
 * then prefecture code (the nation last), then disease in the form's order.
 */
export async function sentinelAveragesOf(
  tx: Tx,
  options: { kind?: SentinelKind; week: IsoWeek; weeks?: number; scope: 'nation' | { prefectureId: string } },
): Promise<SentinelAverageWithLevel[]> {
  const kind = options.kind ?? 'influenza_covid';
  const shown = options.weeks ?? 1;
  const def = sentinelDefinitionFor(kind, weekStart(options.week));
  if (!def) return [];
  const diseases = def.diseases.map((d) => d.code);
  const first = addWeeks(options.week, -(shown - 1 + LEVEL_HISTORY_WEEKS));
  const weeks = Array.from({ length: shown + LEVEL_HISTORY_WEEKS }, (_, i) => addWeeks(first, i));
  const prefectureId = options.scope === 'nation' ? undefined : options.scope.prefectureId;
  const reports = await repo.reportsBetween(tx, kind, weekStart(first), weekStart(options.week), { prefectureId });
  const designations = await repo.designationsBetween(tx, kind, weekStart(first), weekEnd(options.week), prefectureId);
  const all = sentinelAverages(
    weeks,
    diseases,
    reports.map((r) => ({ prefectureId: r.prefectureId, institutionId: r.institutionId, week: weekKey(isoWeekOf(r.weekStart)), counts: r.counts })),
    designations,
    options.scope === 'nation',
  );
  // Levels along each prefecture's (and the nation's) series, oldest first.
  const levels = new Map<SentinelAverage, AlertLevel | null>();
  const series = new Map<string, SentinelAverage[]>();
  for (const row of all) {
    const key = `${row.prefectureId}|${row.disease}`;
    series.set(key, [...(series.get(key) ?? []), row]);
  }
  for (const rows of series.values()) {
    const byWeek = new Map(rows.map((r) => [r.week, r]));
    const ordered = weeks.map((w) => byWeek.get(weekKey(w)) ?? null);
    const lv = alertLevels(ordered.map((r) => r?.perSentinel ?? null), thresholdOf(rows[0].disease));
    ordered.forEach((r, i) => r && levels.set(r, lv[i]));
  }
  const shownKeys = new Set(weeks.slice(LEVEL_HISTORY_WEEKS).map(weekKey));
  const names = await repo.prefectureNames(tx, all.flatMap((r) => (r.prefectureId ? [r.prefectureId] : [])));
  const order = (id: string | null) => (id === null ? '\uffff' : (names.get(id)?.code ?? id));
  return all
    .filter((r) => shownKeys.has(r.week))
    .map((r) => ({ ...r, prefectureName: r.prefectureId ? { ja: names.get(r.prefectureId)?.ja ?? '', en: names.get(r.prefectureId)?.en ?? '' } : NATION, level: levels.get(r) ?? null }))
    .sort((a, b) => a.week.localeCompare(b.week) || (order(a.prefectureId) < order(b.prefectureId) ? -1 : order(a.prefectureId) > order(b.prefectureId) ? 1 : 0) || diseases.indexOf(a.disease) - diseases.indexOf(b.disease));
}

export async function sentinelAveragesFor(db: Database, ctx: RequestContext, query: z.infer<typeof SentinelAveragesQuery>, now = new Date()): Promise<z.infer<typeof SentinelAverages>> {
  requirePermission(ctx.actor, 'sentinel.statistics');
  const kind = query.kind ?? 'influenza_covid';
  const current = isoWeekOf(japanToday(now));
  const week = query.week ? parseWeekKey(query.week) : addWeeks(current, -1);
  if (!week || weekStart(week) > weekStart(current)) throw fieldError(['querystring', 'week'], 'invalid_input');
  const ministry = ctx.actor.orgKind === 'ministry' && ctx.actor.roles.includes('ministry_staff');
  const prefecture = ctx.actor.orgKind === 'prefecture' && ctx.actor.roles.includes('prefecture_staff') && ctx.actor.prefectureId;
  if (!ministry && !prefecture) throw new AppError(403, 'forbidden', { permission: 'sentinel.statistics' });
  return db.asActor(ctx.actor, (tx) => sentinelSection(tx, { kind, week, weeks: query.weeks ?? 12, scope: ministry ? 'nation' : { prefectureId: prefecture as string } }));
}

/**
 * The averages of `weeks` weeks ending with `week` as the API answers them: the kind's diseases
 * with their thresholds, and the rows of sentinelAveragesOf (in the caller's transaction and scope).
 * The weekly surveillance report shows the same for its week.
 */
export async function sentinelSection(
  tx: Tx,
  options: { kind?: SentinelKind; week: IsoWeek; weeks: number; scope: 'nation' | { prefectureId: string } },
): Promise<z.infer<typeof SentinelAverages>> {
  const kind = options.kind ?? 'influenza_covid';
  const { week, weeks } = options;
  const def = sentinelDefinitionFor(kind, weekStart(week));
  const rows = await sentinelAveragesOf(tx, { kind, week, weeks, scope: options.scope });
  const first = addWeeks(week, -(weeks - 1));
  return {
    kind,
    week: weekKey(week),
    weeks: Array.from({ length: weeks }, (_, i) => weekKey(addWeeks(first, i))),
    diseases: (def?.diseases ?? []).map((d) => {
      const t = thresholdOf(d.code);
      return { code: d.code, name: { ja: d.ja, en: d.en }, short: d.short, threshold: t ? { advisory: t.advisory, alarmStart: t.alarmStart, alarmEnd: t.alarmEnd, source: t.source } : null };
    }),
    rows: rows.map((r) => ({ ...r, byAgeBand: r.byAgeBand as Record<string, number> })),
  };
}
