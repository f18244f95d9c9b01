// 濃厚接触者 (close contacts): registered by the health centre after interviewing a patient
// (Shinjuku report §2(3)ウ) and followed until their monitoring period ends. Pure rules: the
// settings and outcomes a contact record takes, and how long a contact is monitored.
import type { Localized } from './messages.ts';

/** Where the contact happened. */
export const CONTACT_SETTINGS = ['household', 'workplace', 'school', 'medical', 'facility', 'other'] as const;
export type ContactSetting = (typeof CONTACT_SETTINGS)[number];

export const CONTACT_SETTING_LABELS: Record<ContactSetting, Localized> = {
  household: { ja: '同居/家庭内', en: 'Household' },
  workplace: { ja: '職場', en: 'Workplace' },
  school: { ja: '学校・保育所', en: 'School or nursery' },
  medical: { ja: '医療機関', en: 'Medical institution' },
  facility: { ja: '施設', en: 'Facility' },
  other: { ja: 'その他', en: 'Other' },
};

/** How the follow-up of a contact ended (or that it goes on). */
export const CONTACT_OUTCOMES = ['monitoring', 'completed', 'became_case', 'lost_to_follow_up', 'refused'] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

export const CONTACT_OUTCOME_LABELS: Record<ContactOutcome, Localized> = {
  monitoring: { ja: '健康観察中', en: 'Being monitored' },
  completed: { ja: '健康観察終了', en: 'Monitoring completed' },
  became_case: { ja: '患者化（陽性）', en: 'Became a case' },
  lost_to_follow_up: { ja: '連絡不通', en: 'Lost to follow-up' },
  refused: { ja: '健康観察拒否', en: 'Refused monitoring' },
};

/** Outcomes a user sets directly; became_case comes with registering or linking the case. */
export const SETTABLE_OUTCOMES: readonly ContactOutcome[] = CONTACT_OUTCOMES.filter((o) => o !== 'became_case');

export const CONTACT_DISEASES = ['covid19'] as const;
export type ContactDisease = (typeof CONTACT_DISEASES)[number];

export interface MonitoringPeriod {
  /** The first date of last contact this period applies to. */
  from: string;
  /** Monitoring ends this many days after the date of last contact. */
  days: number;
}

/**
 * The monitoring (待機) period of a contact, by disease and by the date of last contact, oldest
 * first. The first entry's date is the earliest last contact the disease can have.
 */
export const MONITORING_PERIODS: Record<ContactDisease, readonly MonitoringPeriod[]> = {
  covid19: [
    { from: '2020-01-01', days: 14 },
    // MHLW notice of 2022-01-14 (事務連絡, オミクロン株の濃厚接触者の待機期間): 10 days.
    { from: '2022-01-14', days: 10 },
    // MHLW notice of 2022-01-28 (事務連絡, 濃厚接触者の待機期間の見直し): 7 days.
    { from: '2022-01-28', days: 7 },
    // MHLW notice of 2022-07-22 (事務連絡, 濃厚接触者の待機期間の見直し): 5 days.
    { from: '2022-07-22', days: 5 },
  ],
};

/** yyyy-mm-dd plus n days, on the calendar (no time zone involved). */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The period in force for a date of last contact; null before the disease's first entry. */
export function monitoringPeriod(disease: ContactDisease, lastContactOn: string): MonitoringPeriod | null {
  return MONITORING_PERIODS[disease].findLast((p) => p.from <= lastContactOn) ?? null;
}

/** The last day of monitoring: the date of last contact plus the period in force on it. */
export function monitoringEndsOn(disease: ContactDisease, lastContactOn: string): string {
  const period = monitoringPeriod(disease, lastContactOn);
  if (!period) throw new RangeError(`no monitoring period for ${disease} on ${lastContactOn}`);
  return addDays(lastContactOn, period.days);
}

/**
 * The end of monitoring of a contact with several exposures: from the latest last contact. An
 * exposure never shortens monitoring already set (`current`), which may count exposures the
 * caller does not see.
 */
export function contactMonitoringEndsOn(disease: ContactDisease, lastContacts: readonly string[], current?: string | null): string {
  if (!lastContacts.length) throw new RangeError('a contact has at least one exposure');
  const latest = lastContacts.reduce((a, b) => (b > a ? b : a));
  const end = monitoringEndsOn(disease, latest);
  return current && current > end ? current : end;
}

export type LastContactProblem = 'last_contact_in_future' | 'last_contact_too_early';

/** A date of last contact must be a past day (Japan time) and not precede the disease. */
export function lastContactProblem(disease: ContactDisease, lastContactOn: string, today: string): LastContactProblem | null {
  if (lastContactOn > today) return 'last_contact_in_future';
  if (!monitoringPeriod(disease, lastContactOn)) return 'last_contact_too_early';
  return null;
}
