// Inviting a case's patient to My HER-SYS (issue 11): the centre, the notifying doctor or a follow-up
// centre sends the スマホ入力ID and the link by e-mail or SMS — no personal data in the message. The
// patient reports through the last day of isolation unless the inviter sets another day.
import type { z } from 'zod';
import type { InvitationBody } from '../../domain/api/my.ts';
import { japanToday } from '../../domain/calendar.ts';
import { FINAL_STATUSES, type CaseStatus } from '../../domain/case-status.ts';
import { isolationPeriod } from '../../domain/isolation.ts';
import { invitationMessage, isMobileNumber, myUrl } from '../../domain/my-messages.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit, type AuditSource } from '../audit/audit.ts';
import type { Database, Tx } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import { enqueueSms } from '../sms/sms.ts';
import { accessView } from './manage.ts';
import * as repo from './repo.ts';

export interface Links {
  publicUrl: string;
}

/** The isolation period of an invitee (or a patient's case) from its latest submitted notification. */
export const isolationOf = (r: { onset_on: string | null; specimen_on: string | null; diagnosed_on: string | null }) =>
  isolationPeriod('covid19', { onsetOn: r.onset_on, specimenOn: r.specimen_on, diagnosedOn: r.diagnosed_on });

/** Invites in the caller's transaction (also used when a self-registration is accepted). */
export async function inviteIn(tx: Tx, source: AuditSource, caseId: string, body: z.infer<typeof InvitationBody>, links: Links) {
  const c = await repo.inviteeOf(tx, caseId);
  if (!c) throw notFound();
  if (c.current_status && FINAL_STATUSES.includes(c.current_status as CaseStatus)) throw new AppError(409, 'case_closed');
  const contact = body.channel === 'email' ? c.email : isMobileNumber(c.phone) ? c.phone : null;
  if (!contact) throw new AppError(409, 'no_contact_for_channel', { channel: body.channel });
  const observeUntil = body.observeUntil ?? isolationOf(c)?.lastDay;
  if (!observeUntil) throw new AppError(422, 'observe_until_required', {}, [{ path: ['body', 'observeUntil'], code: 'observe_until_required' }]);
  if (observeUntil < japanToday(new Date())) throw new AppError(422, 'observe_until_past', {}, [{ path: ['body', 'observeUntil'], code: 'observe_until_past' }]);
  await repo.upsertAccess(tx, { caseId, channel: body.channel, observeUntil, invitedBy: source.actor?.userId ?? null });
  const message = invitationMessage({ selfReportId: c.self_report_id, url: myUrl(links.publicUrl), centreNameJa: c.centre_name_ja });
  if (body.channel === 'email') enqueueEmail(tx, { to: contact, ...message });
  else enqueueSms(tx, { to: contact, text: message.text });
  await audit(tx, source, { action: 'patients.invite', recordType: 'case', recordIds: [caseId], details: { channel: body.channel, observeUntil } });
}

export async function invitePatient(db: Database, ctx: RequestContext, caseId: string, body: z.infer<typeof InvitationBody>, links: Links) {
  requirePermission(ctx.actor, 'patients.invite');
  return db.asActor(ctx.actor, async (tx) => {
    await inviteIn(tx, ctx, caseId, body, links);
    return accessView(tx, caseId);
  });
}
