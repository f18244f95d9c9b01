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
  /** Read cases within one's scope (which cases: row-level security decides). */
  'cases.read': ['doctor', 'clerk', 'hc_staff', 'prefecture_staff', 'coordination_hq', 'facility_staff', 'followup_staff'],
  /** Register persons and cases and enter test records (a health centre on an institution's behalf). */
  'cases.register': ['doctor', 'clerk', 'hc_staff'],
  /** Write a notification draft: a clerk may type it (Q&A 17). */
  'notifications.draft': ['doctor', 'clerk', 'hc_staff'],
  /** Submit (報告): the doctor, or a health centre entering a faxed or paper notification. */
  'notifications.submit': ['doctor', 'hc_staff'],
  /** Correct a submitted notification (SG: proxy edit for the prefecture). */
  'notifications.correct': ['doctor', 'hc_staff', 'prefecture_staff'],
  /** 保健所確認済, and withdrawing a notification (Q&A 3, 14-2). */
  'notifications.confirm': ['hc_staff'],
  'notifications.withdraw': ['hc_staff'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof GRANTS;
export const PERMISSIONS = Object.keys(GRANTS) as Permission[];

export function can(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = GRANTS[permission];
  return roles.some((r) => allowed.includes(r));
}
