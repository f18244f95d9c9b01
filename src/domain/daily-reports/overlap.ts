// The overlap check: an institution's individually notified cases of a day must not also be in its
// aggregate of that day. The aggregate carries no names, so no single person can be matched; what
// can be seen from the counts alone is:
//
// - `notified_band`: an aggregate count in a band wholly aged 65 or over (the version's
//   notifiedBands). Everyone there is notifiable (group 1), so the count is either a double count
//   of notified people or notifications that were never filed — either way the centre asks.
// - `same_band`: the aggregate and the institution's notifications of that day (diagnosed that day,
//   submitted, not withdrawn) both count people in one age band. Both may well be right (a 30-year-old
//   on oxygen is notified, another is counted), so this only asks the centre to confirm.
//
// A band's aggregate being equal to or smaller than its notifications proves nothing either way
// (they count different people), so no rule compares the sizes.
import type { AgeBand } from '../statistics/age-bands.ts';
import { cellsOf, type DailyReportDefinition } from './definition.ts';
import type { Counts } from './rules.ts';

export const OVERLAP_KINDS = ['notified_band', 'same_band'] as const;
export type OverlapKind = (typeof OVERLAP_KINDS)[number];

export interface OverlapFlag {
  kind: OverlapKind;
  ageBand: AgeBand;
  aggregate: number;
  notified: number;
}

/** The flags of one report, given the institution's notified cases of that day by age band. */
export function overlapFlags(def: DailyReportDefinition, counts: Counts, notifiedByBand: Partial<Record<AgeBand, number>>): OverlapFlag[] {
  const aggregateByBand = new Map<AgeBand, number>();
  for (const cell of cellsOf(def)) aggregateByBand.set(cell.ageBand, (aggregateByBand.get(cell.ageBand) ?? 0) + (counts[cell.id] ?? 0));
  const flags: OverlapFlag[] = [];
  for (const [ageBand, aggregate] of aggregateByBand) {
    if (aggregate === 0) continue;
    const notified = notifiedByBand[ageBand] ?? 0;
    if (def.notifiedBands.includes(ageBand)) flags.push({ kind: 'notified_band', ageBand, aggregate, notified });
    else if (notified > 0) flags.push({ kind: 'same_band', ageBand, aggregate, notified });
  }
  return flags;
}

export const OVERLAP_LABELS: Record<OverlapKind, { ja: string; en: string }> = {
  notified_band: { ja: '65歳以上は発生届の対象です（重複または届出漏れの可能性）', en: '65 and over are notified individually (a double count or a missing notification)' },
  same_band: { ja: '同じ年代の発生届があります（重複していないか確認）', en: 'Notifications in the same age band (confirm they are not also counted)' },
};
