// The sentinel reports' sentences, Japanese first (merged into the catalogue, messages.ts).
export const SENTINEL_MESSAGES = {
  sentinel_unknown_cell: { ja: 'この様式にない区分です。', en: 'This form has no such cell.' },
  sentinel_unknown_disease: { ja: 'この様式にない疾患です。', en: 'This form does not count this disease.' },
  sentinel_count_invalid: { ja: '0以上の整数を入力してください（上限あり）。', en: 'Enter a whole number, 0 or more (within the limit).' },
  sentinel_future_week: { ja: 'まだ始まっていない週の報告はできません。', en: 'A week that has not begun cannot be reported.' },
  sentinel_no_form: { ja: 'この週に有効な定点報告の様式はありません。', en: 'No sentinel report form is in force in this week.' },
  sentinel_form_not_in_force: {
    ja: 'この様式の版はこの週には有効ではありません。画面を再読み込みしてください。',
    en: 'This form version is not in force in this week. Reload the page.',
  },
  sentinel_not_designated: {
    ja: 'この週、この医療機関はこの種類の定点に指定されていません。',
    en: 'This institution is not designated as this kind of sentinel in this week.',
  },
  sentinel_report_exists: { ja: 'この週の定点報告は既に提出されています。修正してください。', en: 'This week is already reported. Correct the report instead.' },
  sentinel_correction_closed: {
    ja: '医療機関が修正できるのは報告期限（翌週の月曜日）までです。都道府県に修正を依頼してください。',
    en: 'An institution corrects its report until it is due (the Monday after the week). Ask the prefecture to correct it.',
  },
  sentinel_reason_required: { ja: '修正の理由を入力してください。', en: 'Give the reason for the correction.' },
  sentinel_not_institution: { ja: '定点報告は指定された医療機関が提出します。', en: 'Sentinel reports are filed by designated medical institutions.' },
  sentinel_not_medical_institution: { ja: '定点に指定できるのは医療機関だけです。', en: 'Only a medical institution can be designated.' },
  sentinel_outside_prefecture: { ja: '管轄外の医療機関です。', en: 'This institution is outside your prefecture.' },
  sentinel_designation_overlaps: {
    ja: 'この期間は既に指定されています（指定期間が重なります）。',
    en: 'The institution is already designated for this period (designations overlap).',
  },
  sentinel_until_before_from: { ja: '指定終了日は指定開始日以降にしてください。', en: 'The last day must not be before the first day.' },
  sentinel_designation_ended: { ja: 'この指定は既に終了しています。', en: 'This designation has already ended.' },
} as const;
