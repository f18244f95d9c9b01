// 発生届: drafting (a doctor, a clerk for them, or a health centre keying in a fax), submitting
// (報告: the doctor, Q&A 17) and confirming (保健所確認済, Q&A 14-2). Each use case is one
// transaction as the acting user (RLS applies) with its audit row and, on submission, its e-mail.
import { readdirSync, readFileSync } from 'node:fs';
import { japanToday } from '../../domain/calendar.ts';
import { FormDefinition, versionSequenceProblems } from '../../domain/forms/definition.ts';
import { selectForm, validateAnswers } from '../../domain/forms/answers.ts';
import type { Specimen, TestMethod, TestResult } from '../../domain/lab-tests.ts';
import { blocksSubmission, runLogicChecks, type FieldPath } from '../../domain/logic-checks.ts';
import { MESSAGES } from '../../domain/messages.ts';
import {
  legalMinimumMissing,
  notificationFacts,
  submissionEmail,
  type Classification,
  type NotificationSource,
  type NotificationStatus,
} from '../../domain/notification.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database, Tx } from '../db/database.ts';
import { AppError, notFound, versionConflict, type FieldError } from '../errors.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import * as caseRepo from '../cases/repo.ts';
import * as orgRepo from '../orgs/repo.ts';
import { institutionInArea } from '../orgs/service.ts';
import * as repo from './repo.ts';
import type { NotificationRow } from './repo.ts';

// --- form definitions -------------------------------------------------------------------------

const DEFINITIONS_DIR = new URL('../../domain/forms/definitions/', import.meta.url);
let definitions: FormDefinition[] | undefined;

/** The shipped form versions, read once; overlapping or gapped versions are a deployment fault. */
export function formDefinitions(): FormDefinition[] {
  if (!definitions) {
    const defs = readdirSync(DEFINITIONS_DIR)
      .filter((f) => f.endsWith('.json'))
      .map((f) => FormDefinition.parse(JSON.parse(readFileSync(new URL(f, DEFINITIONS_DIR), 'utf8'))));
    const problems = versionSequenceProblems(defs);
    if (problems.length) throw new Error(`form definitions: ${problems.join('; ')}`);
    definitions = defs;
  }
  return definitions;
}

/** The version in force on the diagnosis date (today while it is not known). */
function formInForce(formId: string, diagnosedOn: string | null | undefined): FormDefinition {
  const def = selectForm(formDefinitions(), formId, diagnosedOn ?? japanToday(new Date()));
  if (!def) throw new AppError(400, 'invalid_input', {}, [{ path: ['body', 'diagnosedOn'], code: 'no_form_in_force' }]);
  return def;
}

/** The version a stored notification was filed under. */
function formOf(n: NotificationRow): FormDefinition {
  const def = formDefinitions().find((d) => d.formId === n.formId && d.version === n.formVersion);
  if (!def) throw new Error(`form ${n.formId} ${n.formVersion} is not shipped`);
  return def;
}

/** Answers that do not fit the form are a 400 at ['body', 'answers', …], with the item's own wording in details. */
function checkAnswers(def: FormDefinition, answers: unknown): void {
  const { errors } = validateAnswers(def, answers, 'law');
  if (!errors.length) return;
  const at = (p: (string | number)[]) => ['body', 'answers', ...p];
  throw new AppError(
    400,
    'invalid_input',
    { formVersion: def.version, answers: errors.map((e) => ({ path: at(e.path), code: e.code, message: e.message })) },
    errors.map((e) => ({ path: at(e.path), code: e.code })),
  );
}

// --- who may write ----------------------------------------------------------------------------

const isHealthCentreStaff = (ctx: RequestContext) => ctx.actor.orgKind === 'health_center' && ctx.actor.roles.includes('hc_staff');

/**
 * The reporter of a new notification: the actor's own institution, or for a health centre keying in
 * a faxed or paper notification, the institution and doctor named on it.
 */
