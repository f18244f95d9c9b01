// 療養期間: how long a patient stays in isolation, by disease and date (issue 11). The period runs
// from the day of onset (symptomatic) or of the positive specimen (asymptomatic), that day being
// day 0; the last day printed is the last day of isolation, and reminders run through it. The
// rule in force is the one of the start date, as the contacts' monitoring periods (contacts.ts).
import { addDays } from './contacts.ts';

export interface IsolationRule {
  /** The first start date (onset or specimen) this rule applies to. */
  from: string;
  /** Isolation ends after this many days from onset; the centre may extend it while symptoms last. */
  symptomaticDays: number;
  /** …and after this many from the specimen date for a patient without symptoms. */
  asymptomaticDays: number;
  /** Whether the law required it (before 2023-05-08) or it was only recommended (5類). */
  legal: boolean;
}

export const ISOLATION_RULES = {
  covid19: [
    // 「退院基準・解除基準」 of 2020-06-12: 10 days from onset (and 72 hours without symptoms); 10 from the specimen.
    { from: '2020-01-01', symptomaticDays: 10, asymptomaticDays: 10, legal: true },
    // MHLW notice of 2022-09-07 (療養期間の見直し): 7 days from onset (and 24 hours without symptoms); 7 from the specimen.
    { from: '2022-09-07', symptomaticDays: 7, asymptomaticDays: 7, legal: true },
    // 5類 from 2023-05-08: no legal isolation; staying at home 5 days from onset is recommended.
    { from: '2023-05-08', symptomaticDays: 5, asymptomaticDays: 5, legal: false },
  ],
} as const satisfies Record<string, readonly IsolationRule[]>;
export type IsolationDisease = keyof typeof ISOLATION_RULES;

export interface IsolationStart {
  /** 発病年月日, when the patient had symptoms. */
  onsetOn?: string | null;
  /** The positive specimen's date (検体採取日). */
  specimenOn?: string | null;
  /** 診断年月日: the start when neither is known. */
  diagnosedOn?: string | null;
}

export interface IsolationPeriod {
  startsOn: string;
  /** The last day of isolation, inclusive. */
  lastDay: string;
  basis: 'onset' | 'specimen' | 'diagnosis';
  legal: boolean;
}

/** The isolation period of a case, or null when no start date is known or no rule covers it. */
export function isolationPeriod(disease: IsolationDisease, start: IsolationStart): IsolationPeriod | null {
  const basis = start.onsetOn ? 'onset' : start.specimenOn ? 'specimen' : start.diagnosedOn ? 'diagnosis' : null;
  if (!basis) return null;
  const startsOn = (basis === 'onset' ? start.onsetOn : basis === 'specimen' ? start.specimenOn : start.diagnosedOn)!;
  const rule = ISOLATION_RULES[disease].findLast((r) => r.from <= startsOn);
  if (!rule) return null;
  const days = basis === 'onset' ? rule.symptomaticDays : rule.asymptomaticDays;
  return { startsOn, lastDay: addDays(startsOn, days), basis, legal: rule.legal };
}
