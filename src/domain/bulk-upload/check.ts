// One row of a bulk upload, checked as the web form checks a notification: the same zod schemas
// (registration, test record, draft), the form version in force on the diagnosis date with its
// answers, the Q&A 5 legal minimum and the version's submit items, and the logic checks. Every
// problem is put at the cell it is about (a column key), or on the row when no one cell is.
import { z } from 'zod';
import { LabTestInput, PersonInput } from '../api/cases.ts';
import { CreateNotificationBody } from '../api/notifications.ts';
import { selectForm, validateAnswers } from '../forms/answers.ts';
import type { FormDefinition } from '../forms/definition.ts';
import { DATE_FIELDS, FOUR_GROUP_OPTIONS, runLogicChecks, type FieldPath } from '../logic-checks.ts';
import type { Localized } from '../messages.ts';
import { coreMissing, legalMinimumMissing, notCollectedGiven, notificationFacts, type Classification } from '../notification.ts';
import { parseCell, type CellValue } from './cells.ts';
import type { Column } from './columns.ts';

export type Cells = Record<string, string>;

export interface RowProblem {
  /** The column key of the cell, or null for the row as a whole. */
  column: string | null;
  severity: 'error' | 'warning';
  code: string;
  message: Localized;
  /** A logic check's rule id (a warning is acknowledged by it). */
  ruleId?: string;
}

type Person = z.infer<typeof PersonInput>;
type Test = z.infer<typeof LabTestInput>;
type DraftFields = Omit<z.infer<typeof CreateNotificationBody>, 'formId' | 'source' | 'institutionId'>;

/** What a row registers and drafts once it has no error. */
export interface RowInput {
  person: Person;
  tests: Test[];
  /** The draft's own fields, as the form's schema types them. */
  notification: Omit<DraftFields, 'admitted' | 'symptomatic' | 'answers'> & { formId: string; answers: Record<string, unknown> };
  formVersion: string;
  /** Rule ids of the warnings found: 「報告」 needs them acknowledged. */
  warnings: string[];
}

export interface CheckOptions {
  /** The upload's disease: its rows are notifications of it (form id = disease code). */
  disease: string;
  forms: readonly FormDefinition[];
  columns: Map<string, Column>;
  /** Today in Japan (yyyy-mm-dd): the logic checks' clock. */
  today: string;
  /** A health centre keying in fax or paper notifications: the doctor's name is needed on each row. */
  proxy: boolean;
}

const ja = z.locales.ja().localeError;
const en = z.locales.en().localeError;
const text = (r: ReturnType<typeof ja>, fallback: string) => (!r ? fallback : typeof r === 'string' ? r : r.message);

/** zod's own message in each language, or the schema's "日本語 / English" one, after the column's label. */
function zodMessage(issue: z.core.$ZodIssue, label: Localized): Localized {
  const english = text(en(issue as never), issue.message);
  let m: Localized;
  if (issue.message && issue.message !== english) {
    const [j, e] = issue.message.split(' / ');
    m = { ja: j, en: e ?? j };
  } else m = { ja: text(ja(issue as never), issue.message), en: english };
  return { ja: `「${label.ja}」: ${m.ja}`, en: `${label.en}: ${m.en}` };
}

const PERSON_KEYS: Record<string, string> = {
  nameKanji: 'nameKanji',
  nameKana: 'nameKana',
  sex: 'sex',
  birthDate: 'birthDate',
  residenceAddress: 'residenceAddress',
  registeredAddress: 'registeredAddress',
  phone: 'phone',
};
const GUARDIAN_KEYS: Record<string, string> = { name: 'guardianName', phone: 'guardianPhone', address: 'guardianAddress' };
const TEST_KEYS: Record<string, string> = { method: 'testMethod', specimen: 'testSpecimen', result: 'testResult', collectedOn: 'specimenCollectedOn', resultOn: 'testResultOn' };

