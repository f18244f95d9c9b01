// Who may write which notification: the rules the use cases share, read from the notification's
// context (repo.contextOf) so that checking them costs no statement. Row-level security has
// already hidden every case the actor may not see.
import type { NotificationSource } from '../../domain/notification.ts';
import { liesInAreaOf } from '../../domain/organizations.ts';
import { isHealthCentreStaff, type RequestContext } from '../access/actor.ts';
import { AppError, type FieldError } from '../errors.ts';
import type { CaseContext, NotificationContext, NotificationRow } from './repo.ts';

/** After 追加登録 the earlier notifications of the case are read-only for everyone (Q&A 7). */
export function requireCurrent(n: NotificationRow): void {
  if (n.supersededAt) throw new AppError(409, 'notification_superseded');
}

/**
 * The reporter of a new notification: the actor's own institution (a doctor is named as their ID
 * has it), or for a health centre keying in a faxed or paper notification, the institution and
 * doctor named on it — an institution of its area, checked with the case's context (requireArea).
 */
export function reporterOf(ctx: RequestContext, body: { source: NotificationSource; institutionId?: string; doctorName?: string | null }) {
  const { actor } = ctx;
  if (actor.orgKind === 'medical_institution') {
    if (body.source !== 'direct') throw new AppError(400, 'invalid_input', {}, [{ path: ['body', 'source'], code: 'invalid_input' }]);
    if (body.institutionId && body.institutionId !== actor.orgId) throw new AppError(403, 'not_own_notification');
    const doctor = actor.roles.includes('doctor');
    return {
      institutionId: actor.orgId,
      source: 'direct' as const,
      doctorUserId: doctor ? actor.userId : null,
      ...(doctor ? { doctorName: actor.name } : {}),
    };
  }
  if (!isHealthCentreStaff(actor)) throw new AppError(403, 'forbidden', { permission: 'notifications.draft' });
  const missing: FieldError[] = [
    ...(body.source === 'direct' ? [{ path: ['body', 'source'], code: 'proxy_entry_needs_fax_or_paper' }] : []),
    ...(body.institutionId ? [] : [{ path: ['body', 'institutionId'], code: 'proxy_entry_needs_fax_or_paper' }]),
    ...(body.doctorName ? [] : [{ path: ['body', 'doctorName'], code: 'proxy_entry_needs_fax_or_paper' }]),
  ];
  if (missing.length) throw new AppError(400, 'proxy_entry_needs_fax_or_paper', {}, missing);
  return { institutionId: body.institutionId!, source: body.source, doctorUserId: null };
}

/** A health centre enters notifications only for institutions of its area (Q&A 4). */
export function requireArea(ctx: RequestContext, c: Pick<CaseContext, 'institution'>): void {
  if (isHealthCentreStaff(ctx.actor) && !liesInAreaOf(c.institution, ctx.actor.orgId)) throw new AppError(403, 'institution_outside_area');
}

/** Clinics write their own notifications; a health centre the fax and paper ones of its area. */
export function requireWriter(ctx: RequestContext, c: NotificationContext): void {
  const n = c.notification;
  if (ctx.actor.orgKind === 'medical_institution' && n.institutionId === ctx.actor.orgId && n.source === 'direct') return;
  if (isHealthCentreStaff(ctx.actor) && n.source !== 'direct') return requireArea(ctx, c);
  throw new AppError(403, 'not_own_notification');
}

/** Confirming and withdrawing are for staff of the case's responsible or a related centre (Q&A 4, 14-2). */
export const isNotifiedCentre = (ctx: RequestContext, c: CaseContext): boolean =>
  isHealthCentreStaff(ctx.actor) && [c.kase.responsibleHcId, ...c.kase.relatedHcIds].includes(ctx.actor.orgId);

export function requireNotifiedCentre(ctx: RequestContext, c: CaseContext): void {
  if (!isNotifiedCentre(ctx, c)) throw new AppError(403, 'not_responsible_centre');
}

/** 保健所確認済 and 取下げ: by a notified centre, of the current notification once it is submitted. */
export function requireSubmittedToCentre(ctx: RequestContext, c: NotificationContext): void {
  requireNotifiedCentre(ctx, c);
  const n = c.notification;
  requireCurrent(n);
  if (n.status !== 'submitted') throw new AppError(409, n.status === 'withdrawn' ? 'notification_withdrawn' : 'notification_not_submitted');
}

/**
 * Correcting a submitted notification: its own institution's doctor (or, for a fax or paper one,
 * the centre that keyed it in), staff of the responsible or a related centre, and the prefecture
 * (SG) for cases it sees.
 */
export function requireCorrector(ctx: RequestContext, c: NotificationContext): void {
  const { actor } = ctx;
  const n = c.notification;
  if (actor.orgKind === 'medical_institution' && n.institutionId === actor.orgId && n.source === 'direct') return;
  if (actor.orgKind === 'prefecture' && actor.roles.includes('prefecture_staff')) return;
  if (isNotifiedCentre(ctx, c)) return;
  throw new AppError(403, 'not_own_notification');
}
