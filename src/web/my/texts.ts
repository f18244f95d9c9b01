// The words of My HER-SYS, the patient's phone page, in its three languages: Japanese, English and
// やさしい日本語 (plain Japanese for readers still learning it: short sentences, common words, simple
// kanji or hiragana, no furigana). Error sentences are ours too, chosen by the server's `code`, so
// that each reads right in all three; symptom names in ja/en come from the domain (red-flags.ts).
import type { Role } from '../../domain/organizations.ts';
import type { Symptom } from '../../domain/red-flags.ts';

export const MY_LANGS = ['ja', 'en', 'easy'] as const;
export type MyLang = (typeof MY_LANGS)[number];
export type Worded = Record<MyLang, string>;

export const MY_TEXT = {
  'app.name': { ja: 'My HER-SYS 健康観察', en: 'My HER-SYS health check', easy: 'My HER-SYS けんこうの ほうこく' },
  'lang.label': { ja: '表示言語', en: 'Language', easy: 'ことば' },
  'nav.main': { ja: 'メニュー', en: 'Menu', easy: 'メニュー' },
  'nav.home': { ja: '今日の報告', en: 'Today', easy: 'きょうの ほうこく' },
  'nav.accesses': { ja: '記録を見た人', en: 'Who opened my record', easy: 'きろくを 見た 人' },
  'nav.settings': { ja: '設定', en: 'Settings', easy: 'せってい' },
  'common.loading': { ja: '読み込み中…', en: 'Loading…', easy: 'よみこんで います…' },
  'common.sending': { ja: '送信中…', en: 'Sending…', easy: 'おくって います…' },
  'common.retry': { ja: 'もう一度読み込む', en: 'Try again', easy: 'もう一度 よみこむ' },
  'common.optional': { ja: '{{label}}（任意）', en: '{{label}} (optional)', easy: '{{label}}（なくても よい）' },

  'signIn.title': { ja: 'ログイン', en: 'Sign in', easy: 'ログイン' },
  'signIn.help': {
    ja: '保健所から届いた「スマホ入力ID」と生年月日を入力してください。確認のコードをお送りします。',
    en: 'Enter the phone reporting ID (スマホ入力ID) your health centre sent you and your date of birth. We will send you a code.',
    easy: 'ほけんじょから とどいた「スマホ入力ID」と、うまれた 日を 入れて ください。コードを おくります。',
  },
  'signIn.id': { ja: 'スマホ入力ID', en: 'Phone reporting ID', easy: 'スマホ入力ID' },
  'signIn.idHelp': { ja: '英字と数字の10文字', en: '10 letters and digits', easy: 'アルファベットと 数字の 10もじ' },
  'signIn.idInvalid': { ja: '英字と数字の10文字で入力してください。', en: 'Enter the 10 letters and digits.', easy: 'アルファベットと 数字の 10もじを 入れて ください。' },
  'signIn.birthDate': { ja: '生年月日', en: 'Date of birth', easy: 'うまれた 日' },
  'signIn.birthDateMissing': { ja: '生年月日を入力してください。', en: 'Enter your date of birth.', easy: 'うまれた 日を 入れて ください。' },
  'signIn.send': { ja: 'コードを送る', en: 'Send me a code', easy: 'コードを おくる' },
  'signIn.sent.sms': {
    ja: '{{to}} に SMS で6桁のコードを送りました。',
    en: 'We sent a 6-digit code by SMS to {{to}}.',
    easy: '{{to}} に SMSで 6けたの コードを おくりました。',
  },
  'signIn.sent.email': {
    ja: '{{to}} にメールで6桁のコードを送りました。',
    en: 'We sent a 6-digit code by e-mail to {{to}}.',
    easy: '{{to}} に メールで 6けたの コードを おくりました。',
  },
  'signIn.expires': { ja: '{{time}} まで使えます。', en: 'It works until {{time}}.', easy: '{{time}} まで つかえます。' },
  'signIn.code': { ja: 'コード（6桁の数字）', en: 'Code (6 digits)', easy: 'コード（6けたの 数字）' },
  'signIn.codeInvalid': { ja: '6桁の数字を入力してください。', en: 'Enter the 6 digits.', easy: '6けたの 数字を 入れて ください。' },
  'signIn.verify': { ja: 'ログイン', en: 'Sign in', easy: 'ログイン' },
  'signIn.resend': { ja: 'コードを送り直す', en: 'Send a new code', easy: 'もう一度 おくる' },
  'signIn.back': { ja: 'IDや生年月日を入力し直す', en: 'Change the ID or date of birth', easy: 'IDや うまれた 日を なおす' },
  'signIn.idle': {
    ja: 'しばらく操作がなかったため、ログアウトしました。もう一度ログインしてください。',
    en: 'You were signed out after a while without use. Please sign in again.',
    easy: 'しばらく つかわなかったので、ログアウト しました。もう一度 ログイン して ください。',
  },
  'signIn.signedOut': { ja: 'ログアウトしました。', en: 'You have signed out.', easy: 'ログアウト しました。' },

  'home.title': { ja: '今日の健康観察', en: 'Today’s health report', easy: 'きょうの けんこうの ほうこく' },
  'home.today': { ja: '{{date}}', en: '{{date}}', easy: '{{date}}' },
  'case.dependant': { ja: 'ご家族（代わりに報告）', en: 'Family member you report for', easy: 'かぞく（かわりに ほうこく する）' },
  'case.isolationLegal': {
    ja: '{{date}} まで療養（外出しない）をお願いします。',
    en: 'Stay in isolation until {{date}}.',
    easy: '{{date}} まで 家から 出ないで ください。',
  },
  'case.isolationRecommended': {
    ja: '{{date}} までは外出を控えることが勧められています。',
    en: 'You are advised to stay at home until {{date}}.',
    easy: '{{date}} までは なるべく 外に 出ないで ください。',
  },
  'case.observeUntil': { ja: '報告は {{date}} までお願いします。', en: 'Please report every day until {{date}}.', easy: '{{date}} まで 毎日 ほうこく して ください。' },
  'case.over': {
    ja: '報告の期間は終わりました。ご協力ありがとうございました。',
    en: 'The reporting period is over. Thank you for your help.',
    easy: 'ほうこくの きかんは おわりました。ありがとう ございました。',
  },
  'case.alerts': { ja: '保健所が確認している事項', en: 'Your health centre is looking at', easy: 'ほけんじょが 見て いる こと' },
  'case.reported': { ja: '今日の報告は届いています（{{time}}）。', en: 'Today’s report has arrived ({{time}}).', easy: 'きょうの ほうこくは とどいて います（{{time}}）。' },
  'case.correct': { ja: '今日の報告を直す', en: 'Correct today’s report', easy: 'きょうの ほうこくを なおす' },

  'report.title': { ja: '今日の報告', en: 'Today’s report', easy: 'きょうの ほうこく' },
  'report.correctTitle': { ja: '今日の報告を直す', en: 'Correct today’s report', easy: 'きょうの ほうこくを なおす' },
  'report.temperature': { ja: '体温（℃）', en: 'Temperature (°C)', easy: 'たいおん（℃）' },
  'report.temperatureHelp': { ja: '例：36.5', en: 'e.g. 36.5', easy: 'れい：36.5' },
  'report.temperatureInvalid': {
    ja: '34.0〜42.0 の数字を、小数点以下1桁まで入力してください。',
    en: 'A number from 34.0 to 42.0, with one decimal at most.',
    easy: '34.0 から 42.0 までの 数字を 入れて ください。',
  },
  'report.spo2': { ja: 'SpO2（%）', en: 'SpO2 (%)', easy: 'SpO2（%）' },
  'report.spo2Help': {
    ja: 'パルスオキシメーターがあれば、その数字を入力してください。',
    en: 'If you have a pulse oximeter, enter what it shows.',
    easy: 'パルスオキシメーター（ゆびに つける きかい）が あれば、その 数字を 入れて ください。',
  },
  'report.spo2Invalid': { ja: '50〜100 の整数で入力してください。', en: 'A whole number from 50 to 100.', easy: '50 から 100 までの 数字を 入れて ください。' },
  'report.pulse': { ja: '脈拍（回／分）', en: 'Pulse (beats a minute)', easy: 'みゃく（1分の 回数）' },
  'report.pulseInvalid': { ja: '20〜250 の整数で入力してください。', en: 'A whole number from 20 to 250.', easy: '20 から 250 までの 数字を 入れて ください。' },
  'report.symptoms': { ja: '今ある症状（あてはまるものすべて）', en: 'Symptoms you have now (all that apply)', easy: 'いま ある ようす（あてはまる ものを ぜんぶ）' },
  'report.feeling': { ja: '今日の体調は？', en: 'How do you feel today?', easy: 'きょうの 体の ちょうしは？' },
  'report.feelingMissing': { ja: 'どれか1つを選んでください。', en: 'Choose one.', easy: '1つ えらんで ください。' },
  'feeling.better': { ja: '良くなった', en: 'Better', easy: 'よく なった' },
  'feeling.same': { ja: '変わらない', en: 'The same', easy: 'かわらない' },
  'feeling.worse': { ja: '悪くなった', en: 'Worse', easy: 'わるく なった' },
  'report.note': { ja: '伝えたいこと', en: 'Anything else to tell', easy: 'つたえたい こと' },
  'report.send': { ja: '送信する', en: 'Send', easy: 'おくる' },
  'report.sendCorrection': { ja: '直した内容を送る', en: 'Send the correction', easy: 'なおして おくる' },
  'report.cancel': { ja: 'やめる', en: 'Cancel', easy: 'やめる' },
  'report.check': { ja: '入力を確かめてください。', en: 'Please check the form.', easy: '入れた ものを たしかめて ください。' },

  'result.thanks': {
    ja: '報告を受け付けました。ありがとうございました。',
    en: 'Thank you. Your report has arrived.',
    easy: 'ほうこくが とどきました。ありがとう ございました。',
  },
  'result.corrected': { ja: '報告を直しました。', en: 'Your report has been corrected.', easy: 'ほうこくを なおしました。' },
  'result.callTitle': { ja: 'すぐに保健所に電話してください', en: 'Call your health centre now', easy: 'すぐに ほけんじょに 電話 して ください' },
  'result.callBody': {
    ja: '報告の内容について、保健所の確認が必要です。',
    en: 'What you reported needs your health centre’s attention.',
    easy: 'ほうこくの 中に、ほけんじょが すぐ 知りたい ことが あります。',
  },
  'result.callCentre': { ja: '{{name}} に電話する（{{phone}}）', en: 'Call {{name}} ({{phone}})', easy: '{{name}} に 電話 する（{{phone}}）' },
  'result.noPhone': { ja: '{{name}} に連絡してください。', en: 'Contact {{name}}.', easy: '{{name}} に れんらく して ください。' },
  'result.emergency': {
    ja: '息が苦しい、意識がおかしいなど、急ぐときは 119 番に電話してください。',
    en: 'In an emergency, such as great difficulty breathing or confusion, call 119.',
    easy: 'いきが とても くるしい とき、ぼんやりして いる ときは、119に 電話 して ください。',
  },
  'result.call119': { ja: '119 番に電話する', en: 'Call 119', easy: '119に 電話 する' },

  'accesses.title': { ja: 'あなたの記録を見た人', en: 'Who opened my record', easy: 'あなたの きろくを 見た 人' },
  'accesses.help': {
    ja: '保健所や医療機関などの職員が、あなたの記録を開いた記録です。職員の名前ではなく、所属と役割を表示します。',
    en: 'Staff of health centres, clinics and others who opened your record. Their organisation and role are shown, never their names.',
    easy: 'ほけんじょや びょういんの 人が、あなたの きろくを 見た ときの リストです。名前は 出ません。',
  },
  'accesses.none': { ja: 'まだありません。', en: 'None yet.', easy: 'まだ ありません。' },
  'accesses.when': { ja: '日時', en: 'When', easy: 'いつ' },
  'accesses.who': { ja: '所属・役割', en: 'Organisation and role', easy: 'どこの だれ' },
  'accesses.what': { ja: '内容', en: 'What', easy: '何を した' },
  'accesses.why': { ja: '理由', en: 'Why', easy: 'なぜ' },
  'accesses.more': { ja: 'さらに表示', en: 'Show more', easy: 'もっと 見る' },
  'accesses.ask': { ja: 'このアクセスについて問い合わせる', en: 'Ask about this access', easy: 'この ことを しつもん する' },
  'accesses.question': { ja: '問い合わせの内容', en: 'Your question', easy: 'しつもん' },
  'accesses.questionMissing': { ja: '内容を入力してください。', en: 'Write your question.', easy: 'しつもんを 書いて ください。' },
  'accesses.send': { ja: '送る', en: 'Send', easy: 'おくる' },
  'accesses.asked': { ja: '問い合わせ済み', en: 'Asked', easy: 'しつもん ずみ' },
  'accesses.askedNow': {
    ja: '問い合わせを送りました。保健所から連絡があります。',
    en: 'Your question has been sent. Your health centre will contact you.',
    easy: 'しつもんを おくりました。ほけんじょから れんらくが あります。',
  },

  'settings.title': { ja: '設定', en: 'Settings', easy: 'せってい' },
  'settings.reminder': { ja: '報告のお知らせ時刻', en: 'Reminder time', easy: 'おしらせの じかん' },
  'settings.reminderHelp': {
    ja: 'この時刻までに今日の報告がないと、お知らせが届きます。',
    en: 'If today’s report has not been made by this time, you get a reminder.',
    easy: 'この じかんまでに ほうこく しないと、おしらせが きます。',
  },
  'settings.time': { ja: '時刻', en: 'Time', easy: 'じかん' },
  'settings.timeInvalid': { ja: '時刻を入力してください。', en: 'Enter a time.', easy: 'じかんを 入れて ください。' },
  'settings.saveOwn': { ja: 'この時刻にする', en: 'Use this time', easy: 'この じかんに する' },
  'settings.useCentre': { ja: '保健所の時刻にする', en: 'Use the centre’s time', easy: 'ほけんじょの じかんに する' },
  'settings.saved': { ja: 'お知らせ時刻を {{time}} にしました。', en: 'Reminders now come at {{time}}.', easy: 'おしらせの じかんを {{time}} に しました。' },
  'settings.paused': { ja: '現在、保健所がお知らせを止めています。', en: 'Your health centre has paused reminders.', easy: 'いまは ほけんじょが おしらせを とめて います。' },
  'settings.signOutTitle': { ja: 'ログアウト', en: 'Sign out', easy: 'ログアウト' },
  'settings.signOutHelp': {
    ja: '家族と共用のスマホでは、使い終わったらログアウトしてください。',
    en: 'On a phone you share, sign out when you are done.',
    easy: 'ほかの 人も つかう スマホでは、おわったら ログアウト して ください。',
  },
  'settings.signOut': { ja: 'ログアウト', en: 'Sign out', easy: 'ログアウト' },

  'error.sign_in_failed': {
    ja: 'スマホ入力IDまたは生年月日が正しくありません。',
    en: 'The ID or the date of birth is not correct.',
    easy: 'IDか うまれた 日が ちがいます。',
  },
  'error.sign_in_locked': {
    ja: '間違いが続いたため、ログインできなくなっています。保健所に電話してください。',
    en: 'Sign-in is locked after too many mistakes. Please call your health centre.',
    easy: 'まちがいが おおかったので、いまは ログイン できません。ほけんじょに 電話 して ください。',
  },
  'error.rate_limited': {
    ja: '試行回数が多すぎます。{{seconds}} 秒ほど待ってからやり直してください。',
    en: 'Too many tries. Wait about {{seconds}} seconds and try again.',
    easy: 'なんども ためしました。{{seconds}}びょう まって から、もう一度 して ください。',
  },
  'error.rate_limited_later': {
    ja: '試行回数が多すぎます。しばらく待ってからやり直してください。',
    en: 'Too many tries. Wait a little and try again.',
    easy: 'なんども ためしました。すこし まって から、もう一度 して ください。',
  },
  'error.code_invalid': { ja: 'コードが正しくありません。', en: 'The code is not correct.', easy: 'コードが ちがいます。' },
  'error.code_expired': {
    ja: 'コードの有効期限が切れました。「コードを送り直す」を押してください。',
    en: 'The code has expired. Press “Send a new code”.',
    easy: 'コードの じかんが おわりました。「もう一度 おくる」を おして ください。',
  },
  'error.session_expired': {
    ja: 'しばらく操作がなかったため、ログアウトしました。もう一度ログインしてください。',
    en: 'You were signed out after a while without use. Please sign in again.',
    easy: 'しばらく つかわなかったので、ログアウト しました。もう一度 ログイン して ください。',
  },
  'error.unauthenticated': { ja: 'ログインしてください。', en: 'Please sign in.', easy: 'ログイン して ください。' },
  'error.already_reported_today': {
    ja: '今日の報告はすでに届いています。入力した内容で直す場合は、もう一度「直した内容を送る」を押してください。',
    en: 'Today’s report had already arrived. To replace it with what you typed, press “Send the correction”.',
    easy: 'きょうの ほうこくは もう とどいて います。入れた ないようで なおす ときは「なおして おくる」を おして ください。',
  },
  'error.not_under_observation': {
    ja: '報告の期間は終わっています。',
    en: 'The reporting period is over.',
    easy: 'ほうこくの きかんは おわりました。',
  },
  'error.invalid_input': { ja: '入力内容を確かめてください。', en: 'Please check what you entered.', easy: '入れた ものを たしかめて ください。' },
  'error.csrf_invalid': {
    ja: '画面を再読み込みしてから、やり直してください。',
    en: 'Reload the page and try again.',
    easy: 'ページを よみこみ なおして、もう一度 して ください。',
  },
  'error.database_unavailable': {
    ja: 'ただいま混み合っています。入力した内容は残っています。少し待ってから、もう一度送ってください。',
    en: 'The service is busy. What you typed is kept; wait a moment and send again.',
    easy: 'いま こんで います。入れた ないようは のこって います。すこし まって、もう一度 おくって ください。',
  },
  'error.network': {
    ja: '通信できませんでした。入力した内容は残っています。電波の良い所で、もう一度送ってください。',
    en: 'The connection failed. What you typed is kept; try sending again where the signal is better.',
    easy: 'つうしん できませんでした。入れた ないようは のこって います。もう一度 おくって ください。',
  },
  'error.other': {
    ja: 'うまくいきませんでした。もう一度お試しください。',
    en: 'Something went wrong. Please try again.',
    easy: 'うまく いきませんでした。もう一度 して ください。',
  },
} satisfies Record<string, Worded>;
export type MyTextKey = keyof typeof MY_TEXT;

