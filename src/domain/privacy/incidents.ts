// The leak-incident register (漏えい等の事案, issue 12). Seed 004 lists what a report of a leak must
// hold: the date it happened, the summary and course, the kind, number and media of the data, how
// those affected were dealt with, secondary damage (or its possibility), measures against recurrence.
// The lists and the rules between the fields live here, shared by the server and the form.
import type { Localized } from '../messages.ts';

export const INCIDENT_MEDIA = ['paper', 'electronic', 'email', 'sns', 'device', 'other'] as const;
export type IncidentMedium = (typeof INCIDENT_MEDIA)[number];

export const SECONDARY_DAMAGE = ['known', 'none', 'unknown'] as const;
export type SecondaryDamage = (typeof SECONDARY_DAMAGE)[number];

export const INCIDENT_STATUSES = ['open', 'reported', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** Where a leak is reported: the prefecture (seed 004 §3), the ministry, the Personal Information Protection Commission. */
export const REPORT_RECIPIENTS = ['prefecture', 'ministry', 'ppc'] as const;
export type ReportRecipient = (typeof REPORT_RECIPIENTS)[number];

export const MEDIUM_LABELS: Record<IncidentMedium, Localized> = {
  paper: { ja: '紙', en: 'Paper' },
  electronic: { ja: '電子データ', en: 'Electronic data' },
  email: { ja: '電子メール', en: 'E-mail' },
  sns: { ja: 'SNS', en: 'Social media' },
  device: { ja: '端末・記録媒体', en: 'Device or storage medium' },
  other: { ja: 'その他', en: 'Other' },
};

export const SECONDARY_DAMAGE_LABELS: Record<SecondaryDamage, Localized> = {
  known: { ja: 'あり', en: 'Known' },
  none: { ja: 'なし', en: 'None' },
  unknown: { ja: '不明（可能性あり）', en: 'Unknown (possible)' },
};

export const STATUS_LABELS: Record<IncidentStatus, Localized> = {
  open: { ja: '対応中', en: 'Open' },
  reported: { ja: '報告済', en: 'Reported' },
  closed: { ja: '完了', en: 'Closed' },
};

export const RECIPIENT_LABELS: Record<ReportRecipient, Localized> = {
  prefecture: { ja: '都道府県', en: 'Prefecture' },
  ministry: { ja: '厚生労働省', en: 'Ministry of Health, Labour and Welfare' },
  ppc: { ja: '個人情報保護委員会', en: 'Personal Information Protection Commission' },
};

export const INCIDENT_MESSAGES = {
  incident_discovered_before_occurred: { ja: '発覚日時は発生日時より後にしてください。', en: 'It cannot have been found before it happened.' },
  incident_in_future: { ja: '未来の日時は入力できません。', en: 'A date in the future cannot be entered.' },
  incident_reported_without_report: {
    ja: '「報告済」にするには、報告先と報告日を1つ以上入力してください。',
    en: 'To mark it reported, enter at least one report and its date.',
  },
  incident_secondary_damage_note: { ja: '二次被害が「あり」の場合は内容を入力してください。', en: 'Describe the secondary damage.' },
  incident_media_other_note: { ja: '媒体が「その他」の場合は内容を入力してください。', en: 'Describe the other medium.' },
  incident_alert_not_confirmed: {
    ja: '不適切と確定したアラートのうち、まだ事案に結び付いていないものだけを結び付けられます。',
    en: 'Only alerts confirmed as misuse and not yet linked to an incident can be linked.',
  },
  incident_evidence_unknown: { ja: '指定した監査ログの番号は確認できる範囲にありません。', en: 'An audit entry given as evidence is not one you can see.' },
  incident_org_outside: { ja: 'この組織の事案は登録できません。', en: 'You cannot register incidents for this organisation.' },
} as const satisfies Record<string, Localized>;

type IncidentMessage = keyof typeof INCIDENT_MESSAGES;

/** The fields the rules below look at. */
export interface IncidentFacts {
  occurredAt: string | null;
  discoveredAt: string;
  media: readonly IncidentMedium[];
  mediaNote: string | null;
  secondaryDamage: SecondaryDamage;
  secondaryDamageNote: string | null;
  status: IncidentStatus;
  reports: Record<ReportRecipient, string | null>;
  notifiedOn: string | null;
}

export interface IncidentProblem {
  path: string[];
  code: IncidentMessage;
}

/**
 * What is wrong with an incident as entered, by field. `now` bounds the dates: a report cannot be
 * dated tomorrow. Dates compare as ISO strings (instants with their offset are compared as instants).
 */
export function incidentProblems(f: IncidentFacts, now: Date): IncidentProblem[] {
  const problems: IncidentProblem[] = [];
  const today = now.toISOString().slice(0, 10);
  const discovered = Date.parse(f.discoveredAt);
  if (discovered > now.getTime()) problems.push({ path: ['discoveredAt'], code: 'incident_in_future' });
  if (f.occurredAt !== null) {
    const occurred = Date.parse(f.occurredAt);
    if (occurred > now.getTime()) problems.push({ path: ['occurredAt'], code: 'incident_in_future' });
    if (discovered < occurred) problems.push({ path: ['discoveredAt'], code: 'incident_discovered_before_occurred' });
  }
  for (const r of REPORT_RECIPIENTS) {
    const on = f.reports[r];
    if (on !== null && on > today) problems.push({ path: ['reports', r], code: 'incident_in_future' });
  }
  if (f.notifiedOn !== null && f.notifiedOn > today) problems.push({ path: ['notifiedOn'], code: 'incident_in_future' });
  if (f.status === 'reported' && REPORT_RECIPIENTS.every((r) => f.reports[r] === null)) {
    problems.push({ path: ['status'], code: 'incident_reported_without_report' });
  }
  if (f.secondaryDamage === 'known' && !f.secondaryDamageNote?.trim()) {
    problems.push({ path: ['secondaryDamageNote'], code: 'incident_secondary_damage_note' });
  }
  if (f.media.includes('other') && !f.mediaNote?.trim()) problems.push({ path: ['mediaNote'], code: 'incident_media_other_note' });
  return problems;
}

/** The fields whose values differ between two versions of a record: what the history shows. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): string[] {
  return Object.keys(after)
    .filter((k) => after[k] !== undefined && JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .sort();
}
