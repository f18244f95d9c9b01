// 論理チェック: consistency rules a 発生届 must pass before it is submitted. Pure (no I/O, no
// clock: "today" is an input), so the server and the browser run the same rules.
// An error blocks submission; a warning blocks it until the doctor acknowledges it by rule id.
// "Q&A n" cites the MHLW HER-SYS Q&A (shared/seeds); field names follow DESIGN.md §3.
import { conditionHolds } from './forms/answers.ts';
import type { DiseaseRule } from './forms/definition.ts';
import {
  MAX_TESTS_PER_ENTRY,
  specimenAllowed,
  SPECIMEN_LABELS,
  TEST_METHOD_LABELS,
  type DiagnosisMethod,
  type Specimen,
  type TestMethod,
  type TestResult,
} from './lab-tests.ts';
import type { Localized } from './messages.ts';

export type Classification = 'patient' | 'asymptomatic_carrier' | 'suspected' | 'deceased' | 'suspected_deceased';
export type Severity = 'error' | 'warning';
/** A field path as in zod issues: ['dates', 'onset'], ['tests', 2, 'specimen']. */
export type FieldPath = (string | number)[];
/** A calendar date in Japan, yyyy-mm-dd. Absent dates may be undefined, null or ''. */
type DateValue = string | null | undefined;

export interface LabTestFacts {
  method: TestMethod;
  specimen: Specimen;
  collectedOn?: DateValue;
  result: TestResult;
  resultOn?: DateValue;
}

export interface NotificationFacts {
  classification: Classification;
  /** Today's calendar date in Japan (yyyy-mm-dd), supplied by the caller. */
  today: string;
  person: { birthDate: DateValue; sex: 'male' | 'female' };
  guardian?: { name?: string | null; phone?: string | null } | null;
  dates: {
    initialConsultation?: DateValue;
    specimenCollected?: DateValue;
    diagnosis?: DateValue;
    onset?: DateValue;
    estimatedInfection?: DateValue;
    death?: DateValue;
    report?: DateValue;
  };
  /** null: not answered. */
  symptomatic: boolean | null;
  /** Hospitalised at the time of the report; null: not answered. */
  admitted: boolean | null;
  tests: LabTestFacts[];
  /** Test records added in this one submission (default: tests.length). */
  testsInThisEntry?: number;
  /** Diagnosed without a positive test, e.g. みなし陽性. */
  clinicalDiagnosis?: boolean;
  /** Properties of the form version the notification is filed under. */
  form: {
    allowsClinicalDiagnosis: boolean;
    requiresOneOfFourGroups: boolean;
    /** False where the version no longer collects the onset date (2022-09-26); default true. */
    collectsOnset?: boolean;
    /** The disease's 類型 (default: all five). */
    classifications?: readonly Classification[];
    /** The disease's methods and their specimens (default: the catalogue's, lab-tests.ts). */
    methods?: readonly DiagnosisMethod[];
    /** Shared rules that do not apply to the disease, and its own rule table (forms/definition.ts). */
    off?: readonly string[];
    rules?: readonly DiseaseRule[];
  };
  /** The form's answers, for the disease's own rules. */
  answers?: unknown;
  fourGroups?: { aged65OrOver?: boolean; needsAdmission?: boolean; riskAndNeedsTreatmentOrOxygen?: boolean; pregnant?: boolean };
}

/**
 * Where the facts' dates and four groups come from in a notification: the draft's date fields and
 * the four_groups item's options. The web form, the bulk upload's cells and the FHIR intake's
 * expressions show a finding's path at that field.
 */
export const DATE_FIELDS: Readonly<Record<string, string>> = {
  initialConsultation: 'initialConsultationOn',
  specimenCollected: 'specimenCollectedOn',
  diagnosis: 'diagnosedOn',
  onset: 'onsetOn',
  estimatedInfection: 'estimatedInfectionOn',
  death: 'deathOn',
};
export const FOUR_GROUP_OPTIONS: Readonly<Record<string, string>> = {
  aged65OrOver: 'aged_65_or_over',
  needsAdmission: 'needs_admission',
  riskAndNeedsTreatmentOrOxygen: 'risk_and_needs_treatment_or_oxygen',
  pregnant: 'pregnant',
};

