// The data dictionary of the national open-data files: every file, every column, its type, ja/en
// description, unit and how an empty value reads. The public page renders it; the builders take
// their headers from it; validateAgainstDictionary checks a published file against it.
//
// The four ministry files follow the layout of covid19.mhlw.go.jp/public/opendata (headers
// "Date,ALL,Hokkaido,…,Okinawa"; the inpatient file "(ALL) Requiring inpatient care,…" three
// columns per area). The age × sex file is hersys's own.
import type { Localized } from '../messages.ts';
import { AGE_BANDS_WITH_UNKNOWN, ageBandLabel, IDWR_AGE_BANDS, idwrAgeBandLabel } from './age-bands.ts';
import { parseWeekKey } from '../iso-week.ts';
import { BOM, bareLineFeeds, CsvError, fromOpenDataDate, parseCsvText } from './open-data-csv.ts';
import { PREFECTURES } from './prefectures.ts';
import { SEXES, sexLabel } from './sexes.ts';
import { DEFAULT_SUPPRESSION_THRESHOLD } from './suppression.ts';

export const OPEN_DATA_FILE_IDS = [
  'newly_confirmed_cases_daily',
  'requiring_inpatient_care_etc_daily',
  'severe_cases_daily',
  'deaths_cumulative_daily',
  'newly_confirmed_cases_by_age_sex_daily',
  'notifiable_cases_by_age_sex_weekly',
] as const;
export type OpenDataFileId = (typeof OPEN_DATA_FILE_IDS)[number];

export interface Code {
  code: string;
  label: Localized;
}

export interface ColumnSpec {
  name: string;
  /** date: yyyy/M/d; week: an ISO week as 2026-W49; count: a whole number ≥ 0; code: one of `codes`; text: any non-empty text. */
  type: 'date' | 'week' | 'count' | 'code' | 'text';
  codes?: readonly Code[];
  description: Localized;
  unit: Localized | null;
  /** What an empty value means; null when the column is always filled. */
  empty: Localized | null;
}

export interface FileSpec {
  id: OpenDataFileId;
  fileName: string;
  title: Localized;
  description: Localized;
  /** Whose layout: the ministry's (same headers as its files) or hersys's own. */
  layout: 'mhlw' | 'hersys';
  /** One row per date, dates rising; otherwise several rows per date, dates not falling. */
  oneRowPerDate: boolean;
  columns: readonly ColumnSpec[];
}

export const FILE_FORMAT: Localized = {
  ja: 'UTF-8（BOM付き）、改行は CRLF、1行目は見出し。日付は yyyy/M/d（例: 2020/1/16、日本時間の暦日）。',
  en: 'UTF-8 with a byte order mark, CRLF line ends, a header row. Dates are yyyy/M/d (e.g. 2020/1/16), calendar days in Japan time.',
};

const PERSONS: Localized = { ja: '人', en: 'persons' };
const DATE_COLUMN = (what: Localized): ColumnSpec => ({
  name: 'Date',
  type: 'date',
  description: what,
  unit: null,
  empty: null,
});

/** "ALL" and the 47 prefectures, as the ministry heads its columns. */
const AREAS: readonly { en: string; ja: string }[] = [{ en: 'ALL', ja: '全国' }, ...PREFECTURES];

function perArea(measure: Localized): ColumnSpec[] {
  return AREAS.map((area) => ({
    name: area.en,
    type: 'count' as const,
    description: {
      ja: `${area.ja}の${measure.ja}${area.en === 'ALL' ? '（47都道府県の合計）' : ''}`,
      en: `${measure.en}, ${area.en === 'ALL' ? 'Japan (sum of the 47 prefectures)' : area.en}`,
    },
    unit: PERSONS,
    empty: null,
  }));
}

/** The inpatient file's three measures, in the ministry's column order. */
export const INPATIENT_MEASURES = [
  { header: 'Requiring inpatient care', ja: '入院治療等を要する者の数（当日時点）', en: 'Persons requiring inpatient care etc. on the day' },
  {
    header: 'Discharged from hospital or released from treatment',
    ja: '退院又は療養解除となった者の数（累積）',
    en: 'Persons discharged from hospital or released from treatment, cumulative',
  },
  { header: 'To be confirmed', ja: '入院等の状況を確認中の者の数', en: 'Persons whose care status is being confirmed' },
] as const;

/** The subtotal code of AgeBand and Sex. */
export const ALL = 'all';

