// What the notification form shows at each field while the user types: the shared logic checks,
// the Q&A 5 legal minimum, the form version's required items and the answers' own errors — the
// same pure functions the server runs (src/domain) — and, after a refused request, the server's
// field errors. Every message is keyed by the field it belongs to.
import type { z } from 'zod';
import type { CaseDetail } from '../../../domain/api/cases.ts';
import type { Notification } from '../../../domain/api/notifications.ts';
import { validateAnswers } from '../../../domain/forms/answers.ts';
import type { FormDefinition } from '../../../domain/forms/definition.ts';
import type { Specimen, TestMethod, TestResult } from '../../../domain/lab-tests.ts';
import { DATE_FIELDS, FOUR_GROUP_OPTIONS, runLogicChecks, type FieldPath } from '../../../domain/logic-checks.ts';
import { MESSAGES, type Localized } from '../../../domain/messages.ts';
import { coreMissing, legalMinimumMissing, NOTIFICATION_ITEMS, notificationFacts, reporterMissing, type Classification, type NotificationPerson } from '../../../domain/notification.ts';
import { ApiError } from '../../api.ts';
import { UI } from '../../ui-text.ts';

export type NotificationView = z.infer<typeof Notification>;
export type CaseView = z.infer<typeof CaseDetail>;

/** The items of a notification a user edits (the person and the tests live on the case). */
export interface DraftValues {
  classification: Classification;
  diagnosedOn: string | null;
  initialConsultationOn: string | null;
  specimenCollectedOn: string | null;
  onsetOn: string | null;
  estimatedInfectionOn: string | null;
  deathOn: string | null;
  occupation: string | null;
  admitted: boolean | null;
  symptomatic: boolean | null;
  clinicalDiagnosis: boolean;
  doctorName: string | null;
  answers: Record<string, unknown>;
}

export const DRAFT_KEYS = [...NOTIFICATION_ITEMS, 'answers'] as const satisfies readonly (keyof DraftValues)[];

export const valuesOf = (n: NotificationView): DraftValues => ({
  classification: n.classification,
  diagnosedOn: n.diagnosedOn,
  initialConsultationOn: n.initialConsultationOn,
  specimenCollectedOn: n.specimenCollectedOn,
  onsetOn: n.onsetOn,
  estimatedInfectionOn: n.estimatedInfectionOn,
  deathOn: n.deathOn,
  occupation: n.occupation,
  admitted: n.admitted,
  symptomatic: n.symptomatic,
  clinicalDiagnosis: n.clinicalDiagnosis,
  doctorName: n.doctorName,
  answers: n.answers,
});

export const sameValue = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export type Severity = 'error' | 'warning' | 'missing';
export interface Msg {
  severity: Severity;
  text: Localized;
  /** A warning's rule, to acknowledge it (only on the first field it names). */
  ruleId?: string;
}
export type Messages = Map<string, Msg[]>;

// --- where a path of the domain or the server is shown ----------------------------------------

const DATE_COLUMNS: Record<string, string> = { ...DATE_FIELDS, report: 'report' };

const hasItem = (form: FormDefinition | undefined, id: string) => !!form?.items.some((i) => i.id === id);

/** The field a path names: 'diagnosedOn', 'answers.four_groups', 'tests.0.collectedOn', 'person.birthDate'… */
export function fieldKey(path: readonly (string | number)[], form?: FormDefinition): string {
  const [head, ...rest] = path;
  if (head === 'body' || head === 'querystring') return fieldKey(rest, form);
  if (head === 'dates' && typeof rest[0] === 'string') return DATE_COLUMNS[rest[0]] ?? `dates.${rest[0]}`;
  if (head === 'fourGroups') return ['answers', 'four_groups', ...(rest.length ? [FOUR_GROUP_OPTIONS[String(rest[0])] ?? rest[0]] : [])].join('.');
  if (head === 'admitted' && hasItem(form, 'admitted_at_report')) return 'answers.admitted_at_report';
  if (head === 'symptomatic' && hasItem(form, 'symptoms')) return 'answers.symptoms';
  if (head === 'answers') {
    // A choice's free text belongs to the choice; an option of a multi_choice to the item.
    const trimmed = rest.filter((p, i) => !(p === 'text' && i === rest.length - 1));
    return ['answers', ...trimmed].join('.');
  }
  return path.join('.');
}

