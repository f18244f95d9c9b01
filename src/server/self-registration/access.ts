// Who reviews self-registrations, checked in the service before any work (row-level security
// checks it again on every row: the self_registrations_review policy).
import { acceptsRegistrations, reviewsRegistrationsOf } from '../../domain/self-registration.ts';
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/actor.ts';
import { AppError } from '../errors.ts';
import type { RegistrationRow } from './repo.ts';

/** Staff or a doctor of a follow-up centre, or prefecture staff; of the registration's prefecture when one is given. */
export function requireReviewer(actor: Actor, r?: Pick<RegistrationRow, 'prefectureId'>): void {
  if (!actor.prefectureId || !reviewsRegistrationsOf(actor, r?.prefectureId ?? actor.prefectureId)) throw new AppError(403, 'not_a_registration_centre');
}

/** Accepting files a 発生届: a doctor of the follow-up centre (notifications.submit). */
export function requireAcceptor(actor: Actor, r: Pick<RegistrationRow, 'prefectureId'>): void {
  requireReviewer(actor, r);
  requirePermission(actor, 'notifications.submit');
  if (!acceptsRegistrations(actor)) throw new AppError(403, 'accept_needs_centre_doctor');
}
