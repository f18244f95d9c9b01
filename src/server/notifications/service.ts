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
  coreMissing,
  legalMinimumMissing,
  notCollectedGiven,
  notificationChanges,
  notificationFacts,
  reporterMissing,
  submissionEmail,
  type Classification,
  type ItemChange,
  type NotificationSource,
  type NotificationStatus,
} from '../../domain/notification.ts';
import { isHealthCentreStaff, requirePermission, type RequestContext } from '../access/actor.ts';
import { changedBy } from '../access/names.ts';
import { audit } from '../audit/audit.ts';
import type { Database, Tx } from '../db/database.ts';
import { AppError, fieldError, notFound, versionConflict, type FieldError } from '../errors.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import * as caseRepo from '../cases/repo.ts';
import * as orgRepo from '../orgs/repo.ts';
import * as userRepo from '../users/repo.ts';
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

/** The 2022-06-30 ordinance dropped items: a version that no longer collects one refuses a value for it. */
function checkCollected(def: FormDefinition, n: Parameters<typeof notCollectedGiven>[1]): void {
  const given = notCollectedGiven(def, n);
  if (given.length) throw new AppError(400, 'invalid_input', { formVersion: def.version }, given.map((c) => ({ path: ['body', c], code: 'not_collected_by_form' })));
}

/** After 追加登録 the earlier notifications of the case are read-only for everyone (Q&A 7). */
function requireCurrent(n: NotificationRow): void {
  if (n.supersededAt) throw new AppError(409, 'notification_superseded');
}

/** The doctor's name as their ID has it: the reporter the law names. */
async function nameOf(tx: Tx, userId: string): Promise<string | null> {
  return (await userRepo.findUser(tx, userId))?.displayName ?? null;
}

/** One entry of a notification's history; who made it is named as at the time (IDs and organisations outlive names). */
async function recordChange(tx: Tx, ctx: RequestContext, notificationId: string, reason: string | null, changes: ItemChange[]): Promise<void> {
  await repo.insertChange(tx, {
    notificationId,
    ...(await changedBy(tx, ctx.actor)),
    reason,
    changes,
  });
}

// --- who may write ----------------------------------------------------------------------------


/**
 * The reporter of a new notification: the actor's own institution, or for a health centre keying in
 * a faxed or paper notification, the institution and doctor named on it.
 */
async function reporterOf(tx: Tx, ctx: RequestContext, body: { source: NotificationSource; institutionId?: string; doctorName?: string | null }) {
  const { actor } = ctx;
  if (actor.orgKind === 'medical_institution') {
    if (body.source !== 'direct') throw new AppError(400, 'invalid_input', {}, [{ path: ['body', 'source'], code: 'invalid_input' }]);
    if (body.institutionId && body.institutionId !== actor.orgId) throw new AppError(403, 'not_own_notification');
    const doctor = actor.roles.includes('doctor');
    return {
      institutionId: actor.orgId,
      source: 'direct' as const,
      doctorUserId: doctor ? actor.userId : null,
      ...(doctor ? { doctorName: await nameOf(tx, actor.userId) } : {}),
    };
  }
  if (!isHealthCentreStaff(ctx.actor)) throw new AppError(403, 'forbidden', { permission: 'notifications.draft' });
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
  if (isHealthCentreStaff(ctx.actor) && n.source !== 'direct') {
    await institutionInArea(tx, ctx.actor.orgId, n.institutionId);
    return;
  }
  throw new AppError(403, 'not_own_notification');
}

/** Confirming and withdrawing are for staff of the case's responsible or a related centre (Q&A 4, 14-2). */
async function isNotifiedCentre(tx: Tx, ctx: RequestContext, n: NotificationRow): Promise<boolean> {
  const kase = await caseRepo.findCase(tx, n.caseId);
  if (!kase || !isHealthCentreStaff(ctx.actor)) return false;
  return [kase.responsibleHcId, ...(await repo.relatedCentresOf(tx, kase.id))].includes(ctx.actor.orgId);
}

async function requireNotifiedCentre(tx: Tx, ctx: RequestContext, n: NotificationRow): Promise<void> {
  if (!(await isNotifiedCentre(tx, ctx, n))) throw new AppError(403, 'not_responsible_centre');
}

