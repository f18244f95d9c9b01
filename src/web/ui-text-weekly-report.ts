// Labels of the weekly surveillance report (週報, issue 16). Japanese first, English second. Spread into UI (ui-text.ts).
import type { Localized } from '../domain/messages.ts';

export const WEEKLY_REPORT_UI = {
  'wr.title': { ja: '感染症発生動向調査 週報（全数把握）', en: 'Weekly surveillance report (notifiable diseases)' },
  'wr.filters': { ja: '週と地域', en: 'Week and area' },
  'wr.week': { ja: '週（ISO週、月曜〜日曜）', en: 'Week (ISO, Monday to Sunday)' },
  'wr.area': { ja: '地域', en: 'Area' },
  'wr.show': { ja: '表示', en: 'Show' },
  'wr.heading': { ja: '{{area}}：{{year}}年 第{{week}}週（{{from}} 〜 {{to}}）', en: '{{area}}: week {{week}} of {{year}} ({{from}} to {{to}})' },
  'wr.basis': {
    ja: '診断週（現に有効な発生届の診断日の週）で1症例1回数えます。取り下げた届出と下書きは数えません。',
    en: 'Each case counts once, in the week of the diagnosis date of its notification in force. Withdrawn notifications and drafts do not count.',
  },
  'wr.byDisease': { ja: '類型・疾患別届出数', en: 'Notified cases by category and disease' },
  'wr.disease': { ja: '疾患', en: 'Disease' },
  'wr.thisWeek': { ja: '今週', en: 'This week' },
  'wr.cumulative': { ja: '{{year}}年累積', en: 'Cumulative {{year}}' },
  'wr.lastYear': { ja: '前年同週', en: 'Same week last year' },
  'wr.byClassification': { ja: '今週の診断分類別', en: 'This week by classification' },
  'wr.byAge': { ja: '年齢群別届出数（今週）', en: 'Notified cases by age group (this week)' },
  'wr.noCases': { ja: '今週の届出はありません。', en: 'No cases were notified this week.' },
  'wr.total': { ja: '計', en: 'Total' },
  'wr.trend': { ja: '直近12週の推移', en: 'The last 12 weeks' },
  'wr.trendOf': { ja: '{{disease}}：直近12週の届出数', en: '{{disease}}: notified cases in the last 12 weeks' },
  'wr.chooseDisease': { ja: '推移を見る疾患', en: 'Disease to chart' },
  'wr.weekColumn': { ja: '週', en: 'Week' },
  'wr.cases': { ja: '届出数', en: 'Cases' },
  'wr.downloadPdf': { ja: 'PDF をダウンロード', en: 'Download PDF' },
  'wr.downloadCsv': { ja: 'オープンデータ（CSV、直近16週・全都道府県）', en: 'Open data (CSV, last 16 weeks, every prefecture)' },
  'od.type.week': { ja: '週（ISO）', en: 'Week (ISO)' },
  'od.type.text': { ja: '文字列', en: 'Text' },
} satisfies Record<string, Localized>;
