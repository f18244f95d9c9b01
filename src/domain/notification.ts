// 発生届 (notification): classifications, the Q&A 5 legal minimum, the facts the logic checks
// read, and the e-mail that announces a submission. Pure: the clock and the data are inputs.
import type { CoreField, FormDefinition } from './forms/definition.ts';
import { isMinorOn, type Classification, type FieldPath, type LabTestFacts, type NotificationFacts } from './logic-checks.ts';
import type { Localized } from './messages.ts';

export type { Classification } from './logic-checks.ts';

export const CLASSIFICATIONS = ['patient', 'asymptomatic_carrier', 'suspected', 'deceased', 'suspected_deceased'] as const satisfies readonly Classification[];

/** 診断（検案）した者（死体）の類型, as the form words them (HER-SYS: 診断分類). */
export const CLASSIFICATION_LABELS: Record<Classification, Localized> = {
  patient: { ja: '患者（確定例）', en: 'Patient (confirmed case)' },
  asymptomatic_carrier: { ja: '無症状病原体保有者', en: 'Asymptomatic carrier' },
  suspected: { ja: '疑似症患者', en: 'Suspected case' },
  deceased: { ja: '感染症死亡者の死体', en: 'Body of a person who died of the infection' },
  suspected_deceased: { ja: '感染症死亡疑い者の死体', en: 'Body of a person suspected to have died of the infection' },
};