const suppressedMeaning: Localized = {
  ja: `空欄は秘匿: 1〜${DEFAULT_SUPPRESSION_THRESHOLD - 1}人の区分、またはそれを他の値から逆算できないよう併せて伏せた区分（0 は 0 と記載）。`,
  en: `Empty means suppressed: a group of 1 to ${DEFAULT_SUPPRESSION_THRESHOLD - 1} people, or a group hidden with one so that it cannot be worked out from the others (0 is written as 0).`,
};

/** The columns naming a prefecture, shared by the long files. */
const PREFECTURE_COLUMNS: ColumnSpec[] = [
  {
    name: 'PrefectureCode',
    type: 'code',
    codes: PREFECTURES.map((p) => ({ code: p.code, label: { ja: p.ja, en: p.en } })),
    description: { ja: '都道府県コード（JIS X 0401）', en: 'Prefecture code (JIS X 0401)' },
    unit: null,
    empty: null,
  },
  {
    name: 'Prefecture',
    type: 'code',
    codes: PREFECTURES.map((p) => ({ code: p.en, label: { ja: p.ja, en: p.en } })),
    description: { ja: '都道府県名（英語、厚生労働省オープンデータの見出しと同じ）', en: 'Prefecture name as in the ministry open-data headers' },
    unit: null,
    empty: null,
  },
];

/**
 * The weekly surveillance report's counts (issue 16), one file. Not the ministry's layout: the
 * IDWR publishes tables, not data; this is hersys's own long form of the same counts.
 */
const WEEKLY_FILE: FileSpec = {
  id: 'notifiable_cases_by_age_sex_weekly',
  fileName: 'notifiable_cases_by_age_sex_weekly.csv',
  title: { ja: '全数把握対象疾患の届出数（都道府県・週・疾患・年齢群・性別）', en: 'Notified cases of the notifiable diseases by prefecture, week, disease, age group and sex' },
  description: {
    ja: '感染症発生動向調査週報の集計。公表日の前週までの直近16週（ISO週、月曜〜日曜）について、都道府県・週・疾患ごとに年齢群×性別の表を縦に並べたもの（小計 all を含む）。症例は現に有効な発生届（追加登録で置き換えられていない最新の報告済みのもの）の診断日の週に1回数え、取り下げ・下書きは数えない。届出のない都道府県・週・疾患は載せない。AgeBand・Sex とも all の行（都道府県・週・疾患の届出数）は週報と同じくそのまま公表し、それより細かい値には日別の年代×性別ファイルと同じ秘匿処理（1〜2人の区分と、それを逆算できる区分を空欄）を行う。',
    en: 'The weekly surveillance report\u2019s counts: for the 16 complete ISO weeks (Monday to Sunday) before publication, for each prefecture, week and disease with cases, its age group × sex table, one value a row, subtotals marked all. A case counts once, in the week of the diagnosis date of its notification in force (the newest submitted one not superseded by a later notification); withdrawn notifications and drafts do not count. The row with AgeBand and Sex both all (the prefecture\u2019s notified cases of the disease in the week) is published as counted, as the weekly report publishes it; every finer value goes through the same small-cell suppression as the daily age × sex file (groups of 1 to 2 people, and whatever would let them be worked out, are left empty).',
  },
  layout: 'hersys',
  oneRowPerDate: false,
  columns: [
    { name: 'Week', type: 'week', description: { ja: '診断週（ISO 8601、例 2026-W49）', en: 'Week of diagnosis (ISO 8601, e.g. 2026-W49)' }, unit: null, empty: null },
    ...PREFECTURE_COLUMNS,
    {
      name: 'DiseaseCode',
      type: 'text',
      description: { ja: '疾患コード（発生届の様式のコード。様式の一覧は GET /fhir/Questionnaire）', en: 'Disease code (the notification form\u2019s code; the forms are listed at GET /fhir/Questionnaire)' },
      unit: null,
      empty: null,
    },
    { name: 'Disease', type: 'text', description: { ja: '疾患名（日本語、発生届の様式の名称）', en: 'Disease name in Japanese, as the notification form names it' }, unit: null, empty: null },
    {
      name: 'AgeBand',
      type: 'code',
      codes: [...IDWR_AGE_BANDS.map((b) => ({ code: b, label: idwrAgeBandLabel(b) })), { code: ALL, label: { ja: '全年齢', en: 'all ages' } }],
      description: { ja: '年齢群（診断日の満年齢、週報の区分）', en: 'Age group (completed years on the diagnosis date, as the weekly report groups them)' },
      unit: null,
      empty: null,
    },
    {
      name: 'Sex',
      type: 'code',
      codes: [{ code: 'male', label: sexLabel('male') }, { code: 'female', label: sexLabel('female') }, { code: ALL, label: { ja: '男女計', en: 'all sexes' } }],
      description: { ja: '性別', en: 'Sex' },
      unit: null,
      empty: null,
    },
    { name: 'Cases', type: 'count', description: { ja: '届出数', en: 'Notified cases' }, unit: PERSONS, empty: suppressedMeaning },
  ],
};

