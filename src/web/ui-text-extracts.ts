// Labels of the pseudonymised extracts (仮名加工データの抽出, issue 14, Q&A 21–22): the form and the
// log, Japanese first, English second. Spread into UI (ui-text.ts).
import type { Localized } from '../domain/messages.ts';

export const EXTRACT_UI = {
  'extract.title': { ja: '仮名加工データの抽出', en: 'Pseudonymised extract' },
  'extract.intro': {
    ja: '所管の事例を、分析や研究者等への提供（Q&A 21・22：各自治体の個人情報保護条例・内規に従って）のために、氏名・住所・電話番号・生年月日・正確な日付・HER-SYS ID・自由記載を含まない表として抽出します。事例ごとの仮名IDはこの抽出限りのもので、鍵は保存しないため、誰も元の事例と照合できません。選んだ準識別子の組み合わせが k 人未満の行は、項目を1つ秘匿し、それでも k 人に満たない行は提供しません。',
    en: 'Extract the cases in your scope for analysis or for researchers (Q&A 21–22: under your municipality’s privacy rules) as a table without names, addresses, phone numbers, dates of birth, exact dates, HER-SYS IDs or free text. Each case’s pseudonym belongs to this extract only and its key is not kept, so no one can link a row back to its case. Rows whose combination of the chosen quasi-identifiers is shared by fewer than k cases have one of them suppressed, and rows still under k are left out.',
  },
  'extract.from': { ja: '期間（報告日）の初日', en: 'Period (report date): first day' },
  'extract.to': { ja: '期間の最終日', en: 'Last day' },
  'extract.qis': { ja: '含める準識別子（一般化済み）', en: 'Quasi-identifiers to include (generalised)' },
  'extract.qisHelp': { ja: '多く選ぶほど秘匿される行が増えます。', en: 'The more you choose, the more rows are suppressed.' },
  'extract.k': { ja: 'k（同じ組み合わせの最小人数）', en: 'k (the fewest cases sharing a combination)' },
  'extract.purpose': { ja: '利用目的', en: 'Purpose' },
  'extract.purposeHelp': { ja: '例：区内の年代別発生動向の分析（議会資料）', en: 'E.g. analysing cases by age in the ward (council report)' },
  'extract.recipient': { ja: '提供先', en: 'Recipient' },
  'extract.recipientHelp': { ja: '庁内利用なら部署名、第三者提供なら提供先の機関名', en: 'Your department for internal use, or the receiving institution' },
  'extract.format': { ja: 'ファイル形式', en: 'File format' },
  'extract.csv': { ja: 'CSV（データと定義書の2ファイル）', en: 'CSV (data and dictionary, two files)' },
  'extract.xlsx': { ja: 'Excel（データと定義書のシート）', en: 'Excel (data and dictionary sheets)' },
  'extract.submit': { ja: '抽出する', en: 'Make the extract' },
  'extract.done': {
    ja: '抽出しました：{{read}} 件中 {{released}} 行を提供、{{suppressed}} 行を秘匿（除外）、{{cells}} 行で「{{column}}」を秘匿。',
    en: 'Extract made: {{released}} of {{read}} rows released, {{suppressed}} rows suppressed (left out), {{column}} suppressed in {{cells}} rows.',
  },
  'extract.doneNoCells': {
    ja: '抽出しました：{{read}} 件中 {{released}} 行を提供、{{suppressed}} 行を秘匿（除外）。',
    en: 'Extract made: {{released}} of {{read}} rows released, {{suppressed}} rows suppressed (left out).',
  },
  'extract.download': { ja: '{{name}} をダウンロード', en: 'Download {{name}}' },
  'extract.downloadOnce': {
    ja: 'ファイルはこの画面でのみ取得できます（仮名の鍵は保存されないため、同じファイルは再作成できません）。',
    en: 'The files are available on this screen only (the pseudonym key is not kept, so the same file cannot be made again).',
  },
  'extract.logTitle': { ja: '抽出の記録', en: 'Log of extracts' },
  'extract.logIntro': { ja: '組織で作成した仮名加工データの抽出の記録です（個人情報保護管理者は配下の組織の分も）。', en: 'The extracts made in your organisation (a privacy officer also sees those of the organisations below).' },
  'extract.none': { ja: '抽出の記録はありません。', en: 'No extracts yet.' },
  'extract.createdAt': { ja: '作成日時', en: 'Made' },
  'extract.who': { ja: '作成者', en: 'By' },
  'extract.period': { ja: '期間', en: 'Period' },
  'extract.qisShort': { ja: '準識別子', en: 'Quasi-identifiers' },
  'extract.released': { ja: '提供行数', en: 'Rows released' },
  'extract.suppressed': { ja: '秘匿行数', en: 'Rows suppressed' },
  'extract.toLog': { ja: '抽出の記録を見る', en: 'See the log of extracts' },
} satisfies Record<string, Localized>;