async function reporterOf(tx: Tx, ctx: RequestContext, body: { source: NotificationSource; institutionId?: string; doctorName?: string | null }) {
  const { actor } = ctx;
  if (actor.orgKind === 'medical_institution') {
    if (body.source !== 'direct') throw new AppError(400, 'invalid_input', {}, [{ path: ['body', 'source'], code: 'invalid_input' }]);
    if (body.institutionId && body.institutionId !== actor.orgId) throw new AppError(403, 'not_own_notification');
    return { institutionId: actor.orgId, source: 'direct' as const, doctorUserId: actor.roles.includes('doctor') ? actor.userId : null };
  }
  if (!isHealthCentreStaff(ctx)) throw new AppError(403, 'forbidden', { permission: 'notifications.draft' });
  const missing: FieldError[] = [
    ...(body.source === 'direct' ? [{ path: ['body', 'source'], code: 'proxy_entry_needs_fax_or_paper' }] : []),
    ...(body.institutionId ? [] : [{ path: ['body', 'institutionId'], code: 'proxy_entry_needs_fax_or_paper' }]),
    ...(body.doctorName ? [] : [{ path: ['body', 'doctorName'], code: 'proxy_entry_needs_fax_or_paper' }]),
  ];
  if (missing.length) throw new AppError(400, 'proxy_entry_needs_fax_or_paper', {}, missing);
  await institutionInArea(tx, ctx.actor.orgId, body.institutionId!);
  return { institutionId: body.institutionId!, source: body.source, doctorUserId: null };
}

/** Clinics write their own notifications; a health centre the fax and paper ones of its area. */
async function requireWriter(tx: Tx, ctx: RequestContext, n: NotificationRow): Promise<void> {
  if (ctx.actor.orgKind === 'medical_institution' && n.institutionId === ctx.actor.orgId && n.source === 'direct') return;
  if (isHealthCentreStaff(ctx) && n.source !== 'direct') {
    await institutionInArea(tx, ctx.actor.orgId, n.institutionId);
    return;
  }
  throw new AppError(403, 'not_own_notification');
}

// --- the view: the row, its submissions, what is missing, what the checks find ----------------

type Missing = { path: FieldPath; level: 'legal_minimum' | 'submit' | 'law' };

async function evaluate(tx: Tx, n: NotificationRow, today: string, acknowledged: readonly string[]) {
  const kase = await caseRepo.findCase(tx, n.caseId);
  const person = kase && (await caseRepo.findPerson(tx, kase.personId));
  if (!kase || !person) throw notFound();
  const tests = await caseRepo.testsOfCase(tx, kase.id);
  const submissions = await repo.submissionsOf(tx, n.id);
  const form = formOf(n);
  const p = { ...person, sex: person.sex as 'male' | 'female' };

  const missing: Missing[] = [
    ...legalMinimumMissing({ classification: n.classification as Classification, person: p, testCount: tests.length, clinicalDiagnosis: n.clinicalDiagnosis, form }).map(
      (path) => ({ path, level: 'legal_minimum' as const }),
    ),
    ...validateAnswers(form, n.answers, 'law').missing.map((m) => ({ path: ['answers', ...m.path], level: m.level })),
  ];
  const facts = notificationFacts({
    notification: { ...n, classification: n.classification as Classification },
    person: p,
    labTests: tests.map((t) => ({ ...t, method: t.method as TestMethod, specimen: t.specimen as Specimen, result: t.result as TestResult })),
    form,
    today,
    reportOn: submissions.find((s) => s.classification === n.classification)?.submittedOn,
  });
  const findings = runLogicChecks(facts).map((f) => ({ ...f, acknowledged: f.severity === 'warning' && acknowledged.includes(f.ruleId) }));
  return { kase, submissions, missing, findings };
}

type Evaluation = Awaited<ReturnType<typeof evaluate>>;

const iso = (d: Date | null) => d?.toISOString() ?? null;

function toNotification(n: NotificationRow, e: Evaluation) {
  return {
    id: n.id,
    caseId: n.caseId,
    formId: n.formId,
    formVersion: n.formVersion,
    classification: n.classification as Classification,
    status: n.status as NotificationStatus,
    institutionId: n.institutionId,
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
    firstSubmittedAt: iso(n.firstSubmittedAt),
    submittedBy: n.submittedBy,
    confirmed: n.confirmedAt !== null,
    confirmedAt: iso(n.confirmedAt),
    confirmedBy: n.confirmedBy,
    createdBy: n.createdBy,
    createdAt: n.createdAt.toISOString(),
    updatedAt: n.updatedAt.toISOString(),
    version: n.version,
    submissions: e.submissions.map((s) => ({
      classification: s.classification as Classification,
      submittedOn: s.submittedOn,
      submittedAt: s.submittedAt.toISOString(),
      submittedBy: s.submittedBy,
    })),
    missing: e.missing,
    findings: e.findings,
  };
}

async function view(tx: Tx, n: NotificationRow) {
  return toNotification(n, await evaluate(tx, n, japanToday(new Date()), n.acknowledgedWarnings));
}

