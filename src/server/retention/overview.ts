// The retention screen's data (issue 14): the job's newest runs (RLS: migration 0040) and what is due
// next. Counts only, so reading it is not a read of personal data and writes no audit row.
import type { z } from 'zod';
import type { RetentionOverview } from '../../domain/api/retention.ts';
import { japanToday } from '../../domain/calendar.ts';
import { addYears } from '../../domain/privacy/retention.ts';
import { mayReadRetention } from '../../domain/privacy/retention-access.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import * as repo from './repo.ts';

export interface RetentionSettings {
  years: number;
  enabled: boolean;
}

export async function retentionOverview(db: Database, ctx: RequestContext, settings: RetentionSettings, now = new Date()): Promise<z.infer<typeof RetentionOverview>> {
  requirePermission(ctx.actor, 'retention.read');
  if (!mayReadRetention(ctx.actor.roles, ctx.actor.orgKind)) throw new AppError(403, 'forbidden', { permission: 'retention.read' });
  const endedBy = addYears(japanToday(now), -settings.years);
  const { runs, dueNow, nextEnd } = await db.asActor(ctx.actor, async (tx) => ({ runs: await repo.latestRuns(tx, 20), ...(await repo.dueSummary(tx, endedBy)) }));
  return {
    retentionYears: settings.years,
    enabled: settings.enabled,
    dueNow,
    nextDueOn: nextEnd ? addYears(nextEnd, settings.years) : null,
    runs: runs.map((r) => ({
      id: r.id,
      startedAt: r.startedAt.toISOString(),
      finishedAt: r.finishedAt?.toISOString() ?? null,
      dryRun: r.dryRun,
      retentionYears: r.retentionYears,
      personsDue: r.personsDue,
      personsProcessed: r.personsProcessed,
      auditRowsRedacted: r.auditRowsRedacted,
      auditRowsKept: r.auditRowsKept,
      triggeredBy: r.triggeredBy as 'scheduler' | 'cli',
      failed: r.failed,
    })),
  };
}