export const OPEN_DATA_DICTIONARY: readonly FileSpec[] = [
  {
    id: 'newly_confirmed_cases_daily',
    fileName: 'newly_confirmed_cases_daily.csv',
    title: { ja: '新規陽性者数の推移（日別）', en: 'Newly confirmed cases (daily)' },
    description: {
      ja: '発生届が受理された日ごとの新規陽性者数に、医療機関が日次報告で届け出た発生届対象外の陽性者数（その報告日）を加えたもの。同じ人は二重に数えない。届出のない日は 0。',
      en: 'New cases by the day their notification was accepted, plus the positives institutions counted in their daily aggregate reports (not notified individually) on the report\u2019s day; no person is counted twice. A day without notifications is 0.',
    },
    layout: 'mhlw',
    oneRowPerDate: true,
    columns: [
      DATE_COLUMN({ ja: '発生届の受理日（日次報告はその報告日）', en: 'Day the notifications were accepted (a daily report: its day)' }),
      ...perArea({ ja: '新規陽性者数', en: 'Newly confirmed cases' }),
    ],
  },
  {
    id: 'requiring_inpatient_care_etc_daily',
    fileName: 'requiring_inpatient_care_etc_daily.csv',
    title: { ja: '入院治療等を要する者等推移', en: 'Persons requiring inpatient care etc. (daily)' },
    description: {
      ja: '各日時点の入院治療等を要する者、退院又は療養解除となった者（累積）、確認中の者。地域ごとに3列。',
      en: 'On each day: persons requiring inpatient care etc., persons discharged or released (cumulative), persons being confirmed. Three columns per area.',
    },
    layout: 'mhlw',
    oneRowPerDate: true,
    columns: [
      DATE_COLUMN({ ja: '集計日', en: 'Day counted' }),
      ...AREAS.flatMap((area) =>
        INPATIENT_MEASURES.map(
          (m): ColumnSpec => ({
            name: `(${area.en}) ${m.header}`,
            type: 'count',
            description: { ja: `${area.ja}: ${m.ja}`, en: `${m.en}, ${area.en === 'ALL' ? 'Japan' : area.en}` },
            unit: PERSONS,
            empty: null,
          }),
        ),
      ),
    ],
  },
  {
    id: 'severe_cases_daily',
    fileName: 'severe_cases_daily.csv',
    title: { ja: '重症者数の推移', en: 'Severe cases (daily)' },
    description: {
      ja: '各日時点の重症者数（集中治療室での管理、人工呼吸器または ECMO を要する者）。',
      en: 'Severe cases on each day (in intensive care, on a ventilator or on ECMO).',
    },
    layout: 'mhlw',
    oneRowPerDate: true,
    columns: [DATE_COLUMN({ ja: '集計日', en: 'Day counted' }), ...perArea({ ja: '重症者数', en: 'Severe cases' })],
  },
  {
    id: 'deaths_cumulative_daily',
    fileName: 'deaths_cumulative_daily.csv',
    title: { ja: '死亡者数（累積）', en: 'Deaths (cumulative)' },
    description: {
      ja: '各日までに報告された死亡者数の累計。',
      en: 'Deaths reported up to and including each day.',
    },
    layout: 'mhlw',
    oneRowPerDate: true,
    columns: [DATE_COLUMN({ ja: '集計日', en: 'Day counted' }), ...perArea({ ja: '死亡者数（累積）', en: 'Deaths, cumulative' })],
  },
  {
    id: 'newly_confirmed_cases_by_age_sex_daily',
    fileName: 'newly_confirmed_cases_by_age_sex_daily.csv',
    title: { ja: '新規陽性者数（都道府県・日・年代・性別）', en: 'Newly confirmed cases by prefecture, day, age band and sex' },
    description: {
      ja: '都道府県・日ごとの年代×性別の表を縦に並べたもの（小計 all を含む）。陽性者のいない都道府県・日は載せない。AgeBand・Sex とも all の行は newly_confirmed_cases_daily の値と同じ。日次報告の陽性者は性別を問わないため Sex は unknown。都道府県・日より細かい値は秘匿処理済み。',
      en: 'For each prefecture and day with cases, its age band × sex table, one value a row, subtotals marked all. The row with AgeBand and Sex both all equals newly_confirmed_cases_daily. The daily aggregate reports do not ask sex: their positives are under Sex unknown. Every value finer than a prefecture-day is protected by small-cell suppression.',
    },
    layout: 'hersys',
    oneRowPerDate: false,
    columns: [
      DATE_COLUMN({ ja: '発生届の受理日（日次報告はその報告日）', en: 'Day the notifications were accepted (a daily report: its day)' }),
      ...PREFECTURE_COLUMNS,
      {
        name: 'AgeBand',
        type: 'code',
        codes: [...AGE_BANDS_WITH_UNKNOWN.map((b) => ({ code: b, label: ageBandLabel(b) })), { code: ALL, label: { ja: '全年代', en: 'all ages' } }],
        description: { ja: '年代（診断時の満年齢）', en: 'Age band (completed years at diagnosis)' },
        unit: null,
        empty: null,
      },
      {
        name: 'Sex',
        type: 'code',
        codes: [...SEXES.map((s) => ({ code: s, label: sexLabel(s) })), { code: ALL, label: { ja: '男女計', en: 'all sexes' } }],
        description: { ja: '性別', en: 'Sex' },
        unit: null,
        empty: null,
      },
      {
        name: 'Cases',
        type: 'count',
        description: { ja: '新規陽性者数', en: 'Newly confirmed cases' },
        unit: PERSONS,
        empty: suppressedMeaning,
      },
    ],
  },
  WEEKLY_FILE,
];

