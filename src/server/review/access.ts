// Who reviews: a privacy officer, on the alerts of their tree (row-level security hides the rest and
// every alert about themselves; the service refuses those too, so that a bug in a policy is not the
// only guard).
import type { Actor } from '../access/actor.ts';
import { requirePermission } from '../access/actor.ts';
import { AppError, notFound } from '../errors.ts';
import type { AlertRowDb } from './repo.ts';

export function requireOfficer(actor: Actor, decide = false): void {
  requirePermission(actor, decide ? 'access_review.decide' : 'access_review.read');
}

/** The alert as the officer may review it: found in their tree and not about themselves. */
export function reviewable(actor: Actor, alert: AlertRowDb | undefined): AlertRowDb {
  if (!alert) throw notFound();
  if (alert.subject_user_id === actor.userId) throw new AppError(403, 'review_own_alert');
  return alert;
}
