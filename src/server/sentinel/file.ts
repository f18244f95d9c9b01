// Filing a week's counts (定点報告) for one's own institution, while it is designated for that week.
// One report per institution, kind and week: a second filing answers 409 with the one filed, so a
// retry never counts twice; a retry with its Idempotency-Key gets the first answer again.
import type { z } from 'zod';
import type { FileSentinelReportBody } from '../../domain/api/sentinel.ts';
import { weekStart } from '../../domain/iso-week.ts';
import { checkSentinelCounts, coversWeek, formForWeek } from '../../domain/sentinel/rules.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import { isUniqueViolation, type Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { refuse } from '../daily-reports/problems.ts';
import * as repo from './repo.ts';
import { reportViews } from './view.ts';

export async function fileSentinelReport(db: Database, ctx: RequestContext, body: z.infer<typeof FileSentinelReportBody>, now = new Date()) {
  requirePermission(ctx.actor, 'sentinel.file');
  if (ctx.actor.orgKind !== 'medical_institution') throw new AppError(403, 'sentinel_not_institution');
  const form = formForWeek(body.kind, body.week, body.formVersion, now);
  if ('problem' in form) throw refuse([form.problem]);
  const { counts, problems } = checkSentinelCounts(form.def, body.counts);
  if (problems.length) throw refuse(problems, { formVersion: form.def.version });
  const monday = weekStart(form.week);
  try {
    return await db.asActor(ctx.actor, async (tx) => {
      const existing = await repo.findReportOfWeek(tx, ctx.actor.orgId, body.kind, monday);
      if (existing) throw new AppError(409, 'sentinel_report_exists', { reportId: existing.id, currentVersion: existing.version });
      const designated = await repo.designations(tx, body.kind, ctx.actor.orgId);
      if (!designated.some((d) => coversWeek(d, form.week))) throw new AppError(403, 'sentinel_not_designated');
      const org = await repo.findOrg(tx, ctx.actor.orgId);
      if (!org?.parentId || !org.prefectureId) throw new AppError(403, 'sentinel_not_institution');
      const row = await repo.insertReport(tx, {
        institutionId: org.id,
        healthCenterId: org.parentId,
        prefectureId: org.prefectureId,
        kind: body.kind,
        weekStart: monday,
        formId: form.def.reportId,
        formVersion: form.def.version,
        counts,
        filedBy: ctx.actor.userId,
      });
      await repo.addChange(tx, { reportId: row.id, version: row.version, kind: 'filed', counts, changedBy: ctx.actor.userId, changedByOrgId: ctx.actor.orgId });
      await audit(tx, ctx, { action: 'sentinel.file', recordType: 'sentinel_report', recordIds: [row.id], details: { kind: row.kind, week: body.week, formVersion: row.formVersion } });
      return (await reportViews(tx, ctx.actor, [row]))[0];
    });
  } catch (err) {
    if (isUniqueViolation(err, 'sentinel_reports_institution_week_key')) throw new AppError(409, 'sentinel_report_exists');
    throw err;
  }
}
