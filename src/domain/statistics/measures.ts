// What is counted, each figure with its definition in ja/en (shown beside it on every screen and
// file, so that a number can be reproduced from the rows). A case adds to a measure on a day; new
// cases and deaths count on the day, loads are kept as flows (+1 the day a case enters a state, -1
// the day it leaves) and read as running sums, so that a change to one case touches a few cells.
import type { Localized } from '../messages.ts';

/** New cases by the three legal dates of the notification in force. */
export const NEW_CASE_MEASURES = ['reported', 'diagnosed', 'onset'] as const;
export type NewCaseMeasure = (typeof NEW_CASE_MEASURES)[number];

/** Where counted cases stand, as flows; `load_none` is a case with no status entered yet. */
export const LOAD_MEASURES = [
  'load_none',
  'load_awaiting_admission',
  'load_hospitalized',
  'load_severe',
  'load_accommodation',
  'load_home',
  'load_welfare_facility',
  'load_released',
  'load_died',
  'load_unknown',
] as const;
export type LoadMeasure = (typeof LOAD_MEASURES)[number];

export const EVENT_MEASURES = ['deaths', 'tests_positive', 'tests_negative'] as const;
export type EventMeasure = (typeof EVENT_MEASURES)[number];

/** Counted cases without a diagnosis or onset date, on their report date: the "date unknown" of those curves. */
export const UNKNOWN_DATE_MEASURES = ['diagnosed_unknown', 'onset_unknown'] as const;

export const MEASURES = [...NEW_CASE_MEASURES, ...UNKNOWN_DATE_MEASURES, ...LOAD_MEASURES, ...EVENT_MEASURES] as const;
export type Measure = (typeof MEASURES)[number];

export const isLoad = (m: Measure): m is LoadMeasure => m.startsWith('load_');

