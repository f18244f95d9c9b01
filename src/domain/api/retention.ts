// Response shapes of /api/retention (issue 14): the retention job's runs and what is due next.
// Counts only: no person, no case is named.
import { z } from 'zod';

export const RetentionRun = z.object({
  id: z.uuid(),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
  dryRun: z.boolean(),
  retentionYears: z.number().int(),
  personsDue: z.number().int(),
  personsProcessed: z.number().int(),
  auditRowsRedacted: z.number().int(),
  auditRowsKept: z.number().int().meta({ description: 'Audit rows written before hash version 3 that hold a retained person’s values: kept, their hash covers the value' }),
  triggeredBy: z.enum(['scheduler', 'cli']),
  failed: z.boolean(),
});

export const RetentionOverview = z.object({
  retentionYears: z.number().int(),
  enabled: z.boolean().meta({ description: 'Whether the daily job runs (RETENTION_ENABLED); `hersys retention run` runs it by hand either way' }),
  dueNow: z.number().int().meta({ description: 'Persons whose every case ended the period ago or more: the next run removes their identity' }),
  nextDueOn: z.iso.date().nullable().meta({ description: 'The next day another person becomes due (cases ended, period not yet over)' }),
  runs: z.array(RetentionRun),
});
