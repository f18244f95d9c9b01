// Per-sentinel averages (定点当たり報告数): a week's reported patients of a disease divided by the
// number of sentinel sites that reported that week (zero reports included), by prefecture and for
// the nation; with the number designated, so that a low reporting rate shows. And each week's alert
// level against the ministry's thresholds (./thresholds.ts), a 警報 going on until it ends.
import { weekKey, type IsoWeek } from '../iso-week.ts';
import type { WeeklyAgeBand } from '../statistics/age-bands.ts';
import { coversWeek, type DesignationPeriod, type SentinelCounts } from './rules.ts';
import type { SentinelThreshold } from './thresholds.ts';

export interface SentinelReportFact {
  prefectureId: string;
  institutionId: string;
  /** The week's key, 2026-W49. */
  week: string;
  counts: SentinelCounts;
}

export interface DesignationFact extends DesignationPeriod {
  prefectureId: string;
  institutionId: string;
}

export interface SentinelAverage {
  week: string;
  /** A prefecture's id, or null for the nation. */
  prefectureId: string | null;
  disease: string;
  patients: number;
  /** Sites that filed the week (a zero report counts). */
  reporting: number;
  /** Sites designated for the week. */
  designated: number;
  /** patients ÷ reporting, to two decimals; null when none reported. */
  perSentinel: number | null;
  /** Patients by age band (both sexes). */
  byAgeBand: Partial<Record<WeeklyAgeBand, number>>;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The averages of each week, disease and prefecture among the facts given, and the nation's (all
 * prefectures given together). A site counts once per week and prefecture, by the report's own
 * prefecture. Weeks with no designation and no report in a prefecture give no row for it.
 */
export function sentinelAverages(weeks: readonly IsoWeek[], diseases: readonly string[], reports: readonly SentinelReportFact[], designations: readonly DesignationFact[], nation = true): SentinelAverage[] {
  const out: SentinelAverage[] = [];
  const prefectures = [...new Set([...reports.map((r) => r.prefectureId), ...designations.map((d) => d.prefectureId)])].sort();
  for (const w of weeks) {
    const key = weekKey(w);
    const ofWeek = reports.filter((r) => r.week === key);
    const designatedThen = designations.filter((d) => coversWeek(d, w));
    const scopes: (string | null)[] = nation ? [...prefectures, null] : prefectures;
    for (const prefectureId of scopes) {
      const rs = prefectureId === null ? ofWeek : ofWeek.filter((r) => r.prefectureId === prefectureId);
      const ds = prefectureId === null ? designatedThen : designatedThen.filter((d) => d.prefectureId === prefectureId);
      if (!rs.length && !ds.length) continue;
      const reporting = new Set(rs.map((r) => r.institutionId)).size;
      const designated = new Set(ds.map((d) => d.institutionId)).size;
      for (const disease of diseases) {
        const byAgeBand: Partial<Record<WeeklyAgeBand, number>> = {};
        let patients = 0;
        for (const r of rs) {
          for (const [cell, n] of Object.entries(r.counts[disease] ?? {})) {
            const band = cell.split(':')[0] as WeeklyAgeBand;
            byAgeBand[band] = (byAgeBand[band] ?? 0) + n;
            patients += n;
          }
        }
        out.push({ week: key, prefectureId, disease, patients, reporting, designated, perSentinel: reporting ? round2(patients / reporting) : null, byAgeBand });
      }
    }
  }
  return out;
}

/**
 * The week's averages as a table, laid out alike on screen and in the PDF: a row per area shown
 * (the nation, and each prefecture with designated sentinels), a cell per disease (undefined: none).
 */
export function averagesTable<R extends { prefectureId: string | null; prefectureName: unknown; disease: string; designated: number }>(
  rows: readonly R[],
  diseases: readonly { code: string }[],
): { area: string | null; name: R['prefectureName']; cells: (R | undefined)[] }[] {
  const areas = new Map(rows.filter((r) => r.designated > 0 || r.prefectureId === null).map((r) => [r.prefectureId, r.prefectureName]));
  return [...areas].map(([area, name]) => ({ area, name, cells: diseases.map((d) => rows.find((r) => r.prefectureId === area && r.disease === d.code)) }));
}

export const ALERT_LEVELS = ['none', 'advisory', 'alarm'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

/**
 * The level of each week of one prefecture (or the nation) and disease, oldest first. A 警報
 * starts at alarmStart and continues while the average stays at or above alarmEnd; a 注意報 is a
 * week at or above `advisory` outside a 警報. A week nobody reported has no level (null) and does
 * not end a 警報. No threshold (COVID-19): every week null.
 */
export function alertLevels(series: readonly (number | null)[], threshold: SentinelThreshold | null): (AlertLevel | null)[] {
  if (!threshold) return series.map(() => null);
  let alarm = false;
  return series.map((avg) => {
    if (avg === null) return null;
    if (alarm && avg < threshold.alarmEnd) alarm = false;
    else if (!alarm && avg >= threshold.alarmStart) alarm = true;
    if (alarm) return 'alarm';
    return avg >= threshold.advisory ? 'advisory' : 'none';
  });
}
