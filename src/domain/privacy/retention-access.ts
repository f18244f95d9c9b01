// Who reads the retention job's runs (issue 14): a privacy officer, or the administrator of the
// ministry or a prefecture (RLS: migration 0040, retention_runs_read and retention_due()). Apart from
// retention.ts so that the menu does not load the municipality list.
import type { OrgKind, Role } from '../organizations.ts';

export const mayReadRetention = (roles: readonly Role[], orgKind: OrgKind): boolean =>
  roles.includes('privacy_officer') || (roles.includes('org_admin') && (orgKind === 'ministry' || orgKind === 'prefecture'));
