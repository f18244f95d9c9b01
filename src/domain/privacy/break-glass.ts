// Break-the-glass (issue 14; DHIS2's breaking the glass, SORMAS's special case access, Epic): a user
// who needs a case outside their scope finds it by case number or exact identity, states a reason
// from this list plus free text, and gets a time-limited grant. The reasons are data: each says in
// ja/en what it covers and whether it allows writing. Pure: the server and the browser read it.
import { japanMinute } from '../calendar.ts';

export const BREAK_GLASS_REASONS = [
  {
    code: 'emergency_treatment',
    ja: '救急搬送・緊急の診療（担当外の患者を受け入れた）',
    en: 'Emergency transport or treatment of a patient outside my scope',
    writes: false,
  },
  {
    code: 'emergency_admission',
    ja: '緊急入院の受入れ（入院・臨床経過を記録する）',
    en: 'Emergency admission (record the admission and clinical course)',
    writes: true,
  },
  {
    code: 'transfer_pending',
    ja: '移管の登録前に対応を引き継ぐ（保健所）',
    en: 'Taking over a case before its transfer is entered (health centre)',
    writes: true,
  },
  {
    code: 'public_health_risk',
    ja: '公衆衛生上の緊急の確認（接触者・集団発生）',
    en: 'Urgent public-health check (contacts, outbreak)',
    writes: false,
  },
] as const;

export type BreakGlassReason = (typeof BREAK_GLASS_REASONS)[number]['code'];
export const BREAK_GLASS_REASON_CODES = BREAK_GLASS_REASONS.map((r) => r.code) as [BreakGlassReason, ...BreakGlassReason[]];

/** How long a grant lasts unless configured otherwise (BREAK_GLASS_HOURS), and the most it may be set to. */
export const DEFAULT_BREAK_GLASS_HOURS = 4;
export const MAX_BREAK_GLASS_HOURS = 24;

/** The free text must say something: a reason code alone does not explain this access. */
export const BREAK_GLASS_NOTE_MIN = 10;
export const BREAK_GLASS_NOTE_MAX = 1000;

export function reasonOf(code: BreakGlassReason) {
  const reason = BREAK_GLASS_REASONS.find((r) => r.code === code);
  if (!reason) throw new Error(`unknown break-the-glass reason ${code}`);
  return reason;
}

/** Whether a grant for this reason lets the user write (else read only). */
export const reasonAllowsWriting = (code: BreakGlassReason): boolean => reasonOf(code).writes;

/** The purpose the audit records for the grant and for every read under it (in Japanese, like the rest of the trail). */
export const breakGlassPurpose = (code: BreakGlassReason): string => `緊急アクセス：${reasonOf(code).ja}`;

/** When a grant made at `at` ends. */
export function grantExpiry(at: Date, hours: number = DEFAULT_BREAK_GLASS_HOURS): Date {
  if (!(hours > 0) || hours > MAX_BREAK_GLASS_HOURS) throw new Error(`break-the-glass hours out of range: ${hours}`);
  return new Date(at.getTime() + hours * 3_600_000);
}

export interface GrantPeriod {
  grantedAt: string;
  expiresAt: string;
  endedAt: string | null;
}

/** Whether a grant is in force at `at`: from its start until it expires or the user ends it, whichever comes first. */
export function grantActiveAt(g: GrantPeriod, at: Date): boolean {
  const t = at.getTime();
  const until = Math.min(Date.parse(g.expiresAt), g.endedAt ? Date.parse(g.endedAt) : Infinity);
  return Date.parse(g.grantedAt) <= t && t < until;
}

/** A name compared as written, without spaces (「佐藤 翔太」 and 「佐藤　翔太」 are one name). */
export const squeezeName = (name: string): string => name.replace(/[\s\u3000]+/g, '');

export const BREAK_GLASS_MESSAGES = {
  break_glass_not_eligible: {
    ja: '緊急アクセスは医師・保健所職員のみ利用できます。',
    en: 'Only doctors and health-centre staff may use emergency access.',
  },
  break_glass_not_yours: { ja: 'この緊急アクセスはあなたのものではありません。', en: 'This emergency access is not yours.' },
  break_glass_ended: { ja: 'この緊急アクセスは既に終了しています。', en: 'This emergency access has already ended.' },
} as const;

/**
 * The e-mail to the responsible centre: no personal data. Like the submission e-mail it names the
 * case by its スマホ入力ID only (never the HER-SYS ID or a name); who opened it, why and until when
 * are on the centre's list in the app, where the link leads.
 */
export function breakGlassEmail(input: { selfReportId: string; healthCentreNameJa: string; orgNameJa: string; reason: BreakGlassReason; expiresAt: Date; listUrl: string }): {
  subject: string;
  text: string;
} {
  const r = reasonOf(input.reason);
  const until = japanMinute(input.expiresAt);
  return {
    subject: `【HER-SYS】担当事例への緊急アクセスがありました（スマホ入力ID: ${input.selfReportId}）`,
    text: [
      `${input.healthCentreNameJa} 御中`,
      '',
      '貴所が担当する事例に、担当外の利用者が緊急アクセス（ブレイク・ザ・グラス）を行いました。',
      `スマホ入力ID: ${input.selfReportId}`,
      `利用者の所属: ${input.orgNameJa}`,
      `理由: ${r.ja}（${r.writes ? '更新可' : '閲覧のみ'}）`,
      `期限: ${until}（日本時間）`,
      'ログインのうえ、緊急アクセスの一覧で内容を確認してください。',
      input.listUrl,
      '',
      `Emergency access (break-the-glass) was granted on a case of your centre (self-report ID ${input.selfReportId}) to a user of ${input.orgNameJa}: ${r.en}, ${r.writes ? 'read and write' : 'read only'}, until ${until} Japan time. Log in to review it: ${input.listUrl}`,
    ].join('\n'),
  };
}
