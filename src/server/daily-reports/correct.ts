// Correcting a report: its institution on the report's own day, the prefecture on any day with a
// reason (from 2022-10-06 [F38]). Each correction keeps the counts it set and why in the history.
import type { z } from 'zod';
import type { CorrectDailyReportBody } from '../../domain/api/daily-reports.ts';
import { dailyReportDefinition } from '../../domain/daily-reports/definition.ts';
import { checkCounts, correctionProblem } from '../../domain/daily-reports/rules.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { AppError, notFound, versionConflict } from '../errors.ts';
import { refuse } from './problems.ts';
import * as repo from './repo.ts';
import { correctorFor, viewsOf } from './view.ts';

export async function correctDailyReport(db: Database, ctx: RequestContext, id: string, body: z.infer<typeof CorrectDailyReportBody>, now = new Date()) {
  requirePermission(ctx.actor, 'daily_reports.correct');
  return db.asActor(ctx.actor, async (tx) => {
    const before = await repo.findReport(tx, id);
    if (!before) throw notFound();
    const corrector = correctorFor(ctx.actor, before);
    if (!corrector) throw new AppError(403, 'forbidden', { permission: 'daily_reports.correct' });
    const problem = correctionProblem(corrector, before.reportDate, body.reason, now);
    if (problem) throw problem.code === 'daily_report_correction_closed' ? new AppError(403, problem.code) : refuse([problem]);
    if (before.version !== body.version) throw versionConflict(before.version);
    // Corrected under the version it was filed under: its cells are the report's.
    const def = dailyReportDefinition(before.formVersion);
    if (!def) throw new Error(`daily report form ${before.formVersion} is not shipped`);
    const { counts, problems } = checkCounts(def, body.counts);
    if (problems.length) throw refuse(problems, { formVersion: def.version });
    const row = await repo.updateCounts(tx, id, body.version, counts, ctx.actor.userId);
    if (!row) {
      // Corrected meanwhile, or row-level security repeating the day rule (migration 0030): the day ended meanwhile.
      const now = await repo.findReport(tx, id);
      if (now && now.version !== body.version) throw versionConflict(now.version);
      throw new AppError(403, 'daily_report_correction_closed');
    }
    const reason = body.reason?.trim() || null;
    await repo.addChange(tx, { reportId: id, version: row.version, kind: 'corrected', counts, reason, changedBy: ctx.actor.userId, changedByOrgId: ctx.actor.orgId });
    await audit(tx, ctx, { action: 'daily_reports.correct', recordType: 'daily_report', recordIds: [id], details: { reportDate: row.reportDate, version: row.version, by: corrector } });
    return (await viewsOf(tx, ctx.actor, [row]))[0];
  });
}
