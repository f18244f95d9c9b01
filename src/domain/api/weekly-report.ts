// The weekly surveillance report's request and answer (issue 16): counts only, never a person.
// The answer is a frame (week, scope) holding sections: `notifiable` (全数把握, every case
// notified) now; the sentinel sites' section (定点把握) joins it as a sibling field.
import { z } from 'zod';
import { DISEASE_CATEGORIES } from '../forms/definition.ts';
import { CLASSIFICATIONS } from '../notification.ts';
import { IDWR_AGE_BANDS } from '../statistics/age-bands.ts';
import { isPrefectureCode } from '../statistics/prefectures.ts';
import { parseWeekKey } from '../iso-week.ts';
import { CalendarDate } from './dates.ts';
import { SentinelAverages } from './sentinel.ts';

export const WeekKey = z
  .string()
  .refine((k) => parseWeekKey(k) !== null, { error: '週は 2026-W49 の形で、その年にある週を指定してください / a week as 2026-W49 that the year has' })
  .meta({ description: 'An ISO 8601 week (Monday to Sunday), e.g. 2026-W49' });

export const ALL_PREFECTURES = 'all';

export const WeeklyReportQuery = z.object({
  week: WeekKey.optional().meta({ description: 'Default: the last complete week (Japan time)' }),
  prefecture: z
    .string()
    .refine((p) => p === ALL_PREFECTURES || isPrefectureCode(p), { error: '都道府県コード（01〜47）か all を指定してください / a prefecture code (01–47) or all' })
    .optional()
    .meta({ description: "A prefecture's JIS code, or 'all' for the nation. Default: the ministry the nation, others their own prefecture" }),
});
export type WeeklyReportQuery = z.infer<typeof WeeklyReportQuery>;

const Count = z.number().int().min(0);
const Name = z.object({ ja: z.string(), en: z.string() });

export const DiseaseRow = z.object({
  code: z.string(),
  name: Name,
  thisWeek: Count,
  cumulative: Count.meta({ description: 'From week 1 of the ISO year to this week' }),
  lastYearSameWeek: Count,
  trend: z.array(Count).meta({ description: 'The counts of `weeks.trend`, oldest first' }),
  byClassification: z.object(Object.fromEntries(CLASSIFICATIONS.map((c) => [c, Count])) as Record<(typeof CLASSIFICATIONS)[number], typeof Count>),
  bySex: z.object({ male: Count, female: Count }),
});

export const NotifiableSection = z.object({
  weeks: z.object({
    week: z.string(),
    from: CalendarDate,
    to: CalendarDate,
    yearStart: z.string(),
    trend: z.array(z.string()),
    lastYear: z.string(),
    readFrom: CalendarDate,
  }),
  categories: z.array(z.object({ category: z.enum(DISEASE_CATEGORIES), name: Name, diseases: z.array(DiseaseRow) })),
  ageBands: z
    .array(z.object({ code: z.string(), name: Name, byAgeBand: z.array(Count), total: Count }))
    .meta({ description: `This week's cases of each disease with cases by IDWR age group (${IDWR_AGE_BANDS.join(', ')})` }),
});

export const WeeklyReport = z.object({
  week: z.string(),
  from: CalendarDate.meta({ description: 'Monday of the week' }),
  to: CalendarDate.meta({ description: 'Sunday of the week' }),
  scope: z.object({ prefecture: z.string().meta({ description: "A JIS code or 'all'" }), name: Name }),
  /** The areas the reader may choose: the ministry every prefecture, others the nation and their own. */
  choices: z.array(z.object({ prefecture: z.string(), name: Name })),
  generatedAt: z.string(),
  notifiable: NotifiableSection.meta({ description: '全数把握: diseases every case of which is notified, counted by the week of diagnosis' }),
  sentinel: SentinelAverages.nullable().meta({
    description:
      '定点把握: the week’s per-sentinel averages of the インフルエンザ/COVID-19定点 (the nation and each prefecture, or the prefecture), for readers of the sentinel statistics of the area (the ministry; a prefecture’s staff for their prefecture); null for others',
  }),
});
export type WeeklyReport = z.infer<typeof WeeklyReport>;
