// The labels of 陽性者登録: the public form and the follow-up centre's review. The rules' own words
// (risk factors, reasons, statuses, symptoms) come from the domain, added under their prefixes.
import i18next from 'i18next';
import type { Localized } from '../../../domain/messages.ts';
import { SYMPTOMS } from '../../../domain/red-flags.ts';
import { REJECT_REASONS, RISK_FACTORS, SELF_REGISTRATION_STATUS_LABELS } from '../../../domain/self-registration.ts';
import { loadScreenTexts } from '../../i18n.ts';

export const SELF_REGISTER_UI = {
  'sr.title': { ja: '陽性者登録（抗原検査キットで陽性だった方）', en: 'Register a positive self-test' },
  'sr.intro': {
    ja: '抗原検査キットで陽性となった方は、医療機関を受診せずにここで登録できます。都道府県のフォローアップセンターが確認します。',
    en: 'If your antigen self-test was positive, you can register here instead of seeing a doctor. The prefecture’s follow-up centre reviews it.',
  },
  'sr.lang': { ja: 'English', en: '日本語' },
  'sr.section.identity': { ja: 'ご本人', en: 'About you' },
  'sr.section.contact': { ja: '連絡先', en: 'Contact' },
  'sr.section.test': { ja: '検査', en: 'The test' },
  'sr.section.health': { ja: '症状と重症化リスク', en: 'Symptoms and risk factors' },
  'sr.prefecture': { ja: '登録する都道府県', en: 'Prefecture' },
  'sr.choose': { ja: '選択してください', en: 'Choose' },
  'sr.nameKanji': { ja: '氏名（漢字）', en: 'Name (as in kanji)' },
  'sr.nameKana': { ja: '氏名（フリガナ）', en: 'Name (kana)' },
  'sr.sex': { ja: '性別', en: 'Sex' },
  'sr.sex.male': { ja: '男', en: 'Male' },
  'sr.sex.female': { ja: '女', en: 'Female' },
  'sr.birthDate': { ja: '生年月日', en: 'Date of birth' },
  'sr.address': { ja: '今いる場所の住所', en: 'Address where you are staying' },
  'sr.phone': { ja: '電話番号', en: 'Phone number' },
  'sr.email': { ja: 'メールアドレス', en: 'E-mail address' },
  'sr.channel': { ja: '確認コードと結果の受け取り方', en: 'Send the code and the result by' },
  'sr.channel.email': { ja: 'メール', en: 'E-mail' },
  'sr.channel.sms': { ja: 'SMS（携帯電話）', en: 'SMS (mobile phone)' },
  'sr.kit': { ja: '検査キットの名前（箱に書かれた名前）', en: 'Test kit name (as on the box)' },
  'sr.specimen': { ja: '検体', en: 'Sample' },
  'sr.specimen.nasal_swab': { ja: '鼻ぬぐい液', en: 'Nose swab' },
  'sr.specimen.saliva': { ja: '唾液', en: 'Saliva' },
  'sr.testDate': { ja: '検査日', en: 'Test date' },
  'sr.testDate.help': { ja: '3日以内の検査に限ります。', en: 'The test must be from the last 3 days.' },
  'sr.photo': { ja: '検査結果の写真（任意・JPEG/PNG、2 MB まで）', en: 'Photo of the result (optional; JPEG/PNG, up to 2 MB)' },
  'sr.symptoms': { ja: '今ある症状', en: 'Symptoms you have' },
  'sr.onsetDate': { ja: '症状が出た日', en: 'Day the symptoms began' },
  'sr.risks': { ja: '当てはまるもの', en: 'What applies to you' },
  'sr.submit': { ja: '確認コードを送る', en: 'Send me the code' },
  'sr.sending': { ja: '送信中…', en: 'Sending…' },
  'sr.code.title': { ja: '確認コードの入力', en: 'Enter the code' },
  'sr.code.sent': { ja: '{{to}} に6桁の確認コードを送りました。', en: 'We sent a 6-digit code to {{to}}.' },
  'sr.code': { ja: '確認コード（6桁）', en: 'Code (6 digits)' },
  'sr.code.submit': { ja: '登録する', en: 'Register' },
  'sr.reference': { ja: '受付番号', en: 'Reference' },
  'sr.done.title': { ja: '登録を受け付けました', en: 'Your registration was received' },
  'sr.done.text': {
    ja: 'フォローアップセンターが確認し、結果をメールまたは SMS でお知らせします。受付番号を控えてください。',
    en: 'The follow-up centre will review it and tell you the result by e-mail or SMS. Keep your reference.',
  },
  'rg.title': { ja: '陽性者登録の確認', en: 'Self-registrations to review' },
  'rg.status': { ja: '状態', en: 'Status' },
  'rg.empty': { ja: '該当する登録はありません。', en: 'No registrations.' },
  'rg.col.reference': { ja: '受付番号', en: 'Reference' },
  'rg.col.name': { ja: '氏名', en: 'Name' },
  'rg.col.sex': { ja: '性別', en: 'Sex' },
  'rg.col.age': { ja: '年代', en: 'Age' },
  'rg.col.testDate': { ja: '検査日', en: 'Test date' },
  'rg.col.symptomatic': { ja: '症状', en: 'Symptoms' },
  'rg.col.risks': { ja: 'リスク因子', en: 'Risk factors' },
  'rg.col.submitted': { ja: '登録日時', en: 'Registered' },
  'rg.yes': { ja: 'あり', en: 'Yes' },
  'rg.no': { ja: 'なし', en: 'No' },
  'rg.open': { ja: '開く', en: 'Open' },
  'rg.back': { ja: '一覧へ戻る', en: 'Back to the list' },
  'rg.detail.title': { ja: '陽性者登録 {{reference}}', en: 'Self-registration {{reference}}' },
  'rg.kit': { ja: '検査キット', en: 'Test kit' },
  'rg.photo': { ja: '検査結果の写真', en: 'Photo of the result' },
  'rg.photo.show': { ja: '写真を表示', en: 'Show the photo' },
  'rg.duplicates': { ja: '同一人物の可能性がある登録済みの方', en: 'Likely the same person, already registered' },
  'rg.duplicates.none': { ja: '見つかりませんでした（閲覧できる範囲）。', en: 'None found (among those you may see).' },
  'rg.person': { ja: '登録先の人', en: 'Person' },
  'rg.observeUntil': { ja: 'My HER-SYS の健康観察の最終日', en: 'My HER-SYS: last day to report' },
  'rg.observeUntil.help': { ja: '空欄のときは療養期間の最終日です。', en: 'Empty: the last day of isolation.' },
  'rg.person.new': { ja: '新しい人として登録する', en: 'Register as a new person' },
  'rg.person.existing': { ja: 'この人の新しい患者として登録する: {{name}}', en: 'A new case of this person: {{name}}' },
  'rg.accept': { ja: '受理して発生届を提出', en: 'Accept and file the notification' },
  'rg.accept.help': { ja: '受理はフォローアップセンターの医師が行います。', en: 'A doctor of the follow-up centre accepts.' },
  'rg.healthCentre': { ja: '担当保健所（今いる場所の保健所）', en: 'Responsible health centre (of where the person stays)' },
  'rg.diagnosedOn': { ja: '診断日', en: 'Diagnosis date' },
  'rg.accepted': { ja: '受理しました。', en: 'Accepted.' },
  'rg.openCase': { ja: '患者のページを開く', en: 'Open the case' },
  'rg.reject': { ja: '不受理にする', en: 'Reject' },
  'rg.reason': { ja: '理由（本人に伝わります）', en: 'Reason (the person is told)' },
  'rg.note': { ja: 'センター内のメモ（本人には送られません）', en: 'Note for the centre (not sent)' },
  'rg.rejected': { ja: '不受理にしました。本人に理由を送りました。', en: 'Rejected. The person was told the reason.' },
} as const satisfies Record<string, Localized>;

const prefixed = (table: Record<string, Localized>, prefix: string) => Object.fromEntries(Object.entries(table).map(([k, v]) => [prefix + k, v]));

let loaded: Promise<void> | undefined;

/** The screens' shared labels, these, and the domain's words; once. */
export function loadSelfRegisterTexts(): Promise<void> {
  loaded ??= loadScreenTexts().then(() => {
    const all: Record<string, Localized> = {
      ...SELF_REGISTER_UI,
      ...prefixed(SYMPTOMS, 'symptom.'),
      ...prefixed(RISK_FACTORS, 'risk.'),
      ...prefixed(REJECT_REASONS, 'reason.'),
      ...prefixed(SELF_REGISTRATION_STATUS_LABELS, 'srstatus.'),
    };
    for (const lang of ['ja', 'en'] as const) i18next.addResources(lang, 'translation', Object.fromEntries(Object.entries(all).map(([k, v]) => [k, v[lang]])));
  });
  return loaded;
}
