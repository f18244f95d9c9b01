// Correcting a weekly report: its institution until the report is due (the Monday after the week),
// the prefecture at any time with a reason — the daily report's rule with the week's due day. Each
// correction keeps the counts it set and why in the history.
import type { z } from 'zod';
import type { CorrectSentinelReportBody } from '../../domain/api/sentinel.ts';
import { isoWeekOf } from '../../domain/iso-week.ts';
import { sentinelDefinition } from '../../domain/sentinel/definition.ts';
import { checkSentinelCounts, correctionProblem } from '../../domain/sentinel/rules.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { AppError, notFound, versionConflict } from '../errors.ts';
import { refuse } from '../daily-reports/problems.ts';
import * as repo from './repo.ts';
import { correctorFor, reportViews } from './view.ts';

export async function correctSentinelReport(db: Database, ctx: RequestContext, id: string, body: z.infer<typeof CorrectSentinelReportBody>, now = new Date()) {
  requirePermission(ctx.actor, 'sentinel.correct');
  return db.asActor(ctx.actor, async (tx) => {
    const before = await repo.findReport(tx, id);
    if (!before) throw notFound();
    const corrector = correctorFor(ctx.actor, before);
    if (!corrector) throw new AppError(403, 'forbidden', { permission: 'sentinel.correct' });
    const problem = correctionProblem(corrector, isoWeekOf(before.weekStart), body.reason, now);
    if (problem) throw problem.code === 'sentinel_correction_closed' ? new AppError(403, problem.code) : refuse([problem]);
    if (before.version !== body.version) throw versionConflict(before.version);
    // Corrected under the version it was filed under: its cells are the report's.
    const def = sentinelDefinition(before.kind, before.formVersion);
    if (!def) throw new Error(`sentinel form ${before.kind} ${before.formVersion} is not shipped`);
    const { counts, problems } = checkSentinelCounts(def, body.counts);
    if (problems.length) throw refuse(problems, { formVersion: def.version });
    const row = await repo.updateCounts(tx, id, body.version, counts, ctx.actor.userId);
    if (!row) {
      // Corrected meanwhile, or row-level security repeating the due-day rule (migration 0046).
      const current = await repo.findReport(tx, id);
      if (current && current.version !== body.version) throw versionConflict(current.version);
      throw new AppError(403, 'sentinel_correction_closed');
    }
    const reason = body.reason?.trim() || null;
    await repo.addChange(tx, { reportId: id, version: row.version, kind: 'corrected', counts, reason, changedBy: ctx.actor.userId, changedByOrgId: ctx.actor.orgId });
    await audit(tx, ctx, { action: 'sentinel.correct', recordType: 'sentinel_report', recordIds: [id], details: { kind: row.kind, weekStart: row.weekStart, version: row.version, by: corrector } });
    return (await reportViews(tx, ctx.actor, [row]))[0];
  });
}