/** The cells a path of the notification's view (logic checks, legal minimum, core items) is about. */
export function columnsOfPath(path: FieldPath, columns: Map<string, Column>): string[] {
  const [head, a, b] = path;
  const known = (keys: (string | undefined)[]) => keys.filter((k): k is string => !!k && columns.has(k));
  switch (head) {
    case 'person':
      return known([a === 'name' ? 'nameKanji' : PERSON_KEYS[String(a)]]);
    case 'guardian':
      return known([GUARDIAN_KEYS[String(a)]]);
    case 'dates':
      return known([DATE_FIELDS[String(a)]]);
    case 'tests':
      return known([b === undefined ? 'testMethod' : TEST_KEYS[String(b)]]);
    case 'fourGroups':
      return known(a === undefined ? Object.values(FOUR_GROUP_OPTIONS).map((g) => `answers.four_groups.${g}`) : [`answers.four_groups.${FOUR_GROUP_OPTIONS[String(a)]}`]);
    case 'admitted':
      return known(['answers.admitted_at_report']);
    case 'symptomatic':
      return known(['answers.symptoms']);
    case 'answers':
      return known([path.join('.')]);
    case 'reporter':
      return [];
    default:
      return known([String(head)]);
  }
}

const MISSING_MINIMUM = (l: Localized): Localized => ({
  ja: `「${l.ja}」は届出に最低限必要な項目です（Q&A 5）。`,
  en: `"${l.en}" is part of the legal minimum of a notification (Q&A 5).`,
});
const MISSING_SUBMIT = (l: Localized): Localized => ({ ja: `「${l.ja}」は報告に必要な項目です。`, en: `"${l.en}" is needed to submit.` });

/** Nested answers from the 'answers.group.item' cells. */
function answersOf(values: Map<string, CellValue>): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const [key, value] of values) {
    if (!key.startsWith('answers.') || value === undefined) continue;
    const path = key.split('.').slice(1);
    let at = answers;
    for (const p of path.slice(0, -1)) at = (at[p] ??= {}) as Record<string, unknown>;
    at[path.at(-1)!] = value;
  }
  return answers;
}