export interface Finding {
  ruleId: string;
  severity: Severity;
  paths: FieldPath[];
  message: Localized;
}

export interface LogicRule {
  id: string;
  severity: Severity;
  check(facts: NotificationFacts): Finding[];
}

// ---------------------------------------------------------------------------------------------
// Calendar helpers: valid yyyy-mm-dd strings compare correctly as strings.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeap(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

/** A real calendar date written yyyy-mm-dd (2023-02-29 is not). */
export function isIsoDate(s: unknown): s is string {
  const m = typeof s === 'string' ? ISO_DATE.exec(s) : null;
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const days = mo === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(mo) ? 30 : 31;
  return mo >= 1 && mo <= 12 && d >= 1 && d <= days;
}

/**
 * Age in completed years on a date, by the calendar: born 2000-03-01, 18 on 2018-03-01.
 * Born on 02-29: a year older on 03-01 in common years (still the old age on 02-28), which is
 * also what Japanese law gives (the age rises at the end of the day before the birthday).
 */
export function ageOn(birth: string, on: string): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

function present(v: DateValue): v is string {
  return v !== undefined && v !== null && v !== '';
}

/** The value when it is a valid date; rules other than LC-DATE-INVALID treat invalid dates as absent. */
function valid(v: DateValue): string | undefined {
  return isIsoDate(v) ? v : undefined;
}

interface DateField {
  path: FieldPath;
  label: Localized;
  value: DateValue;
}

const DATE_LABELS = {
  birthDate: { ja: '生年月日', en: 'date of birth' },
  initialConsultation: { ja: '初診年月日', en: 'date of first consultation' },
  specimenCollected: { ja: '検体採取年月日', en: 'specimen collection date' },
  diagnosis: { ja: '診断（検案）年月日', en: 'date of diagnosis' },
  onset: { ja: '発病年月日', en: 'date of onset' },
  estimatedInfection: { ja: '感染推定年月日', en: 'estimated date of infection' },
  death: { ja: '死亡年月日', en: 'date of death' },
  report: { ja: '報告年月日', en: 'report date' },
} satisfies Record<string, Localized>;

type DateKey = keyof NotificationFacts['dates'];

function field(f: NotificationFacts, key: DateKey | 'birthDate'): DateField {
  return key === 'birthDate'
    ? { path: ['person', 'birthDate'], label: DATE_LABELS.birthDate, value: f.person.birthDate }
    : { path: ['dates', key], label: DATE_LABELS[key], value: f.dates[key] };
}

function testDateFields(f: NotificationFacts, i: number): { collectedOn: DateField; resultOn: DateField } {
  const t = f.tests[i]!;
  const n = i + 1;
  return {
    collectedOn: { path: ['tests', i, 'collectedOn'], label: { ja: `検査${n}の検体採取日`, en: `specimen collection date of test ${n}` }, value: t.collectedOn },
    resultOn: { path: ['tests', i, 'resultOn'], label: { ja: `検査${n}の結果判明日`, en: `result date of test ${n}` }, value: t.resultOn },
  };
}

/** Every date the notification holds, present or not. */
function allDateFields(f: NotificationFacts): DateField[] {
  const keys: (DateKey | 'birthDate')[] = ['birthDate', 'initialConsultation', 'specimenCollected', 'diagnosis', 'onset', 'estimatedInfection', 'death', 'report'];
  return [...keys.map((k) => field(f, k)), ...f.tests.flatMap((_, i) => Object.values(testDateFields(f, i)))];
}

/** The date ages are judged on: the diagnosis date, or today while it is not known. */
function ageReferenceDate(f: NotificationFacts): string {
  return valid(f.dates.diagnosis) ?? f.today;
}

function age(f: NotificationFacts): number | undefined {
  const birth = valid(f.person.birthDate);
  return birth === undefined ? undefined : ageOn(birth, ageReferenceDate(f));
}

