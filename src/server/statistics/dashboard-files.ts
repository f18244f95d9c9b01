// The dashboard's figures as files (issue 13): one row per day with the breakdown's groups, the
// total, the 7-day average and week-on-week ratio, the loads, deaths and tests, in Japanese. CSV
// with a byte-order mark, so that Excel in Japan opens it as UTF-8; XLSX with the area's centres or
// prefectures and its municipalities on sheets of their own, and the definitions.
import { stringify } from 'csv-stringify/sync';
import writeXlsxFile, { type SheetData } from 'write-excel-file/node';
import { groupLabel, type Dashboard } from '../../domain/api/statistics.ts';
import { LOAD_MEASURES, MEASURE_DEFINITIONS } from '../../domain/statistics/measures.ts';

const bold = (value: string) => ({ value, fontWeight: 'bold' as const });
const ratio = (r: number | null) => (r === null ? '' : r.toFixed(2));

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
    ratio(day.weekOnWeek),
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

/** The centres or prefectures side by side, and the municipalities, as on the dashboard. */
function areaSheets(d: Dashboard) {
  const sheets: { data: SheetData; sheet: string }[] = [];
  if (d.subareas.length)
    sheets.push({
      sheet: d.area.kind === 'ministry' ? '都道府県別' : '保健所別',
      data: [
        ['地域', '新規陽性者数', '人口10万人あたり', '直近7日間', '前週比', '入院中', '重症'].map(bold),
        ...d.subareas.map((s) => [s.area.nameJa, s.newCases, s.per100k ?? '', s.last7, ratio(s.weekOnWeek), s.hospitalized, s.severe].map((value) => ({ value }))),
      ],
    });
  if (d.municipalities.length)
    sheets.push({
      sheet: '市区町村別',
      data: [
        ['市区町村（居住地）', '団体コード', '新規陽性者数（報告日別）', '人口10万人あたり', '直近7日間', '前週比'].map(bold),
        ...d.municipalities.map((m) => [m.nameJa ?? '不明', m.code, m.newCases, m.per100k ?? '', m.last7, ratio(m.weekOnWeek)].map((value) => ({ value }))),
      ],
    });
  return sheets;
}

export async function dashboardWorkbook(d: Dashboard): Promise<Buffer> {
  const { title, header, rows } = dashboardTable(d);
  const figures: SheetData = [[bold(title)], header.map((value) => ({ ...bold(value), wrap: true })), ...rows.map((r) => r.map((value) => ({ value })))];
  const measures = [d.basis, ...LOAD_MEASURES, 'deaths', 'tests_positive', 'tests_negative'] as const;
  const definitions: SheetData = [
    [bold('項目'), bold('定義')],
    ...measures.map((m) => [{ value: MEASURE_DEFINITIONS[m].label.ja }, { value: MEASURE_DEFINITIONS[m].definition.ja, wrap: true }]),
  ];
  return writeXlsxFile([
    { data: figures, sheet: '集計値', columns: header.map((_, i) => ({ width: i === 0 ? 12 : 14 })) },
    ...areaSheets(d).map((s) => ({ ...s, columns: s.data[0].map((_, i) => ({ width: i === 0 ? 20 : 14 })) })),
    { data: definitions, sheet: '定義', columns: [{ width: 28 }, { width: 100 }] },
  ]).toBuffer();
}
