// The daily aggregate report (日次報告) as versioned data, like the notification forms (DESIGN.md
// §2b): one file per version in ./definitions with the dates it is in force and the cells it asks
// for. The server validates against it and the browser draws its grid from it.
import { z } from 'zod';
import { GRID_SEXES, gridCells, type GridCell, type GridSex } from '../count-grid.ts';
import { AGE_BANDS_WITH_UNKNOWN, type AgeBand } from '../statistics/age-bands.ts';
import v20220926 from './definitions/covid19-daily-2022-09-26.json' with { type: 'json' };

/** Sexes a version may split by (the persons table's values). */
export const DAILY_REPORT_SEXES = GRID_SEXES;
export type DailyReportSex = GridSex;

const LocalizedSchema = z.strictObject({ ja: z.string().min(1), en: z.string().min(1) });
const Band = z.enum(AGE_BANDS_WITH_UNKNOWN as [AgeBand, ...AgeBand[]]);

export const DailyReportDefinition = z.strictObject({
  reportId: z.string().regex(/^[a-z][a-z0-9_]*$/),
  version: z.iso.date(),
  title: LocalizedSchema,
  disease: LocalizedSchema.extend({ code: z.string() }),
  effectiveFrom: z.iso.date(),
  /** Exclusive: the next version starts on this date. */
  effectiveUntil: z.iso.date().optional(),
  /** Who is counted, as the form says it. */
  counts: LocalizedSchema,
  ageBands: z.array(Band).min(1),
  /** Whether each age band is split by sex: cells are then `<band>:<sex>`. */
  bySex: z.boolean(),
  maxPerCell: z.number().int().positive(),
  /** Bands whose every member is notified individually: an aggregate there is flagged (overlap.ts). */
  notifiedBands: z.array(Band),
  notes: z.array(z.string()).optional(),
});
export type DailyReportDefinition = z.infer<typeof DailyReportDefinition>;

/** The shipped versions, oldest first. */
export const DAILY_REPORT_DEFINITIONS: readonly DailyReportDefinition[] = [DailyReportDefinition.parse(v20220926)];

/** The version in force on a report day, or null (before the first, after the last). */
export function dailyReportDefinitionOn(day: string, defs: readonly DailyReportDefinition[] = DAILY_REPORT_DEFINITIONS): DailyReportDefinition | null {
  return defs.find((d) => d.effectiveFrom <= day && (!d.effectiveUntil || day < d.effectiveUntil)) ?? null;
}

export function dailyReportDefinition(version: string): DailyReportDefinition | null {
  return DAILY_REPORT_DEFINITIONS.find((d) => d.version === version) ?? null;
}

export type DailyReportCell = GridCell<AgeBand>;

/** The cells a version asks for, in the order of the form (src/domain/count-grid.ts). */
export const cellsOf = (def: DailyReportDefinition): DailyReportCell[] => gridCells(def);

/** Versions that overlap or leave a gap between them: a deployment fault, tested. */
export function dailyVersionProblems(defs: readonly DailyReportDefinition[]): string[] {
  const sorted = [...defs].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  return sorted.slice(1).flatMap((d, i) => {
    const before = sorted[i];
    return before.effectiveUntil === d.effectiveFrom ? [] : [`${before.version} ends ${before.effectiveUntil ?? 'never'}, ${d.version} starts ${d.effectiveFrom}`];
  });
}
