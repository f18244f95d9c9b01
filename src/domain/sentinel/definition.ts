// The sentinel sites' weekly report (定点報告) as versioned data, like the daily aggregate report
// (src/domain/daily-reports/definition.ts): one file per kind and version in ./definitions with the
// dates it is in force, the diseases it counts and, for each, the grid of age bands × sex
// (src/domain/count-grid.ts). The server validates against it; the browser draws its grids from it.
import { z } from 'zod';
import { gridCells, type GridCell } from '../count-grid.ts';
import { WEEKLY_AGE_BANDS, type WeeklyAgeBand } from '../statistics/age-bands.ts';
import { SENTINEL_KINDS, type SentinelKind } from './kinds.ts';
import influenzaCovid20230508 from './definitions/influenza-covid-2023-05-08.json' with { type: 'json' };

const LocalizedSchema = z.strictObject({ ja: z.string().min(1), en: z.string().min(1) });

export const SentinelReportDefinition = z.strictObject({
  reportId: z.string().regex(/^[a-z][a-z0-9_]*$/),
  version: z.iso.date(),
  kind: z.enum(SENTINEL_KINDS),
  title: LocalizedSchema,
  /** A Monday: the first week the version is in force. */
  effectiveFrom: z.iso.date(),
  /** Exclusive, a Monday: the next version starts on this week. */
  effectiveUntil: z.iso.date().optional(),
  counts: LocalizedSchema,
  /** Each disease counted, with a short name for tables and charts. */
  diseases: z.array(LocalizedSchema.extend({ code: z.string().regex(/^[a-z][a-z0-9_]*$/), short: LocalizedSchema })).min(1),
  ageBands: z.array(z.enum(WEEKLY_AGE_BANDS)).min(1),
  bySex: z.boolean(),
  maxPerCell: z.number().int().positive(),
  notes: z.array(z.string()).optional(),
});
export type SentinelReportDefinition = z.infer<typeof SentinelReportDefinition>;

/** The shipped versions, oldest first within each kind. */
export const SENTINEL_REPORT_DEFINITIONS: readonly SentinelReportDefinition[] = [SentinelReportDefinition.parse(influenzaCovid20230508)];

/** The version of a kind in force for the week starting on `monday`, or null. */
export function sentinelDefinitionFor(
  kind: SentinelKind,
  monday: string,
  defs: readonly SentinelReportDefinition[] = SENTINEL_REPORT_DEFINITIONS,
): SentinelReportDefinition | null {
  return defs.find((d) => d.kind === kind && d.effectiveFrom <= monday && (!d.effectiveUntil || monday < d.effectiveUntil)) ?? null;
}

export function sentinelDefinition(kind: SentinelKind, version: string): SentinelReportDefinition | null {
  return SENTINEL_REPORT_DEFINITIONS.find((d) => d.kind === kind && d.version === version) ?? null;
}

/** The cells of each disease's grid (the same for every disease of a version). */
export const sentinelCellsOf = (def: SentinelReportDefinition): GridCell<WeeklyAgeBand>[] => gridCells(def);

/** Versions of one kind that overlap or leave a gap between them: a deployment fault, tested. */
export function sentinelVersionProblems(defs: readonly SentinelReportDefinition[]): string[] {
  return SENTINEL_KINDS.flatMap((kind) => {
    const sorted = defs.filter((d) => d.kind === kind).sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
    return sorted.slice(1).flatMap((d, i) => {
      const before = sorted[i];
      return before.effectiveUntil === d.effectiveFrom ? [] : [`${kind}: ${before.version} ends ${before.effectiveUntil ?? 'never'}, ${d.version} starts ${d.effectiveFrom}`];
    });
  });
}
