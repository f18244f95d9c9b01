// The columns of a bulk-upload file (一括登録): one per item of a notification — the person, the
// case's test record, the notification's typed items — and one per answer item of the form
// version, generated from the definition (src/domain/forms/definitions), so that a new version
// brings its own columns. A column is found by its key, its Japanese or its English heading.
import type { CoreField, FormDefinition, FormItem } from '../forms/definition.ts';
import { TEST_METHOD_LABELS, TEST_RESULT_LABELS, TEST_RESULTS, SPECIMEN_LABELS, SPECIMENS } from '../lab-tests.ts';
import type { Localized } from '../messages.ts';
import { CLASSIFICATION_LABELS } from '../notification.ts';

export type ColumnKind = 'text' | 'date' | 'boolean' | 'choice' | 'multi_choice' | 'integer' | 'decimal';

export interface ColumnOption extends Localized {
  code: string;
}

export interface Column {
  /** Stable: 'nameKana', 'testMethod', 'answers.four_groups.pregnant'. Cells are stored under it. */
  key: string;
  label: Localized;
  kind: ColumnKind;
  options?: ColumnOption[];
  /** Needed on every row (the Q&A 5 minimum, or what the version needs for 「報告」). */
  required: boolean;
  /** For a health centre's fax or paper entry only. */
  proxyOnly?: boolean;
  maxLength?: number;
  /** Headings of the same item in other versions, also recognised. */
  aliases?: string[];
}

/** Most rows a file may hold (a clinic's day, a centre's fax pile): more is a 400 with this number. */
export const MAX_ROWS = 5000;
/** The largest file accepted, in bytes (5,000 full rows of XLSX stay well below). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** The most an XLSX (a zip) may expand to when read: 5,000 full rows take a few MB; a zip bomb is refused before exceljs reads it. */
export const MAX_XLSX_EXPANDED_BYTES = 50 * 1024 * 1024;
/** The most entries an XLSX may hold (a workbook from the template has about a dozen). */
export const MAX_XLSX_ENTRIES = 1000;

const YES_NO: ColumnOption[] = [
  { code: 'true', ja: 'はい', en: 'yes' },
  { code: 'false', ja: 'いいえ', en: 'no' },
];

const options = <C extends string>(codes: readonly C[], labels: Record<C, Localized>): ColumnOption[] =>
  codes.map((code) => ({ code, ...labels[code] }));

/** The person and the case: the same for every version. */
const PERSON_COLUMNS: Column[] = [
  { key: 'nameKanji', label: { ja: '氏名', en: 'Name' }, kind: 'text', required: true, maxLength: 100 },
  { key: 'nameKana', label: { ja: 'フリガナ', en: 'Name in kana' }, kind: 'text', required: true, maxLength: 100 },
  {
    key: 'sex',
    label: { ja: '性別', en: 'Sex' },
    kind: 'choice',
    required: true,
    options: [
      { code: 'male', ja: '男', en: 'male' },
      { code: 'female', ja: '女', en: 'female' },
    ],
  },
  { key: 'birthDate', label: { ja: '生年月日', en: 'Date of birth' }, kind: 'date', required: true },
  { key: 'residenceAddress', label: { ja: '所在地（居所）', en: 'Address where the person stays' }, kind: 'text', required: true, maxLength: 300 },
  { key: 'phone', label: { ja: '電話番号', en: 'Phone' }, kind: 'text', required: false, maxLength: 30 },
];

