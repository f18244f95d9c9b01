// The health centre's view of a day: every institution of its area, whether its report is on time, late or missing, and the overlap flags of each report.
// "Expected" is a mark the centre or prefecture sets (expected.ts): such an institution files every
// day, zeros included, so a day without its report is a forgotten report, not a day without positives.
import type { z } from 'zod';
import type { AreaDailyReportRow, DailyReportDayQuery } from '../../domain/api/daily-reports.ts';
import { japanToday } from '../../domain/calendar.ts';
import { dailyReportDefinition } from '../../domain/daily-reports/definition.ts';
import { overlapFlags } from '../../domain/daily-reports/overlap.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import * as repo from './repo.ts';
import { viewsOf } from './view.ts';

/** The area an actor monitors: a centre its own, the prefecture all (or one centre of it). */
function areaOf(ctx: RequestContext, healthCenterId: string | undefined) {
  const { actor } = ctx;
  if (actor.orgKind === 'health_center' && actor.roles.includes('hc_staff')) {
    if (healthCenterId && healthCenterId !== actor.orgId) throw new AppError(403, 'daily_report_outside_area');
    return { healthCenterId: actor.orgId };
  }
  if (actor.orgKind === 'prefecture' && actor.roles.includes('prefecture_staff') && actor.prefectureId) return { prefectureId: actor.prefectureId, healthCenterId };
  throw new AppError(403, 'forbidden', { permission: 'daily_reports.monitor' });
}

export async function areaDailyReports(db: Database, ctx: RequestContext, query: z.infer<typeof DailyReportDayQuery>, now = new Date()) {
  requirePermission(ctx.actor, 'daily_reports.monitor');
  const area = areaOf(ctx, query.healthCenterId);
  // Reports are due the next morning: the day to look at by default is yesterday's.
  const day = query.day ?? japanToday(new Date(now.getTime() - 86_400_000));
  return db.asActor(ctx.actor, async (tx) => {
    const institutions = await repo.institutionsOf(tx, area);
    const ids = institutions.map((i) => i.id);
    const [reports, expected, notified] = [await repo.reportsOfDay(tx, day, ids), await repo.expectedAmong(tx, ids), await repo.notifiedByBand(tx, ids, day)];
    const views = new Map((await viewsOf(tx, ctx.actor, reports)).map((v) => [v.institutionId, v]));
    const rows: z.infer<typeof AreaDailyReportRow>[] = [];
    for (const inst of institutions) {
      const report = views.get(inst.id) ?? null;
      const byBand = notified.get(inst.id) ?? {};
      const def = report && dailyReportDefinition(report.formVersion);
      rows.push({
        institutionId: inst.id,
        institutionName: { ja: inst.ja, en: inst.en },
        healthCenterId: inst.parentId!,
        expected: expected.has(inst.id),
        status: report ? (report.late ? 'late' : 'on_time') : expected.has(inst.id) ? 'missing' : 'not_expected',
        report,
        notifiedByBand: byBand,
        overlap: report && def ? overlapFlags(def, report.counts, byBand) : [],
      });
    }
    return { day, rows };
  });
}
