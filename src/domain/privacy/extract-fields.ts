// The columns of a pseudonymised extract (issue 14, Q&A 21–22: a municipality analyses its own data
// and may give it to researchers under its own rules) and how each is made from a case: a per-extract
// pseudonym, the quasi-identifiers the user chose, generalised (age band, sex, municipality, ISO week of
// onset or diagnosis), and the analysis fields. Names, addresses, phone numbers, dates of birth, exact
// dates, case numbers and free text have no column here, so they cannot reach a file. Pure.
import type { CaseStatus } from '../case-status.ts';
import { CASE_STATUS_LABELS, CASE_STATUSES } from '../case-status.ts';
import type { Localized } from '../messages.ts';
import { CLASSIFICATION_LABELS, CLASSIFICATIONS, type Classification } from '../notification.ts';
import { SEVERITIES, SEVERITY_LABELS, type Severity } from '../severity.ts';
import { AGE_BANDS_WITH_UNKNOWN, ageBandLabel, ageBandOn } from '../statistics/age-bands.ts';
import { municipalityName, municipalityOfAddress } from '../statistics/municipality.ts';
import { SUPPRESSED } from './k-anonymity.ts';

export const QUASI_IDENTIFIERS = ['age_band', 'sex', 'municipality', 'onset_week', 'diagnosis_week'] as const;
export type QuasiIdentifier = (typeof QUASI_IDENTIFIERS)[number];

export const ANALYSIS_FIELDS = ['disease', 'classification', 'status', 'severity', 'hospitalised', 'vaccination'] as const;
export type AnalysisField = (typeof ANALYSIS_FIELDS)[number];

export const PSEUDONYM_COLUMN = 'pseudonym';
export type ExtractColumn = typeof PSEUDONYM_COLUMN | QuasiIdentifier | AnalysisField;

/** What the extract reads of one case (in the user's scope; the service reads it under row-level security). */
export interface ExtractSource {
  sex: 'male' | 'female';
  birthDate: string;
  residenceAddress: string | null;
  /** The notification in force: its disease (form id), classification and dates. */
  disease: string;
  classification: Classification;
  diagnosedOn: string | null;
  onsetOn: string | null;
  /** The first 「報告」, a Japan date: the age is taken on the diagnosis date, else on this. */
  reportedOn: string;
  currentStatus: CaseStatus | null;
  /** The worst severity of the clinical course, if any was recorded. */
  worstSeverity: Severity | null;
  hospitalised: boolean;
  /** The form's answers: only the vaccination doses are read. */
  answers: unknown;
}

export type ExtractRow = Record<string, string>;