/** Columns of the form's core items (CORE_FIELDS), shown only where the version collects them. */
const CORE_COLUMNS: Record<CoreField, Column> = {
  registeredAddress: { key: 'registeredAddress', label: { ja: '住所', en: 'Registered address' }, kind: 'text', required: false, maxLength: 300 },
  guardianPhone: { key: 'guardianPhone', label: { ja: '保護者の電話番号', en: "Guardian's phone" }, kind: 'text', required: false, maxLength: 30 },
  guardianAddress: { key: 'guardianAddress', label: { ja: '保護者の住所', en: "Guardian's address" }, kind: 'text', required: false, maxLength: 300 },
  occupation: { key: 'occupation', label: { ja: '職業', en: 'Occupation' }, kind: 'text', required: false, maxLength: 100 },
  initialConsultationDate: { key: 'initialConsultationOn', label: { ja: '初診年月日', en: 'Date of first consultation' }, kind: 'date', required: false },
  specimenCollectedDate: { key: 'specimenCollectedOn', label: { ja: '検体採取日', en: 'Date the specimen was taken' }, kind: 'date', required: false },
  onsetDate: { key: 'onsetOn', label: { ja: '発病年月日', en: 'Date of onset' }, kind: 'date', required: false },
  estimatedInfectionDate: { key: 'estimatedInfectionOn', label: { ja: '推定感染年月日', en: 'Estimated date of infection' }, kind: 'date', required: false },
  deathDate: { key: 'deathOn', label: { ja: '死亡年月日', en: 'Date of death' }, kind: 'date', required: false },
};

/** Every core column, whatever the version: a file may carry one the row's version no longer collects. */
export const ALL_CORE_COLUMNS = Object.values(CORE_COLUMNS);

const GUARDIAN_NAME: Column = { key: 'guardianName', label: { ja: '保護者氏名', en: "Guardian's name" }, kind: 'text', required: false, maxLength: 100 };

/** The classification and the test record, with the options the disease's form offers. */
function notificationColumns(form: FormDefinition): Column[] {
  return [
    { key: 'classification', label: { ja: '類型', en: 'Classification' }, kind: 'choice', required: true, options: options(form.classifications, CLASSIFICATION_LABELS) },
    { key: 'diagnosedOn', label: { ja: '診断年月日', en: 'Date of diagnosis' }, kind: 'date', required: true },
  ];
}

function testColumns(form: FormDefinition): Column[] {
  const methods = form.diagnosis.methods;
  const specimens = SPECIMENS.filter((s) => methods.some((m) => m.specimens.includes(s)));
  return [
    { key: 'testMethod', label: { ja: '検査方法', en: 'Test method' }, kind: 'choice', required: false, options: options(methods.map((m) => m.method), TEST_METHOD_LABELS) },
    { key: 'testSpecimen', label: { ja: '検体', en: 'Specimen' }, kind: 'choice', required: false, options: options(specimens, SPECIMEN_LABELS) },
    { key: 'testResult', label: { ja: '検査結果', en: 'Test result' }, kind: 'choice', required: false, options: options(TEST_RESULTS, TEST_RESULT_LABELS) },
    { key: 'testResultOn', label: { ja: '結果判明日', en: 'Date of the result' }, kind: 'date', required: false },
  ];
}

const CLINICAL: Column = { key: 'clinicalDiagnosis', label: { ja: '臨床診断（みなし陽性）', en: 'Clinical diagnosis (without a test)' }, kind: 'boolean', required: false, options: YES_NO };
const DOCTOR: Column = { key: 'doctorName', label: { ja: '医師名', en: "Doctor's name" }, kind: 'text', required: false, proxyOnly: true, maxLength: 100 };

const ITEM_KINDS: Partial<Record<FormItem['type'], ColumnKind>> = {
  boolean: 'boolean',
  choice: 'choice',
  multi_choice: 'multi_choice',
  date: 'date',
  integer: 'integer',
  decimal: 'decimal',
  text: 'text',
};

/** The form's answer items as columns: top-level items and those of non-repeating groups (a repeating group, e.g. vaccinations, is entered on the form). */
function answerColumns(items: FormItem[], prefix: string[], groupLabel?: Localized): Column[] {
  return items.flatMap((item): Column[] => {
    if (item.type === 'group') return item.repeats || !item.items ? [] : answerColumns(item.items, [...prefix, item.id], item.label);
    const kind = ITEM_KINDS[item.type];
    if (!kind) return [];
    const label = groupLabel ? { ja: `${groupLabel.ja}：${item.label.ja}`, en: `${groupLabel.en}: ${item.label.en}` } : item.label;
    return [
      {
        key: ['answers', ...prefix, item.id].join('.'),
        label,
        kind,
        required: item.required === 'submit' && !item.enableWhen && prefix.length <= 1,
        ...(kind === 'boolean' ? { options: YES_NO } : {}),
        ...(item.valueSet ? { options: item.valueSet.map(({ code, ja, en }) => ({ code, ja, en })) } : {}),
        ...(item.maxLength ? { maxLength: item.maxLength } : {}),
      },
    ];
  });
}

