// Request and response shapes of /api/incidents: the leak-incident register (seed 004). Free text is
// the officer's account of the incident; patients are counted, never named, here.
import { z } from 'zod';
import { INCIDENT_MEDIA, INCIDENT_STATUSES, REPORT_RECIPIENTS, SECONDARY_DAMAGE } from '../privacy/incidents.ts';
import { CalendarDate, Instant } from './dates.ts';
import { Version } from './version.ts';

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullable();
const count = z.number().int().min(0).max(100_000_000).nullable();

export const IncidentReports = z
  .object({ prefecture: CalendarDate.nullable(), ministry: CalendarDate.nullable(), ppc: CalendarDate.nullable() } satisfies Record<(typeof REPORT_RECIPIENTS)[number], unknown>)
  .meta({ description: 'The date each report was made: prefecture, ministry, Personal Information Protection Commission (個人情報保護委員会); null: not reported' });

const Fields = z.object({
  occurredAt: Instant({ offset: true }).nullable().meta({ description: 'When it happened (発生日時), if known' }),
  discoveredAt: Instant({ offset: true }).meta({ description: 'When it was found (発覚日時)' }),
  summary: text(4000).min(1).meta({ description: '事案の概要（経過）' }),
  dataKinds: text(1000).meta({ description: 'The kind of personal data (個人データの種類), e.g. name, address, test result' }),
  recordCount: count.meta({ description: 'Number of records (件数)' }),
  personCount: count.meta({ description: 'Number of persons affected' }),
  media: z
    .array(z.enum(INCIDENT_MEDIA))
    .max(INCIDENT_MEDIA.length)
    .refine((m) => new Set(m).size === m.length, { error: '同じ媒体が重複しています / duplicate medium' }),
  mediaNote: optionalText(1000),
  notification: optionalText(2000).meta({ description: 'How those affected were informed (被害者への対応状況)' }),
  notifiedOn: CalendarDate.nullable(),
  secondaryDamage: z.enum(SECONDARY_DAMAGE),
  secondaryDamageNote: optionalText(2000),
  cause: optionalText(4000),
  prevention: optionalText(4000).meta({ description: 'Measures against recurrence (再発防止策)' }),
  reports: IncidentReports,
  status: z.enum(INCIDENT_STATUSES),
  evidenceSeqs: z.array(z.number().int().min(1).max(Number.MAX_SAFE_INTEGER)).max(1000).meta({ description: 'Audit-log seqs kept as evidence' }),
});

export const CreateIncidentBody = Fields.extend({
  orgId: z.uuid().optional().meta({ description: 'The organisation of the incident: the officer’s or one below it (default the officer’s)' }),
  alertIds: z.array(z.uuid()).max(100).default([]).meta({ description: 'Confirmed alerts this incident comes from' }),
});

export const UpdateIncidentBody = Fields.partial().extend({
  alertIds: z.array(z.uuid()).max(100).optional().meta({ description: 'Confirmed alerts to link in addition (links are never removed)' }),
  version: Version,
});

export const LinkedAlert = z.object({
  id: z.uuid(),
  source: z.string(),
  subjectUserId: z.uuid().nullable(),
  subjectLoginId: z.string().nullable(),
  subjectOrgId: z.uuid(),
  day: z.string().nullable(),
  score: z.number().int(),
  updatedAt: z.iso.datetime(),
});

export const Incident = z
  .object({
    id: z.uuid(),
    orgId: z.uuid(),
    orgName: z.string(),
    occurredAt: z.iso.datetime().nullable(),
    discoveredAt: z.iso.datetime(),
    summary: z.string(),
    dataKinds: z.string(),
    recordCount: z.number().int().nullable(),
    personCount: z.number().int().nullable(),
    media: z.array(z.enum(INCIDENT_MEDIA)),
    mediaNote: z.string().nullable(),
    notification: z.string().nullable(),
    notifiedOn: z.string().nullable(),
    secondaryDamage: z.enum(SECONDARY_DAMAGE),
    secondaryDamageNote: z.string().nullable(),
    cause: z.string().nullable(),
    prevention: z.string().nullable(),
    reports: z.object({ prefecture: z.string().nullable(), ministry: z.string().nullable(), ppc: z.string().nullable() }),
    status: z.enum(INCIDENT_STATUSES),
    evidenceSeqs: z.array(z.number().int()),
    alerts: z.array(LinkedAlert),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'Incident' });

export const IncidentHistoryEntry = z.object({
  version: z.number().int(),
  changedBy: z.uuid().nullable(),
  changedByName: z.string().nullable(),
  changedAt: z.iso.datetime(),
  fields: z.array(z.string()).meta({ description: 'The fields changed; "created" for the first version' }),
});

export const IncidentDetail = z.object({ incident: Incident, history: z.array(IncidentHistoryEntry) });

export const IncidentSummary = Incident.pick({ id: true, orgId: true, orgName: true, discoveredAt: true, summary: true, status: true, personCount: true, version: true });

export const IncidentRegister = z.object({
  incidents: z.array(IncidentSummary).meta({ description: 'Newest found first' }),
  confirmedWithoutIncident: z.array(LinkedAlert).meta({ description: 'Alerts confirmed as misuse that no incident records yet' }),
});
