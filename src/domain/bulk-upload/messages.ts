// What a bulk upload answers when the file cannot be taken (ja/en, src/domain/messages.ts).
export const BULK_UPLOAD_MESSAGES = {
  bulk_upload_unreadable: {
    ja: 'ファイルを読み取れません。テンプレートから作成した CSV（UTF-8 または Shift_JIS）か XLSX を選んでください。',
    en: 'The file cannot be read. Choose a CSV (UTF-8 or Shift_JIS) or an XLSX made from the template.',
  },
  bulk_upload_too_large: {
    ja: 'ファイルが大きすぎます（5 MB まで）。分けてアップロードしてください。',
    en: 'The file is too large (5 MB at most). Upload it in parts.',
  },
  bulk_upload_expands_too_much: {
    ja: 'XLSX ファイルを展開すると大きすぎます（50 MB まで）。テンプレートから作成し、不要なシートや書式を削除してください。',
    en: 'The XLSX file expands to too much when opened (50 MB at most). Make it from the template and remove unneeded sheets and formatting.',
  },
  bulk_upload_empty: {
    ja: 'ファイルに見出し行とデータ行がありません。テンプレートの2行目から入力してください。',
    en: 'The file has no heading row and data rows. Enter the data from the second row of the template.',
  },
  bulk_upload_too_many_rows: {
    ja: '一度にアップロードできるのは5,000行までです。ファイルを分けてください。',
    en: 'At most 5,000 rows can be uploaded at once. Split the file.',
  },
  bulk_upload_wrong_headers: {
    ja: '見出し行がテンプレートと合いません。足りない列・不明な列を確認してください。',
    en: 'The heading row does not match the template. Check the missing and unknown columns.',
  },
  bulk_upload_institution_needed: {
    ja: '保健所が入力する場合は、届出を行った医療機関を選んでください。',
    en: 'A health centre entering notifications chooses the reporting medical institution.',
  },
  bulk_upload_row_registered: {
    ja: 'この行は登録済みのため変更できません。',
    en: 'This row is registered and can no longer be changed.',
  },
  bulk_upload_row_failed: {
    ja: 'この行は登録できませんでした（何も登録されていません）。内容を確認して再チェックしてください。',
    en: 'This row could not be registered (nothing of it was saved). Check it and check it again.',
  },
  bulk_upload_unknown_column: {
    ja: 'この列はテンプレートにありません。',
    en: 'There is no such column in the template.',
  },
} as const;
