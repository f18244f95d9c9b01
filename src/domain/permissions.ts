// What each role may do, deny by default (DESIGN.md §4). Services ask `can()` before any work so
// that a user gets a clear 403; row-level security then limits which rows the work may touch.
import type { Role } from './organizations.ts';

const GRANTS = {
  /** Issue, suspend, reactivate and delete IDs, change their roles and the quotas. */
  'users.manage': ['org_admin'],
  /** Read the list of IDs (with last login and the unused-ID list) and review flags. */
  'users.read': ['org_admin'],
  /** Read the audit trail of the organisations one administers. */
  'audit.read': ['org_admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof GRANTS;
export const PERMISSIONS = Object.keys(GRANTS) as Permission[];

export function can(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = GRANTS[permission];
  return roles.some((r) => allowed.includes(r));
}
