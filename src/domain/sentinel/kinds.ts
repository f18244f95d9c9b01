// The kinds of sentinel site (定点医療機関の種類). A prefecture designates medical institutions for a
// kind; each kind has its weekly (or monthly) report form in ./definitions. Data, so the other
// kinds of 感染症発生動向調査 (小児科定点, 眼科定点, STD定点, 基幹定点) are added here with their forms.
import type { Localized } from '../messages.ts';

export const SENTINEL_KINDS = ['influenza_covid'] as const;
export type SentinelKind = (typeof SENTINEL_KINDS)[number];

export const SENTINEL_KIND_LABELS: Record<SentinelKind, Localized> = {
  // From 2023-05-08 the influenza sentinels also count COVID-19 (Category 5): インフルエンザ/COVID-19定点.
  influenza_covid: { ja: 'インフルエンザ/COVID-19定点', en: 'Influenza/COVID-19 sentinel' },
};
