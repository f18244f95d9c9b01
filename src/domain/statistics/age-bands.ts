// The ten-year age bands every count uses (the daily aggregate report, dashboards, open data):
// under 10, the 10s … the 80s, 90 and over, and unknown where a report leaves the age out.
import { ageOn } from '../logic-checks.ts';
import type { Localized } from '../messages.ts';

export const AGE_BANDS = ['under10', '10s', '20s', '30s', '40s', '50s', '60s', '70s', '80s', '90plus'] as const;
export type KnownAgeBand = (typeof AGE_BANDS)[number];
export type AgeBand = KnownAgeBand | 'unknown';
export const AGE_BANDS_WITH_UNKNOWN: readonly AgeBand[] = [...AGE_BANDS, 'unknown'];

const LABELS: Record<AgeBand, Localized> = {
  under10: { ja: '10歳未満', en: 'under 10' },
  '10s': { ja: '10代', en: '10s' },
  '20s': { ja: '20代', en: '20s' },
  '30s': { ja: '30代', en: '30s' },
  '40s': { ja: '40代', en: '40s' },
  '50s': { ja: '50代', en: '50s' },
  '60s': { ja: '60代', en: '60s' },
  '70s': { ja: '70代', en: '70s' },
  '80s': { ja: '80代', en: '80s' },
  '90plus': { ja: '90歳以上', en: '90 and over' },
  unknown: { ja: '不明', en: 'unknown' },
};

export const ageBandLabel = (band: AgeBand): Localized => LABELS[band];

/** The band of an age in completed years. */
export function bandOfAge(age: number): KnownAgeBand {
  return AGE_BANDS[Math.max(0, Math.min(9, Math.floor(age / 10)))];
}

/** The band of a person born on `birthDate` on the date `on` (yyyy-mm-dd both). */
export const ageBandOn = (birthDate: string, on: string): KnownAgeBand => bandOfAge(ageOn(birthDate, on));
