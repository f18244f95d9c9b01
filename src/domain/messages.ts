// The message catalogue: every sentence a person reads, Japanese first, English second.
// Error codes in API answers are these keys, so clients can also translate by code.

export interface Localized {
  ja: string;
  en: string;
}

export const MESSAGES = {
  invalid_input: { ja: '入力内容に誤りがあります。', en: 'The input is not valid.' },
  invalid_json: { ja: 'JSON の形式が正しくありません。', en: 'The request body is not valid JSON.' },
  unsupported_media_type: {
    ja: 'この形式のデータは受け付けられません。',
    en: 'This content type is not accepted.',
  },
  not_found: { ja: '対象が見つかりません。', en: 'Not found.' },
  forbidden: { ja: 'この操作を行う権限がありません。', en: 'You are not allowed to do this.' },
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
  login_id_taken: { ja: 'このIDは既に使われています。', en: 'This login ID is already taken.' },
  not_own_account: {
    ja: '自分自身のIDに対してこの操作はできません。',
    en: 'You cannot do this to your own ID.',
  },
  user_deleted: { ja: 'このIDは削除されています。', en: 'This ID has been deleted.' },
  org_code_taken: { ja: 'このコードの組織は既に登録されています。', en: 'An organisation with this code already exists.' },
  org_kind_not_below: {
    ja: 'この種別の組織は、あなたの組織の下には登録できません。',
    en: 'An organisation of this kind cannot be registered below yours.',
  },
  internal: {
    ja: 'システムエラーが発生しました。時間をおいてやり直してください。',
    en: 'Something went wrong on our side. Please try again later.',
  },
} as const satisfies Record<string, Localized>;

export type MessageKey = keyof typeof MESSAGES;

export function message(key: MessageKey): Localized {
  return MESSAGES[key];
}
