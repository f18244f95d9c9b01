// Exports that can be traced (issue 14; seed 000: data is not taken out carelessly, seed 002: access
// control and a password on the target list in Excel, downloads only over the LGWAN). The reasons,
// the kinds with their columns, the approval rule and the states are data and pure rules here: the
// server and the browser read them.

export const EXPORT_REASONS = [
  { code: 'outbreak_investigation', ja: '積極的疫学調査・集団発生の対応', en: 'Outbreak investigation (積極的疫学調査)' },
  { code: 'followup_work', ja: '健康観察・療養の調整（担当者の作業リスト）', en: 'Follow-up work lists (health observation, stays)' },
  { code: 'report_to_authority', ja: '都道府県・国への報告の準備', en: 'Preparing a report to the prefecture or the ministry' },
  { code: 'admission_coordination', ja: '入院調整・搬送の調整', en: 'Admission and transport coordination' },
  { code: 'other', ja: 'その他（理由を具体的に記入）', en: 'Other (say exactly why)' },
] as const;

export type ExportReason = (typeof EXPORT_REASONS)[number]['code'];
export const EXPORT_REASON_CODES = EXPORT_REASONS.map((r) => r.code) as [ExportReason, ...ExportReason[]];

export const EXPORT_NOTE_MIN = 5;
export const EXPORT_NOTE_MAX = 500;

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * What is exported: the case list as the screen shows it (masked names, age bands), or the line list
 * a centre works from (full identity and contact, dates, status). Columns in order, ja/en headings.
 */
export const EXPORT_COLUMNS = {
  case_list: [
    { key: 'case_number', ja: 'HER-SYS ID', en: 'HER-SYS ID' },
    { key: 'masked_name', ja: '氏名（マスク）', en: 'Name (masked)' },
    { key: 'sex', ja: '性別', en: 'Sex' },
    { key: 'age_band', ja: '年代', en: 'Age band' },
    { key: 'institution', ja: '報告医療機関', en: 'Reporting institution' },
    { key: 'classification', ja: '類型', en: 'Classification' },
    { key: 'confirmed', ja: '保健所確認済', en: 'Confirmed by centre' },
    { key: 'diagnosed_on', ja: '診断日', en: 'Diagnosed on' },
    { key: 'current_status', ja: '現在のステータス', en: 'Current status' },
    { key: 'registered_at', ja: '登録日時', en: 'Registered at' },
  ],
  line_list: [
    { key: 'case_number', ja: 'HER-SYS ID', en: 'HER-SYS ID' },
    { key: 'name_kanji', ja: '氏名', en: 'Name' },
    { key: 'name_kana', ja: 'フリガナ', en: 'Name (kana)' },
    { key: 'sex', ja: '性別', en: 'Sex' },
    { key: 'birth_date', ja: '生年月日', en: 'Date of birth' },
    { key: 'age', ja: '年齢', en: 'Age' },
    { key: 'residence_address', ja: '所在地', en: 'Where staying' },
    { key: 'phone', ja: '電話番号', en: 'Phone' },
    { key: 'institution', ja: '報告医療機関', en: 'Reporting institution' },
    { key: 'classification', ja: '類型', en: 'Classification' },
    { key: 'onset_on', ja: '発症日', en: 'Onset' },
    { key: 'diagnosed_on', ja: '診断日', en: 'Diagnosed on' },
    { key: 'current_status', ja: '現在のステータス', en: 'Current status' },
    { key: 'status_effective_on', ja: 'ステータス開始日', en: 'Status since' },
    { key: 'registered_at', ja: '登録日時', en: 'Registered at' },
  ],
} as const;

export type ExportKind = keyof typeof EXPORT_COLUMNS;
export const EXPORT_KINDS = Object.keys(EXPORT_COLUMNS) as [ExportKind, ...ExportKind[]];

/** The fingerprint's column: its heading is the same in every file, so identify finds it by name. */
export const CHECK_CODE_COLUMN = 'チェックコード / check code';

export const EXPORT_STATUSES = ['pending_approval', 'ready', 'fetched', 'expired', 'refused'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/** Rows above which a second person of the organisation approves (EXPORT_APPROVAL_THRESHOLD). */
export const DEFAULT_EXPORT_APPROVAL_THRESHOLD = 100;
/** How long a ready file may be fetched (once). */
export const EXPORT_DOWNLOAD_HOURS = 24;

export const needsApproval = (rows: number, threshold: number): boolean => rows > threshold;

/** The status a user sees: a ready file past its time is expired, whatever the row says. */
export function effectiveStatus(status: ExportStatus, expiresAt: Date | null, now: Date): ExportStatus {
  return status === 'ready' && expiresAt !== null && expiresAt.getTime() <= now.getTime() ? 'expired' : status;
}

export function exportReasonOf(code: ExportReason) {
  const reason = EXPORT_REASONS.find((r) => r.code === code);
  if (!reason) throw new Error(`unknown export reason ${code}`);
  return reason;
}

/** The purpose the audit records for the export (in Japanese, like the rest of the trail). */
export const exportPurpose = (code: ExportReason): string => `データ出力：${exportReasonOf(code).ja}`;

/** The approver's e-mail: no personal data, no file — only that an approval waits, and where. */
export function approvalEmail(p: { orgNameJa: string; requesterName: string; rows: number; listUrl: string }) {
  return {
    subject: '【HER-SYS】データ出力の承認依頼 / An export waits for your approval',
    text: [
      `${p.orgNameJa} の ${p.requesterName} さんが ${p.rows} 件のデータ出力を申請しました。`,
      '内容を確認し、承認または却下してください（ファイルはメールに添付されません）。',
      p.listUrl,
      '',
      `${p.requesterName} asked to export ${p.rows} rows. Please approve or refuse it in HER-SYS (no file is ever attached to an e-mail).`,
    ].join('\n'),
  };
}

export const EXPORT_MESSAGES = {
  export_network_refused: {
    ja: 'このネットワークからはデータ出力できません（許可された端末・回線から操作してください）。この試行は記録されました。',
    en: 'Exports are not allowed from this network (use an allowed terminal and line). This attempt has been recorded.',
  },
  export_not_ready: { ja: 'この出力はまだ承認されていないか、却下されました。', en: 'This export has not been approved, or it was refused.' },
  export_already_fetched: { ja: 'このファイルは既にダウンロードされています（ダウンロードは 1 回限りです）。', en: 'This file has already been downloaded (downloads are once only).' },
  export_expired: { ja: 'ダウンロードの期限（24 時間）を過ぎました。もう一度申請してください。', en: 'The download expired (24 hours). Please request the export again.' },
  export_not_pending: { ja: 'この出力は承認待ちではありません。', en: 'This export is not waiting for approval.' },
  export_own_approval: { ja: '自分の申請は承認できません（同じ組織の別の担当者が承認します）。', en: 'You cannot approve your own export (another person of your organisation does).' },
  export_password_xlsx_only: { ja: 'パスワードは Excel 形式（XLSX）にのみ設定できます。', en: 'A password can only be set on an Excel (XLSX) file.' },
  export_xlsx_too_large: {
    ja: 'パスワード付き Excel はこの件数では作成できません。条件を絞るか、CSV を選んでください。',
    en: 'A password-protected Excel file cannot hold this many rows. Narrow the filters or choose CSV.',
  },
  export_empty: { ja: '条件に当てはまる症例がありません。', en: 'No case matches these filters.' },
} as const;
