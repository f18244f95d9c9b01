// The counting dashboards' requests and answers (issue 13): counts only, never a person.
import { z } from 'zod';
import type { Localized } from '../messages.ts';
import { CLASSIFICATION_LABELS, CLASSIFICATIONS } from '../notification.ts';
import { AGGREGATE } from '../statistics/aggregate-counting.ts';
import { AGE_BANDS_WITH_UNKNOWN, ageBandLabel } from '../statistics/age-bands.ts';
import { NEW_CASE_MEASURES } from '../statistics/measures.ts';
import { SEXES, sexLabel } from '../statistics/sexes.ts';
import { CalendarDate } from './dates.ts';

export const BREAKDOWNS = ['classification', 'age_band', 'sex'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

/**
 * The groups of each breakdown, in the order charts stack them. The daily aggregate reports'
 * positives are a classification of their own and have no sex where the form does not ask it.
 */
export const BREAKDOWN_GROUPS: Record<Breakdown, readonly string[]> = {
  classification: [...CLASSIFICATIONS, AGGREGATE],
  age_band: AGE_BANDS_WITH_UNKNOWN,
  sex: SEXES,
};

/** The label of every group a breakdown may hold, for the screen and the files alike. */
const GROUP_LABELS: Record<Breakdown, Record<string, Localized>> = {
  classification: {
    ...CLASSIFICATION_LABELS,
    // Positives counted by the daily aggregate report, not notified one by one.
    [AGGREGATE]: { ja: '日次報告（集計）', en: 'Daily aggregate report' },
  },
  age_band: Object.fromEntries(AGE_BANDS_WITH_UNKNOWN.map((b) => [b, ageBandLabel(b)])),
  sex: Object.fromEntries(SEXES.map((s) => [s, sexLabel(s)])),
};

export const groupLabel = (by: Breakdown, group: string): Localized => GROUP_LABELS[by][group];

/** At most about four years of days in one answer: COVID-19's whole time under the law (1,208 days), not an unbounded scan. */
export const MAX_PERIOD_DAYS = 1500;

export const DashboardQuery = z
  .object({
    area: z.uuid().optional().meta({ description: 'A health centre, prefecture or the ministry (the nation); default: the reader’s own area' }),
    from: CalendarDate.optional().meta({ description: 'First day (Japan date); default: 89 days before `to`' }),
    to: CalendarDate.optional().meta({ description: 'Last day; default: today in Japan' }),
    basis: z.enum(NEW_CASE_MEASURES).default('reported').meta({ description: 'Which date new cases are counted by' }),
    by: z.enum(BREAKDOWNS).default('classification'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['from'], error: '開始日は終了日以前にしてください / from must not be after to' });
export type DashboardQuery = z.infer<typeof DashboardQuery>;

const Count = z.number().int();

export const StatisticsArea = z.object({
  id: z.uuid(),
  kind: z.enum(['ministry', 'prefecture', 'health_center']),
  nameJa: z.string(),
  nameEn: z.string(),
  areaCode: z.string().nullable(),
  parentId: z.uuid().nullable(),
  population: z.number().int().nullable().meta({ description: 'Census population of the area, when shipped (src/domain/statistics/population.ts)' }),
});

export const StatisticsAreas = z.object({ areas: z.array(StatisticsArea).meta({ description: 'The areas the reader may count, the widest first' }) });

export const Dashboard = z.object({
  area: StatisticsArea,
  from: CalendarDate,
  to: CalendarDate,
  basis: z.enum(NEW_CASE_MEASURES),
  by: z.enum(BREAKDOWNS),
  groups: z.array(z.string()).meta({ description: 'The groups of the breakdown, in stacking order' }),
  newCases: z.array(
    z.object({
      day: CalendarDate,
      total: Count,
      groups: z.record(z.string(), Count),
      average7: z.number().nullable(),
      weekOnWeek: z.number().nullable().meta({ description: 'The last 7 days over the 7 before (前週比)' }),
    }),
  ),
  totals: z.object({
    newCases: Count,
    per100k: z.number().nullable(),
    dateUnknown: Count.meta({ description: 'Cases reported in the period without the basis date (diagnosis or onset)' }),
    deaths: Count,
    testsPositive: Count,
    testsNegative: Count,
  }),
  load: z.array(z.object({ day: CalendarDate, levels: z.record(z.string(), Count) })).meta({ description: 'Levels of each load measure at the end of each day' }),
  deaths: z.array(z.object({ day: CalendarDate, n: Count })),
  tests: z.array(z.object({ day: CalendarDate, positive: Count, negative: Count, positivity: z.number().nullable() })),
  subareas: z.array(
    z.object({
      area: StatisticsArea,
      newCases: Count,
      per100k: z.number().nullable(),
      last7: Count,
      weekOnWeek: z.number().nullable(),
      hospitalized: Count,
      severe: Count,
    }),
  ),
  municipalities: z
    .array(
      z.object({
        code: z.string().meta({ description: '全国地方公共団体コード, or unknown (an address that does not tell it, and the daily reports)' }),
        nameJa: z.string().nullable(),
        newCases: Count,
        per100k: z.number().nullable(),
        last7: Count,
        weekOnWeek: z.number().nullable(),
      }),
    )
    .meta({ description: 'New cases by report date per municipality of residence, for a centre or a prefecture (empty for the nation), most first' }),
  lag: z.object({
    queued: Count.meta({ description: 'Cases and daily reports changed but not yet counted' }),
    oldestQueuedAt: z.iso.datetime().nullable(),
    countedAt: z.iso.datetime().nullable(),
  }),
});
export type Dashboard = z.infer<typeof Dashboard>;
export type StatisticsArea = z.infer<typeof StatisticsArea>;