/** What stops 「報告」, as field errors: the legal minimum, the form's submit items, the checks. */
function blockers(e: Evaluation, acknowledged: readonly string[]): FieldError[] {
  const missing = e.missing
    .filter((m) => m.level !== 'law')
    .map((m) => ({ path: m.path, code: m.level === 'legal_minimum' ? 'legal_minimum_missing' : 'required_for_submission' }));
  if (!missing.length && !blocksSubmission(e.findings, acknowledged)) return [];
  const checks = e.findings
    .filter((f) => f.severity === 'error' || !acknowledged.includes(f.ruleId))
    .flatMap((f) => f.paths.map((path) => ({ path, code: f.severity === 'error' ? 'logic_check_error' : 'warning_not_acknowledged' })));
  return [...missing, ...checks];
}

// The error catalogue's statuses predate this one: a well-formed request the rules refuse.

// --- use cases --------------------------------------------------------------------------------

interface DraftInput {
  diagnosedOn?: string | null;
  initialConsultationOn?: string | null;
  specimenCollectedOn?: string | null;
  onsetOn?: string | null;
  estimatedInfectionOn?: string | null;
  deathOn?: string | null;
  occupation?: string | null;
  admitted?: boolean | null;
  symptomatic?: boolean | null;
  clinicalDiagnosis?: boolean;
  doctorName?: string | null;
  answers?: Record<string, unknown>;
}

export interface CreateInput extends DraftInput {
  formId: string;
  classification: Classification;
  source: NotificationSource;
  institutionId?: string;
}

export async function createDraft(db: Database, ctx: RequestContext, caseId: string, body: CreateInput) {
  requirePermission(ctx.actor, 'notifications.draft');
  return db.asActor(ctx.actor, async (tx) => {
    if (!(await caseRepo.findCase(tx, caseId))) throw notFound();
    const { formId, source, institutionId, answers = {}, ...fields } = body;
    const reporter = await reporterOf(tx, ctx, { source, institutionId, doctorName: fields.doctorName });
    const form = formInForce(formId, fields.diagnosedOn);
    checkAnswers(form, answers);
    const n = await repo.insertNotification(tx, {
      ...fields,
      ...reporter,
      caseId,
      formId: form.formId,
      formVersion: form.version,
      answers,
      createdBy: ctx.actor.userId,
    });
    await audit(tx, ctx, {
      action: 'notifications.create',
      recordType: 'notification',
      recordIds: [n.id],
      details: { caseId, formVersion: form.version, classification: n.classification, source: n.source, institutionId: n.institutionId },
    });
    return view(tx, n);
  });
}

export async function updateDraft(db: Database, ctx: RequestContext, id: string, body: DraftInput & { version: number; classification?: Classification }) {
  requirePermission(ctx.actor, 'notifications.draft');
  return db.asActor(ctx.actor, async (tx) => {
    const n = await repo.findNotification(tx, id);
    if (!n) throw notFound();
    await requireWriter(tx, ctx, n);
    if (n.status !== 'draft') throw new AppError(409, 'notification_not_draft');
    const { version, ...changes } = body;
    // A changed diagnosis date may put the notification under another form version.
    const form = formInForce(n.formId, changes.diagnosedOn !== undefined ? changes.diagnosedOn : n.diagnosedOn);
    checkAnswers(form, changes.answers ?? n.answers);
    const updated = await repo.updateNotification(tx, id, version, { ...changes, formVersion: form.version });
    if (!updated) throw versionConflict(n.version);
    await audit(tx, ctx, {
      action: 'notifications.update',
      recordType: 'notification',
      recordIds: [id],
      details: { caseId: n.caseId, changed: Object.keys(changes), formVersion: form.version },
    });
    return view(tx, updated);
  });
}

export async function readNotification(db: Database, ctx: RequestContext, id: string) {
  requirePermission(ctx.actor, 'cases.read');
  return db.asActor(ctx.actor, async (tx) => {
    const n = await repo.findNotification(tx, id);
    if (!n) throw notFound();
    const result = await view(tx, n);
    await audit(tx, ctx, { action: 'notifications.read', recordType: 'notification', recordIds: [id], details: { caseId: n.caseId } });
    return result;
  });
}

/** Where links in e-mails point (config.PUBLIC_URL). */
export interface Links {
  publicUrl: string;
}

/**
 * 報告: the doctor (or a health centre for a fax or paper notification) submits. Refused while the
 * legal minimum is missing, a check finds an error or a warning is not acknowledged. The first
 * submission of a classification fixes its date (Q&A 8); the centre gets an e-mail (Q&A 14-2).
 */
