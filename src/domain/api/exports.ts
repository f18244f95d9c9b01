// Request and response shapes of /api/exports (issue 14). Filters travel in a POST body, never in a URL.
import { z } from 'zod';
import { CLASSIFICATIONS } from '../notification.ts';
import { EXPORT_FORMATS, EXPORT_KINDS, EXPORT_NOTE_MAX, EXPORT_NOTE_MIN, EXPORT_REASON_CODES, EXPORT_STATUSES } from '../privacy/exports.ts';
import { CalendarDate } from './dates.ts';

/** The case list's filters that an export takes (identity searches stay on the screen). */
export const ExportFilters = z
  .object({
    classification: z.enum(CLASSIFICATIONS).optional(),
    confirmed: z.boolean().optional().meta({ description: 'Confirmed by the health centre (保健所確認済) or not' }),
    institutionId: z.uuid().optional(),
    createdFrom: CalendarDate.optional(),
    createdTo: CalendarDate.optional(),
    diagnosedFrom: CalendarDate.optional(),
    diagnosedTo: CalendarDate.optional(),
  })
  .strict();
export type ExportFilters = z.infer<typeof ExportFilters>;

export const ExportRequest = z
  .object({
    kind: z.enum(EXPORT_KINDS).meta({ description: 'case_list: as the list shows it (masked); line_list: the identity and contact a centre works from' }),
    format: z.enum(EXPORT_FORMATS),
    encrypted: z.boolean().default(false).meta({ description: 'XLSX only: the password is given when the file is fetched, and never stored' }),
    filters: ExportFilters.default({}),
    reason: z.enum(EXPORT_REASON_CODES),
    note: z
      .string()
      .trim()
      .min(EXPORT_NOTE_MIN, { error: `理由を ${EXPORT_NOTE_MIN} 文字以上で具体的に記入してください / say why in at least ${EXPORT_NOTE_MIN} characters` })
      .max(EXPORT_NOTE_MAX),
  })
  .strict()
  .refine((r) => !r.encrypted || r.format === 'xlsx', { path: ['encrypted'], error: 'パスワードは XLSX のみ / a password only on XLSX' });

export const ExportView = z.object({
  id: z.uuid(),
  requesterName: z.string(),
  orgName: z.string(),
  kind: z.enum(EXPORT_KINDS),
  format: z.enum(EXPORT_FORMATS),
  encrypted: z.boolean(),
  filters: z.record(z.string(), z.unknown()),
  reason: z.enum(EXPORT_REASON_CODES),
  note: z.string(),
  rowCount: z.number().int(),
  needsApproval: z.boolean(),
  status: z.enum(EXPORT_STATUSES),
  approverName: z.string().nullable(),
  createdAt: z.iso.datetime(),
  decidedAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime().nullable(),
  fetchedAt: z.iso.datetime().nullable(),
});
export const ExportList = z.array(ExportView);

export const ExportDecision = z.object({ approve: z.boolean() }).strict();

export const ExportFetch = z
  .object({ password: z.string().min(8, { error: 'パスワードは 8 文字以上 / at least 8 characters' }).max(128).optional() })
  .strict();

export const ExportOptionsView = z.object({
  reasons: z.array(z.object({ code: z.enum(EXPORT_REASON_CODES), ja: z.string(), en: z.string() })),
  threshold: z.number().int(),
});
