// Request and response shapes of /api/users, /api/orgs and /api/security-flags (ID administration).
import { z } from 'zod';
import { Version } from './version.ts';
import { ORG_KINDS, ROLES } from '../organizations.ts';

export const UserStatus = z.enum(['active', 'suspended', 'deleted']);

export const User = z
  .object({
    id: z.uuid(),
    orgId: z.uuid(),
    loginId: z.string(),
    displayName: z.string(),
    email: z.string().nullable(),
    roles: z.array(z.enum(ROLES)),
    status: UserStatus,
    statusReason: z.string().nullable(),
    locked: z.boolean(),
    lastLoginAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    version: z.number().int(),
    contractorName: z.string().nullable().meta({ description: '委託先: the contractor whose staff the user is (issue 14), null for the organisation’s own staff' }),
  })
  .meta({ id: 'User' });

export const UserList = z.object({ users: z.array(User) });

export const UserQuery = z.object({
  orgId: z.uuid().optional(),
  status: UserStatus.optional(),
  unusedForDays: z.coerce
    .number()
    .int()
    .min(1)
    .max(3650)
    .optional()
    .meta({ description: 'Only IDs not used for at least this many days (never used: counted from issue)' }),
});

const roles = z
  .array(z.enum(ROLES))
  .min(1)
  .refine((r) => new Set(r).size === r.length, { error: '同じ役割が重複しています / duplicate role' });

/** 委託先: the contractor's name, for a contractor's staff (their accesses are pulled for inspections). */
const ContractorName = z.string().trim().min(1).max(100);

export const IssueUserBody = z.object({
  orgId: z.uuid(),
  loginId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/, { error: 'IDは英数字と「.」「_」「-」で3〜64文字にしてください / 3–64 letters, digits, ".", "_" or "-"' }),
  displayName: z.string().trim().min(1).max(100).meta({ description: 'A person or a generic name such as 「△△課1」 (Q&A 18)' }),
  email: z.email().max(254).optional(),
  roles,
  contractorName: ContractorName.optional(),
});

export const IssuedUser = z.object({
  user: User,
  initialPassword: z.string().meta({ description: 'Shown once; the user must change it at first login' }),
});

export const UpdateUserBody = z.object({
  version: Version,
  displayName: z.string().trim().min(1).max(100).optional(),
  email: z.email().max(254).nullable().optional(),
  roles: roles.optional(),
  contractorName: ContractorName.nullable().optional(),
});

export const SuspendBody = z.object({ reason: z.string().trim().min(1).max(200) });
export const VersionBody = z.object({ version: Version });

/** An id in a path, as the database writes it (lower case), so that audit rows name records one way. */
export const PathId = z.uuid().toLowerCase();
export const IdParams = z.object({ id: PathId });

export const Organization = z
  .object({
    id: z.uuid(),
    kind: z.enum(ORG_KINDS),
    code: z.string(),
    nameJa: z.string(),
    nameEn: z.string(),
    parentId: z.uuid().nullable(),
    prefectureId: z.uuid().nullable(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    idQuota: z.number().int().nullable(),
    activeIds: z.number().int().nullable().meta({ description: 'IDs in use, for organisations one issues for' }),
    issuedByMe: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'Organization' });

export const OrganizationList = z.object({ organizations: z.array(Organization) });

export const QuotaBody = z.object({ version: Version, idQuota: z.number().int().min(0).max(100000).nullable() });

export const SecurityFlag = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  loginId: z.string(),
  kind: z.string(),
  details: z.record(z.string(), z.unknown()),
  createdAt: z.iso.datetime(),
  reviewedAt: z.iso.datetime().nullable(),
});
export const SecurityFlagList = z.object({ flags: z.array(SecurityFlag) });

const orgAddress = z.string().trim().min(1).max(300).meta({ description: '所在地: a medical institution’s is printed on its notifications' });
const orgPhone = z
  .string()
  .trim()
  .regex(/^[0-9+()\-\s]{6,30}$/, { error: '電話番号は数字とハイフンで入力してください / digits, hyphens and brackets' });

export const RegisterOrganizationBody = z.object({
  kind: z.enum(ORG_KINDS),
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, { error: 'コードは英小文字・数字・「-」で入力してください / lower-case letters, digits and "-"' })
    .meta({ description: 'A stable short name, unique in the system, e.g. a medical institution code' }),
  nameJa: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().min(1).max(200),
  notificationEmail: z.email().max(254).optional().meta({ description: 'Health centres: where submissions are announced' }),
  address: orgAddress.optional(),
  phone: orgPhone.optional(),
  idQuota: z.number().int().min(0).max(100000).optional(),
});

export const UpdateOrganizationBody = z.object({
  version: Version,
  nameJa: z.string().trim().min(1).max(200).optional(),
  nameEn: z.string().trim().min(1).max(200).optional(),
  notificationEmail: z.email().max(254).nullable().optional(),
  address: orgAddress.nullable().optional(),
  phone: orgPhone.nullable().optional(),
});