export function fileSpec(id: OpenDataFileId): FileSpec {
  const spec = OPEN_DATA_DICTIONARY.find((f) => f.id === id);
  if (!spec) throw new Error(`no open-data file ${id}`);
  return spec;
}

export const columnNames = (id: OpenDataFileId): string[] => fileSpec(id).columns.map((c) => c.name);

export interface ValidationProblem {
  /** 1-based line of the file (the header is line 1); 0 for the file as a whole. */
  line: number;
  column?: string;
  message: string;
}

/** Checks a published CSV against its dictionary entry: format, header, every value's type, dates. */
export function validateAgainstDictionary(fileId: OpenDataFileId, csvText: string): { ok: boolean; problems: ValidationProblem[] } {
  const spec = fileSpec(fileId);
  const problems: ValidationProblem[] = [];
  if (!csvText.startsWith(BOM)) problems.push({ line: 0, message: 'no UTF-8 byte order mark' });
  const lf = bareLineFeeds(csvText);
  if (lf > 0) problems.push({ line: 0, message: `${lf} line(s) end in LF, not CRLF` });
  let records: string[][];
  try {
    records = parseCsvText(csvText);
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    problems.push({ line: Number(e.lines), message: e.message });
    return { ok: false, problems };
  }
  const [header, ...rows] = records;
  const expected = spec.columns.map((c) => c.name);
  if (!header || header.join(',') !== expected.join(',')) {
    const at = header ? expected.findIndex((name, i) => header[i] !== name) : 0;
    problems.push({ line: 1, message: `header differs from the dictionary at column ${at + 1} (${expected[at] ?? 'extra column'})` });
    return { ok: false, problems };
  }
  let lastDate = '';
  rows.forEach((row, r) => {
    const line = r + 2;
    if (row.length !== expected.length) {
      problems.push({ line, message: `${row.length} values, the header has ${expected.length}` });
      return;
    }
    spec.columns.forEach((col, i) => {
      const value = row[i];
      const problem = checkValue(col, value);
      if (problem) problems.push({ line, column: col.name, message: problem });
      if (col.type === 'date' && !problem) {
        const iso = fromOpenDataDate(value)!;
        if (iso < lastDate || (spec.oneRowPerDate && iso === lastDate)) {
          problems.push({ line, column: col.name, message: `date ${value} out of order` });
        }
        lastDate = iso;
      }
    });
  });
  return { ok: problems.length === 0, problems };
}

function checkValue(col: ColumnSpec, value: string): string | null {
  if (value === '') return col.empty ? null : 'empty value in a column that is always filled';
  switch (col.type) {
    case 'date':
      return fromOpenDataDate(value) ? null : `not a yyyy/M/d date: ${value}`;
    case 'week':
      return parseWeekKey(value) ? null : `not an ISO week: ${value}`;
    case 'text':
      return null;
    case 'count':
      return /^(0|[1-9]\d*)$/.test(value) ? null : `not a count: ${value}`;
    case 'code':
      return col.codes?.some((c) => c.code === value) ? null : `not one of the codes: ${value}`;
  }
}
