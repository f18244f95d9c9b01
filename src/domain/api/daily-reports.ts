// Request and response shapes of /api/daily-reports: the daily aggregate report (日次報告). Counts
// only, keyed by the cells of the form version (src/domain/daily-reports/definition.ts).
import { z } from 'zod';
import { OVERLAP_KINDS } from '../daily-reports/overlap.ts';
import { AGE_BANDS_WITH_UNKNOWN, type AgeBand } from '../statistics/age-bands.ts';
import { CalendarDate } from './dates.ts';
import { Version } from './version.ts';

// Values are checked against the form's cells by the rules (checkCounts), so that each bad cell is
// named with its own message; here only the shape.
const Counts = z
  .record(z.string().max(40), z.unknown())
  .refine((c) => Object.keys(c).length <= 200, { error: '区分が多すぎます / too many cells' })
  .meta({ description: 'Cell id -> count (0 or more). The cells of the version: an age band (under10, 10s … 90plus, unknown), or <band>:<sex> where the version asks sex; cells left out are 0.' });

export const FileDailyReportBody = z.strictObject({
  reportDate: CalendarDate.meta({ description: 'The day the positives were diagnosed (Japan time); not in the future' }),
  formVersion: z.string().max(20).meta({ description: 'The form version the counts were entered under: the one in force on reportDate' }),
  counts: Counts,
});

export const CorrectDailyReportBody = z.strictObject({
  counts: Counts,
  reason: z.string().trim().max(1000).nullable().optional().meta({ description: 'Why (required from the prefecture; kept in the history)' }),
  version: Version,
});

export const DailyReportListQuery = z.strictObject({
  from: CalendarDate.optional().meta({ description: 'First day (default: two weeks before to)' }),
  to: CalendarDate.optional().meta({ description: 'Last day (default: today in Japan)' }),
  institutionId: z.uuid().optional().meta({ description: 'One institution (default: the actor’s own, or every one in scope)' }),
});

export const DailyReportDayQuery = z.strictObject({
  day: CalendarDate.optional().meta({ description: 'The report day (default: yesterday in Japan, the day whose reports are due)' }),
  healthCenterId: z.uuid().optional().meta({ description: 'For the prefecture: one centre’s area (default: the whole prefecture)' }),
});

export const ExpectedBody = z.strictObject({
  expected: z.boolean().meta({ description: 'true: the institution files every day, zeros included; false: no longer expected' }),
});

export const InstitutionParams = z.strictObject({ institutionId: z.uuid() });

const Name = z.object({ ja: z.string(), en: z.string() });

export const DailyReport = z
  .object({
    id: z.uuid(),
    institutionId: z.uuid(),
    institutionName: Name,
    healthCenterId: z.uuid(),
    reportDate: z.string(),
    formId: z.string(),
    formVersion: z.string(),
    counts: z.record(z.string(), z.number().int()),
    total: z.number().int(),
    filedAt: z.iso.datetime(),
    filedByName: z.string().nullable(),
    late: z.boolean().meta({ description: 'First filed after its day had ended (Japan time)' }),
    updatedAt: z.iso.datetime().nullable(),
    version: z.number().int(),
    correctable: z.boolean().meta({ description: 'Whether the actor may correct it now' }),
  })
  .meta({ id: 'DailyReport' });

export const DailyReportChange = z.object({
  version: z.number().int(),
  kind: z.enum(['filed', 'corrected']),
  counts: z.record(z.string(), z.number().int()),
  reason: z.string().nullable(),
  changedByName: z.string().nullable(),
  changedByOrgName: Name.nullable(),
  changedAt: z.iso.datetime(),
});

export const DailyReportDetail = DailyReport.extend({ changes: z.array(DailyReportChange) });

export const DailyReportList = z.object({ reports: z.array(DailyReport), today: z.string() });

const Band = z.enum(AGE_BANDS_WITH_UNKNOWN as [AgeBand, ...AgeBand[]]);

export const AreaDailyReportRow = z.object({
  institutionId: z.uuid(),
  institutionName: Name,
  healthCenterId: z.uuid(),
  expected: z.boolean().meta({ description: 'Marked by the centre or prefecture as filing every day' }),
  status: z.enum(['on_time', 'late', 'missing', 'not_expected']).meta({ description: 'missing: expected and not filed (yet); not_expected: neither expected nor filed' }),
  report: DailyReport.nullable(),
  notifiedByBand: z.record(z.string(), z.number().int()).meta({ description: 'The institution’s notified cases diagnosed that day, by age band (counts only)' }),
  overlap: z
    .array(z.object({ kind: z.enum(OVERLAP_KINDS), ageBand: Band, aggregate: z.number().int(), notified: z.number().int() }))
    .meta({ description: 'Signs that the aggregate also counts notified cases, for the centre to confirm (src/domain/daily-reports/overlap.ts)' }),
});

export const AreaDailyReports = z.object({ day: z.string(), rows: z.array(AreaDailyReportRow) });

export const ExpectedAnswer = z.object({ institutionId: z.uuid(), expected: z.boolean() });
