// The officer's decisions on an alert: dismiss with a reason, ask the user, escalate to the parent
// organisation, confirm misuse. Each checks the version read, keeps the decision in review_actions,
// moves the alert (domain/access-review/review.ts says which move may follow which) and is audited.
// Confirmed alerts are what the incident register lists; opening the incident is that register's.
import { refusalOf, STATUS_AFTER, type ReviewDecision } from '../../domain/access-review/review.ts';
import type { RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { AppError, versionConflict } from '../errors.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import { requireOfficer, reviewable } from './access.ts';
import * as repo from './repo.ts';

/** What the asked user's e-mail says: that a question waits, nothing about which access or whose record. */
export const ASKED_EMAIL = {
  subject: '【HER-SYS】アクセスについての確認 / A question about your access',
  text:
    '個人情報保護管理者から、あなたのアクセスについて確認の依頼があります。HER-SYS にログインし、ホーム画面の「アクセスについての確認」から回答してください。\n' +
    'Your privacy officer has a question about an access you made. Log in to HER-SYS and answer it under "Questions about your access" on the home screen.',
};

export async function decide(db: Database, ctx: RequestContext, id: string, decision: ReviewDecision, body: { version: number; text?: string }) {
  requireOfficer(ctx.actor, true);
  return db.asActor(ctx.actor, async (tx) => {
    const alert = reviewable(ctx.actor, await repo.findAlert(tx, id, true));
    const refusal = refusalOf(decision, { status: alert.status, subjectUserId: alert.subject_user_id }, ctx.actor);
    if (refusal) throw new AppError(409, refusal, { status: alert.status });
    if (body.version !== alert.version) throw versionConflict(alert.version);
    const toOrgId = decision === 'escalate' ? ctx.actor.orgParentId! : null;
    // The action first: once escalated the alert is the parent's, and this officer may no longer add to it.
    await repo.insertAction(tx, { alertId: id, action: decision, byUserId: ctx.actor.userId, byOrgId: ctx.actor.orgId, text: body.text ?? null, toOrgId });
    const status = STATUS_AFTER[decision];
    if (decision === 'escalate') await repo.escalateAlert(tx, id);
    else await repo.moveAlert(tx, id, status);
    if (decision === 'ask') {
      const email = await repo.userEmail(tx, alert.subject_user_id!);
      if (email) enqueueEmail(tx, { to: email, ...ASKED_EMAIL });
    }
    await audit(tx, ctx, {
      action: `access_review.${decision}`,
      recordType: 'review_alert',
      recordIds: [id],
      details: { from: alert.status, to: status, ...(toOrgId ? { toOrgId } : {}) },
    });
    return { id, status, version: alert.version + 1, visible: decision !== 'escalate' };
  });
}