export async function submitNotification(
  db: Database,
  ctx: RequestContext,
  id: string,
  body: { version?: number; acknowledgedWarnings: string[] },
  links: Links,
) {
  requirePermission(ctx.actor, 'notifications.submit');
  return db.asActor(ctx.actor, async (tx) => {
    const n = await repo.findNotification(tx, id, true);
    if (!n) throw notFound();
    await requireWriter(tx, ctx, n);
    if (n.status !== 'draft') throw new AppError(409, 'notification_not_draft');
    if (body.version !== undefined && body.version !== n.version) throw versionConflict(n.version);

    const now = new Date();
    const today = japanToday(now);
    const e = await evaluate(tx, n, today, body.acknowledgedWarnings);
    const blocking = blockers(e, body.acknowledgedWarnings);
    if (blocking.length) throw new AppError(422, 'submission_blocked', { missing: e.missing, findings: e.findings }, blocking);

    const warnings = new Set(e.findings.filter((f) => f.severity === 'warning').map((f) => f.ruleId));
    const updated = (await repo.updateNotification(tx, id, n.version, {
      status: 'submitted',
      firstSubmittedAt: n.firstSubmittedAt ?? now,
      submittedBy: ctx.actor.userId,
      doctorUserId: ctx.actor.roles.includes('doctor') ? ctx.actor.userId : n.doctorUserId,
      acknowledgedWarnings: body.acknowledgedWarnings.filter((w) => warnings.has(w)),
    }))!; // the row is locked: its version cannot have moved
    await repo.recordFirstSubmission(tx, { notificationId: id, classification: n.classification, submittedOn: today, submittedAt: now, submittedBy: ctx.actor.userId });

    const centre = await orgRepo.findOrg(tx, e.kase.responsibleHcId);
    if (centre?.notificationEmail) {
      const caseUrl = `${links.publicUrl.replace(/\/+$/, '')}/cases/${e.kase.id}`;
      await enqueueEmail(tx, { to: centre.notificationEmail, ...submissionEmail({ selfReportId: e.kase.selfReportId, caseUrl, healthCentreNameJa: centre.nameJa }) });
    }
    await audit(tx, ctx, {
      action: 'notifications.submit',
      recordType: 'notification',
      recordIds: [id],
      details: {
        caseId: n.caseId,
        classification: n.classification,
        submittedOn: today,
        acknowledgedWarnings: updated.acknowledgedWarnings,
        healthCentreId: e.kase.responsibleHcId,
        emailed: Boolean(centre?.notificationEmail),
      },
    });
    return view(tx, updated);
  });
}

/**
 * 保健所確認済: staff of the case's responsible or a related centre, after a visual check (Q&A 14-2).
 * Confirming what one entered or submitted oneself is allowed, with a warning: another member of
 * staff should, where the centre can manage it.
 */
export async function confirmNotification(db: Database, ctx: RequestContext, id: string, body: { version?: number }) {
  requirePermission(ctx.actor, 'notifications.confirm');
  return db.asActor(ctx.actor, async (tx) => {
    const n = await repo.findNotification(tx, id, true);
    if (!n) throw notFound();
    const kase = await caseRepo.findCase(tx, n.caseId);
    if (!kase) throw notFound();
    const centres = [kase.responsibleHcId, ...(await repo.relatedCentresOf(tx, kase.id))];
    if (!isHealthCentreStaff(ctx) || !centres.includes(ctx.actor.orgId)) throw new AppError(403, 'not_responsible_centre');
    if (n.status !== 'submitted') throw new AppError(409, 'notification_not_submitted');
    if (n.confirmedAt) throw new AppError(409, 'notification_already_confirmed');
    if (body.version !== undefined && body.version !== n.version) throw versionConflict(n.version);

    const updated = (await repo.updateNotification(tx, id, n.version, { confirmedAt: new Date(), confirmedBy: ctx.actor.userId }))!;
    const selfConfirmed = n.createdBy === ctx.actor.userId || n.submittedBy === ctx.actor.userId;
    await audit(tx, ctx, {
      action: 'notifications.confirm',
      recordType: 'notification',
      recordIds: [id],
      details: { caseId: n.caseId, selfConfirmed },
    });
    return {
      notification: await view(tx, updated),
      warnings: selfConfirmed ? [{ code: 'self_confirmation', message: MESSAGES.self_confirmation }] : [],
    };
  });
}
