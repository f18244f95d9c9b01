// 発生届 (notification): classifications, the Q&A 5 legal minimum, the facts the logic checks
// read, and the e-mail that announces a submission. Pure: the clock and the data are inputs.
import type { FormDefinition } from './forms/definition.ts';
import type { Classification, FieldPath, LabTestFacts, NotificationFacts } from './logic-checks.ts';
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

// ---------------------------------------------------------------------------------------------
// Facts for the logic checks.

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
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
    form: { allowsClinicalDiagnosis: form.allowsClinicalDiagnosis, requiresOneOfFourGroups: form.requiresOneOfFourGroups },
    ...(form.requiresOneOfFourGroups ? { fourGroups: fourGroups(answers) } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// The submission e-mail.

/**
 * The e-mail to the notified health centre (Q&A 14-2). It carries no personal data: the centre
 * finds the patient by the self-report ID (スマホ入力ID) after logging in through the link.
 */
export function submissionEmail(input: { selfReportId: string; caseUrl: string; healthCentreNameJa: string }): { subject: string; text: string } {
  const { selfReportId, caseUrl, healthCentreNameJa } = input;
  return {
    subject: `【HER-SYS】発生届が提出されました（スマホ入力ID: ${selfReportId}）`,
    text: [
      `${healthCentreNameJa} 御中`,
      '',
      '医療機関から発生届が提出されました。',
      `スマホ入力ID: ${selfReportId}`,
      'ログインのうえ内容を確認し、「保健所確認済」としてください。',
      caseUrl,
      '',
      `A notification was submitted (self-report ID ${selfReportId}). Log in to check and confirm it: ${caseUrl}`,
    ].join('\n'),
  };
}
