// Sex as counted in statistics: the notification's male/female, and unknown where a report leaves it out.
import type { Localized } from '../messages.ts';

export const SEXES = ['male', 'female', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];

const LABELS: Record<Sex, Localized> = {
  male: { ja: '男性', en: 'male' },
  female: { ja: '女性', en: 'female' },
  unknown: { ja: '不明', en: 'unknown' },
};

export const sexLabel = (sex: Sex): Localized => LABELS[sex];

/** The statistics sex of a notification's person (null when not reported). */
export const sexOf = (reported: 'male' | 'female' | null): Sex => reported ?? 'unknown';