function defined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Checks one row; its input for registration when no error is found. */
export function checkRow(cells: Cells, o: CheckOptions): { problems: RowProblem[]; input: RowInput | null; person: Person | null } {
  const problems: RowProblem[] = [];
  const errorAt = new Set<string>();
  const add = (p: RowProblem) => {
    if (p.ruleId && problems.some((q) => q.ruleId === p.ruleId && q.column === p.column)) return;
    if (p.severity === 'error' && p.column) {
      if (errorAt.has(p.column) && p.code !== 'logic_check') return;
      errorAt.add(p.column);
    }
    problems.push(p);
  };
  const label = (key: string) => o.columns.get(key)?.label ?? { ja: key, en: key };

  const values = new Map<string, CellValue>();
  for (const [key, raw] of Object.entries(cells)) {
    const column = o.columns.get(key);
    if (!column) continue;
    const r = parseCell(column, raw);
    if (r.ok) values.set(key, r.value);
    else add({ column: key, severity: 'error', code: 'invalid_value', message: r.message });
  }
  const v = <T = string>(key: string) => values.get(key) as T | undefined;
  const zodIssues = (error: z.ZodError, columnOf: (path: PropertyKey[]) => string | undefined) => {
    for (const issue of error.issues) {
      const column = columnOf(issue.path) ?? null;
      add({ column, severity: 'error', code: issue.code, message: zodMessage(issue, column ? label(column) : { ja: '行', en: 'Row' }) });
    }
  };

  // The person, as registration validates it.
  const guardianGiven = ['guardianName', 'guardianPhone', 'guardianAddress'].some((k) => v(k) !== undefined);
  const personDraft = defined({
    nameKanji: v('nameKanji'),
    nameKana: v('nameKana'),
    sex: v('sex'),
    birthDate: v('birthDate'),
    residenceAddress: v('residenceAddress'),
    registeredAddress: v('registeredAddress'),
    phone: v('phone'),
    guardian: guardianGiven ? defined({ name: v('guardianName'), phone: v('guardianPhone'), address: v('guardianAddress') }) : undefined,
  });
  const person = PersonInput.safeParse(personDraft);
  if (!person.success)
    zodIssues(person.error, (p) => (p[0] === 'guardian' ? GUARDIAN_KEYS[String(p[1])] : PERSON_KEYS[String(p[0])]));

  // The test record, when any of its cells is filled.
  const testGiven = ['testMethod', 'testSpecimen', 'testResult', 'testResultOn'].some((k) => v(k) !== undefined);
  const test = testGiven
    ? LabTestInput.safeParse(defined({ method: v('testMethod'), specimen: v('testSpecimen'), result: v('testResult'), collectedOn: v('specimenCollectedOn'), resultOn: v('testResultOn') }))
    : undefined;
  if (test && !test.success) zodIssues(test.error, (p) => TEST_KEYS[String(p[0])]);

  // The notification's typed items, as a draft validates them.
  const answers = answersOf(values);
  const draftValues = defined({
    classification: v('classification'),
    diagnosedOn: v('diagnosedOn'),
    initialConsultationOn: v('initialConsultationOn'),
    specimenCollectedOn: v('specimenCollectedOn'),
    onsetOn: v('onsetOn'),
    estimatedInfectionOn: v('estimatedInfectionOn'),
    deathOn: v('deathOn'),
    occupation: v('occupation'),
    clinicalDiagnosis: v<boolean>('clinicalDiagnosis'),
    doctorName: v('doctorName'),
  });
  const draft = CreateNotificationBody.safeParse({ ...draftValues, answers });
  if (!draft.success) zodIssues(draft.error, (p) => (p[0] === 'answers' ? undefined : String(p[0])));
  if (o.proxy && v('doctorName') === undefined)
    add({ column: 'doctorName', severity: 'error', code: 'proxy_entry_needs_fax_or_paper', message: { ja: 'FAX・紙の届出の入力では医師名が必要です。', en: "A fax or paper notification needs the doctor's name." } });

  // The version in force on the diagnosis date, with its answers and the items it no longer collects.
  const onDate = v('diagnosedOn') ?? o.today;
  const form = selectForm(o.forms, o.disease, onDate);
  if (!form) {
    const name = o.forms.find((f) => f.formId === o.disease)?.disease ?? { ja: o.disease, en: o.disease };
    add({
      column: v('diagnosedOn') ? 'diagnosedOn' : null,
      severity: 'error',
      code: 'no_form_in_force',
      message: { ja: `診断年月日（${onDate}）に有効な${name.ja}の届出様式がありません。`, en: `No ${name.en} notification form is in force on the date of diagnosis (${onDate}).` },
    });
  } else {
    const checked = validateAnswers(form, answers, 'law');
    for (const e of checked.errors) add({ column: columnsOfPath(['answers', ...e.path], o.columns)[0] ?? null, severity: 'error', code: e.code, message: e.message });
    for (const m of checked.missing.filter((x) => x.level === 'submit')) {
      const column = columnsOfPath(['answers', ...m.path], o.columns)[0] ?? null;
      add({ column, severity: 'error', code: 'required_for_submission', message: MISSING_SUBMIT(column ? label(column) : { ja: m.path.join('.'), en: m.path.join('.') }) });
    }
    for (const c of notCollectedGiven(form, draftValues))
      add({ column: c, severity: 'error', code: 'not_collected_by_form', message: { ja: `「${label(c).ja}」はこの様式（${form.version}版）では収集しません。空欄にしてください。`, en: `"${label(c).en}" is not collected by this form (version ${form.version}): leave it blank.` } });
    for (const [field, key] of [['registeredAddress', 'registeredAddress'], ['guardianPhone', 'guardianPhone'], ['guardianAddress', 'guardianAddress']] as const)
      if (form.core[field] === 'not_collected' && v(key) !== undefined)
        add({ column: key, severity: 'error', code: 'not_collected_by_form', message: { ja: `「${label(key).ja}」はこの様式（${form.version}版）では収集しません。空欄にしてください。`, en: `"${label(key).en}" is not collected by this form (version ${form.version}): leave it blank.` } });
  }

  // The legal minimum and the version's submit items, where no cell error already says it.
  const classification = draft.success ? (draft.data.classification as Classification) : null;
  const sex = v('sex') as 'male' | 'female' | undefined;
  const notificationPerson = {
    nameKanji: v('nameKanji') ?? null,
    nameKana: v('nameKana') ?? null,
    sex: sex ?? null,
    birthDate: v('birthDate'),
    residenceAddress: v('residenceAddress') ?? null,
    registeredAddress: v('registeredAddress') ?? null,
    guardianName: v('guardianName') ?? null,
    guardianPhone: v('guardianPhone') ?? null,
    guardianAddress: v('guardianAddress') ?? null,
  };
  // The logic checks read the test as entered, also when its specimen does not suit its method (an error already).
  const rawTest = { method: v('testMethod'), specimen: v('testSpecimen'), result: v('testResult'), collectedOn: v('specimenCollectedOn'), resultOn: v('testResultOn') };
  const tests = test?.success ? [test.data] : rawTest.method && rawTest.specimen && rawTest.result ? [rawTest as Test] : [];
  for (const path of legalMinimumMissing({ classification, person: notificationPerson, testCount: testGiven ? 1 : 0, clinicalDiagnosis: v<boolean>('clinicalDiagnosis'), form })) {
    const column = columnsOfPath(path, o.columns)[0] ?? null;
    add({ column, severity: 'error', code: 'legal_minimum_missing', message: MISSING_MINIMUM(column ? label(column) : { ja: String(path.at(-1)), en: String(path.at(-1)) }) });
  }
  const core = {
    classification,
    diagnosedOn: v('diagnosedOn'),
    initialConsultationOn: v('initialConsultationOn'),
    specimenCollectedOn: v('specimenCollectedOn'),
    onsetOn: v('onsetOn'),
    estimatedInfectionOn: v('estimatedInfectionOn'),
    deathOn: v('deathOn'),
    occupation: v('occupation') ?? null,
  };
  if (form) {
    for (const m of coreMissing(form, core, notificationPerson, o.today).filter((x) => x.level === 'submit')) {
      const column = columnsOfPath(m.path, o.columns)[0] ?? null;
      add({ column, severity: 'error', code: 'required_for_submission', message: MISSING_SUBMIT(column ? label(column) : { ja: m.path.join('.'), en: m.path.join('.') }) });
    }
  }

  // The logic checks (論理チェック), once the classification, the sex and the version are known.
  const warnings: string[] = [];
  if (form && classification && sex) {
    const facts = notificationFacts({
      notification: { ...core, classification, admitted: null, symptomatic: null, clinicalDiagnosis: v<boolean>('clinicalDiagnosis') ?? false, answers },
      person: { ...notificationPerson, sex },
      labTests: tests,
      form,
      today: o.today,
    });
    for (const f of runLogicChecks(facts)) {
      if (f.severity === 'warning') warnings.push(f.ruleId);
      const cols = [...new Set(f.paths.flatMap((p) => columnsOfPath(p, o.columns)))];
      for (const column of cols.length ? cols : [null])
        add({ column, severity: f.severity, code: f.severity === 'error' ? 'logic_check' : 'logic_check_warning', message: f.message, ruleId: f.ruleId });
    }
  }

  if (problems.some((p) => p.severity === 'error') || !person.success || !draft.success || !form || !classification) return { problems, input: null, person: person.success ? person.data : null };
  const typed = draftValues;
  return {
    problems,
    person: person.data,
    input: {
      person: person.data,
      tests: test?.success ? [test.data] : [],
      notification: { formId: o.disease, ...(typed as Omit<RowInput['notification'], 'formId' | 'answers' | 'classification'>), classification, answers },
      formVersion: form.version,
      warnings: [...new Set(warnings)],
    },
  };
}