/** The definition shown beside each figure. */
export const MEASURE_DEFINITIONS: Record<Measure, { label: Localized; definition: Localized }> = {
  reported: {
    label: { ja: '新規陽性者数（報告日別）', en: 'New cases by report date' },
    definition: {
      ja: '取り下げられていない発生届のある症例を、その症例で最初に「報告」された日（提出日・受理日、Q&A 8）に1件と数える。類型は現在有効な発生届のもの。同じ人の28日以内の別症例は同じ感染の重複として数えない。これに、医療機関が日次報告で届け出た発生届対象外の陽性者数を、その報告日の「日次報告（集計）」として加える（発生届の者は日次報告に含めない）。',
      en: 'Each case with a notification that has not been withdrawn counts once, on the day its first notification was submitted (the submission and acceptance date, Q&A 8), under the classification of the notification in force. Another case of the same person within 28 days is the same episode and does not count again. To these are added the positives institutions counted in their daily aggregate reports (日次報告, not notified individually), on the report’s day as "daily aggregate report" (notified people are not in an aggregate).',
    },
  },
  diagnosed: {
    label: { ja: '新規陽性者数（診断日別）', en: 'New cases by diagnosis date' },
    definition: {
      ja: '報告日別と同じ症例を、現在有効な発生届の診断日で数える。診断日のないものは「日付不明」。日次報告の陽性者は報告日（その日に診断した数）に数える。',
      en: 'The cases counted by report date, on the diagnosis date of the notification in force; those without one are "date unknown". The daily aggregate reports\' positives count on the report\'s day (they were diagnosed that day).',
    },
  },
  onset: {
    label: { ja: '新規陽性者数（発症日別）', en: 'New cases by onset date' },
    definition: {
      ja: '報告日別と同じ症例を、発生届の発症日で数える。発症日のない症例（無症状、未記入、2022年9月26日以降の様式）と日次報告の陽性者は「日付不明」。',
      en: 'The cases counted by report date, on the onset date of the notification; cases without one (asymptomatic, not given, or filed on forms from 2022-09-26 that do not ask) and the daily aggregate reports’ positives are "date unknown".',
    },
  },
  diagnosed_unknown: {
    label: { ja: '診断日不明', en: 'Diagnosis date unknown' },
    definition: { ja: '報告日別の症例のうち診断日のないもの、報告日で数える。', en: 'Cases counted by report date without a diagnosis date, on their report date.' },
  },
  onset_unknown: {
    label: { ja: '発症日不明', en: 'Onset date unknown' },
    definition: { ja: '報告日別の症例のうち発症日のないもの、報告日で数える。', en: 'Cases counted by report date without an onset date, on their report date.' },
  },
  load_none: {
    label: { ja: 'ステータス未入力', en: 'No status entered' },
    definition: { ja: '報告された日から最初のステータスが入力されるまでの症例数。', en: 'Counted cases from their report date until a first status is entered.' },
  },
  load_awaiting_admission: {
    label: { ja: '入院調整中', en: 'Awaiting admission' },
    definition: { ja: '記録タブの現在のステータスが「入院調整中」である症例数（その日時点）。', en: 'Cases whose current status (記録タブ) was "awaiting admission" on the day.' },
  },
  load_hospitalized: {
    label: { ja: '入院中', en: 'In hospital' },
    definition: { ja: 'ステータスが「入院中」である症例数（その日時点）。入院治療等を要する者の中心。', en: 'Cases whose status was "in hospital" on the day.' },
  },
  load_severe: {
    label: { ja: '重症者数', en: 'Severe cases' },
    definition: {
      ja: '入院中で、医療タブの最新の記録が重症（ICU、人工呼吸器またはECMO、Q&A 15）である症例数（その日時点）。',
      en: 'Inpatients whose latest clinical-course entry was severe (ICU, ventilator or ECMO, Q&A 15) on the day.',
    },
  },
  load_accommodation: {
    label: { ja: '宿泊療養中', en: 'In accommodation facilities' },
    definition: { ja: 'ステータスが「宿泊療養中」である症例数（その日時点）。', en: 'Cases whose status was "accommodation facility" on the day.' },
  },
  load_home: {
    label: { ja: '自宅療養中', en: 'At home' },
    definition: { ja: 'ステータスが「自宅療養中」である症例数（その日時点）。', en: 'Cases whose status was "at home" on the day.' },
  },
  load_welfare_facility: {
    label: { ja: '社会福祉施設等療養中', en: 'In social-welfare facilities' },
    definition: { ja: 'ステータスが「社会福祉施設等療養中」である症例数（その日時点）。', en: 'Cases whose status was "social-welfare facility" on the day.' },
  },
  load_released: {
    label: { ja: '療養解除（累計）', en: 'Released (cumulative)' },
    definition: { ja: 'ステータスが「療養解除」となった症例の累計（その日時点）。', en: 'Cases released from care, cumulative to the day.' },
  },
  load_died: {
    label: { ja: '死亡（累計）', en: 'Died (cumulative)' },
    definition: { ja: 'ステータスが「死亡」である症例の累計（その日時点）。', en: 'Cases whose status was "died", cumulative to the day.' },
  },
  load_unknown: {
    label: { ja: 'ステータス不明', en: 'Lost to follow-up' },
    definition: { ja: 'ステータスが「不明」である症例数（その日時点）。', en: 'Cases whose status was "lost to follow-up" on the day.' },
  },
  deaths: {
    label: { ja: '死亡者数', en: 'Deaths' },
    definition: {
      ja: '数えられた症例のうち、発生届の死亡日（なければステータスが「死亡」となった日）に1件と数える。',
      en: 'Counted cases, on the date of death in the notification (else the day the status became "died").',
    },
  },
  tests_positive: {
    label: { ja: '陽性の検査件数', en: 'Positive tests' },
    definition: { ja: '検査タブに記録された検査のうち結果が陽性のもの、検体採取日（なければ結果判明日）で数える。', en: 'Tests recorded with a positive result, by specimen collection date (else the result date).' },
  },
  tests_negative: {
    label: { ja: '陰性の検査件数', en: 'Negative tests' },
    definition: { ja: '検査タブに記録された検査のうち結果が陰性のもの（Q&A 11）、検体採取日（なければ結果判明日）で数える。', en: 'Tests recorded with a negative result (Q&A 11), by specimen collection date (else the result date).' },
  },
};
