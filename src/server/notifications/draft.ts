// Drafting a 発生届: a doctor, a clerk for them, or a health centre keying in a fax or paper one for
// an institution of its area. A draft is checked against the form in force on its diagnosis date;
// what is still missing for 「報告」 is shown, not refused.
import { japanToday } from '../../domain/calendar.ts';
import { dueOn } from '../../domain/deadlines.ts';
import type { Classification, NotificationSource } from '../../domain/notification.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { AppError, notFound, versionConflict } from '../errors.ts';
import { reporterOf, requireArea, requireCurrent, requireWriter } from './access.ts';
import { checkAnswers, checkCollected, formInForce } from './forms.ts';
import * as repo from './repo.ts';
import { view } from './view.ts';

export interface DraftInput {
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
  /** The case's disease when absent; another is refused. */
  formId?: string;
  classification: Classification;
  source: NotificationSource;
  institutionId?: string;
}

export async function createDraft(db: Database, ctx: RequestContext, caseId: string, body: CreateInput) {
  requirePermission(ctx.actor, 'notifications.draft');
  const { formId, source, institutionId, answers = {}, ...fields } = body;
  const reporter = reporterOf(ctx, { source, institutionId, doctorName: fields.doctorName });
  return db.asActor(ctx.actor, async (tx) => {
    const c = await repo.draftContextOf(tx, caseId, reporter.institutionId);
    if (!c) throw notFound();
    const { institution } = c;
    if (!institution) throw new AppError(403, 'institution_outside_area');
    requireArea(ctx, { institution });
    if (formId !== undefined && formId !== c.kase.disease) throw new AppError(409, 'disease_mismatch', { disease: c.kase.disease });
    const form = formInForce(c.kase.disease, fields.diagnosedOn);
    checkCollected(form, fields);
    checkAnswers(form, answers);
    // A second notification on a case is 追加登録 (Q&A 3, 7): one draft at a time keeps it unambiguous.
    if (c.draftId) throw new AppError(409, 'case_has_draft', { notificationId: c.draftId });
    const n = await repo.insertNotification(tx, {
      ...fields,
      ...reporter,
      caseId,
      formId: form.formId,
      formVersion: form.version,
      answers,
      dueOn: fields.diagnosedOn ? dueOn(form.deadline, fields.diagnosedOn) : null,
      createdBy: ctx.actor.userId,
    });
    await audit(tx, ctx, {
      action: 'notifications.create',
      recordType: 'notification',
      recordIds: [n.id],
      details: { caseId, formVersion: form.version, classification: n.classification, source: n.source, institutionId: n.institutionId },
    });
    return view({ ...c, institution, notification: n, submissions: [], othersCurrent: 0 }, n, japanToday(new Date()));
  });
}

export async function updateDraft(db: Database, ctx: RequestContext, id: string, body: DraftInput & { version: number; classification?: Classification }) {
  requirePermission(ctx.actor, 'notifications.draft');
  return db.asActor(ctx.actor, async (tx) => {
    const c = await repo.contextOf(tx, id);
    if (!c) throw notFound();
    const n = c.notification;
    requireWriter(ctx, c);
    requireCurrent(n);
    if (n.status !== 'draft') throw new AppError(409, 'notification_not_draft');
    const { version, ...changes } = body;
    // A changed diagnosis date may put the notification under another form version.
    const form = formInForce(n.formId, changes.diagnosedOn !== undefined ? changes.diagnosedOn : n.diagnosedOn);
    checkCollected(form, { ...n, ...changes });
    checkAnswers(form, changes.answers ?? n.answers);
    const diagnosedOn = changes.diagnosedOn !== undefined ? changes.diagnosedOn : n.diagnosedOn;
    const due = diagnosedOn ? dueOn(form.deadline, diagnosedOn) : null;
    const updated = await repo.updateNotification(tx, id, version, { ...changes, formVersion: form.version, dueOn: due });
    if (!updated) throw versionConflict(n.version);
    await audit(tx, ctx, {
      action: 'notifications.update',
      recordType: 'notification',
      recordIds: [id],
      details: { caseId: n.caseId, changed: Object.keys(changes), formVersion: form.version },
    });
    return view(c, updated, japanToday(new Date()));
  });
}
