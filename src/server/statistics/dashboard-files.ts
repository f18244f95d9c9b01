// The dashboard's figures as files (issue 13): one row per day with the breakdown's groups, the
// total, the 7-day average and week-on-week ratio, the loads, deaths and tests, in Japanese. CSV
// with a byte-order mark, so that Excel in Japan opens it as UTF-8; XLSX with a sheet of the
// definitions beside the figures.
import { stringify } from 'csv-stringify/sync';
import writeXlsxFile, { type SheetData } from 'write-excel-file/node';
import { groupLabel, type Dashboard } from '../../domain/api/statistics.ts';
import { LOAD_MEASURES, MEASURE_DEFINITIONS } from '../../domain/statistics/measures.ts';

function dashboardTable(d: Dashboard) {
  const header = [
    '日付',
    ...d.groups.map((g) => `${MEASURE_DEFINITIONS[d.basis].label.ja}：${groupLabel(d.by, g).ja}`),
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
  return { title: `${d.area.nameJa} ${d.from}〜${d.to}`, header, rows };
}

export function dashboardCsv(d: Dashboard): string {
  const { title, header, rows } = dashboardTable(d);
  return '\uFEFF' + stringify([[`# ${title}`], header, ...rows], { record_delimiter: '\r\n' });
}

export async function dashboardWorkbook(d: Dashboard): Promise<Buffer> {
  const { title, header, rows } = dashboardTable(d);
  const figures: SheetData = [[{ value: title, fontWeight: 'bold' }], header.map((value) => ({ value, fontWeight: 'bold' as const, wrap: true })), ...rows.map((r) => r.map((value) => ({ value })))];
  const measures = [d.basis, ...LOAD_MEASURES, 'deaths', 'tests_positive', 'tests_negative'] as const;
  const definitions: SheetData = [
    [{ value: '項目', fontWeight: 'bold' }, { value: '定義', fontWeight: 'bold' }],
    ...measures.map((m) => [{ value: MEASURE_DEFINITIONS[m].label.ja }, { value: MEASURE_DEFINITIONS[m].definition.ja, wrap: true }]),
  ];
  return writeXlsxFile([
    { data: figures, sheet: '集計値', columns: header.map((_, i) => ({ width: i === 0 ? 12 : 14 })) },
    { data: definitions, sheet: '定義', columns: [{ width: 28 }, { width: 100 }] },
  ]).toBuffer();
}
