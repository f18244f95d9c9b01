// The ministry's alert thresholds on the per-sentinel average (定点当たり報告数), as data. A disease
// without an entry, or with `null`, has no national threshold: nothing is judged and no line drawn.
//
// Sources:
// - 国立感染症研究所 感染症疫学センター「警報・注意報発生システム」について (IDWR): インフルエンザ
//   注意報レベル 開始基準値 10; 警報レベル 開始基準値 30、終息基準値 10 (定点当たり報告数/週).
//   A 警報 starts when a week reaches 30 and goes on in the following weeks until one falls below
//   10; a 注意報 is a week at 10 or more outside a 警報.
// - The NIID applies these to each health centre's area (保健所管轄); hersys applies the same values
//   to each prefecture and the nation, as the prefectures' own 流行状況 pages do.
// - COVID-19 (from 2023-05-08, 定点把握): the ministry has set no national 注意報/警報 threshold
//   (厚生労働省「新型コロナウイルス感染症の定点当たり報告数」, 2023-05 onwards, publishes the numbers
//   only); some prefectures set their own. Recorded as null: none is invented here.
import type { Localized } from '../messages.ts';

export interface SentinelThreshold {
  /** 注意報: a week at or above this (outside a 警報). */
  advisory: number;
  /** 警報 starts when a week reaches this … */
  alarmStart: number;
  /** … and ends with the first week below this. */
  alarmEnd: number;
  source: Localized;
}

export const SENTINEL_THRESHOLDS: Record<string, SentinelThreshold | null> = {
  influenza: {
    advisory: 10,
    alarmStart: 30,
    alarmEnd: 10,
    source: { ja: '国立感染症研究所「警報・注意報発生システム」', en: 'NIID, alert and advisory system' },
  },
  covid19: null,
};

export const thresholdOf = (disease: string): SentinelThreshold | null => SENTINEL_THRESHOLDS[disease] ?? null;
