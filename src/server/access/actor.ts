// The acting user of a request, as the session established it. Services receive it with every
// call; the database receives it per transaction for row-level security.
import type { OrgKind, Role } from '../../domain/organizations.ts';
import type { Permission } from '../../domain/permissions.ts';
import { can } from '../../domain/permissions.ts';
import { AppError } from '../errors.ts';

export interface Actor {
  userId: string;
  orgId: string;
  orgKind: OrgKind;
  prefectureId: string | null;
  roles: Role[];
  /** The user's and the organisation's names as they are now: records keep who did something by name. */
  name: string;
  orgName: string;
  /** The organisation above the actor's (a medical institution's: the health centre of its area). */
  orgParentId: string | null;
}

/** What a service needs to know of the request besides the actor: for the audit trail. */
export interface RequestContext {
  actor: Actor;
  clientAddr: string | null;
  /** Why personal data is opened, when the user gave a reason (DESIGN.md §5). */
  purpose?: string | null;
}

/** Staff of a health centre (H rights at a public-health institute are not a centre's). */
export const isHealthCentreStaff = (actor: Actor): boolean => actor.orgKind === 'health_center' && actor.roles.includes('hc_staff');

/** Deny by default: throws a 403 unless one of the actor's roles grants the permission. */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor.roles, permission)) throw new AppError(403, 'forbidden', { permission });
}
