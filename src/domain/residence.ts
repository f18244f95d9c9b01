// 居所: where a person stays from when to when. A stay at an accommodation facility or a hospital
// gives that organisation's staff access to the case for the days of the stay (DESIGN.md §4: W
// sees only its residents), as an assignment whose times are computed here. Pure.
import type { Localized } from './messages.ts';

export const RESIDENCE_KINDS = ['home', 'accommodation', 'hospital', 'welfare_facility', 'other'] as const;
export type ResidenceKind = (typeof RESIDENCE_KINDS)[number];

export const RESIDENCE_KIND_LABELS: Record<ResidenceKind, Localized> = {
  home: { ja: '自宅', en: 'Home' },
  accommodation: { ja: '宿泊療養施設', en: 'Accommodation facility' },
  hospital: { ja: '医療機関', en: 'Hospital' },
  welfare_facility: { ja: '社会福祉施設等', en: 'Social-welfare facility' },
  other: { ja: 'その他', en: 'Other' },
};

/** The organisation kind a stay of this kind must name; its staff see the case during the stay. */
export const RESIDENCE_ORG_KIND: Partial<Record<ResidenceKind, 'accommodation_facility' | 'medical_institution'>> = {
  accommodation: 'accommodation_facility',
  hospital: 'medical_institution',
};

const JAPAN_MIDNIGHT = 'T00:00:00+09:00';
const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * The access a stay gives, as instants: from the first day's midnight in Japan to the midnight
 * after the last day (the staff keep access through the day the person leaves); open-ended while
 * the stay has no end.
 */
export function accessPeriod(startsOn: string, endsOn: string | null): { startsAt: Date; endsAt: Date | null } {
  return {
    startsAt: new Date(startsOn + JAPAN_MIDNIGHT),
    endsAt: endsOn ? new Date(nextDay(endsOn) + JAPAN_MIDNIGHT) : null,
  };
}
