// Labels of less typing (issue 15): the postal code that fills the address, and "same address as"
// a household member on registration. Japanese first, English second. Spread into UI (ui-text.ts).
import type { Localized } from '../domain/messages.ts';

export const LESS_TYPING_UI = {
  'postal.label': { ja: '郵便番号', en: 'Postal code' },
  'postal.help': {
    ja: '7桁を入力すると{{field}}に都道府県・市区町村・町域を入れます（日本郵便のデータ {{date}} 時点）。続きの番地などを入力してください。',
    en: 'Enter the 7 digits to fill the prefecture, city and town into {{field}} (Japan Post data as of {{date}}); then type the rest of the address.',
  },
  'postal.looking': { ja: '郵便番号から住所を検索しています…', en: 'Looking up the postal code…' },
  'postal.filled': { ja: '{{field}}に「{{address}}」を入れました。続きの番地などを入力してください。', en: '“{{address}}” was entered into {{field}}. Type the rest of the address.' },
  'postal.wholeCity': {
    ja: '{{field}}に「{{address}}」を入れました（この郵便番号は市区町村全体です）。町域と番地を入力してください。',
    en: '“{{address}}” was entered into {{field}} (this code covers the whole municipality). Type the town and the rest.',
  },
  'postal.several': {
    ja: 'この郵便番号には {{count}} 件の町域があります。「町域」から選んでください。',
    en: 'This postal code has {{count}} towns: choose one under “Town”.',
  },
  'postal.town': { ja: '町域', en: 'Town' },
  'postal.chooseTown': { ja: '選択してください', en: 'Choose' },
  'postal.unknown': { ja: '郵便番号 {{code}} は見つかりません。住所を直接入力してください。', en: 'Postal code {{code}} was not found. Type the address yourself.' },
  'postal.kept': {
    ja: '{{field}}に入力済みの住所は変えていません。郵便番号の住所は「{{address}}」です。',
    en: 'The address already in {{field}} was left as it is. The postal code’s address is “{{address}}”.',
  },
  'postal.replace': { ja: '郵便番号の住所で置き換える', en: 'Replace with the postal code’s address' },
  'postal.failed': { ja: '住所を検索できませんでした。住所を直接入力してください。', en: 'The address could not be looked up. Type it yourself.' },
  'household.title': { ja: '同じ世帯の患者と同じ住所', en: 'Same address as a household member' },
  'household.help': {
    ja: '同じ世帯の患者の患者番号（8桁、HER-SYS ID）を入力すると、その患者の所在地・住所・電話番号をこの画面に写します（閲覧できる患者のみ。閲覧は記録されます）。写した後も編集できます。',
    en: 'Enter the case number (8 digits, the HER-SYS ID) of a household member who is a case to copy their location, address and phone here (cases you may see only; the reading is logged). You can still edit them.',
  },
  'household.caseNumber': { ja: '世帯員の患者番号（8桁）', en: 'Household member’s case number (8 digits)' },
  'household.copy': { ja: '住所と電話番号を写す', en: 'Copy address and phone' },
  'household.invalid': { ja: '患者番号は8桁の数字です（最後の桁は誤入力を見つけるための数字です）。', en: 'A case number is 8 digits (the last one catches typing mistakes).' },
  'household.notFound': { ja: '患者番号 {{number}} の患者は見つかりません（閲覧できる患者のみ）。', en: 'No case number {{number}} among the cases you may see.' },
  'household.copied': {
    ja: '{{name}}（患者番号 {{number}}）の{{what}}を写しました。',
    en: 'Copied the {{what}} of {{name}} (case number {{number}}).',
  },
  'household.nothing': { ja: '{{name}}（患者番号 {{number}}）には写せる住所・電話番号がありません。', en: '{{name}} (case number {{number}}) has no address or phone to copy.' },
  'household.what.residenceAddress': { ja: '所在地', en: 'location' },
  'household.what.registeredAddress': { ja: '住所', en: 'address' },
  'household.what.phone': { ja: '電話番号', en: 'phone' },
  'household.and': { ja: '・', en: ', ' },
  'household.busy': { ja: '患者を検索しています…', en: 'Looking up the case…' },
} satisfies Record<string, Localized>;
