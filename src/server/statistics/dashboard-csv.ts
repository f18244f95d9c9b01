// The dashboard's figures as CSV (issue 13): one row per day with the breakdown's groups, the
// total, the 7-day average and week-on-week ratio, the loads, deaths and tests. Japanese headers
// and a byte-order mark, so that Excel in Japan opens it as UTF-8.
import { stringify } from 'csv-stringify/sync';
import type { Dashboard } from '../../domain/api/statistics.ts';
import { CLASSIFICATION_LABELS } from '../../domain/notification.ts';
import { ageBandLabel, type AgeBand } from '../../domain/statistics/age-bands.ts';
import { LOAD_MEASURES, MEASURE_DEFINITIONS } from '../../domain/statistics/measures.ts';

const groupJa = (by: Dashboard['by'], g: string) =>
  by === 'classification' ? CLASSIFICATION_LABELS[g as keyof typeof CLASSIFICATION_LABELS].ja : by === 'age_band' ? ageBandLabel(g as AgeBand).ja : g === 'male' ? '男' : '女';

export function dashboardCsv(d: Dashboard): string {
  const header = [
    '日付',
    ...d.groups.map((g) => `${MEASURE_DEFINITIONS[d.basis].label.ja}：${groupJa(d.by, g)}`),
    MEASURE_DEFINITIONS[d.basis].label.ja,
    '直近7日間平均',
    '前週比',
    ...LOAD_MEASURES.map((m) => MEASURE_DEFINITIONS[m].label.ja),
    MEASURE_DEFINITIONS.deaths.label.ja,
    MEASURE_DEFINITIONS.tests_positive.label.ja,
    MEASURE_DEFINITIONS.tests_negative.label.ja,
  ];
  const rows = d.newCases.map((day, i) => [
    day.day,
    ...d.groups.map((g) => day.groups[g] ?? 0),
    day.total,
    day.average7 === null ? '' : day.average7.toFixed(1),
    day.weekOnWeek === null ? '' : day.weekOnWeek.toFixed(2),
    ...LOAD_MEASURES.map((m) => d.load[i].levels[m.slice(5)] ?? 0),
    d.deaths[i].n,
    d.tests[i].positive,
    d.tests[i].negative,
  ]);
  return '\uFEFF' + stringify([[`# ${d.area.nameJa} ${d.from}〜${d.to}`], header, ...rows], { record_delimiter: '\r\n' });
}
