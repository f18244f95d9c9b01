// 報告: the doctor (or a health centre for a fax or paper notification) submits. Refused while the
// legal minimum is missing, a check finds an error or a warning is not acknowledged. The first
// submission of a classification fixes its date (Q&A 8); the centre gets an e-mail (Q&A 14-2); a
// 追加登録 makes the case's earlier notifications read-only (Q&A 7).
import { japanToday } from '../../domain/calendar.ts';
import { alertsPrefecture, isLate } from '../../domain/deadlines.ts';
import { prefectureAlertEmail, submissionEmail } from '../../domain/notification.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database, Tx } from '../db/database.ts';
import { AppError, notFound, versionConflict } from '../errors.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import { requireCurrent, requireWriter } from './access.ts';
import { newestForm } from './forms.ts';
import * as repo from './repo.ts';
import { blockers, evaluate, view } from './view.ts';

/** Where links in e-mails point (config.PUBLIC_URL). */
export interface Links {
  publicUrl: string;
}

/**
 * The e-mail to the case's responsible centre, in the outbox of this transaction; for Categories 1
 * and 2 also the prefecture's alert. `late`: the first 「報告」 came after the deadline.
 */
export function notifyCentre(tx: Tx, c: repo.CaseContext, links: Links, late = false): boolean {
  const caseUrl = `${links.publicUrl.replace(/\/+$/, '')}/cases/${c.kase.id}`;
  const form = newestForm(c.kase.disease);
  const mail = { selfReportId: c.kase.selfReportId, caseUrl, disease: form.disease, late };
  if (alertsPrefecture(form.category) && c.prefecture.notificationEmail) {
    enqueueEmail(tx, { to: c.prefecture.notificationEmail, ...prefectureAlertEmail({ ...mail, prefectureNameJa: c.prefecture.nameJa, healthCentreNameJa: c.centre.nameJa }) });
  }
  if (!c.centre.notificationEmail) return false;
  enqueueEmail(tx, { to: c.centre.notificationEmail, ...submissionEmail({ ...mail, healthCentreNameJa: c.centre.nameJa }) });
  return true;
}

export async function submitNotification(
  db: Database,
  ctx: RequestContext,
  id: string,
  body: { version?: number; acknowledgedWarnings: string[] },
  links: Links,
) {
  requirePermission(ctx.actor, 'notifications.submit');
  return db.asActor(ctx.actor, async (tx) => {
    const c = await repo.contextOf(tx, id, true);
    if (!c) throw notFound();
    const n = c.notification;
    requireWriter(ctx, c);
    requireCurrent(n);
    if (n.status !== 'draft') throw new AppError(409, 'notification_not_draft');
    if (body.version !== undefined && body.version !== n.version) throw versionConflict(n.version);

    const now = new Date();
    const today = japanToday(now);
    const e = evaluate(c, n, today, body.acknowledgedWarnings);
    const blocking = blockers(e, body.acknowledgedWarnings);
    if (blocking.length) throw new AppError(422, 'submission_blocked', { missing: e.missing, findings: e.findings }, blocking);

    const warnings = new Set(e.findings.filter((f) => f.severity === 'warning').map((f) => f.ruleId));
    // The doctor who presses 「報告」 is the reporter, named as their ID has it.
    const byDoctor = ctx.actor.roles.includes('doctor') && n.source === 'direct';
    // Late is decided once, at the first 「報告」 (a resubmission after a correction is not late again).
    const late = n.firstSubmittedAt === null ? isLate(n.dueOn, today) : n.submittedLate;
    const updated = (await repo.updateNotification(tx, id, n.version, {
      status: 'submitted',
      firstSubmittedAt: n.firstSubmittedAt ?? now,
      submittedLate: late,
      submittedBy: ctx.actor.userId,
      ...(byDoctor ? { doctorUserId: ctx.actor.userId, doctorName: ctx.actor.name } : {}),
      reporterInstitutionName: e.reporter.name,
      reporterAddress: e.reporter.address,
      reporterPhone: e.reporter.phone,
      acknowledgedWarnings: body.acknowledgedWarnings.filter((w) => warnings.has(w)),
    }))!; // the row is locked: its version cannot have moved
    const submission = { notificationId: id, classification: n.classification, submittedOn: today, submittedAt: now, submittedBy: ctx.actor.userId };
    const first = !c.submissions.some((s) => s.classification === n.classification);
    if (first) await repo.recordFirstSubmission(tx, submission);
    const superseded = c.othersCurrent > 0 ? await repo.supersedeOthers(tx, n.caseId, id, now) : [];
    const emailed = notifyCentre(tx, c, links, late && n.firstSubmittedAt === null);
    await audit(tx, ctx, {
      action: 'notifications.submit',
      recordType: 'notification',
      recordIds: [id],
      details: {
        caseId: n.caseId,
        classification: n.classification,
        submittedOn: today,
        acknowledgedWarnings: updated.acknowledgedWarnings,
        healthCentreId: c.kase.responsibleHcId,
        dueOn: n.dueOn,
        late,
        emailed,
        superseded,
      },
    });
    return view({ ...c, submissions: first ? [...c.submissions, submission] : c.submissions }, updated, today);
  });
}
