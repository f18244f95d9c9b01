// 訂正: a submitted notification changed with a reason. The corrected notification must pass what
// submission requires, or nothing is written. Changing the classification (Q&A 3: suspected →
// patient) needs the diagnosis date; the new classification gets its own submission date (Q&A 8),
// the centre an e-mail, and the confirmation is undone until the centre checks it again.
import { japanToday } from '../../domain/calendar.ts';
import { NOTIFICATION_ITEMS, notificationChanges, type Classification } from '../../domain/notification.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { AppError, fieldError, notFound, versionConflict } from '../errors.ts';
import { requireCorrector, requireCurrent } from './access.ts';
import type { DraftInput } from './draft.ts';
import { checkAnswers, checkCollected, formInForce } from './forms.ts';
import { recordChange } from './history.ts';
import * as repo from './repo.ts';
import { notifyCentre, type Links } from './submit.ts';
import { blockers, evaluate, problemsOf, view } from './view.ts';

/** What a correction may change: the typed items, and with the diagnosis date the form version. */
export const CORRECTABLE = [...NOTIFICATION_ITEMS, 'formVersion'] as const;

export async function correctNotification(
  db: Database,
  ctx: RequestContext,
  id: string,
  body: DraftInput & { version: number; classification?: Classification; reason: string; acknowledgedWarnings: string[] },
  links: Links,
) {
  requirePermission(ctx.actor, 'notifications.correct');
  return db.asActor(ctx.actor, async (tx) => {
    const c = await repo.contextOf(tx, id, true);
    if (!c) throw notFound();
    const n = c.notification;
    requireCorrector(ctx, c);
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
    const known = problemsOf(evaluate(c, n, today, n.acknowledgedWarnings));
    // Warnings the doctor acknowledged at submission stay acknowledged; new ones need acknowledging now.
    const acknowledged = [...new Set([...n.acknowledgedWarnings, ...acknowledgedWarnings])];
    // The corrected notification is checked before anything is written. A new classification's
    // report date is today (no submission of it yet), as 「報告」 would make it.
    const e = evaluate(c, after, today, acknowledged);
    const blocking = blockers(e, acknowledged, known);
    if (blocking.length) throw new AppError(422, 'correction_blocked', { missing: e.missing, findings: e.findings }, blocking);

    const warnings = new Set(e.findings.filter((f) => f.severity === 'warning').map((f) => f.ruleId));
    const updated = (await repo.updateNotification(tx, id, n.version, {
      ...fields,
      formVersion: form.version,
      acknowledgedWarnings: acknowledged.filter((w) => warnings.has(w)),
      ...(reclassified ? { confirmedAt: null, confirmedBy: null } : {}),
    }))!; // the row is locked: its version cannot have moved
    const submission = { notificationId: id, classification: updated.classification, submittedOn: today, submittedAt: now, submittedBy: ctx.actor.userId };
    const first = reclassified && !c.submissions.some((s) => s.classification === updated.classification);
    if (first) await repo.recordFirstSubmission(tx, submission);
    await recordChange(tx, ctx, id, reason, changes);
    const emailed = reclassified ? notifyCentre(tx, c, links) : false;
    await audit(tx, ctx, {
      action: 'notifications.correct',
      recordType: 'notification',
      recordIds: [id],
      // Which items, not their values: the values are personal data and stay in the history.
      details: {
        caseId: n.caseId,
        items: changes.map((ch) => ch.path.join('.')),
        ...(reclassified ? { classification: { from: n.classification, to: updated.classification }, emailed } : {}),
      },
    });
    return view({ ...c, submissions: first ? [...c.submissions, submission] : c.submissions }, updated, today);
  });
}
