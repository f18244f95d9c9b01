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

export const ageBandLabel = (band: AgeBand | WeeklyAgeBand): Localized => (band in LABELS ? LABELS[band as AgeBand] : WEEKLY_LABELS[band as WeeklyAgeBand]);

// The finer bands of the weekly reports of sentinel sites (定点把握, 感染症発生動向調査週報): 0–5 and
// 6–11 months, each year from 1 to 9, 10–14, 15–19, then the ten-year bands 20s … 70s and 80 and
// over. The 20s … 70s are the same bands as above (the same keys), so counts meet where they agree.
export const WEEKLY_AGE_BANDS = [
  '0-5m', '6-11m', '1y', '2y', '3y', '4y', '5y', '6y', '7y', '8y', '9y', '10-14y', '15-19y',
  '20s', '30s', '40s', '50s', '60s', '70s', '80plus',
] as const;
export type WeeklyAgeBand = (typeof WEEKLY_AGE_BANDS)[number];

const WEEKLY_LABELS: Record<WeeklyAgeBand, Localized> = {
  '0-5m': { ja: '0～5か月', en: '0–5 months' },
  '6-11m': { ja: '6～11か月', en: '6–11 months' },
  ...(Object.fromEntries(
    [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => [`${n}y`, { ja: `${n}歳`, en: n === 1 ? '1 year' : `${n} years` }]),
  ) as Record<`${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9}y`, Localized>),
  '10-14y': { ja: '10～14歳', en: '10–14 years' },
  '15-19y': { ja: '15～19歳', en: '15–19 years' },
  '20s': LABELS['20s'],
  '30s': LABELS['30s'],
  '40s': LABELS['40s'],
  '50s': LABELS['50s'],
  '60s': LABELS['60s'],
  '70s': LABELS['70s'],
  '80plus': { ja: '80歳以上', en: '80 and over' },
};

/** The weekly band of an age given in completed months (a sentinel counts infants by month). */
export function weeklyBandOfMonths(months: number): WeeklyAgeBand {
  const years = Math.floor(months / 12);
  if (years < 1) return months < 6 ? '0-5m' : '6-11m';
  if (years < 10) return `${years}y` as WeeklyAgeBand;
  if (years < 15) return '10-14y';
  if (years < 20) return '15-19y';
  if (years >= 80) return '80plus';
  return `${Math.floor(years / 10) * 10}s` as WeeklyAgeBand;
}

/** The band of an age in completed years. */
export function bandOfAge(age: number): KnownAgeBand {
  return AGE_BANDS[Math.max(0, Math.min(9, Math.floor(age / 10)))];
}

/** The band of a person born on `birthDate` on the date `on` (yyyy-mm-dd both). */
export const ageBandOn = (birthDate: string, on: string): KnownAgeBand => bandOfAge(ageOn(birthDate, on));

/**
 * The age groups of the weekly surveillance report (感染症発生動向調査週報): the IDWR's finer
 * childhood groups (0, 1–4, 5–9, 10–14, 15–19), then ten-year bands up to 80 and over.
 */
export const IDWR_AGE_BANDS = ['0', '1-4', '5-9', '10-14', '15-19', '20s', '30s', '40s', '50s', '60s', '70s', '80plus'] as const;
export type IdwrAgeBand = (typeof IDWR_AGE_BANDS)[number];

const IDWR_LABELS: Record<IdwrAgeBand, Localized> = {
  '0': { ja: '0歳', en: '0' },
  '1-4': { ja: '1〜4歳', en: '1–4' },
  '5-9': { ja: '5〜9歳', en: '5–9' },
  '10-14': { ja: '10〜14歳', en: '10–14' },
  '15-19': { ja: '15〜19歳', en: '15–19' },
  '20s': LABELS['20s'],
  '30s': LABELS['30s'],
  '40s': LABELS['40s'],
  '50s': LABELS['50s'],
  '60s': LABELS['60s'],
  '70s': LABELS['70s'],
  '80plus': { ja: '80歳以上', en: '80 and over' },
};

export const idwrAgeBandLabel = (band: IdwrAgeBand): Localized => IDWR_LABELS[band];

/** The IDWR group of an age in completed years. */
export function idwrBandOfAge(age: number): IdwrAgeBand {
  if (age < 1) return '0';
  if (age < 5) return '1-4';
  if (age < 20) return age < 10 ? '5-9' : age < 15 ? '10-14' : '15-19';
  return IDWR_AGE_BANDS[Math.min(11, Math.floor(age / 10) + 3)];
}

/**
 * The first age of each IDWR group, ascending: the database groups the weekly counts by them
 * (width_bucket, migration 0050), so that the groups stay this one rule's.
 */
export const IDWR_BAND_STARTS: readonly number[] = Array.from({ length: 121 }, (_, age) => age).filter((age) => age === 0 || idwrBandOfAge(age) !== idwrBandOfAge(age - 1));

/** The IDWR group of a person born on `birthDate` on the date `on`. */
export const idwrAgeBandOn = (birthDate: string, on: string): IdwrAgeBand => idwrBandOfAge(ageOn(birthDate, on));
