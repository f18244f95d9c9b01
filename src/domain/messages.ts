// The message catalogue: every sentence a person reads, Japanese first, English second.
// Error codes in API answers are these keys, so clients can also translate by code.
import { DAILY_REPORT_MESSAGES } from './daily-reports/messages.ts';
import { SENTINEL_MESSAGES } from './sentinel/messages.ts';
import { BULK_UPLOAD_MESSAGES } from './bulk-upload/messages.ts';
import { BREAK_GLASS_MESSAGES } from './privacy/break-glass.ts';
import { HELPDESK_MESSAGES } from './privacy/helpdesk.ts';
import { EXPORT_MESSAGES } from './privacy/exports.ts';
import { INCIDENT_MESSAGES } from './privacy/incidents.ts';
import { PERMISSION_REVIEW_MESSAGES } from './privacy/permission-reviews.ts';
import { REVIEW_MESSAGES } from './access-review/review.ts';
import { SELF_REGISTRATION_MESSAGES } from './self-registration.ts';
import { FHIR_CLIENT_MESSAGES } from './fhir/messages.ts';

export interface Localized {
  ja: string;
  en: string;
}

export const MESSAGES = {
  invalid_input: { ja: '入力内容に誤りがあります。', en: 'The input is not valid.' },
  invalid_json: { ja: 'JSON の形式が正しくありません。', en: 'The request body is not valid JSON.' },
  invalid_characters: {
    ja: '使用できない文字（NUL 文字または対になっていないサロゲート）が含まれています。',
    en: 'Contains a character that cannot be stored (a NUL character or an unpaired surrogate).',
  },
  unsupported_media_type: {
    ja: 'この形式のデータは受け付けられません。',
    en: 'This content type is not accepted.',
  },
  not_found: { ja: '対象が見つかりません。', en: 'Not found.' },
  forbidden: { ja: 'この操作を行う権限がありません。', en: 'You are not allowed to do this.' },
  access_limit_exceeded: {
    ja: '短時間に多数の記録を開いたため、この ID は停止されました。内容は表示されません。組織の管理者・個人情報保護管理者に連絡してください。',
    en: 'This ID opened too many records in a short time and has been suspended; the data is not shown. Contact your organisation’s administrator or privacy officer.',
  },
  unauthenticated: { ja: 'ログインしてください。', en: 'Please log in.' },
  session_expired: {
    ja: '一定時間操作がなかったため、ログアウトしました。',
    en: 'Your session has expired. Please log in again.',
  },
  step_required: {
    ja: 'ログインの手続きが完了していません。',
    en: 'Finish the login steps first.',
  },
  csrf_invalid: {
    ja: '画面を再読み込みしてからやり直してください（CSRF トークンが無効です）。',
    en: 'Reload the page and try again (invalid CSRF token).',
  },
  version_conflict: {
    ja: '他の利用者が先に更新しました。最新の内容を確認してからやり直してください。',
    en: 'Someone else changed this first. Reload and try again.',
  },
  rate_limited: {
    ja: '試行回数が多すぎます。しばらく待ってからやり直してください。',
    en: 'Too many attempts. Wait a moment and try again.',
  },
  // My HER-SYS (issue 11)
  sign_in_failed: {
    ja: 'スマホ入力IDまたは生年月日が正しくありません。',
    en: 'The self-report ID or the date of birth is not correct.',
  },
  sign_in_locked: {
    ja: '誤りが続いたため、ロックされました。保健所に連絡してください。',
    en: 'Locked after too many wrong attempts. Please call your health centre.',
  },
  code_invalid: { ja: '確認コードが正しくありません。', en: 'The code is not correct.' },
  code_expired: { ja: '確認コードの有効期限が切れました。最初からやり直してください。', en: 'The code has expired. Please start again.' },
  patient_unauthenticated: { ja: 'My HER-SYS にログインしてください。', en: 'Please sign in to My HER-SYS.' },
  already_reported_today: { ja: '今日の報告は済んでいます。訂正してください。', en: 'Today’s report is already in. Correct it instead.' },
  no_report_today: { ja: '今日の報告はまだありません。', en: 'There is no report for today yet.' },
  not_under_observation: { ja: '健康観察の期間ではありません。', en: 'You are not under observation now.' },
  case_closed: { ja: '療養解除または死亡の事例です。', en: 'The case is released or closed.' },
  no_contact_for_channel: {
    ja: 'この方法で送る連絡先（メールアドレスまたは携帯電話番号）が登録されていません。',
    en: 'The person has no e-mail address or mobile number for this channel.',
  },
  observe_until_required: {
    ja: '発病日・検体採取日・診断日がないため、健康観察の最終日を入力してください。',
    en: 'No onset, specimen or diagnosis date: enter the last day of observation.',
  },
  observe_until_past: { ja: '健康観察の最終日が過去の日付です。', en: 'The last day of observation is in the past.' },
  not_invited: { ja: 'この事例の患者は My HER-SYS に招待されていません。', en: 'The patient of this case has not been invited to My HER-SYS.' },
  household_invalid: {
    ja: '同じ事例、または別の世帯の代表者にはできません。',
    en: 'A case cannot report for itself, and the reporter cannot be someone else’s dependant.',
  },
  already_asked: { ja: 'このアクセスについては問い合わせ済みです。', en: 'You already asked about this access.' },
  question_answered: { ja: 'この問い合わせには回答済みです。', en: 'This question has already been answered.' },
  login_failed: {
    ja: 'ID・パスワードまたはワンタイムパスワードが正しくありません。',
    en: 'The ID, password or one-time code is not correct.',
  },
  login_backoff: {
    ja: 'ログインの失敗が続いたため、しばらく待ってからやり直してください。',
    en: 'Too many failed logins. Wait a little before trying again.',
  },
  account_locked: {
    ja: 'このIDはロックされています。ID を発行した管理者に連絡してください。',
    en: 'This ID is locked. Contact the administrator who issued it.',
  },
  account_suspended: {
    ja: 'このIDは利用停止中です。',
    en: 'This ID is suspended.',
  },
  totp_invalid: {
    ja: 'ワンタイムパスワードが正しくありません。',
    en: 'The one-time code is not correct.',
  },
  totp_not_started: {
    ja: '先に認証アプリの登録を開始してください。',
    en: 'Start the authenticator enrolment first.',
  },
  password_wrong: { ja: '現在のパスワードが正しくありません。', en: 'The current password is not correct.' },
  password_too_short: {
    ja: 'パスワードは12文字以上にしてください。',
    en: 'The password must be at least 12 characters long.',
  },
  password_too_long: {
    ja: 'パスワードは128文字以下にしてください。',
    en: 'The password must be at most 128 characters long.',
  },
  password_common: {
    ja: 'よく使われるパスワードのため使用できません。',
    en: 'This password is too common.',
  },
  password_contains_login_id: {
    ja: 'パスワードにIDを含めることはできません。',
    en: 'The password must not contain the login ID.',
  },
  password_unchanged: {
    ja: '新しいパスワードは現在のものと異なるものにしてください。',
    en: 'The new password must differ from the current one.',
  },
  outside_issuing_scope: {
    ja: 'この組織のIDを発行・管理する権限がありません。',
    en: 'You do not issue IDs for this organisation.',
  },
  role_not_allowed_at_org: {
    ja: 'この組織の利用者にはこの役割を付与できません。',
    en: 'This role cannot be given to a user of this organisation.',
  },
  quota_exceeded: {
    ja: 'この組織に割り当てられたIDの数を超えています。',
    en: 'The organisation has used up its quota of IDs.',
  },
  quota_below_ids_in_use: {
    ja: '上限は使用中のID数より少なくできません。先に不要なIDを削除してください。',
    en: 'The quota cannot be below the number of IDs in use. Delete IDs no longer needed first.',
  },
  login_id_taken: { ja: 'このIDは既に使われています。', en: 'This login ID is already taken.' },
  not_own_account: {
    ja: '自分自身のIDに対してこの操作はできません。',
    en: 'You cannot do this to your own ID.',
  },
  org_code_taken: { ja: 'このコードの組織は既に登録されています。', en: 'An organisation with this code already exists.' },
  org_kind_not_below: {
    ja: 'この種別の組織は、あなたの組織の下には登録できません。',
    en: 'An organisation of this kind cannot be registered below yours.',
  },
  // 発生届 (notifications)
  no_form_in_force: {
    ja: 'この感染症について、この診断日に有効な発生届の様式がありません。感染症と日付を確認してください。',
    en: 'No notification form for this disease was in force on this date of diagnosis. Check the disease and the date.',
  },
  unknown_disease: {
    ja: 'この感染症の発生届の様式はありません。一覧から選んでください。',
    en: 'There is no notification form for this disease. Choose one from the list.',
  },
  not_for_disease: {
    ja: 'この感染症の診断方法・検体にはありません。',
    en: 'Not a diagnostic method or specimen of this disease.',
  },
  disease_mismatch: {
    ja: '症例の感染症と異なる感染症の発生届は作成できません。',
    en: "A notification is filed under the case's own disease.",
  },
  institution_outside_area: {
    ja: '管轄区域外の医療機関の代理入力はできません。',
    en: 'You can only enter data on behalf of medical institutions in your area.',
  },
  proxy_entry_needs_fax_or_paper: {
    ja: '保健所による代理入力では、届出の受付方法（FAX・紙）、医療機関と医師の氏名を入力してください。',
    en: "A health centre enters a notification received by fax or on paper: give the source, the institution and the doctor's name.",
  },
  not_own_notification: {
    ja: 'この発生届を編集・報告する権限がありません。',
    en: 'You cannot edit or submit this notification.',
  },
  notification_not_draft: { ja: 'この発生届は報告済みのため、ここでは変更できません。', en: 'This notification has already been submitted.' },
  notification_not_submitted: { ja: 'この発生届はまだ報告されていません。', en: 'This notification has not been submitted yet.' },
  notification_already_confirmed: { ja: 'この発生届は既に保健所確認済です。', en: 'This notification has already been confirmed.' },
  not_responsible_centre: {
    ja: '担当または関係保健所の職員のみが、発生届の確認（保健所確認済）・取下げを行えます。',
    en: 'Only staff of the responsible or a related health centre can confirm or withdraw a notification.',
  },
  submission_blocked: {
    ja: '報告できません。未入力の必須項目と論理チェックの結果を確認してください。',
    en: 'The notification cannot be submitted yet. See the missing items and the check results.',
  },
  legal_minimum_missing: {
    ja: '報告に必要な最低限の項目（診断分類・氏名・性別・生年月日・所在地・診断方法）です。',
    en: 'Required before submitting (classification, name, sex, date of birth, location, diagnostic method).',
  },
  required_for_submission: { ja: 'この様式では報告前に入力が必要な項目です。', en: 'This form requires the item before submitting.' },
  logic_check_error: { ja: '論理チェックでエラーになりました。', en: 'A consistency check failed.' },
  warning_not_acknowledged: {
    ja: '論理チェックの警告です。内容を確認のうえ、確認済みとして報告してください。',
    en: 'A consistency check warns about this. Check it and acknowledge the warning to submit.',
  },
  self_confirmation: {
    ja: '入力・報告した職員自身による確認です。可能であれば別の職員が確認してください（Q&A 14-2）。',
    en: 'You entered or submitted this notification yourself; where possible, another member of staff should confirm it.',
  },
  not_collected_by_form: {
    ja: 'この様式（2022年6月30日の省令改正以降）では届け出ない項目です。空欄にしてください。',
    en: 'This form version no longer collects the item (2022-06-30 ordinance). Leave it empty.',
  },
  notification_superseded: {
    ja: 'この症例には追加登録された発生届があるため、以前の発生届は編集できません（Q&A 7）。',
    en: 'A later notification was added to this case, so earlier ones can no longer be changed.',
  },
  notification_withdrawn: { ja: 'この発生届は取り下げられています。', en: 'This notification has been withdrawn.' },
  case_has_draft: {
    ja: 'この症例には作成中の発生届があります。そちらを編集・報告してください。',
    en: 'This case already has a notification being drafted. Edit or submit that one.',
  },
  reclassification_needs_diagnosis_date: {
    ja: '診断分類を変更するときは、診断年月日も入力してください（Q&A 3）。',
    en: 'When changing the classification, give the date of diagnosis too.',
  },
  nothing_changed: { ja: '変更された項目がありません。', en: 'Nothing was changed.' },
  correction_blocked: {
    ja: '訂正できません。訂正後の内容で未入力の必須項目と論理チェックの結果を確認してください。',
    en: 'The correction cannot be saved. See the missing items and the check results of the corrected notification.',
  },
  // Answers to a form (field codes of src/domain/forms/answers.ts; details carry the item's own wording)
  wrong_type: { ja: '回答の形式が正しくありません。', en: 'The answer has the wrong form.' },
  invalid_date: { ja: '実在する日付を YYYY-MM-DD の形式で入力してください。', en: 'Enter a real date as YYYY-MM-DD.' },
  unknown_item: { ja: 'この様式にない項目です。', en: 'The form has no such item.' },
  unknown_code: { ja: 'この項目にない選択肢です。', en: 'Not an option of this item.' },
  duplicate_code: { ja: '同じ選択肢が重複しています。', en: 'The same option is listed more than once.' },
  exclusive_option: { ja: 'この選択肢はほかの選択肢と同時には選べません。', en: 'This option cannot be combined with others.' },
  other_text_not_allowed: { ja: 'この選択肢には補足の記述を付けられません。', en: 'This option takes no free text.' },
  out_of_range: { ja: '入力できる範囲外の値です。', en: 'The value is out of range.' },
  too_long: { ja: '入力が長すぎます。', en: 'The text is too long.' },
  too_many_repeats: { ja: '入力できる件数を超えています。', en: 'Too many entries.' },
  not_enabled: { ja: 'ほかの回答の内容から入力の対象外です。', en: 'This item does not apply given the other answers.' },
  // — issue 4: status, residence, responsibility (src/server/followup) —
  status_no_change: { ja: '現在のステータスと同じです。', en: 'The case already has this status.' },
  status_final: {
    ja: '療養解除・死亡のステータスは保健所だけが理由を付けて変更できます。',
    en: 'Released and died are final: only the health centre may reopen them, with a reason.',
  },
  status_reopen_needs_reason: { ja: '確定したステータスを変更する理由を入力してください。', en: 'Give the reason for reopening a final status.' },
  status_transition_not_allowed: {
    ja: 'このステータスへの変更はできません（保健所に依頼してください）。',
    en: 'You may not make this status change; ask the health centre.',
  },
  status_effective_in_future: { ja: '効力発生日に未来の日付は指定できません。', en: 'The effective date cannot be in the future.' },
  status_effective_before_current: {
    ja: '現在のステータスの効力発生日より前の日付は指定できません。',
    en: 'The effective date cannot precede that of the current status.',
  },
  not_an_inpatient: { ja: '貴院の入院患者ではありません。', en: 'This case is not an inpatient of your hospital.' },
  residence_org_invalid: {
    ja: '居所の種類に合った施設・医療機関を選んでください（宿泊療養施設は同じ都道府県のもの）。',
    en: 'Choose a facility or hospital that fits the kind of stay (an accommodation facility of the same prefecture).',
  },
  residence_address_required: { ja: '自宅の住所を入力してください。', en: 'Enter the home address.' },
  residence_overlaps: {
    ja: '他の居所の期間と重なります。先に現在の居所を確認してください。',
    en: 'This overlaps another stay; check the current one first.',
  },
  residence_ends_before_start: { ja: '終了日は開始日以降にしてください。', en: 'The end cannot precede the start.' },
  only_responsible_centre: { ja: '担当保健所だけが行える操作です。', en: 'Only the responsible health centre may do this.' },
  not_a_health_centre: { ja: '保健所を選んでください。', en: 'Choose a health centre.' },
  transfer_to_self: { ja: '現在の担当保健所は選べません。', en: 'That is already the responsible health centre.' },
  already_related: { ja: 'すでに関係保健所です。', en: 'That centre already shares the case.' },
  not_a_followup_centre: {
    ja: '同じ都道府県のフォローアップセンターを選んでください。',
    en: 'Choose a follow-up centre of the case’s prefecture.',
  },
  already_assigned: { ja: 'すでに割り当て済みです。', en: 'The case is already assigned there.' },
  assignment_of_residence: {
    ja: '居所による割り当ては、居所の終了日で終わります。',
    en: 'A stay’s assignment ends with the stay: set its end date.',
  },
  assignment_ended: { ja: 'この割り当てはすでに終了しています。', en: 'This assignment has already ended.' },
  assignment_of_admission: {
    ja: '入院による割り当ては、退院の記録で終わります。',
    en: 'An admission’s assignment ends with the discharge: record it on the admission.',
  },
  // — issue 4: hospital course (src/server/hospital) —
  admission_needs_hospital: { ja: '入院先の医療機関を選んでください。', en: 'Choose the hospital of the admission.' },
  not_a_hospital: { ja: '医療機関ではありません。', en: 'This is not a medical institution.' },
  admission_other_hospital: {
    ja: '他の医療機関の入院は記録・変更できません。',
    en: 'You may record and change only your own hospital’s admissions.',
  },
  admission_already_open: {
    ja: 'この医療機関への入院が既に記録されています（退院が未入力です）。',
    en: 'An admission to this hospital is already open for the case.',
  },
  admission_already_discharged: { ja: 'この入院は既に退院が記録されています。', en: 'This admission has already been discharged.' },
  admission_not_of_case: { ja: 'この症例の入院ではありません。', en: 'This admission is not one of the case’s.' },
  discharge_before_admission: { ja: '退院日は入院日以降の日付にしてください。', en: 'The discharge cannot precede the admission.' },
  discharge_needs_status: {
    ja: '退院後のステータス（自宅療養・宿泊療養・社会福祉施設等・療養解除）を選んでください。',
    en: 'Choose the status after discharge (home, accommodation, welfare facility or released).',
  },
  discharge_status_by_centre: {
    ja: '保健所は記録タブでステータスを変更してください。',
    en: 'A health centre changes the status in the record tab.',
  },
  admission_case_closed: {
    ja: '療養解除・死亡の症例です。先に記録タブで理由を付けてステータスを変更してから、入院を記録してください。',
    en: 'The case is released or died: reopen its status in the record tab, with the reason, before recording an admission.',
  },
  observed_outside_stay: { ja: '観察日が入院期間外です。', en: 'The day is outside the stay in hospital.' },
  // — issue 4: health observations, alerts, work list (src/server/observations) —
  alert_not_your_case: {
    ja: 'アラートを確認できるのは、担当保健所または関係保健所だけです。',
    en: 'Only the responsible or a related health centre may acknowledge this alert.',
  },
  alert_already_acknowledged: { ja: 'このアラートは確認済みです。', en: 'This alert has already been acknowledged.' },
  // — issue 4: contacts and the transmission chain (src/server/contacts) —
  contact_not_case_centre: {
    ja: 'この患者の担当または関係保健所の職員のみが、濃厚接触者を登録できます。',
    en: 'Only staff of the responsible or a related health centre of this case can register its contacts.',
  },
  contact_not_following_centre: {
    ja: 'この濃厚接触者を担当する保健所の職員のみが変更できます。',
    en: 'Only staff of the health centre following this contact can change it.',
  },
  contact_exposure_exists: { ja: 'この患者の濃厚接触者として既に登録されています。', en: 'This person is already registered as a contact of this case.' },
  contact_is_source_person: { ja: '患者本人をその患者の濃厚接触者にはできません。', en: 'A case cannot be its own contact.' },
  contact_already_case: { ja: 'この濃厚接触者は既に患者として登録されています。', en: 'This contact has already become a case.' },
  contact_case_other_person: { ja: 'この濃厚接触者本人の症例ではありません。', en: 'This case is not of the contact person.' },
  contact_outcome_by_case: {
    ja: '「患者化」は症例の登録または紐付けによって設定されます。',
    en: 'A contact becomes a case by registering or linking the case.',
  },
  last_contact_in_future: { ja: '最終接触日に未来の日付は指定できません。', en: 'The date of last contact cannot be in the future.' },
  last_contact_too_early: { ja: '最終接触日がこの感染症の発生より前です。', en: 'The date of last contact precedes the disease.' },
  // — issue 4: processing numbers and external IDs —
  processing_number_centre_only: {
    ja: '処理番号は担当保健所または関係保健所だけが発行できます。',
    en: 'Only the responsible or a related health centre issues processing numbers.',
  },
  processing_number_unknown: { ja: 'この処理番号は発行されていません。', en: 'This processing number was not issued.' },
  processing_number_used: { ja: 'この処理番号は既に使用されています。', en: 'This processing number has already been used.' },
  processing_number_expired: {
    ja: 'この処理番号は有効期限が切れています。保健所に再発行を依頼してください。',
    en: 'This processing number has expired. Ask the health centre for a new one.',
  },
  processing_number_revoked: {
    ja: 'この処理番号は新しい番号の発行により無効になっています。',
    en: 'This processing number was replaced by a newer one.',
  },
  redeem_token_invalid: {
    ja: '照会用のトークンがないか、正しくありません。',
    en: 'The bearer token is missing or not valid.',
  },
  external_id_taken: {
    ja: 'この NESID の ID は既に別の患者に登録されています。',
    en: 'This NESID ID is already registered for another case.',
  },
  external_id_duplicate: {
    ja: 'この ID は既にこの患者に登録されています。',
    en: 'This ID is already registered for this case.',
  },
  pdf_font_unavailable: {
    ja: 'PDF に使う日本語フォントがサーバーにありません。管理者に連絡してください（HERSYS_PDF_FONT、fonts-ipafont-gothic）。CSV と画面の表は使えます。',
    en: 'The Japanese font for PDFs is missing on the server. Contact the administrator (HERSYS_PDF_FONT, fonts-ipafont-gothic). The CSV and the on-screen tables still work.',
  },
  database_unavailable: {
    ja: 'データベースに接続できません。しばらく待ってからやり直してください（入力内容は保存されていません）。',
    en: 'The database cannot be reached. Wait a moment and try again (nothing was saved).',
  },
  idempotency_key_reused: {
    ja: 'この Idempotency-Key は別の内容の要求に使われています。新しいキーで送ってください。',
    en: 'This Idempotency-Key was used for a different request. Send it with a new key.',
  },
  idempotency_key_in_use: {
    ja: '同じ要求を処理中です。少し待ってから同じキーでやり直してください。',
    en: 'The same request is being processed. Wait a moment and retry with the same key.',
  },
  statistics_period_too_long: { ja: '期間は1500日以内にしてください。', en: 'The period may be at most 1,500 days.' },
  statistics_area_unknown: { ja: 'この地域の集計は表示できません。', en: 'There are no counts you may see for this area.' },
  internal: {
    ja: 'システムエラーが発生しました。時間をおいてやり直してください。',
    en: 'Something went wrong on our side. Please try again later.',
  },
  ...SELF_REGISTRATION_MESSAGES,
  ...INCIDENT_MESSAGES,
  ...REVIEW_MESSAGES,
  ...DAILY_REPORT_MESSAGES,
  ...SENTINEL_MESSAGES,
  ...BREAK_GLASS_MESSAGES,
  ...PERMISSION_REVIEW_MESSAGES,
  ...HELPDESK_MESSAGES,
  ...EXPORT_MESSAGES,
  ...FHIR_CLIENT_MESSAGES,
  ...BULK_UPLOAD_MESSAGES,
} as const satisfies Record<string, Localized>;

export type MessageKey = keyof typeof MESSAGES;

export function message(key: MessageKey): Localized {
  return MESSAGES[key];
}
