// Filing the day's counts (日次報告) for one's own institution. One report per institution and day:
// a second filing answers 409 with the one filed, so a retry never counts twice; a retry with its
// Idempotency-Key gets the first answer again (http/idempotency.ts).
import type { z } from 'zod';
import type { FileDailyReportBody } from '../../domain/api/daily-reports.ts';
import { checkCounts, formForDay } from '../../domain/daily-reports/rules.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import { isUniqueViolation, type Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { refuse } from './problems.ts';
import * as repo from './repo.ts';
import { viewsOf } from './view.ts';

export async function fileDailyReport(db: Database, ctx: RequestContext, body: z.infer<typeof FileDailyReportBody>, now = new Date()) {
  requirePermission(ctx.actor, 'daily_reports.file');
  if (ctx.actor.orgKind !== 'medical_institution') throw new AppError(403, 'daily_report_not_institution');
  const form = formForDay(body.reportDate, body.formVersion, now);
  if ('problem' in form) throw refuse([form.problem]);
  const { counts, problems } = checkCounts(form.def, body.counts);
  if (problems.length) throw refuse(problems, { formVersion: form.def.version });
  try {
    return await db.asActor(ctx.actor, async (tx) => {
      const existing = await repo.findReportOfDay(tx, ctx.actor.orgId, body.reportDate);
      if (existing) throw new AppError(409, 'daily_report_exists', { reportId: existing.id, currentVersion: existing.version });
      const org = await repo.findOrg(tx, ctx.actor.orgId);
      if (!org?.parentId || !org.prefectureId) throw new AppError(403, 'daily_report_not_institution');
      const row = await repo.insertReport(tx, {
        institutionId: org.id,
        healthCenterId: org.parentId,
        prefectureId: org.prefectureId,
        reportDate: body.reportDate,
        formId: form.def.reportId,
        formVersion: form.def.version,
        counts,
        filedBy: ctx.actor.userId,
      });
      await repo.addChange(tx, { reportId: row.id, version: row.version, kind: 'filed', counts, changedBy: ctx.actor.userId, changedByOrgId: ctx.actor.orgId });
      await audit(tx, ctx, { action: 'daily_reports.file', recordType: 'daily_report', recordIds: [row.id], details: { reportDate: row.reportDate, formVersion: row.formVersion } });
      return (await viewsOf(tx, ctx.actor, [row]))[0];
    });
  } catch (err) {
    // Two filings of one day at once: the second finds the first at its insert.
    if (isUniqueViolation(err, 'daily_reports_institution_day_key')) throw new AppError(409, 'daily_report_exists');
    throw err;
  }
}
