// Request and response shapes of /api/sentinel: sentinel sites (定点医療機関), their weekly reports
// (定点報告) and the per-sentinel averages (定点当たり報告数). Counts only, keyed by disease and by
// the cells of the form version (src/domain/sentinel/definition.ts).
import { z } from 'zod';
import { ALERT_LEVELS } from '../sentinel/averages.ts';
import { SENTINEL_KINDS } from '../sentinel/kinds.ts';
import { CalendarDate } from './dates.ts';
import { Version } from './version.ts';

const Kind = z.enum(SENTINEL_KINDS).meta({ description: 'The kind of sentinel site (src/domain/sentinel/kinds.ts)' });
const WeekKey = z
  .string()
  .regex(/^\d{4}-W\d{2}$/)
  .meta({ description: 'An ISO week (Monday to Sunday), as 2026-W49' });
const Name = z.object({ ja: z.string(), en: z.string() });

// Values are checked against the form by the rules (checkSentinelCounts), so that each bad cell is
// named with its own message; here only the shape.
const Counts = z
  .record(z.string().max(40), z.unknown())
  .refine((c) => Object.keys(c).length <= 20, { error: '疾患が多すぎます / too many diseases' })
  .meta({
    description:
      'Disease code (influenza, covid19) -> cell id -> patients (0 or more). Cells are <band>:<sex> with the weekly bands (0-5m, 6-11m, 1y … 9y, 10-14y, 15-19y, 20s … 70s, 80plus) and male/female; cells and diseases left out are 0 (an empty object is a zero report).',
  });

export const DesignationListQuery = z.strictObject({ kind: Kind.optional() });

export const DesignateBody = z.strictObject({
  institutionId: z.uuid(),
  kind: Kind,
  fromDate: CalendarDate.meta({ description: 'The first day designated' }),
  untilDate: CalendarDate.nullable().optional().meta({ description: 'The last day designated (default: open)' }),
});

export const EndDesignationBody = z.strictObject({
  untilDate: CalendarDate.meta({ description: 'The last day designated' }),
  version: Version,
});

export const SentinelDesignation = z
  .object({
    id: z.uuid(),
    institutionId: z.uuid(),
    institutionName: Name,
    healthCenterId: z.uuid(),
    prefectureId: z.uuid(),
    kind: Kind,
    fromDate: z.string(),
    untilDate: z.string().nullable(),
    designatedAt: z.iso.datetime(),
    designatedByName: z.string().nullable(),
    endedAt: z.iso.datetime().nullable(),
    endedByName: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'SentinelDesignation' });

export const SentinelDesignationList = z.object({
  today: z.string(),
  designations: z.array(SentinelDesignation),
  institutions: z
    .array(z.object({ id: z.uuid(), name: Name, healthCenterName: Name }))
    .meta({ description: 'For the prefecture’s staff: the medical institutions of the prefecture (who may be designated); otherwise empty' }),
});

export const FileSentinelReportBody = z.strictObject({
  kind: Kind,
  week: WeekKey.meta({ description: 'The week counted: the current week or an earlier one, never one not begun' }),
  formVersion: z.string().max(20).meta({ description: 'The form version the counts were entered under: the one in force that week' }),
  counts: Counts,
});

export const CorrectSentinelReportBody = z.strictObject({
  counts: Counts,
  reason: z.string().trim().max(1000).nullable().optional().meta({ description: 'Why (required from the prefecture; kept in the history)' }),
  version: Version,
});

export const SentinelReportListQuery = z.strictObject({
  kind: Kind.optional(),
  institutionId: z.uuid().optional().meta({ description: 'One institution (default: the actor’s own, or every one in scope)' }),
  weeks: z.coerce.number().int().min(1).max(53).optional().meta({ description: 'How many weeks back from the current one (default 12)' }),
});

const CountsOut = z.record(z.string(), z.record(z.string(), z.number().int()));

export const SentinelReport = z
  .object({
    id: z.uuid(),
    institutionId: z.uuid(),
    institutionName: Name,
    healthCenterId: z.uuid(),
    prefectureId: z.uuid(),
    kind: Kind,
    week: z.string(),
    weekStart: z.string(),
    formId: z.string(),
    formVersion: z.string(),
    counts: CountsOut,
    totals: z.record(z.string(), z.number().int()).meta({ description: 'Patients per disease' }),
    filedAt: z.iso.datetime(),
    filedByName: z.string().nullable(),
    late: z.boolean().meta({ description: 'First filed after the Monday after the week (Japan time)' }),
    updatedAt: z.iso.datetime().nullable(),
    version: z.number().int(),
    correctable: z.boolean().meta({ description: 'Whether the actor may correct it now' }),
  })
  .meta({ id: 'SentinelReport' });

export const SentinelReportChange = z.object({
  version: z.number().int(),
  kind: z.enum(['filed', 'corrected']),
  counts: CountsOut,
  reason: z.string().nullable(),
  changedByName: z.string().nullable(),
  changedByOrgName: Name.nullable(),
  changedAt: z.iso.datetime(),
});

export const SentinelReportDetail = SentinelReport.extend({ changes: z.array(SentinelReportChange) });

export const SentinelReportList = z.object({
  currentWeek: z.string(),
  reports: z.array(SentinelReport),
  designations: z.array(SentinelDesignation).meta({ description: 'The institution’s own designations (for its filing screen); empty for others' }),
});

export const SentinelAveragesQuery = z.strictObject({
  kind: Kind.optional(),
  week: WeekKey.optional().meta({ description: 'The week of the table (default: the last complete week)' }),
  weeks: z.coerce.number().int().min(1).max(52).optional().meta({ description: 'How many weeks up to it for the chart (default 12)' }),
});

export const SentinelAverageRow = z.object({
  week: z.string(),
  prefectureId: z.uuid().nullable().meta({ description: 'null: the nation (ministry only)' }),
  prefectureName: Name,
  disease: z.string(),
  patients: z.number().int(),
  reporting: z.number().int().meta({ description: 'Sites that filed the week (zero reports included): the denominator' }),
  designated: z.number().int(),
  perSentinel: z.number().nullable().meta({ description: 'patients ÷ reporting (2 decimals); null when none reported' }),
  level: z.enum(ALERT_LEVELS).nullable().meta({ description: 'none, advisory (注意報) or alarm (警報); null: no threshold for the disease, or no report' }),
  byAgeBand: z.record(z.string(), z.number().int()),
});

export const SentinelAverages = z.object({
  kind: Kind,
  week: z.string(),
  weeks: z.array(z.string()),
  diseases: z.array(
    z.object({
      code: z.string(),
      name: Name,
      short: Name,
      threshold: z.object({ advisory: z.number(), alarmStart: z.number(), alarmEnd: z.number(), source: Name }).nullable(),
    }),
  ),
  rows: z.array(SentinelAverageRow),
});
