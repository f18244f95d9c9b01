// Request and response shapes of /api/compliance/inspection: the surprise inspection (抜き打ち検査) of
// an organisation's contractors' staff for any period (issue 14). Each row is an audited action; the
// cases appear by HER-SYS ID only, as the audit names them.
import { z } from 'zod';
import { CalendarDate } from './dates.ts';

export const InspectionQuery = z
  .object({
    orgId: z.uuid().optional().meta({ description: 'An organisation of the officer’s tree, with everything below it (default the officer’s)' }),
    from: CalendarDate.meta({ description: 'First day (Japan time)' }),
    to: CalendarDate.meta({ description: 'Last day, included' }),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], error: '終了日は開始日以降にしてください / the last day is on or after the first' });

export const InspectionRow = z.object({
  seq: z.number().int(),
  at: z.iso.datetime(),
  loginId: z.string(),
  displayName: z.string(),
  contractorName: z.string(),
  orgName: z.string(),
  action: z.string(),
  outcome: z.string(),
  purpose: z.string().nullable(),
  caseNumbers: z.array(z.string()),
});

export const InspectionReport = z.object({
  from: z.string(),
  to: z.string(),
  contractorIds: z.number().int().meta({ description: 'Contractor IDs with at least one action in the period' }),
  total: z.number().int(),
  truncated: z.boolean().meta({ description: 'The screen shows the first rows only; the CSV has them all' }),
  rows: z.array(InspectionRow),
});