/** "a must not be after b": a finding on both fields when both are valid dates and a > b. */
function notAfter(a: DateField, b: DateField): Issue[] {
  const [x, y] = [valid(a.value), valid(b.value)];
  if (x === undefined || y === undefined || x <= y) return [];
  return [
    {
      paths: [a.path, b.path],
      ja: `${a.label.ja}（${x}）が${b.label.ja}（${y}）より後になっています。`,
      en: `The ${a.label.en} (${x}) is after the ${b.label.en} (${y}).`,
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// The rules.

interface Issue {
  paths: FieldPath[];
  ja: string;
  en: string;
}

function rule(id: string, severity: Severity, find: (f: NotificationFacts) => Issue[]): LogicRule {
  return {
    id,
    severity,
    check: (f) => find(f).map(({ paths, ja, en }) => ({ ruleId: id, severity, paths, message: { ja, en } })),
  };
}

const DECEASED: readonly Classification[] = ['deceased', 'suspected_deceased'];
const FOUR_GROUP_KEYS = ['aged65OrOver', 'needsAdmission', 'riskAndNeedsTreatmentOrOxygen', 'pregnant'] as const;

/** Civil Code amendment: the age of majority fell from 20 to 18 on 2022-04-01. */
export function isMinorOn(birth: string, on: string): boolean {
  return ageOn(birth, on) < (on < '2022-04-01' ? 20 : 18);
}

export const LOGIC_RULES: readonly LogicRule[] = [
  // Dates arrive from forms and fax transcription; every other rule relies on them being real dates.
  rule('LC-DATE-INVALID', 'error', (f) =>
    allDateFields(f)
      .filter((d) => present(d.value) && !isIsoDate(d.value))
      .map((d) => ({
        paths: [d.path],
        ja: `${d.label.ja}が正しい日付ではありません（年-月-日で入力してください）。`,
        en: `The ${d.label.en} is not a valid date (use yyyy-mm-dd).`,
      })),
  ),

  // Nothing on a notification can have happened after today (Japan calendar date).
  rule('LC-DATE-FUTURE', 'error', (f) =>
    allDateFields(f).flatMap((d) => {
      const v = valid(d.value);
      return v !== undefined && v > f.today
        ? [{ paths: [d.path], ja: `${d.label.ja}（${v}）が未来の日付です。`, en: `The ${d.label.en} (${v}) is in the future.` }]
        : [];
    }),
  ),

  // Birth ≤ onset ≤ diagnosis ≤ report, for every pair where both are given (a missing middle date
  // must not hide an inversion). The report date is the day 「報告」 was pressed (Q&A 8).
  rule('LC-DATE-ORDER', 'error', (f) => {
    const chain = (['birthDate', 'onset', 'diagnosis', 'report'] as const).map((k) => field(f, k));
    return chain.flatMap((a, i) => chain.slice(i + 1).flatMap((b) => notAfter(a, b)));
  }),

  // A diagnosis rests on specimens already taken: even a suspected case filed when the specimen is
  // taken gets a new diagnosis date when it is confirmed (Q&A 3).
  rule('LC-SPECIMEN-AFTER-DIAGNOSIS', 'error', (f) => {
    const diagnosis = field(f, 'diagnosis');
    return [field(f, 'specimenCollected'), ...f.tests.map((_, i) => testDateFields(f, i).collectedOn)].flatMap((s) =>
      notAfter(s, diagnosis),
    );
  }),

  // A result cannot be known before its specimen was taken.
  rule('LC-TEST-RESULT-BEFORE-COLLECTION', 'error', (f) =>
    f.tests.flatMap((_, i) => {
      const { collectedOn, resultOn } = testDateFields(f, i);
      return notAfter(collectedOn, resultOn);
    }),
  ),

  // The date of death belongs to the two 死体 classifications and only to them (form item 17).
  rule('LC-DEATH-DATE', 'error', (f) => {
    const deceased = DECEASED.includes(f.classification);
    if (deceased && !present(f.dates.death))
      return [{ paths: [['dates', 'death']], ja: '死体の届出では死亡年月日を入力してください。', en: 'Enter the date of death for a deceased person.' }];
    if (!deceased && present(f.dates.death))
      return [
        {
          paths: [['dates', 'death'], ['classification']],
          ja: '死亡年月日は、診断分類が「感染症死亡者の死体」または「感染症死亡疑い者の死体」の場合にのみ入力します。',
          en: 'A date of death belongs only to the classifications "deceased" and "suspected deceased".',
        },
      ];
    return [];
  }),

  // Death after birth and onset; and a body cannot be reported before the death.
  rule('LC-DEATH-DATE-ORDER', 'error', (f) => {
    const death = field(f, 'death');
    return [...notAfter(field(f, 'birthDate'), death), ...notAfter(field(f, 'onset'), death), ...notAfter(death, field(f, 'report'))];
  }),

  // Since 2020-10 a suspected case is notifiable only when hospitalised (Q&A 3, 10-2, 11).
  rule('LC-SUSPECTED-NOT-ADMITTED', 'error', (f) =>
    f.classification === 'suspected' && f.admitted === false
      ? [
          {
            paths: [['classification'], ['admitted']],
            ja: '疑似症患者の届出は入院している場合に限られます。入院していない方は、検査で陽性となった場合に患者として届け出てください。',
            en: 'A suspected case is notified only when admitted to hospital. If the person is not admitted, notify them as a patient once a test is positive.',
          },
        ]
      : [],
  ),
  rule('LC-SUSPECTED-ADMISSION-UNKNOWN', 'warning', (f) =>
    f.classification === 'suspected' && (f.admitted ?? null) === null
      ? [
          {
            paths: [['admitted']],
            ja: '疑似症患者の届出は入院している場合に限られます。入院の有無を確認してください。',
            en: 'A suspected case is notified only when admitted to hospital. Confirm whether the person is admitted.',
          },
        ]
      : [],
  ),

  // A confirmed case rests on a positive test (pending, negative or undetermined do not count),
  // or, where the form version allows it, on a clinical diagnosis (みなし陽性, 2022). みなし陽性 was
  // the diagnosis of a symptomatic contact, so it never supports an asymptomatic carrier, who can
  // only be found by a test.
  rule('LC-POSITIVE-TEST-REQUIRED', 'error', (f) => {
    if (f.classification !== 'patient' && f.classification !== 'asymptomatic_carrier') return [];
    if (f.tests.some((t) => t.result === 'positive')) return [];
    if (f.clinicalDiagnosis === true) {
      if (f.classification === 'patient' && f.form.allowsClinicalDiagnosis) return [];
      return [
        f.classification === 'patient'
          ? {
              paths: [['clinicalDiagnosis']],
              ja: 'この様式では、検査によらない臨床診断（みなし陽性）による届出はできません。陽性の検査結果を入力してください。',
              en: 'This form version does not accept a clinical diagnosis without a test. Enter a positive test result.',
            }
          : {
              paths: [['clinicalDiagnosis'], ['classification']],
              ja: '無症状病原体保有者は臨床診断（みなし陽性）では届け出られません。陽性の検査結果を入力してください。',
              en: 'An asymptomatic carrier cannot be notified on a clinical diagnosis. Enter a positive test result.',
            },
      ];
    }
    return [
      {
        paths: [['tests']],
        ja: '患者（確定例）・無症状病原体保有者の届出には、陽性の検査結果が必要です。',
        en: 'A confirmed patient or asymptomatic carrier needs at least one positive test result.',
      },
    ];
  }),

  // 無症状病原体保有者 means no symptoms: a symptomatic person is a patient.
  rule('LC-CARRIER-NO-SYMPTOMS', 'error', (f) => {
    if (f.classification !== 'asymptomatic_carrier') return [];
    const issues: Issue[] = [];
    if (f.symptomatic === true)
      issues.push({
        paths: [['symptomatic'], ['classification']],
        ja: '症状がある場合は、無症状病原体保有者ではなく患者（確定例）として届け出てください。',
        en: 'A person with symptoms is a patient, not an asymptomatic carrier.',
      });
    if (present(f.dates.onset))
      issues.push({
        paths: [['dates', 'onset'], ['classification']],
        ja: '無症状病原体保有者には発病年月日を入力しません。',
        en: 'An asymptomatic carrier has no date of onset.',
      });
    return issues;
  }),

  // Each disease's form offers its own 類型: measles has no 疑似症患者, for one.
  rule('LC-CLASSIFICATION-OFFERED', 'error', (f) =>
    !f.form.classifications || f.form.classifications.includes(f.classification)
      ? []
      : [
          {
            paths: [['classification']],
            ja: 'この感染症の発生届では、この診断分類（類型）は選べません。',
            en: 'This classification is not one this disease is notified under.',
          },
        ],
  ),

  // The form offers only the methods its criteria accept, and for each the specimens it is
  // approved for (§2.2 row 12 for COVID-19; each disease's definition for the others).
  rule('LC-SPECIMEN-METHOD', 'error', (f) =>
    f.tests.flatMap((t, i) =>
      f.form.methods && !f.form.methods.some((m) => m.method === t.method)
        ? [
            {
              paths: [['tests', i, 'method']],
              ja: `検査${i + 1}: 「${TEST_METHOD_LABELS[t.method]?.ja ?? t.method}」はこの感染症の診断方法にありません。`,
              en: `Test ${i + 1}: "${TEST_METHOD_LABELS[t.method]?.en ?? t.method}" is not a diagnostic method for this disease.`,
            },
          ]
        : specimenAllowed(t.method, t.specimen, f.form.methods)
        ? []
        : [
            {
              paths: [['tests', i, 'specimen']],
              ja: `検査${i + 1}: 「${TEST_METHOD_LABELS[t.method]?.ja ?? t.method}」の検体に「${SPECIMEN_LABELS[t.specimen]?.ja ?? t.specimen}」は選べません。`,
              en: `Test ${i + 1}: "${SPECIMEN_LABELS[t.specimen]?.en ?? t.specimen}" is not a specimen for "${TEST_METHOD_LABELS[t.method]?.en ?? t.method}".`,
            },
          ],
    ),
  ),

  // Up to four test records at once; more are added by editing afterwards (Q&A 6).
  rule('LC-TESTS-PER-ENTRY', 'error', (f) => {
    const n = f.testsInThisEntry ?? f.tests.length;
    return n > MAX_TESTS_PER_ENTRY
      ? [
          {
            paths: [['tests']],
            ja: `検査記録は一度に${MAX_TESTS_PER_ENTRY}件まで登録できます（${n}件あります）。残りは登録後に追加してください。`,
            en: `Up to ${MAX_TESTS_PER_ENTRY} test records can be entered at once (there are ${n}). Add the rest afterwards.`,
          },
        ]
      : [];
  }),

  // Catches a mistyped birth year (e.g. the era year typed as a Western year).
  rule('LC-AGE-IMPLAUSIBLE', 'error', (f) => {
    const birth = valid(f.person.birthDate);
    const years = age(f);
    if (birth === undefined || years === undefined) return [];
    if (birth < '1900-01-01' || years > 125)
      return [
        {
          paths: [['person', 'birthDate']],
          ja: `生年月日（${birth}）が正しくないようです（${ageReferenceDate(f)}時点で${years}歳）。`,
          en: `The date of birth (${birth}) cannot be right (age ${years} on ${ageReferenceDate(f)}).`,
        },
      ];
    return [];
  }),
  rule('LC-AGE-OVER-110', 'warning', (f) => {
    const birth = valid(f.person.birthDate);
    const years = age(f);
    if (birth === undefined || years === undefined || birth < '1900-01-01' || years > 125 || years <= 110) return [];
    return [
      {
        paths: [['person', 'birthDate']],
        ja: `${ageReferenceDate(f)}時点で${years}歳です。生年月日を確認してください。`,
        en: `The person is ${years} on ${ageReferenceDate(f)}. Check the date of birth.`,
      },
    ];
  }),

  // The law asks for a minor's guardian (name, and since 2022-06-30 the phone number); the doctor
  // may add it later (Q&A 5), so this is a warning.
  rule('LC-GUARDIAN-FOR-MINOR', 'warning', (f) => {
    const birth = valid(f.person.birthDate);
    if (birth === undefined || !isMinorOn(birth, ageReferenceDate(f))) return [];
    const missing: FieldPath[] = [];
    if (!f.guardian?.name?.trim()) missing.push(['guardian', 'name']);
    if (!f.guardian?.phone?.trim()) missing.push(['guardian', 'phone']);
    return missing.length
      ? [
          {
            paths: missing,
            ja: '未成年者の届出です。保護者の氏名と電話番号を入力してください。',
            en: "The person is a minor. Enter the guardian's name and phone number.",
          },
        ]
      : [];
  }),

  // From 2022-09-26 a notification is limited to the four groups; deaths examined by a doctor stay
  // notifiable regardless (hersys-domain.md §2.3 item 4).
  rule('LC-FOUR-GROUPS-REQUIRED', 'error', (f) => {
    if (!f.form.requiresOneOfFourGroups || DECEASED.includes(f.classification)) return [];
    if (FOUR_GROUP_KEYS.some((k) => f.fourGroups?.[k] === true)) return [];
    return [
      {
        paths: [['fourGroups']],
        ja: '発生届の対象は、65歳以上、入院を要する者、重症化リスクがあり治療薬または酸素投与を要する者、妊婦のいずれかに該当する方です。該当するものを選んでください。',
        en: 'A notification is limited to people aged 65 or over, needing admission, at risk and needing treatment or oxygen, or pregnant. Select the group that applies.',
      },
    ];
  }),
  rule('LC-FOUR-GROUPS-AGE', 'warning', (f) => {
    const stated = f.fourGroups?.aged65OrOver;
    const years = age(f);
    if (!f.form.requiresOneOfFourGroups || stated === undefined || years === undefined) return [];
    if (stated === years >= 65) return [];
    return [
      {
        paths: [['fourGroups', 'aged65OrOver'], ['person', 'birthDate']],
        ja: `「65歳以上」の選択が生年月日と合いません（${ageReferenceDate(f)}時点で${years}歳）。`,
        en: `"Aged 65 or over" does not agree with the date of birth (age ${years} on ${ageReferenceDate(f)}).`,
      },
    ];
  }),

  // A symptomatic patient's onset date is a statutory item (it may be left out for low-risk cases
  // after 2022-08, hence a warning).
  rule('LC-ONSET-FOR-SYMPTOMATIC', 'warning', (f) =>
    f.classification === 'patient' && f.symptomatic === true && f.form.collectsOnset !== false && !present(f.dates.onset)
      ? [{ paths: [['dates', 'onset']], ja: '症状のある患者です。発病年月日を入力してください。', en: 'The patient has symptoms: enter the date of onset.' }]
      : [],
  ),
];

/** The shared rules a disease has not switched off, then its own rule table. */
export function runLogicChecks(facts: NotificationFacts): Finding[] {
  if (!isIsoDate(facts.today)) throw new RangeError(`today must be a yyyy-mm-dd date, got ${String(facts.today)}`);
  const off = facts.form.off ?? [];
  return [...LOGIC_RULES.filter((r) => !off.includes(r.id)).flatMap((r) => r.check(facts)), ...diseaseFindings(facts)];
}

/** A disease rule holds unless the classification is one it names and its condition fails. */
function diseaseFindings(f: NotificationFacts): Finding[] {
  return (f.form.rules ?? [])
    .filter((r) => (!r.classifications || r.classifications.includes(f.classification)) && !conditionHolds(r.require, f.answers))
    .map((r) => ({ ruleId: r.id, severity: r.severity, paths: [['answers', r.require.item]], message: r.message }));
}

/** Every shared rule id: a definition's `logicChecks.off` may name only these. */
export const LOGIC_RULE_IDS: readonly string[] = LOGIC_RULES.map((r) => r.id);

/** Errors always block; a warning blocks until its rule id is acknowledged. */
export function blocksSubmission(findings: readonly Finding[], acknowledgedWarningIds: readonly string[]): boolean {
  return findings.some((f) => f.severity === 'error' || !acknowledgedWarningIds.includes(f.ruleId));
}
