// Shapes of /api/audit: the trail an administrator reviews for the organisations they administer.
import { z } from 'zod';
import { Instant } from './dates.ts';

export const AuditQuery = z.object({
  userId: z.uuid().optional(),
  orgId: z.uuid().optional(),
  action: z
    .string()
    .regex(/^[a-z_]+(\.[a-z_]*)?$/)
    .optional()
    .meta({ description: 'An action (`auth.login`) or a prefix ending in a dot (`users.`)' }),
  from: Instant({ offset: true }).optional(),
  to: Instant({ offset: true }).optional(),
  beforeSeq: z.coerce.number().int().min(1).optional().meta({ description: 'Keyset paging: entries older than this' }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const AuditEntry = z.object({
  seq: z.number().int(),
  at: z.iso.datetime(),
  actorUserId: z.uuid().nullable(),
  actorOrgId: z.uuid().nullable(),
  action: z.string(),
  recordType: z.string().nullable(),
  recordIds: z.array(z.string()),
  purpose: z.string().nullable(),
  clientAddr: z.string().nullable(),
  outcome: z.string(),
  details: z.record(z.string(), z.unknown()),
});

export const AuditPage = z.object({
  entries: z.array(AuditEntry),
  nextBeforeSeq: z.number().int().nullable(),
});
