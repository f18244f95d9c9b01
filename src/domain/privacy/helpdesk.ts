// Helpdesk access (issue 14; Q&A 24 of seed 003): ministry staff or the ministry's contractor may
// look at a case for a support ticket only after telling the health centre. A request names cases by
// HER-SYS ID; the responsible centre approves it ('approve' mode) or is told in advance and may refuse
// within a time limit ('notify' mode). The access is read-only and time-boxed, and the centre sees
// every page viewed under it. Pure: the server and the browser read it.
import { japanMinute } from '../calendar.ts';

export const HELPDESK_MODES = ['approve', 'notify'] as const;
export type HelpdeskMode = (typeof HELPDESK_MODES)[number];

/** How long an access lasts unless configured otherwise (HELPDESK_HOURS), and the most it may be set to. */
export const DEFAULT_HELPDESK_HOURS = 4;
export const MAX_HELPDESK_HOURS = 24;
/** In 'notify' mode, the centre's time to refuse (HELPDESK_OBJECTION_MINUTES); the database holds it to 15 at least. */
export const DEFAULT_HELPDESK_OBJECTION_MINUTES = 60;
export const MIN_HELPDESK_OBJECTION_MINUTES = 15;
/** A request no one answered lapses: the ticket is stale by then, and an unknown number lapses the same way. */
export const HELPDESK_REQUEST_LAPSE_DAYS = 3;

export const HELPDESK_TICKET_MAX = 40;
export const HELPDESK_REASON_MIN = 10;
export const HELPDESK_REASON_MAX = 1000;
/** At most this many case numbers in one request: a ticket is about a few cases, never a list. */
export const HELPDESK_MAX_CASES = 5;

export type HelpdeskStatus = 'pending' | 'scheduled' | 'active' | 'refused' | 'ended' | 'expired' | 'lapsed';

export interface HelpdeskPeriod {
  requestedAt: string;
  startsAt: string | null;
  expiresAt: string | null;
  decision: 'approved' | 'refused' | null;
  endedAt: string | null;
  /** Whether the number named a case. */
  found: boolean;
}

/**
 * Where an access stands at `at`. A request for a number no case has never starts: it stays pending
 * (or scheduled, in 'notify' mode) exactly like one waiting for its centre, and then lapses.
 */
export function helpdeskStatus(a: HelpdeskPeriod, at: Date): HelpdeskStatus {
  const t = at.getTime();
  if (a.decision === 'refused') return 'refused';
  if (a.endedAt) return 'ended';
  if (a.startsAt && a.expiresAt) {
    if (t < Date.parse(a.startsAt)) return 'scheduled';
    if (!a.found) return 'lapsed';
    return t >= Date.parse(a.expiresAt) ? 'expired' : 'active';
  }
  return t - Date.parse(a.requestedAt) >= HELPDESK_REQUEST_LAPSE_DAYS * 86_400_000 ? 'lapsed' : 'pending';
}

/** Whether the centre may still approve or refuse: before the access starts. */
export const helpdeskDecidable = (s: HelpdeskStatus): boolean => s === 'pending' || s === 'scheduled';
/** Whether the centre may end it now: whenever it could still show the case. */
export const helpdeskEndable = (s: HelpdeskStatus): boolean => s === 'pending' || s === 'scheduled' || s === 'active';

/** The purpose the audit records for the request and for every read under the access. */
export const helpdeskPurpose = (ticket: string): string => `ヘルプデスク対応：問合せ番号 ${ticket}`;

/** The case page's audited actions, named as the screens the centre recognises. */
export const HELPDESK_SCREENS: Record<string, { ja: string; en: string }> = {
  'cases.read': { ja: '事例（基本情報）', en: 'Case (summary)' },
  'notifications.read': { ja: '発生届', en: 'Notification' },
  'notifications.history': { ja: '発生届の履歴', en: 'Notification history' },
  'observations.read': { ja: '健康観察', en: 'Health observations' },
  'hospital_course.read': { ja: '医療（入院・臨床経過）', en: 'Hospital course' },
  'residences.read': { ja: '居所', en: 'Residences' },
  'contacts.read': { ja: '濃厚接触者', en: 'Contacts' },
  'external_ids.list': { ja: '外部ID', en: 'External IDs' },
  'cases.status_read': { ja: 'ステータス', en: 'Status' },
  'cases.responsibility_read': { ja: '担当・移管', en: 'Responsibility' },
  'test.read': { ja: '検査', en: 'Tests' },
};

export const HELPDESK_MESSAGES = {
  helpdesk_not_decidable: { ja: 'このヘルプデスクアクセスは既に開始・終了しているため、承認・拒否できません。', en: 'This helpdesk access has already started or ended: it can no longer be approved or refused.' },
  helpdesk_not_endable: { ja: 'このヘルプデスクアクセスは既に終了しています。', en: 'This helpdesk access has already ended.' },
} as const;

/**
 * The e-mail to the responsible centre: no personal data, and not even the case's number — which
 * case and who asked are on the centre's list in the app, where the link leads. In 'notify' mode it
 * says when the access starts unless refused.
 */
export function helpdeskEmail(input: { healthCentreNameJa: string; ticket: string; startsAt: Date | null; hours: number; listUrl: string }): { subject: string; text: string } {
  const starts = input.startsAt ? japanMinute(input.startsAt) : null;
  return {
    subject: starts ? '【HER-SYS】ヘルプデスクによる閲覧の事前通知（拒否できます）' : '【HER-SYS】ヘルプデスクによる閲覧の承認依頼',
    text: [
      `${input.healthCentreNameJa} 御中`,
      '',
      '厚生労働省ヘルプデスク（職員または委託先）から、貴所が担当する事例の閲覧（閲覧のみ、期限付き）の申請がありました。',
      `問合せ番号: ${input.ticket}`,
      `閲覧できる時間: ${input.hours} 時間`,
      starts ? `${starts}（日本時間）までに拒否しない場合、閲覧が開始されます。` : '貴所が承認するまで閲覧はできません。',
      'ログインのうえ、ヘルプデスクアクセスの一覧で承認・拒否してください。閲覧された画面も一覧で確認できます。',
      input.listUrl,
      '',
      starts
        ? `The ministry's helpdesk asked to read a case of your centre (read only, ${input.hours} h) for support ticket ${input.ticket}. It starts at ${starts} Japan time unless you refuse it: ${input.listUrl}`
        : `The ministry's helpdesk asks your approval to read a case of your centre (read only, ${input.hours} h) for support ticket ${input.ticket}. Approve or refuse it: ${input.listUrl}`,
    ].join('\n'),
  };
}