/** ISO 8601 week of a calendar date ('2022-W05'): the year is the week's, not always the date's. */
export function isoWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const weekday = (d.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(d.getTime() + (3 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

const VACCINATION_VALUES = ['0', '1', '2', '3plus', 'unknown'] as const;

/** Doses recorded as given ('yes' entries of the vaccination group): 0 only when a 'no' is recorded and no dose. */
export function vaccinationDoses(answers: unknown): (typeof VACCINATION_VALUES)[number] {
  const group = answers && typeof answers === 'object' ? (answers as Record<string, unknown>).vaccination : undefined;
  const entries = (Array.isArray(group) ? group : group ? [group] : []) as unknown[];
  const statuses = entries.map((e) => (e && typeof e === 'object' ? (e as Record<string, unknown>).vaccination_status : undefined));
  const doses = statuses.filter((s) => s === 'yes').length;
  if (doses > 0) return doses >= 3 ? '3plus' : (String(doses) as '1' | '2');
  return statuses.includes('no') ? '0' : 'unknown';
}

const UNKNOWN = 'unknown';

function quasiIdentifier(s: ExtractSource, q: QuasiIdentifier): string {
  switch (q) {
    case 'age_band':
      return /^\d{4}-\d{2}-\d{2}$/.test(s.birthDate) ? ageBandOn(s.birthDate, s.diagnosedOn ?? s.reportedOn) : UNKNOWN;
    case 'sex':
      return s.sex;
    case 'municipality':
      return municipalityOfAddress(s.residenceAddress)?.code ?? UNKNOWN;
    case 'onset_week':
      return s.onsetOn ? isoWeek(s.onsetOn) : UNKNOWN;
    case 'diagnosis_week':
      return s.diagnosedOn ? isoWeek(s.diagnosedOn) : UNKNOWN;
  }
}

function analysisField(s: ExtractSource, f: AnalysisField): string {
  switch (f) {
    case 'disease':
      return s.disease;
    case 'classification':
      return s.classification;
    case 'status':
      return s.currentStatus ?? 'none';
    case 'severity':
      return s.worstSeverity ?? 'none';
    case 'hospitalised':
      return s.hospitalised ? 'yes' : 'no';
    case 'vaccination':
      return vaccinationDoses(s.answers);
  }
}

/** The columns of an extract with these quasi-identifiers, in file order. */
export const extractColumns = (qis: readonly QuasiIdentifier[]): ExtractColumn[] => [
  PSEUDONYM_COLUMN,
  ...QUASI_IDENTIFIERS.filter((q) => qis.includes(q)),
  ...ANALYSIS_FIELDS,
];

/** One case as a row of the extract: exactly the columns of extractColumns(qis). */
export function extractRow(s: ExtractSource, pseudonym: string, qis: readonly QuasiIdentifier[]): ExtractRow {
  const row: ExtractRow = { [PSEUDONYM_COLUMN]: pseudonym };
  for (const q of QUASI_IDENTIFIERS) if (qis.includes(q)) row[q] = quasiIdentifier(s, q);
  for (const f of ANALYSIS_FIELDS) row[f] = analysisField(s, f);
  return row;
}

// The data dictionary shipped with every extract.

export const COLUMN_LABELS: Record<ExtractColumn, Localized> = {
  pseudonym: {
    ja: '仮名ID（この抽出限りの鍵付きハッシュ。他の抽出や元の事例とは照合できません）',
    en: 'Pseudonym (a keyed hash for this extract only; cannot be matched with other extracts or the original case)',
  },
  age_band: { ja: '年代（診断日、なければ報告日の年齢）', en: 'Age band (age on the diagnosis date, else the report date)' },
  sex: { ja: '性別', en: 'Sex' },
  municipality: { ja: '居住市区町村（全国地方公共団体コード、政令指定都市は市全体）', en: 'Municipality of residence (local government code; a designated city as a whole)' },
  onset_week: { ja: '発病週（ISO 8601 の年と週）', en: 'Week of onset (ISO 8601 year and week)' },
  diagnosis_week: { ja: '診断週（ISO 8601 の年と週）', en: 'Week of diagnosis (ISO 8601 year and week)' },
  disease: { ja: '感染症', en: 'Disease' },
  classification: { ja: '診断分類（届出のうち現在有効なもの）', en: 'Classification (of the notification in force)' },
  status: { ja: '現在のステータス（療養状況・転帰）', en: 'Current status (where cared for, outcome)' },
  severity: { ja: '最も重い重症度（医療タブの記録）', en: 'Worst severity recorded (clinical course)' },
  hospitalised: { ja: '入院歴', en: 'Ever in hospital' },
  vaccination: { ja: 'ワクチン接種回数（発生届の記載）', en: 'Vaccine doses (as notified)' },
};

/** The short names, for the screens' summaries and the log. */
export const COLUMN_NAMES: Record<QuasiIdentifier, Localized> = {
  age_band: { ja: '年代', en: 'age band' },
  sex: { ja: '性別', en: 'sex' },
  municipality: { ja: '居住市区町村', en: 'municipality' },
  onset_week: { ja: '発病週', en: 'week of onset' },
  diagnosis_week: { ja: '診断週', en: 'week of diagnosis' },
};

const SEX_LABELS: Record<'male' | 'female', Localized> = { male: { ja: '男', en: 'Male' }, female: { ja: '女', en: 'Female' } };
const YES_NO: Record<'yes' | 'no', Localized> = { yes: { ja: 'あり', en: 'Yes' }, no: { ja: 'なし', en: 'No' } };
const VACCINATION_LABELS: Record<(typeof VACCINATION_VALUES)[number], Localized> = {
  '0': { ja: '接種なし', en: 'None' },
  '1': { ja: '1回', en: '1 dose' },
  '2': { ja: '2回', en: '2 doses' },
  '3plus': { ja: '3回以上', en: '3 or more doses' },
  unknown: { ja: '不明・記載なし', en: 'Unknown or not stated' },
};
const UNKNOWN_LABEL: Localized = { ja: '不明', en: 'unknown' };
const NONE_STATUS: Localized = { ja: '未入力', en: 'not entered' };
const NONE_SEVERITY: Localized = { ja: '記録なし', en: 'none recorded' };
const SUPPRESSED_LABEL: Localized = { ja: '秘匿（k-匿名性のため）', en: 'suppressed (for k-anonymity)' };
const WEEK_VALUES: Localized = { ja: 'YYYY-Www（例 2022-W05）、unknown＝不明', en: 'YYYY-Www (e.g. 2022-W05); unknown' };

export interface DictionaryEntry {
  column: ExtractColumn;
  ja: string;
  en: string;
  /** The values as code = ja / en, one per line. */
  values: string;
}

const listed = (pairs: readonly (readonly [string, Localized])[]) => pairs.map(([code, l]) => `${code} = ${l.ja} / ${l.en}`).join('\n');

/**
 * The data dictionary: each column's meaning and values. The municipalities listed are those in the
 * released rows; a quasi-identifier that was suppressed somewhere lists 'suppressed' too.
 */
export function extractDictionary(
  qis: readonly QuasiIdentifier[],
  rows: readonly ExtractRow[],
  diseases: readonly (Localized & { code: string })[],
): DictionaryEntry[] {
  const present = (column: string) => [...new Set(rows.map((r) => r[column]))].sort();
  const withSuppressed = (column: string, pairs: (readonly [string, Localized])[]) =>
    present(column).includes(SUPPRESSED) ? [...pairs, [SUPPRESSED, SUPPRESSED_LABEL] as const] : pairs;
  const values: Record<ExtractColumn, () => string> = {
    pseudonym: () => '32 hex',
    age_band: () => listed(withSuppressed('age_band', AGE_BANDS_WITH_UNKNOWN.map((b) => [b, ageBandLabel(b)] as const))),
    sex: () => listed(withSuppressed('sex', Object.entries(SEX_LABELS))),
    municipality: () =>
      '6桁の全国地方公共団体コード / six-digit local government code\n' +
      listed(
        withSuppressed(
          'municipality',
          present('municipality')
            .filter((c) => c !== SUPPRESSED)
            .map((c) => [c, c === UNKNOWN ? UNKNOWN_LABEL : { ja: municipalityName(c)?.ja ?? c, en: municipalityName(c)?.en ?? municipalityName(c)?.ja ?? c }] as const),
        ),
      ),
    onset_week: () => `${WEEK_VALUES.ja} / ${WEEK_VALUES.en}${present('onset_week').includes(SUPPRESSED) ? `\n${listed([[SUPPRESSED, SUPPRESSED_LABEL]])}` : ''}`,
    diagnosis_week: () => `${WEEK_VALUES.ja} / ${WEEK_VALUES.en}${present('diagnosis_week').includes(SUPPRESSED) ? `\n${listed([[SUPPRESSED, SUPPRESSED_LABEL]])}` : ''}`,
    disease: () => listed(diseases.map((d) => [d.code, d] as const)),
    classification: () => listed(CLASSIFICATIONS.map((c) => [c, CLASSIFICATION_LABELS[c]] as const)),
    status: () => listed([...CASE_STATUSES.map((s) => [s, CASE_STATUS_LABELS[s]] as const), ['none', NONE_STATUS]]),
    severity: () => listed([...SEVERITIES.map((s) => [s, SEVERITY_LABELS[s]] as const), ['none', NONE_SEVERITY]]),
    hospitalised: () => listed(Object.entries(YES_NO)),
    vaccination: () => listed(VACCINATION_VALUES.map((v) => [v, VACCINATION_LABELS[v]] as const)),
  };
  return extractColumns(qis).map((column) => ({ column, ...COLUMN_LABELS[column], values: values[column]() }));
}