/** Symptoms in plain Japanese; ja and en are the domain's own labels (SYMPTOMS). */
export const EASY_SYMPTOMS: Record<Symptom, string> = {
  fever: 'ねつが ある',
  cough: 'せきが 出る',
  sore_throat: 'のどが いたい',
  breathlessness: 'いきが くるしい',
  chest_pain: 'むねが いたい',
  confusion: 'ぼんやり する・話が わからない',
  fatigue: '体が だるい',
  headache: 'あたまが いたい',
  loss_of_taste_smell: 'あじや においが わからない',
  diarrhoea: 'げりを して いる',
  vomiting: 'はいて しまう',
};

/**
 * The roles of the staff who opened a record, as a patient reads them: "保健所の職員" rather than the
 * staff app's own role names (its ui-text.ts is not loaded here, and the wording differs).
 */
export const ROLE_WORDS: Record<Role, Worded> = {
  doctor: { ja: '医師', en: 'Doctor', easy: 'いしゃ' },
  clerk: { ja: '医療機関の事務職員', en: 'Clinic or hospital clerk', easy: 'びょういんの じむの 人' },
  hc_staff: { ja: '保健所の職員', en: 'Health centre staff', easy: 'ほけんじょの 人' },
  prefecture_staff: { ja: '都道府県の職員', en: 'Prefecture staff', easy: 'けん（都道府県）の 人' },
  coordination_hq: { ja: '入院調整本部の職員', en: 'Hospital admission coordination staff', easy: '入院を きめる 人' },
  facility_staff: { ja: '宿泊療養施設の職員', en: 'Isolation facility staff', easy: 'りょうようの ホテルの 人' },
  followup_staff: { ja: 'フォローアップセンターの職員', en: 'Follow-up centre staff', easy: 'フォローアップセンターの 人' },
  ministry_staff: { ja: '厚生労働省の職員', en: 'Ministry of Health staff', easy: '国（厚生労働省）の 人' },
  org_admin: { ja: 'ID管理者', en: 'ID administrator', easy: 'IDを かんり する 人' },
  privacy_officer: { ja: '個人情報保護管理者', en: 'Privacy officer', easy: 'こじん じょうほうを まもる 人' },
  helpdesk: { ja: 'ヘルプデスク（厚生労働省・委託先）', en: 'Helpdesk (ministry or its contractor)', easy: 'こまった ときの 相談まどぐちの 人' },
};

/** Each language's name in itself, for the switch. */
export const LANG_NAMES: Record<MyLang, string> = { ja: '日本語', en: 'English', easy: 'やさしい日本語' };
