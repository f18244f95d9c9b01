// Request and response shapes of /api/compliance: the report of seed 000 §2–4 for an organisation of
// the officer's tree and a period. Counts and IDs, never a patient's personal data.
import { z } from 'zod';
import { INCIDENT_STATUSES } from '../privacy/incidents.ts';
import { MAX_PERIOD_DAYS, periodDays } from '../privacy/compliance.ts';
import { ROLES } from '../organizations.ts';
import { CalendarDate } from './dates.ts';

export const ComplianceQuery = z
  .object({
    orgId: z.uuid().optional().meta({ description: 'An organisation of the officer’s tree, with everything below it (default the officer’s)' }),
    from: CalendarDate.meta({ description: 'First day (Japan time)' }),
    to: CalendarDate.meta({ description: 'Last day, included' }),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], error: '終了日は開始日以降にしてください / the last day is on or after the first' })
  .refine((q) => periodDays(q.from, q.to) <= MAX_PERIOD_DAYS, { path: ['to'], error: `期間は${MAX_PERIOD_DAYS}日以内にしてください / at most ${MAX_PERIOD_DAYS} days` });

const Count = z.number().int();
const Share = z.number().nullable().meta({ description: 'Percent with one decimal; null when the whole is 0' });

export const ComplianceReport = z.object({
  organization: z.object({ id: z.uuid(), nameJa: z.string(), nameEn: z.string() }),
  from: z.string(),
  to: z.string(),
  generatedAt: z.iso.datetime(),
  unusedIdDays: Count,
  accesses: z.object({
    audited: Count.meta({ description: 'Audit rows of reads of personal data by users of the tree' }),
    examined: Count.meta({ description: 'Of those, rows the explanation job has examined' }),
    explanations: Count.meta({ description: 'Access × case pairs examined' }),
    explained: Count,
    purposeOnly: Count,
    unexplained: Count,
    explainedShare: Share,
    byTemplate: z.array(z.object({ template: z.string(), count: Count })),
  }),
  alerts: z.object({
    raised: Count,
    reviewed: z.object({ dismiss: Count, ask: Count, answer: Count, escalate: Count, confirm: Count }),
    confirmed: Count,
    open: Count,
  }),
  permissions: z.object({
    ids: z.array(
      z.object({
        id: z.uuid(),
        loginId: z.string(),
        displayName: z.string(),
        orgId: z.uuid(),
        orgName: z.string(),
        roles: z.array(z.enum(ROLES)),
        status: z.string(),
        lastLoginAt: z.iso.datetime().nullable(),
        contractorName: z.string().nullable(),
        unused: z.boolean().meta({ description: 'Active and not used for unusedIdDays' }),
      }),
    ),
    byOrg: z.array(z.object({ orgId: z.uuid(), orgName: z.string(), ids: Count, active: Count, byRole: z.record(z.string(), Count) })),
    autoSuspended: Count.meta({ description: 'IDs the daily job suspended as unused in the period' }),
    reviews: z
      .array(
        z.object({
          orgId: z.uuid(),
          orgName: z.string(),
          campaigns: Count,
          doneOnTime: Count,
          doneLate: Count,
          overdue: Count,
          open: Count,
          idsSuspended: Count,
          rolesRevoked: Count,
        }),
      )
      .meta({ description: 'Permission reviews (権限の棚卸し) under way in the period, per organisation: done on time, late, overdue, open, and the IDs suspended or roles revoked by them' }),
  }),
  takeOut: z.object({ exports: Count }),
  contractors: z.array(z.object({ userId: z.uuid(), loginId: z.string(), contractorName: z.string(), orgName: z.string(), accesses: Count, unexplained: Count })),
  incidents: z.array(z.object({ id: z.uuid(), discoveredAt: z.iso.datetime(), summary: z.string(), status: z.enum(INCIDENT_STATUSES), personCount: Count.nullable(), reportedOn: z.string().nullable() })),
  methods: z.record(z.string(), z.object({ ja: z.string(), en: z.string() })),
});

export const ComplianceOrganizations = z.object({
  organizations: z.array(z.object({ id: z.uuid(), nameJa: z.string(), nameEn: z.string(), parentId: z.uuid().nullable() })),
});