/**
 * Correcting a submitted notification: its own institution's doctor (or, for a fax or paper one,
 * the centre that keyed it in), staff of the responsible or a related centre, and the prefecture
 * (SG) for cases it sees — row-level security has already hidden every other case.
 */
async function requireCorrector(tx: Tx, ctx: RequestContext, n: NotificationRow): Promise<void> {
  const { actor } = ctx;
  if (actor.orgKind === 'medical_institution' && n.institutionId === actor.orgId && n.source === 'direct') return;
  if (actor.orgKind === 'prefecture' && actor.roles.includes('prefecture_staff')) return;
  if (await isNotifiedCentre(tx, ctx, n)) return;
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
  const reporter = await reporterOfRow(tx, n);

  const missing: Missing[] = [
    ...legalMinimumMissing({ classification: n.classification as Classification, person: p, testCount: tests.length, clinicalDiagnosis: n.clinicalDiagnosis, form }).map(
      (path) => ({ path, level: 'legal_minimum' as const }),
    ),
    ...reporterMissing(reporter).map((path) => ({ path, level: 'law' as const })),
    ...coreMissing(form, { ...n, classification: n.classification as Classification }, p, today),
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
  return { kase, submissions, missing, findings, reporter };
}

/** The institution as reported: kept from 「報告」 on; a draft shows the institution as it is now. */
async function reporterOfRow(tx: Tx, n: NotificationRow) {
  if (n.status !== 'draft') return { name: n.reporterInstitutionName, address: n.reporterAddress, phone: n.reporterPhone };
  const org = await orgRepo.findOrg(tx, n.institutionId);
  return { name: org?.nameJa ?? null, address: org?.address ?? null, phone: org?.phone ?? null };
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

const missingKey = (m: Missing) => `missing:${JSON.stringify(m.path)}`;
const findingKey = (f: { ruleId: string; paths: FieldPath[] }) => `${f.ruleId}:${JSON.stringify(f.paths)}`;

/** The problems a notification has now, to tell them from those a correction would add. */
const problemsOf = (e: Evaluation) => new Set([...e.missing.map(missingKey), ...e.findings.map(findingKey)]);

/**
 * What stops 「報告」 or a correction, as field errors: the legal minimum, the form's submit items,
 * the checks. `known` are problems the notification had before a correction: data entered since
 * (a later test on the case, 追加登録) must not stop an unrelated correction, so a correction is
 * refused only for what it makes worse.
 */
function blockers(e: Evaluation, acknowledged: readonly string[], known: ReadonlySet<string> = new Set()): FieldError[] {
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

/** The e-mail to the case's responsible centre (Q&A 14-2), in the outbox of this transaction. */
async function notifyCentre(tx: Tx, kase: { id: string; selfReportId: string; responsibleHcId: string }, links: Links): Promise<boolean> {
  const centre = await orgRepo.findOrg(tx, kase.responsibleHcId);
  if (!centre?.notificationEmail) return false;
  const caseUrl = `${links.publicUrl.replace(/\/+$/, '')}/cases/${kase.id}`;
  await enqueueEmail(tx, { to: centre.notificationEmail, ...submissionEmail({ selfReportId: kase.selfReportId, caseUrl, healthCentreNameJa: centre.nameJa }) });
  return true;
}

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
    checkCollected(form, fields);
    checkAnswers(form, answers);
    // A second notification on a case is 追加登録 (Q&A 3, 7): one draft at a time keeps it unambiguous.
    const draft = await repo.draftOfCase(tx, caseId);
    if (draft) throw new AppError(409, 'case_has_draft', { notificationId: draft.id });
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
    requireCurrent(n);
    if (n.status !== 'draft') throw new AppError(409, 'notification_not_draft');
    const { version, ...changes } = body;
    // A changed diagnosis date may put the notification under another form version.
    const form = formInForce(n.formId, changes.diagnosedOn !== undefined ? changes.diagnosedOn : n.diagnosedOn);
    checkCollected(form, { ...n, ...changes });
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
    requireCurrent(n);
    if (n.status !== 'draft') throw new AppError(409, 'notification_not_draft');
    if (body.version !== undefined && body.version !== n.version) throw versionConflict(n.version);

    const now = new Date();
    const today = japanToday(now);
    const e = await evaluate(tx, n, today, body.acknowledgedWarnings);
    const blocking = blockers(e, body.acknowledgedWarnings);
    if (blocking.length) throw new AppError(422, 'submission_blocked', { missing: e.missing, findings: e.findings }, blocking);

    const warnings = new Set(e.findings.filter((f) => f.severity === 'warning').map((f) => f.ruleId));
    // The doctor who presses 「報告」 is the reporter, named as their ID has it.
    const byDoctor = ctx.actor.roles.includes('doctor') && n.source === 'direct';
    const updated = (await repo.updateNotification(tx, id, n.version, {
      status: 'submitted',
      firstSubmittedAt: n.firstSubmittedAt ?? now,
      submittedBy: ctx.actor.userId,
      ...(byDoctor ? { doctorUserId: ctx.actor.userId, doctorName: await nameOf(tx, ctx.actor.userId) } : {}),
      reporterInstitutionName: e.reporter.name,
      reporterAddress: e.reporter.address,
      reporterPhone: e.reporter.phone,
      acknowledgedWarnings: body.acknowledgedWarnings.filter((w) => warnings.has(w)),
    }))!; // the row is locked: its version cannot have moved
    await repo.recordFirstSubmission(tx, { notificationId: id, classification: n.classification, submittedOn: today, submittedAt: now, submittedBy: ctx.actor.userId });
    const superseded = await repo.supersedeOthers(tx, n.caseId, id, now);
    const emailed = await notifyCentre(tx, e.kase, links);
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
        emailed,
        superseded,
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
    await requireNotifiedCentre(tx, ctx, n);
    requireCurrent(n);
    if (n.status !== 'submitted') throw new AppError(409, n.status === 'withdrawn' ? 'notification_withdrawn' : 'notification_not_submitted');
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

/** The typed items a correction may change; each change is kept with its old and new value. */
const CORRECTABLE = [
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
  'formVersion',
] as const;

/**
 * 訂正: a submitted notification changed with a reason. The corrected notification must pass what
 * submission requires, or nothing is written. Changing the classification (Q&A 3: suspected →
 * patient) needs the diagnosis date; the new classification gets its own submission date (Q&A 8),
 * the centre an e-mail, and the confirmation is undone until the centre checks it again.
 */
export async function correctNotification(
  db: Database,
  ctx: RequestContext,
  id: string,
  body: DraftInput & { version: number; classification?: Classification; reason: string; acknowledgedWarnings: string[] },
  links: Links,
) {
  requirePermission(ctx.actor, 'notifications.correct');
  return db.asActor(ctx.actor, async (tx) => {
    const n = await repo.findNotification(tx, id, true);
    if (!n) throw notFound();
    await requireCorrector(tx, ctx, n);
    requireCurrent(n);
    if (n.status === 'draft') throw new AppError(409, 'notification_not_submitted');
    if (n.status === 'withdrawn') throw new AppError(409, 'notification_withdrawn');
    if (body.version !== n.version) throw versionConflict(n.version);

    const { version: _version, reason, acknowledgedWarnings, ...fields } = body;
    const reclassified = fields.classification !== undefined && fields.classification !== n.classification;
    if (reclassified && fields.diagnosedOn === undefined) throw fieldError(['body', 'diagnosedOn'], 'reclassification_needs_diagnosis_date');
    const form = formInForce(n.formId, fields.diagnosedOn !== undefined ? fields.diagnosedOn : n.diagnosedOn);
    const after = { ...n, ...fields, answers: fields.answers ?? n.answers, formVersion: form.version };
    checkCollected(form, after);
    checkAnswers(form, after.answers);
    const changes = notificationChanges(n, after, CORRECTABLE);
    if (!changes.length) throw new AppError(400, 'nothing_changed');

    const now = new Date();
    const today = japanToday(now);
    const known = problemsOf(await evaluate(tx, n, today, n.acknowledgedWarnings));
    // Warnings the doctor acknowledged at submission stay acknowledged; new ones need acknowledging now.
    const acknowledged = [...new Set([...n.acknowledgedWarnings, ...acknowledgedWarnings])];
    // The corrected notification is checked before anything is written. A new classification's
    // report date is today (no submission of it yet), as 「報告」 would make it.
    const e = await evaluate(tx, after, today, acknowledged);
    const blocking = blockers(e, acknowledged, known);
    if (blocking.length) throw new AppError(422, 'correction_blocked', { missing: e.missing, findings: e.findings }, blocking);

    const warnings = new Set(e.findings.filter((f) => f.severity === 'warning').map((f) => f.ruleId));
    const updated = (await repo.updateNotification(tx, id, n.version, {
      ...fields,
      formVersion: form.version,
      acknowledgedWarnings: acknowledged.filter((w) => warnings.has(w)),
      ...(reclassified ? { confirmedAt: null, confirmedBy: null } : {}),
    }))!; // the row is locked: its version cannot have moved
    if (reclassified) {
      await repo.recordFirstSubmission(tx, { notificationId: id, classification: updated.classification, submittedOn: today, submittedAt: now, submittedBy: ctx.actor.userId });
    }
    await recordChange(tx, ctx, id, reason, changes);
    const emailed = reclassified ? await notifyCentre(tx, e.kase, links) : false;
    await audit(tx, ctx, {
      action: 'notifications.correct',
      recordType: 'notification',
      recordIds: [id],
      // Which items, not their values: the values are personal data and stay in the history.
      details: {
        caseId: n.caseId,
        items: changes.map((c) => c.path.join('.')),
        ...(reclassified ? { classification: { from: n.classification, to: updated.classification }, emailed } : {}),
      },
    });
    return view(tx, updated);
  });
}

/**
 * 取下げ: the centre withdraws a notification that turned out not to be one (a suspected case
 * whose test came back negative, Q&A 3). It stays, with who, when and why, out of the counts.
 */
export async function withdrawNotification(db: Database, ctx: RequestContext, id: string, body: { version?: number; reason: string }) {
  requirePermission(ctx.actor, 'notifications.withdraw');
  return db.asActor(ctx.actor, async (tx) => {
    const n = await repo.findNotification(tx, id, true);
    if (!n) throw notFound();
    await requireNotifiedCentre(tx, ctx, n);
    requireCurrent(n);
    if (n.status !== 'submitted') throw new AppError(409, n.status === 'withdrawn' ? 'notification_withdrawn' : 'notification_not_submitted');
    if (body.version !== undefined && body.version !== n.version) throw versionConflict(n.version);

    const now = new Date();
    const updated = (await repo.updateNotification(tx, id, n.version, {
      status: 'withdrawn',
      withdrawnAt: now,
      withdrawnBy: ctx.actor.userId,
      withdrawnReason: body.reason,
    }))!;
    await recordChange(tx, ctx, id, body.reason, [{ path: ['status'], old: n.status, new: 'withdrawn' }]);
    await audit(tx, ctx, { action: 'notifications.withdraw', recordType: 'notification', recordIds: [id], details: { caseId: n.caseId, classification: n.classification } });
    return view(tx, updated);
  });
}

/** The corrections and withdrawal of a notification, newest first: for whoever may see the case (audited). */
export async function notificationHistory(db: Database, ctx: RequestContext, id: string) {
  requirePermission(ctx.actor, 'cases.read');
  return db.asActor(ctx.actor, async (tx) => {
    const n = await repo.findNotification(tx, id);
    if (!n) throw notFound();
    const changes = await repo.changesOf(tx, id);
    await audit(tx, ctx, { action: 'notifications.history', recordType: 'notification', recordIds: [id], details: { caseId: n.caseId } });
    return {
      changes: changes.map((c) => ({
        id: c.id,
        changedAt: c.changedAt.toISOString(),
        changedBy: c.changedBy,
        changedByName: c.changedByName,
        changedByOrgName: c.changedByOrgName,
        reason: c.reason,
        changes: c.changes as { path: (string | number)[]; old: unknown; new: unknown }[],
      })),
    };
  });
}

/**
 * A test record of the case was corrected (Q&A 3: pending → negative): the diagnosis method of the
 * case's current submitted notifications changed, so their history shows it too. Called inside the
 * correcting transaction.
 */
export async function recordTestCorrection(tx: Tx, ctx: RequestContext, caseId: string, testId: string, changes: ItemChange[]): Promise<void> {
  if (!changes.length) return;
  const current = (await repo.notificationsOfCase(tx, caseId)).filter((n) => n.status === 'submitted' && !n.supersededAt);
  const onTest = changes.map((c) => ({ ...c, path: ['tests', testId, ...c.path] }));
  for (const n of current) await recordChange(tx, ctx, n.id, null, onTest);
}
