// The compliance report the 2023 notice asked of every municipality (seed 000 §2–4): for an
// organisation and a period, whether data was viewed outside work, whether permissions and their
// scope are right, whether data could be taken out, the same for contractors — and, for each,
// *how it was checked*. The sections' methods are data here, so the screen and the XLSX say the same.
import { EXPLANATION_TEMPLATES } from '../access-review/explanations.ts';
import type { Localized } from '../messages.ts';
import type { Role } from '../organizations.ts';

/** An explanation template's label (the detector's templates); an id it does not know shows as itself. */
export const templateLabel = (id: string, lang: 'ja' | 'en') => EXPLANATION_TEMPLATES.find((t) => t.id === id)?.[lang] ?? id;

export const COMPLIANCE_SECTIONS = ['accesses', 'alerts', 'permissions', 'takeOut', 'contractors', 'incidents'] as const;
export type ComplianceSection = (typeof COMPLIANCE_SECTIONS)[number];

/** How each section was checked (seed 000 §4: 「それぞれどのような方法で確認したかを含む」). */
export function complianceMethods(unusedIdDays: number): Record<ComplianceSection, Localized> {
  return {
    accesses: {
      ja: '監査ログ（改ざん検知のためハッシュ連鎖）に記録されたすべての個人情報の閲覧を、説明ジョブが閲覧時点に記録されていた業務上の関係（担当・関係保健所、届出医療機関、入院・入所、割当、作業一覧、検索後の業務、入力された利用目的）と照合し、説明のつかない閲覧を数えた。',
      en: 'Every read of personal data in the audit log (hash-chained to show tampering) was matched by the explanation job against the work relationships recorded at the time of the access (responsible or related centre, reporting institution, stay, assignment, work list, search followed by work, purpose typed); accesses with no explanation were counted.',
    },
    alerts: {
      ja: '説明のつかない閲覧と危険ルール（同姓・同住所、職員・著名人の記録、関係終了後の閲覧、業務外時間、大量閲覧など）の該当をアラートとし、個人情報保護管理者が証拠を確認して、却下・本人への照会・上位組織への送付・不適切と確定のいずれかを記録した。',
      en: 'Unexplained accesses and risk-rule hits (same surname and address, staff or public figures’ records, access after a relationship ended, off-hours, bulk viewing, …) raised alerts; the privacy officer examined the evidence and recorded a dismissal, a question to the user, an escalation, or a confirmation of misuse.',
    },
    permissions: {
      ja: `組織ごとのIDと付与された権限（役割）、最終ログイン日時を一覧で確認した。${unusedIdDays}日以上使われていないIDは毎日のジョブが自動で停止し、その記録を監査ログから数えた。各組織のID管理者は定期的な権限の棚卸しで有効なIDごとに継続・権限の取消し・停止を判断し、期限までに完了しない棚卸しはID発行元の組織に通知される。期間中の棚卸しを期限内完了・期限後完了・期限超過・実施中に分けて数えた。`,
      en: `IDs and their roles were listed by organisation with their last login. IDs unused for ${unusedIdDays} days are suspended by the daily job; the suspensions were counted from the audit log. Each organisation's administrator reviews every active ID periodically (confirm, revoke roles, or suspend); a review not complete by its due date is escalated to the organisation that issues the IDs. The reviews of the period were counted as done on time, done late, overdue or under way.`,
    },
    takeOut: {
      ja: 'hersys には個人情報を一括して外部に持ち出す機能（ファイル出力・メール・SNS 送信）がまだない。このため持ち出しは0件であり、画面表示・印刷は上記の閲覧として記録されている。出力機能が実装された時点で、出力ごとに件数・理由・担当者をこの欄に記載する。',
      en: 'hersys has no function yet that takes personal data out in bulk (file export, e-mail or social-media sending), so there were no take-outs; screen views and prints are recorded as the accesses above. Once an export exists, each export will be listed here with its size, reason and user.',
    },
    contractors: {
      ja: '委託先（再委託先を含む）の職員として登録されたIDを抽出し、その閲覧件数と説明のつかない閲覧の件数を、職員と同じ方法で確認した。',
      en: 'IDs registered as contractor staff (including subcontractors) were listed, and their accesses and unexplained accesses were checked by the same method as staff’s.',
    },
    incidents: {
      ja: '漏えい等事案の台帳に期間中に発覚として登録された事案を、報告先・報告日とともに確認した。',
      en: 'Incidents recorded in the leak-incident register as found in the period were listed with where and when they were reported.',
    },
  };
}

export const SECTION_TITLES: Record<ComplianceSection, Localized> = {
  accesses: { ja: '1. 業務外の閲覧の確認', en: '1. Viewing outside work' },
  alerts: { ja: '2. アラートと確認結果', en: '2. Alerts and their review' },
  permissions: { ja: '3. 権限とその付与範囲', en: '3. Permissions and their scope' },
  takeOut: { ja: '4. 外部への持ち出し', en: '4. Data taken out' },
  contractors: { ja: '5. 委託先', en: '5. Contractors' },
  incidents: { ja: '6. 漏えい等の事案', en: '6. Leak incidents' },
};

/** The longest period one report covers: a year and a day (a leap year's whole year). */
export const MAX_PERIOD_DAYS = 366;

/** A share in percent with one decimal, or null when there is nothing to divide. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

/** The period's bounds as instants: whole days in Japan time, `to` included. */
export function periodBounds(from: string, to: string): { since: Date; until: Date } {
  const since = new Date(`${from}T00:00:00+09:00`);
  const until = new Date(new Date(`${to}T00:00:00+09:00`).getTime() + 86_400_000);
  return { since, until };
}

export function periodDays(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
}

/**
 * Role names in the Japanese report. The screens' admin.role.* labels (src/web/ui-text.ts) say the
 * same; they belong here once the web reads role names from the domain.
 */
export const ROLE_NAMES_JA: Record<Role, string> = {
  doctor: '医師',
  clerk: '事務（入力補助）',
  hc_staff: '保健所職員',
  prefecture_staff: '都道府県職員',
  coordination_hq: '入院調整本部',
  facility_staff: '宿泊療養施設職員',
  followup_staff: 'フォローアップセンター職員',
  ministry_staff: '厚生労働省職員',
  org_admin: 'ID管理者',
  privacy_officer: '個人情報保護管理者',
  helpdesk: 'ヘルプデスク',
};
