// A notification as its reader sees it: the row, its submissions, what is still missing and what
// the logic checks (論理チェック) find — computed from the notification's context in memory, so
// reading, submitting or correcting never reads again what the transaction already holds.
import { validateAnswers } from '../../domain/forms/answers.ts';
import { blocksSubmission, runLogicChecks, type FieldPath } from '../../domain/logic-checks.ts';
import {
  coreMissing,
  legalMinimumMissing,
  notificationFacts,
  reporterMissing,
  type Classification,
  type NotificationSource,
  type NotificationStatus,
} from '../../domain/notification.ts';
import type { FieldError } from '../errors.ts';
import { formOf } from './forms.ts';
import type { NotificationContext, NotificationRow } from './repo.ts';

export type Missing = { path: FieldPath; level: 'legal_minimum' | 'submit' | 'law' };

/** The institution as reported: kept from 「報告」 on; a draft shows the institution as it is now. */
function reporterOf(c: NotificationContext, n: NotificationRow) {
  if (n.status !== 'draft') return { name: n.reporterInstitutionName, address: n.reporterAddress, phone: n.reporterPhone };
  return { name: c.institution.nameJa, address: c.institution.address, phone: c.institution.phone };
}

/** What is missing and what the checks find for `n` (the context's notification, or it as a correction would make it). */
export function evaluate(c: NotificationContext, n: NotificationRow, today: string, acknowledged: readonly string[]) {
  const form = formOf(n);
  const p = { ...c.person, sex: c.person.sex as 'male' | 'female' };
  const reporter = reporterOf(c, n);
  const classification = n.classification as Classification;
  const missing: Missing[] = [
    ...legalMinimumMissing({ classification, person: p, testCount: c.tests.length, clinicalDiagnosis: n.clinicalDiagnosis, form }).map(
      (path) => ({ path, level: 'legal_minimum' as const }),
    ),
    ...reporterMissing(reporter).map((path) => ({ path, level: 'law' as const })),
    ...coreMissing(form, { ...n, classification }, p, today),
    ...validateAnswers(form, n.answers, 'law').missing.map((m) => ({ path: ['answers', ...m.path], level: m.level })),
  ];
  const facts = notificationFacts({
    notification: { ...n, classification },
    person: p,
    labTests: c.tests,
    form,
    today,
    reportOn: c.submissions.find((s) => s.classification === n.classification)?.submittedOn,
  });
  const findings = runLogicChecks(facts).map((f) => ({ ...f, acknowledged: f.severity === 'warning' && acknowledged.includes(f.ruleId) }));
  return { missing, findings, reporter };
}

export type Evaluation = ReturnType<typeof evaluate>;

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The notification's answer body (api/notifications.ts Notification). */
export function toNotification(c: NotificationContext, n: NotificationRow, e: Evaluation) {
  return {
    id: n.id,
    caseId: n.caseId,
    formId: n.formId,
    formVersion: n.formVersion,
    classification: n.classification as Classification,
    status: n.status as NotificationStatus,
    institutionId: n.institutionId,
    institutionName: e.reporter.name,
    institutionAddress: e.reporter.address,
    institutionPhone: e.reporter.phone,
    doctorUserId: n.doctorUserId,
    doctorName: n.doctorName,
    source: n.source as NotificationSource,
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
    answers: n.answers as Record<string, unknown>,
    acknowledgedWarnings: n.acknowledgedWarnings,
    dueOn: n.dueOn,
    submittedLate: n.submittedLate,
    firstSubmittedAt: iso(n.firstSubmittedAt),
    submittedBy: n.submittedBy,
    confirmed: n.confirmedAt !== null,
    confirmedAt: iso(n.confirmedAt),
    confirmedBy: n.confirmedBy,
    withdrawnAt: iso(n.withdrawnAt),
    withdrawnBy: n.withdrawnBy,
    withdrawnReason: n.withdrawnReason,
    supersededAt: iso(n.supersededAt),
    createdBy: n.createdBy,
    createdAt: n.createdAt.toISOString(),
    updatedAt: n.updatedAt.toISOString(),
    version: n.version,
    submissions: c.submissions.map((s) => ({
      classification: s.classification as Classification,
      submittedOn: s.submittedOn,
      submittedAt: s.submittedAt.toISOString(),
      submittedBy: s.submittedBy,
    })),
    missing: e.missing,
    findings: e.findings,
  };
}

/** The view of `n` as it stands (after a write: the row the write returned, with the context it was made in). */
export const view = (c: NotificationContext, n: NotificationRow, today: string) => toNotification(c, n, evaluate(c, n, today, n.acknowledgedWarnings));

const missingKey = (m: Missing) => `missing:${JSON.stringify(m.path)}`;
const findingKey = (f: { ruleId: string; paths: FieldPath[] }) => `${f.ruleId}:${JSON.stringify(f.paths)}`;

/** The problems a notification has now, to tell them from those a correction would add. */
export const problemsOf = (e: Evaluation) => new Set([...e.missing.map(missingKey), ...e.findings.map(findingKey)]);

/**
 * What stops 「報告」 or a correction, as field errors: the legal minimum, the form's submit items,
 * the checks. `known` are problems the notification had before a correction: data entered since
 * (a later test on the case, 追加登録) must not stop an unrelated correction, so a correction is
 * refused only for what it makes worse.
 */
export function blockers(e: Evaluation, acknowledged: readonly string[], known: ReadonlySet<string> = new Set()): FieldError[] {
  const missing = e.missing
    .filter((m) => m.level !== 'law' && !known.has(missingKey(m)))
    .map((m) => ({ path: m.path, code: m.level === 'legal_minimum' ? 'legal_minimum_missing' : 'required_for_submission' }));
  const findings = e.findings.filter((f) => !known.has(findingKey(f)));
  if (!missing.length && !blocksSubmission(findings, acknowledged)) return [];
  const checks = findings
    .filter((f) => f.severity === 'error' || !acknowledged.includes(f.ruleId))
    .flatMap((f) => f.paths.map((path) => ({ path, code: f.severity === 'error' ? 'logic_check_error' : 'warning_not_acknowledged' })));
  return [...missing, ...checks];
}
