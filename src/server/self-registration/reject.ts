// 不受理: the follow-up centre refuses a registration with a reason. The person is told by the channel
// they confirmed their code with: the reason's text, the reference and the form's link — nothing of
// what they entered. A note stays with the centre.
import { canMove, rejectionMessage, type RejectReason, type SelfRegistrationStatus } from '../../domain/self-registration.ts';
import type { RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { AppError, notFound, versionConflict } from '../errors.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import type { Links } from '../notifications/submit.ts';
import { enqueueSms } from '../sms/sms.ts';
import { requireReviewer } from './access.ts';
import * as repo from './repo.ts';

export async function rejectRegistration(db: Database, ctx: RequestContext, id: string, body: { version: number; reason: RejectReason; note?: string }, links: Links) {
  requireReviewer(ctx.actor);
  return db.asActor(ctx.actor, async (tx) => {
    const r = await repo.findRegistration(tx, id, true);
    if (!r) throw notFound();
    requireReviewer(ctx.actor, r);
    if (!canMove(r.status as SelfRegistrationStatus, 'rejected')) throw new AppError(409, 'registration_decided', { status: r.status });
    if (body.version !== r.version) throw versionConflict(r.version);
    const updated = await repo.updateRegistration(tx, id, r.version, {
      status: 'rejected',
      reviewedBy: ctx.actor.userId,
      reviewedAt: new Date(),
      rejectReason: body.reason,
      rejectNote: body.note ?? null,
    });
    if (!updated) throw versionConflict(r.version);
    const message = rejectionMessage(body.reason, r.reference, `${links.publicUrl.replace(/\/+$/, '')}/self-register`);
    if (r.channel === 'email' && r.email) enqueueEmail(tx, { to: r.email, ...message });
    else enqueueSms(tx, { to: r.phone, text: message.text });
    const messaged = r.channel === 'email' && r.email ? ('email' as const) : ('sms' as const);
    await audit(tx, ctx, { action: 'self_registrations.reject', recordType: 'self_registration', recordIds: [id], details: { reason: body.reason, messaged } });
    return { id, status: 'rejected' as const, reason: body.reason, messaged, version: updated.version };
  });
}