/** The template's columns for a form version, in the order a notification reads. */
export function columnsOf(form: FormDefinition): Column[] {
  const collected = (f: CoreField) => form.core[f] !== 'not_collected';
  const core = (fields: CoreField[]) => fields.filter(collected).map((f) => CORE_COLUMNS[f]);
  return [
    ...PERSON_COLUMNS,
    ...core(['registeredAddress']),
    GUARDIAN_NAME,
    ...core(['guardianPhone', 'guardianAddress', 'occupation']),
    ...notificationColumns(form),
    ...core(['initialConsultationDate', 'onsetDate', 'estimatedInfectionDate', 'specimenCollectedDate']),
    ...testColumns(form),
    ...(form.allowsClinicalDiagnosis ? [CLINICAL] : []),
    ...core(['deathDate']),
    ...answerColumns(form.items, []),
    DOCTOR,
  ];
}

/** Every column any version of the disease has, by key, labelled (and its options) as the newest has it: rows are read with these (a row's version may differ from the template's). */
export function knownColumns(forms: readonly FormDefinition[]): Map<string, Column> {
  const all = new Map<string, Column>();
  for (const form of [...forms].sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))) {
    for (const c of [...columnsOf(form), ...ALL_CORE_COLUMNS, CLINICAL]) {
      const known = all.get(c.key);
      if (!known) {
        all.set(c.key, { ...c, ...(c.options ? { options: [...c.options] } : {}) });
        continue;
      }
      for (const h of [c.label.ja, c.label.en]) if (h !== known.label.ja && h !== known.label.en) (known.aliases ??= []).push(h);
      // An option an older version offered (a method, a classification) is still read on its rows.
      for (const o of c.options ?? []) if (known.options && !known.options.some((k) => k.code === o.code)) known.options.push(o);
    }
  }
  return all;
}

/** The version a template is made from: the newest that has started. */
export function currentForm<D extends FormDefinition>(forms: readonly D[], formId: string, today: string): D | undefined {
  return forms.filter((f) => f.formId === formId && f.effectiveFrom <= today).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
}

/** A heading as typed: width-folded (NFKC), without spaces or the required mark, lower case. */
export const normalizeHeading = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/^\uFEFF/, '')
    .replace(/[*＊※]\s*$/u, '')
    .replace(/\s+/gu, '')
    .toLowerCase();

/** The required mark of a template heading. */
export const REQUIRED_MARK = '*';

/** A template's heading: the label in the language asked, marked when the column is required. */
export const headingOf = (c: Column, lang: keyof Localized) => `${c.label[lang]}${c.required ? REQUIRED_MARK : ''}`;

export type HeaderMatch = { ok: true; keys: string[] } | { ok: false; unknown: string[]; missing: Column[]; duplicate: string[] };

/** The column of each heading of a file (key, Japanese or English label); required ones must all be there. */
export function matchHeaders(headings: readonly string[], columns: Map<string, Column>, required: readonly Column[]): HeaderMatch {
  const byHeading = new Map<string, string>();
  for (const c of columns.values()) for (const h of [c.key, c.label.ja, c.label.en, ...(c.aliases ?? [])]) byHeading.set(normalizeHeading(h), c.key);
  const keys: string[] = [];
  const unknown: string[] = [];
  const duplicate: string[] = [];
  for (const h of headings) {
    const key = byHeading.get(normalizeHeading(h));
    if (!key) {
      if (h.trim()) unknown.push(h);
      keys.push('');
    } else {
      if (keys.includes(key)) duplicate.push(h);
      keys.push(key);
    }
  }
  const missing = required.filter((c) => !keys.includes(c.key));
  if (unknown.length || missing.length || duplicate.length) return { ok: false, unknown, missing, duplicate };
  return { ok: true, keys };
}
