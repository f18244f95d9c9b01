// Labels of every notifiable disease (issue 16): choosing the disease first, its category and
// deadline, and the work list's deadlines. Japanese first, English second. Spread into UI (ui-text.ts).
import type { Localized } from '../domain/messages.ts';

export const DISEASES_UI = {
  'disease.label': { ja: '感染症', en: 'Disease' },
  'disease.choose': { ja: '届け出る感染症を選んでください', en: 'Choose the disease to notify' },
  'disease.help': { ja: '最初に選びます。検査方法・検体と発生届の様式は感染症ごとに異なります。', en: 'Chosen first: the tests, specimens and notification form differ by disease.' },
  'disease.deadline.immediate': { ja: '診断後直ちに届出', en: 'Notify immediately after diagnosis' },
  'disease.deadline.within_7_days': { ja: '診断後7日以内に届出', en: 'Notify within 7 days of diagnosis' },
  'disease.noForm': {
    ja: '{{disease}}の発生届の様式は、この日付には有効ではありません（{{period}}）。日付か感染症を確認してください。',
    en: 'No {{disease}} notification form was in force on this date ({{period}}). Check the date or the disease.',
  },
  'disease.period': { ja: '{{from}}から{{until}}', en: 'from {{from}}{{until}}' },
  'disease.periodUntil': { ja: '{{until}}の前日まで', en: ' until the day before {{until}}' },
  'disease.chooseFirst': { ja: '感染症を選ぶと、その感染症の検査方法と検体を入力できます。', en: 'Choose the disease to enter its tests and specimens.' },
  'home.deadlines': { ja: '届出期限（期限間近・期限超過の発生届）', en: 'Notification deadlines (due soon, overdue, late)' },
  'home.deadlinesCaption': { ja: '届出期限の近い・過ぎた発生届（{{count}} 件）', en: 'Notifications due soon or past their deadline ({{count}} in all)' },
  'home.deadline.disease': { ja: '感染症', en: 'Disease' },
  'home.deadline.dueOn': { ja: '届出期限', en: 'Due by' },
  'home.deadline.state': { ja: '状況', en: 'State' },
  'home.deadline.due_soon': { ja: '期限間近（未提出）', en: 'Due soon (not submitted)' },
  'home.deadline.overdue': { ja: '期限超過（未提出）', en: 'Overdue (not submitted)' },
  'home.deadline.submitted_late': { ja: '期限後に提出（未確認）', en: 'Submitted late (not confirmed)' },
  'home.deadlinesNone': { ja: '期限の近い発生届はありません。', en: 'No notification is near or past its deadline.' },
  'ntf.late': { ja: 'この発生届は届出期限（{{date}}）を過ぎてから提出されました。', en: 'This notification was submitted after its deadline ({{date}}).' },
  'ntf.dueOn': { ja: '届出期限: {{date}}（{{deadline}}）', en: 'Due by {{date}} ({{deadline}})' },
} satisfies Record<string, Localized>;
