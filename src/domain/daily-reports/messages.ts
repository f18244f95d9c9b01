// The daily report's sentences, Japanese first (merged into the catalogue, messages.ts).
export const DAILY_REPORT_MESSAGES = {
  daily_report_unknown_cell: { ja: 'この様式にない区分です。', en: 'This form has no such cell.' },
  daily_report_count_invalid: { ja: '0以上の整数を入力してください（上限あり）。', en: 'Enter a whole number, 0 or more (within the limit).' },
  daily_report_future_day: { ja: '未来の日の報告はできません。', en: 'A day in the future cannot be reported.' },
  daily_report_no_form: { ja: 'この日に有効な日次報告の様式はありません。', en: 'No daily report form is in force on this day.' },
  daily_report_form_not_in_force: {
    ja: 'この様式の版はこの日には有効ではありません。画面を再読み込みしてください。',
    en: 'This form version is not in force on this day. Reload the page.',
  },
  daily_report_exists: {
    ja: 'この日の日次報告は既に提出されています。修正してください。',
    en: 'This day is already reported. Correct the report instead.',
  },
  daily_report_correction_closed: {
    ja: '医療機関が修正できるのは報告日の当日だけです。都道府県に修正を依頼してください。',
    en: 'An institution corrects a report only on its own day. Ask the prefecture to correct it.',
  },
  daily_report_reason_required: { ja: '修正の理由を入力してください。', en: 'Give the reason for the correction.' },
  daily_report_not_institution: { ja: '日次報告は医療機関が提出します。', en: 'Daily reports are filed by medical institutions.' },
  daily_report_outside_area: { ja: '管轄外の医療機関です。', en: 'This institution is outside your area.' },
} as const;
