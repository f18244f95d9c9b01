// Organisations, roles and who issues IDs for whom (DESIGN.md §4, seeds Q&A 18–19, 2023 notice).
// Pure rules: the server's services call them, and the database's RLS functions mirror them
// (test/authorization-matrix.test.ts checks that the two agree on every pair).

export const ORG_KINDS = [
  'ministry',
  'prefecture',
  'health_center',
  'medical_institution',
  'accommodation_facility',
  'followup_center',
  'coordination_hq',
  'public_health_institute',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const ROLES = [
  'doctor',
  'clerk',
  'hc_staff',
  'prefecture_staff',
  'coordination_hq',
  'facility_staff',
  'followup_staff',
  'ministry_staff',
  'org_admin',
  // 個人情報保護管理者 (issue 12): reviews how the organisation's tree uses personal data.
  'privacy_officer',
  // ヘルプデスク (issue 14, Q&A 24): ministry staff or its contractor; no personal data but what a centre lets it see.
  'helpdesk',
] as const;
export type Role = (typeof ROLES)[number];

/** The minimum an issuing rule needs to know of an organisation. */
export interface OrgRef {
  id: string;
  kind: OrgKind;
  /** The prefecture the organisation belongs to (itself for a prefecture, null for the ministry). */
  prefectureId: string | null;
  /** The parent in the tree; for a medical institution, the health centre whose area it lies in. */
  parentId: string | null;
}

/** A medical institution lies in one health centre's area (Q&A 4): that centre is its parent. */
export const liesInAreaOf = (org: { kind: string; parentId: string | null }, hcId: string): boolean =>
  org.kind === 'medical_institution' && org.parentId === hcId;

/** Which work roles a user of an organisation of this kind may hold (org_admin and privacy_officer fit everywhere). */
const WORK_ROLES: Record<OrgKind, readonly Role[]> = {
  ministry: ['ministry_staff', 'helpdesk'],
  prefecture: ['prefecture_staff'],
  health_center: ['hc_staff'],
  medical_institution: ['doctor', 'clerk'],
  accommodation_facility: ['facility_staff'],
  // A follow-up centre's doctors accept self-registrations and file their 発生届 (self-registration.ts).
  followup_center: ['followup_staff', 'doctor'],
  coordination_hq: ['coordination_hq'],
  // Q&A 19: a public-health institute works with health-centre rights.
  public_health_institute: ['hc_staff'],
};

export function rolesAllowedAt(kind: OrgKind): readonly Role[] {
  return [...WORK_ROLES[kind], 'org_admin', 'privacy_officer'];
}

/** Kinds a prefecture issues IDs for (2023 notice: the prefecture issues G/H/W/C). */
const PREFECTURE_ISSUES_FOR: readonly OrgKind[] = [
  'health_center',
  'coordination_hq',
  'accommodation_facility',
  'followup_center',
  'public_health_institute',
];

/**
 * May an administrator of `issuer` issue, suspend and delete IDs of `target`?
 * Its own organisation; the ministry for prefectures (SG IDs are the ministry's); a prefecture for
 * its centres, HQ, facilities and institutes; a health centre for the medical institutions in its area.
 */
export function issuesFor(issuer: OrgRef, target: OrgRef): boolean {
  if (issuer.id === target.id) return true;
  switch (issuer.kind) {
    case 'ministry':
      return target.kind === 'prefecture';
    case 'prefecture':
      return target.prefectureId === issuer.id && PREFECTURE_ISSUES_FOR.includes(target.kind);
    case 'health_center':
      return target.kind === 'medical_institution' && target.parentId === issuer.id;
    default:
      return false;
  }
}

/** Where an organisation of this kind sits in the tree: the kind its parent must be. */
export function parentKindOf(kind: OrgKind): OrgKind | null {
  switch (kind) {
    case 'ministry':
      return null;
    case 'prefecture':
      return 'ministry';
    case 'medical_institution':
      return 'health_center';
    default:
      return 'prefecture';
  }
}

/**
 * May an administrator of `creator` register an organisation of `kind` below itself? Only directly
 * below, and only where the tree allows: then the creator also issues its IDs.
 */
export function registersBelow(creator: OrgRef, kind: OrgKind): boolean {
  return parentKindOf(kind) === creator.kind;
}