/** The id of a field's control, for labels, links from the summary and focus. */
export const fieldId = (key: string) => `f-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;

function add(messages: Messages, key: string, msg: Msg) {
  const list = messages.get(key) ?? [];
  if (!list.some((m) => m.text.ja === msg.text.ja && m.severity === msg.severity)) list.push(msg);
  messages.set(key, list);
}

// --- the checks, as the user types ------------------------------------------------------------

export interface LocalCheck {
  messages: Messages;
  /** Warnings found, by rule id. */
  warnings: { ruleId: string; text: Localized; key: string }[];
  /** Errors (checks and answers) and missing items that stop 「報告」. */
  blocking: number;
  /** Statutory items still empty that may follow later, by field key. */
  later: string[];
}

export function personOf(kase: CaseView): NotificationPerson & { sex: 'male' | 'female' } {
  const p = kase.person;
  return {
    nameKanji: p.nameKanji,
    nameKana: p.nameKana,
    sex: p.sex,
    birthDate: p.birthDate,
    residenceAddress: p.residenceAddress,
    registeredAddress: p.registeredAddress,
    guardianName: p.guardian.name,
    guardianPhone: p.guardian.phone,
    guardianAddress: p.guardian.address,
  };
}

const LAW_LATER: Localized = UI['ntf.lawLater'];

/**
 * Runs every rule on the values as they are. `showMissing`: whether empty required items are
 * reported as errors yet (after the first attempt to submit) or only counted.
 */
export function checkLocally(input: {
  values: DraftValues;
  form: FormDefinition;
  kase: CaseView;
  reporter: { address: string | null; phone: string | null };
  today: string;
  reportOn?: string | null;
  showMissing: boolean;
}): LocalCheck {
  const { values, form, kase, today } = input;
  const messages: Messages = new Map();
  const person = personOf(kase);
  const labTests = kase.tests.map((t) => ({ ...t, method: t.method as TestMethod, specimen: t.specimen as Specimen, result: t.result as TestResult, entryId: t.entryId }));
  let blocking = 0;
  const later: string[] = [];

  const missing: { path: FieldPath; level: 'legal_minimum' | 'submit' | 'law' }[] = [
    ...legalMinimumMissing({ classification: values.classification, person, testCount: kase.tests.length, clinicalDiagnosis: values.clinicalDiagnosis, form }).map(
      (path) => ({ path, level: 'legal_minimum' as const }),
    ),
    ...reporterMissing(input.reporter).map((path) => ({ path, level: 'law' as const })),
    ...coreMissing(form, values, person, today),
  ];
  const answers = validateAnswers(form, values.answers, 'law');
  missing.push(...answers.missing.map((m) => ({ path: ['answers', ...m.path], level: m.level })));

  for (const m of missing) {
    const key = fieldKey(m.path, form);
    if (m.level === 'law') {
      later.push(key);
      add(messages, key, { severity: 'missing', text: LAW_LATER });
      continue;
    }
    blocking += 1;
    if (input.showMissing) add(messages, key, { severity: 'error', text: m.level === 'legal_minimum' ? MESSAGES.legal_minimum_missing : MESSAGES.required_for_submission });
  }
  for (const e of answers.errors) {
    blocking += 1;
    add(messages, fieldKey(['answers', ...e.path], form), { severity: 'error', text: e.message });
  }

  const facts = notificationFacts({ notification: values, person, labTests, form, today, reportOn: input.reportOn ?? today });
  const warnings: LocalCheck['warnings'] = [];
  for (const f of runLogicChecks(facts)) {
    const keys = f.paths.map((p) => fieldKey(p, form));
    if (f.severity === 'error') blocking += 1;
    else warnings.push({ ruleId: f.ruleId, text: f.message, key: keys[0]! });
    keys.forEach((key, i) => add(messages, key, { severity: f.severity, text: f.message, ...(f.severity === 'warning' && i === 0 ? { ruleId: f.ruleId } : {}) }));
  }
  return { messages, warnings, blocking, later };
}

/** The field errors of a refused request, keyed like the local ones (paths with or without 'body'). */
export function serverMessages(error: unknown, form?: FormDefinition): Messages {
  const messages: Messages = new Map();
  if (!(error instanceof ApiError)) return messages;
  // The answers' own wording (which item, which limit) rides in details: it replaces the generic one.
  const details = error.problem.details as
    | { answers?: { path: FieldPath; message: Localized }[]; findings?: { ruleId: string; severity: 'error' | 'warning'; paths: FieldPath[]; message: Localized; acknowledged: boolean }[] }
    | undefined;
  for (const a of details?.answers ?? []) add(messages, fieldKey(a.path, form), { severity: 'error', text: a.message });
  // A refused 「報告」 or correction names the checks that stopped it, with their own sentences.
  for (const f of details?.findings ?? []) {
    if (f.severity === 'warning' && f.acknowledged) continue;
    f.paths.forEach((p, i) => add(messages, fieldKey(p, form), { severity: f.severity, text: f.message, ...(f.severity === 'warning' && i === 0 ? { ruleId: f.ruleId } : {}) }));
  }
  for (const e of error.problem.errors ?? []) {
    const key = fieldKey(e.path, form);
    if (messages.has(key) && (key.startsWith('answers.') || e.code === 'logic_check_error' || e.code === 'warning_not_acknowledged')) continue;
    add(messages, key, { severity: e.code === 'warning_not_acknowledged' ? 'warning' : 'error', text: e.message });
  }
  return messages;
}

export function mergeMessages(...all: Messages[]): Messages {
  const out: Messages = new Map();
  for (const m of all) for (const [key, list] of m) for (const msg of list) add(out, key, msg);
  return out;
}