export const NOTIFICATION_STATUSES = ['draft', 'submitted', 'withdrawn'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** direct: the institution entered it; fax / paper: a health centre keyed it in on its behalf. */
export const NOTIFICATION_SOURCES = ['direct', 'fax', 'paper'] as const;
export type NotificationSource = (typeof NOTIFICATION_SOURCES)[number];

/**
 * The typed items a doctor fills in (besides the form's answers): what a draft edits, and what a
 * correction changes item by item, each kept with its old and new value.
 */
export const NOTIFICATION_ITEMS = [
  'classification',
  'diagnosedOn',
  'initialConsultationOn',
  'specimenCollectedOn',
  'onsetOn',
  'estimatedInfectionOn',
  'deathOn',
  'occupation',
  'admitted',
  'symptomatic',
  'clinicalDiagnosis',
  'doctorName',
] as const;

type DateValue = string | null | undefined;

/** The person as a notification needs them (identity, location, guardian). */
export interface NotificationPerson {
  nameKanji: string | null;
  nameKana: string | null;
  sex: 'male' | 'female' | null;
  birthDate: DateValue;
  residenceAddress: string | null;
  registeredAddress: string | null;
  guardianName?: string | null;
  guardianPhone?: string | null;
  guardianAddress?: string | null;
}

/** The typed columns of a notification the rules read. */
export interface NotificationCore {
  classification: Classification | null;
  diagnosedOn: DateValue;
  initialConsultationOn: DateValue;
  specimenCollectedOn: DateValue;
  onsetOn: DateValue;
  estimatedInfectionOn: DateValue;
  deathOn: DateValue;
  admitted: boolean | null;
  symptomatic: boolean | null;
  clinicalDiagnosis: boolean;
  answers: unknown;
}

export interface NotificationLabTest extends LabTestFacts {
  /** Tests entered together share an entry (at most four per entry, Q&A 6). */
  entryId?: string;
}

const blank = (s: string | null | undefined) => !s?.trim();
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The items a doctor may submit first and complete later (Q&A 5): 類型, 氏名, 性別, 生年月日,
 * 所在地 (the residence address, or the registered one when the residence is unknown) and 診断方法
 * (at least one test record; a clinical diagnosis where the form version allows one).
 */
export function legalMinimumMissing(n: {
  classification: Classification | null;
  person: NotificationPerson | null;
  testCount: number;
  clinicalDiagnosis?: boolean;
  form?: Pick<FormDefinition, 'allowsClinicalDiagnosis'>;
}): FieldPath[] {
  const p = n.person;
  const missing: FieldPath[] = [];
  if (!n.classification) missing.push(['classification']);
  if (!p || (blank(p.nameKanji) && blank(p.nameKana))) missing.push(['person', 'name']);
  if (!p?.sex) missing.push(['person', 'sex']);
  if (!p || blank(p.birthDate ?? null)) missing.push(['person', 'birthDate']);
  if (!p || (blank(p.residenceAddress) && blank(p.registeredAddress))) missing.push(['person', 'residenceAddress']);
  const clinical = n.clinicalDiagnosis === true && n.form?.allowsClinicalDiagnosis === true;
  if (n.testCount === 0 && !clinical) missing.push(['tests']);
  return missing;
}

interface TestDates {
  result: string;
  collectedOn?: string | null;
  resultOn?: string | null;
}

/**
 * The diagnosis a case's tests suggest, as a new notification starts from it: the latest positive
 * test (diagnosed the day its result came), else nothing decided and the latest specimen's date,
 * else today. Registration checks a form is in force for the disease on this date before it
 * creates anything.
 */
export function suggestedDiagnosis<T extends TestDates>(tests: readonly T[], today: string): { test: T | undefined; diagnosedOn: string; positive: boolean } {
  // An empty date (a form's untouched field) is no date.
  const when = (t: TestDates) => t.resultOn || t.collectedOn || '';
  const positive = tests.filter((t) => t.result === 'positive').sort((a, b) => when(a).localeCompare(when(b))).at(-1);
  if (positive) return { test: positive, diagnosedOn: when(positive) || today, positive: true };
  const last = tests.at(-1);
  return { test: last, diagnosedOn: last?.collectedOn || today, positive: false };
}

/** The reporter's institution address and phone are statutory in every version; the doctor's name comes from the ID. */
export function reporterMissing(r: { address: string | null; phone: string | null }): FieldPath[] {
  return [...(blank(r.address) ? [['reporter', 'address']] : []), ...(blank(r.phone) ? [['reporter', 'phone']] : [])];
}

// ---------------------------------------------------------------------------------------------
// The typed items each form version asks for (its `core`: the 2022-06-30 ordinance dropped some).

/** Where each core item lives in a notification's view, as the logic checks name them. */
export const CORE_PATHS: Record<CoreField, FieldPath> = {
  occupation: ['occupation'],
  registeredAddress: ['person', 'registeredAddress'],
  initialConsultationDate: ['dates', 'initialConsultation'],
  specimenCollectedDate: ['dates', 'specimenCollected'],
  onsetDate: ['dates', 'onset'],
  estimatedInfectionDate: ['dates', 'estimatedInfection'],
  deathDate: ['dates', 'death'],
  guardianAddress: ['guardian', 'address'],
  guardianPhone: ['guardian', 'phone'],
};

/** The core items kept on the notification itself (the others belong to the person). */
export const CORE_COLUMNS = {
  occupation: 'occupation',
  initialConsultationDate: 'initialConsultationOn',
  specimenCollectedDate: 'specimenCollectedOn',
  onsetDate: 'onsetOn',
  estimatedInfectionDate: 'estimatedInfectionOn',
  deathDate: 'deathOn',
} as const satisfies Partial<Record<CoreField, string>>;

export type CoreColumn = (typeof CORE_COLUMNS)[keyof typeof CORE_COLUMNS];

type CoreNotification = Pick<NotificationCore, 'classification' | 'diagnosedOn' | Exclude<CoreColumn, 'occupation'>> & { occupation: string | null };

/**
 * Whether an item concerns this person at all: a death date the dead, an onset date anyone but an
 * asymptomatic carrier, the guardian a minor (on the diagnosis date, today while it is unknown).
 */
function concerns(field: CoreField, n: CoreNotification, person: NotificationPerson, today: string): boolean {
  switch (field) {
    case 'deathDate':
      return n.classification === 'deceased' || n.classification === 'suspected_deceased';
    case 'onsetDate':
      return n.classification !== 'asymptomatic_carrier';
    case 'guardianAddress':
    case 'guardianPhone':
      return typeof person.birthDate === 'string' && isMinorOn(person.birthDate, n.diagnosedOn ?? today);
    default:
      return true;
  }
}

function coreValue(field: CoreField, n: CoreNotification, person: NotificationPerson): string | null | undefined {
  if (field === 'registeredAddress') return person.registeredAddress;
  if (field === 'guardianAddress') return person.guardianAddress;
  if (field === 'guardianPhone') return person.guardianPhone;
  return n[CORE_COLUMNS[field]];
}

/** The core items this form version requires ('submit' blocks 「報告」, 'law' may follow) that are empty. */
export function coreMissing(
  form: Pick<FormDefinition, 'core'>,
  n: CoreNotification,
  person: NotificationPerson,
  today: string,
): { path: FieldPath; level: 'submit' | 'law' }[] {
  return (Object.keys(CORE_PATHS) as CoreField[]).flatMap((field) => {
    const level = form.core[field];
    if (level !== 'submit' && level !== 'law') return [];
    if (!concerns(field, n, person, today) || !blank(coreValue(field, n, person))) return [];
    return [{ path: CORE_PATHS[field], level }];
  });
}

/**
 * The notification's own items that this version no longer collects but that hold a value:
 * the ordinance removed them, so keeping them would be collecting data without a legal basis.
 */
export function notCollectedGiven(form: Pick<FormDefinition, 'core'>, n: Partial<Record<CoreColumn, unknown>>): CoreColumn[] {
  return (Object.entries(CORE_COLUMNS) as [keyof typeof CORE_COLUMNS, CoreColumn][])
    .filter(([field, column]) => form.core[field] === 'not_collected' && n[column] !== null && n[column] !== undefined)
    .map(([, column]) => column);
}

// ---------------------------------------------------------------------------------------------
// Corrections: what changed, item by item.

export interface ItemChange {
  path: FieldPath;
  old: unknown;
  new: unknown;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The items a correction changes, old and new: the typed fields named in `fields` and each
 * answered form item (by item id) — the history a health centre reads back (who changed what).
 */
export function notificationChanges<T extends Record<string, unknown>>(
  before: T & { answers?: unknown },
  after: T & { answers?: unknown },
  fields: readonly (keyof T & string)[],
): ItemChange[] {
  const changes: ItemChange[] = fields.filter((f) => !same(before[f], after[f])).map((f) => ({ path: [f], old: before[f] ?? null, new: after[f] ?? null }));
  const a = isRecord(before.answers) ? before.answers : {};
  const b = isRecord(after.answers) ? after.answers : {};
  for (const item of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (!same(a[item], b[item])) changes.push({ path: ['answers', item], old: a[item] ?? null, new: b[item] ?? null });
  }
  return changes;
}

// ---------------------------------------------------------------------------------------------
// Facts for the logic checks.

const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);

/** The form's `four_groups` booleans under the names the logic checks use. */
function fourGroups(answers: Record<string, unknown>): NotificationFacts['fourGroups'] {
  const g = isRecord(answers.four_groups) ? answers.four_groups : {};
  return {
    aged65OrOver: bool(g.aged_65_or_over),
    needsAdmission: bool(g.needs_admission),
    riskAndNeedsTreatmentOrOxygen: bool(g.risk_and_needs_treatment_or_oxygen),
    pregnant: bool(g.pregnant),
  };
}

/**
 * Symptomatic when the form asks for symptoms: answered and not only 「なし」; unanswered is
 * unknown. Forms without the item leave it to the typed column the doctor may set.
 */
function symptomatic(form: FormDefinition, answers: Record<string, unknown>, column: boolean | null): boolean | null {
  if (!form.items.some((i) => i.id === 'symptoms')) return column;
  const codes = Array.isArray(answers.symptoms) ? answers.symptoms.map((s) => (isRecord(s) ? s.code : s)) : [];
  if (codes.length === 0) return null;
  return codes.some((c) => c !== 'none');
}

/** The most tests entered at once (the per-entry limit is about one entry, not the whole case). */
function largestEntry(tests: readonly NotificationLabTest[]): number {
  const sizes = new Map<string, number>();
  tests.forEach((t, i) => sizes.set(t.entryId ?? `#${i}`, (sizes.get(t.entryId ?? `#${i}`) ?? 0) + 1));
  return Math.max(0, ...sizes.values());
}

/**
 * What runLogicChecks reads, from a stored notification. `reportOn` is the day 「報告」 was
 * pressed for this classification (Q&A 8); for a draft, today.
 */
export function notificationFacts(input: {
  notification: NotificationCore & { classification: Classification };
  person: NotificationPerson & { sex: 'male' | 'female' };
  labTests: readonly NotificationLabTest[];
  form: FormDefinition;
  today: string;
  reportOn?: string | null;
}): NotificationFacts {
  const { notification: n, person, form, today } = input;
  const answers = isRecord(n.answers) ? n.answers : {};
  return {
    classification: n.classification,
    today,
    person: { birthDate: person.birthDate, sex: person.sex },
    guardian: { name: person.guardianName ?? null, phone: person.guardianPhone ?? null },
    dates: {
      initialConsultation: n.initialConsultationOn,
      specimenCollected: n.specimenCollectedOn,
      diagnosis: n.diagnosedOn,
      onset: n.onsetOn,
      estimatedInfection: n.estimatedInfectionOn,
      death: n.deathOn,
      report: input.reportOn ?? today,
    },
    symptomatic: symptomatic(form, answers, n.symptomatic),
    admitted: bool(answers.admitted_at_report) ?? n.admitted,
    tests: input.labTests.map(({ method, specimen, collectedOn, result, resultOn }) => ({ method, specimen, collectedOn, result, resultOn })),
    testsInThisEntry: largestEntry(input.labTests),
    clinicalDiagnosis: n.clinicalDiagnosis,
    form: {
      allowsClinicalDiagnosis: form.allowsClinicalDiagnosis,
      requiresOneOfFourGroups: form.requiresOneOfFourGroups,
      collectsOnset: form.core.onsetDate !== 'not_collected',
      classifications: form.classifications,
      methods: form.diagnosis.methods,
      off: form.logicChecks?.off,
      rules: form.logicChecks?.rules,
    },
    answers,
    ...(form.requiresOneOfFourGroups ? { fourGroups: fourGroups(answers) } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// The submission e-mail.

/** What a submission e-mail says: no personal data, only the self-report ID and the disease. */
export interface SubmissionMail {
  selfReportId: string;
  caseUrl: string;
  /** The disease's name (a form's disease label): not personal data, and what the centre acts on first. */
  disease: Localized;
  /** The first 「報告」 came after the deadline: said in the subject. */
  late?: boolean;
}

/**
 * The e-mail to the notified health centre (Q&A 14-2). It carries no personal data: the centre
 * finds the patient by the self-report ID (スマホ入力ID) after logging in through the link.
 */
export function submissionEmail(input: SubmissionMail & { healthCentreNameJa: string }): { subject: string; text: string } {
  const { selfReportId, caseUrl, healthCentreNameJa, disease, late } = input;
  return {
    subject: `【HER-SYS】${late ? '【期限超過】' : ''}${disease.ja}の発生届が提出されました（スマホ入力ID: ${selfReportId}）`,
    text: [
      `${healthCentreNameJa} 御中`,
      '',
      `医療機関から${disease.ja}の発生届が提出されました。`,
      ...(late ? ['届出期限を過ぎてからの提出です。'] : []),
      `スマホ入力ID: ${selfReportId}`,
      'ログインのうえ内容を確認し、「保健所確認済」としてください。',
      caseUrl,
      '',
      `A ${disease.en} notification was submitted${late ? ' after its deadline' : ''} (self-report ID ${selfReportId}). Log in to check and confirm it: ${caseUrl}`,
    ].join('\n'),
  };
}

/**
 * Categories 1 and 2 (Ebola, tuberculosis…): the prefecture hears at once, besides the centre. As
 * the centre's e-mail, no personal data: the disease, the centre and the self-report ID.
 */
export function prefectureAlertEmail(input: SubmissionMail & { prefectureNameJa: string; healthCentreNameJa: string }): { subject: string; text: string } {
  const { selfReportId, caseUrl, prefectureNameJa, healthCentreNameJa, disease } = input;
  return {
    subject: `【HER-SYS】【至急】${disease.ja}の発生届（${healthCentreNameJa}、スマホ入力ID: ${selfReportId}）`,
    text: [
      `${prefectureNameJa} 御中`,
      '',
      `${healthCentreNameJa}の管轄で${disease.ja}の発生届が提出されました。`,
      `スマホ入力ID: ${selfReportId}`,
      caseUrl,
      '',
      `A ${disease.en} notification was submitted in the area of ${healthCentreNameJa} (self-report ID ${selfReportId}): ${caseUrl}`,
    ].join('\n'),
  };
}
