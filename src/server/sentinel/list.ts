// Reading weekly reports in scope: the recent weeks (an institution: its own, with its designations
// for the filing screen), or one report with its history.
import type { z } from 'zod';
import type { SentinelReportListQuery } from '../../domain/api/sentinel.ts';
import { japanToday } from '../../domain/calendar.ts';
import { addWeeks, isoWeekOf, weekKey, weekStart } from '../../domain/iso-week.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import type { Database } from '../db/database.ts';
import { notFound } from '../errors.ts';
import * as repo from './repo.ts';
import { designationViews, reportViews } from './view.ts';

export async function listSentinelReports(db: Database, ctx: RequestContext, query: z.infer<typeof SentinelReportListQuery>, now = new Date()) {
  requirePermission(ctx.actor, 'sentinel.read');
  const kind = query.kind ?? 'influenza_covid';
  const current = isoWeekOf(japanToday(now));
  const first = addWeeks(current, -((query.weeks ?? 12) - 1));
  const own = ctx.actor.orgKind === 'medical_institution' ? ctx.actor.orgId : undefined;
  const institutionId = query.institutionId ?? own;
  return db.asActor(ctx.actor, async (tx) => ({
    currentWeek: weekKey(current),
    reports: await reportViews(tx, ctx.actor, await repo.reportsBetween(tx, kind, weekStart(first), weekStart(current), { institutionId })),
    designations: own ? await designationViews(tx, await repo.designations(tx, kind, own)) : [],
  }));
}

export async function readSentinelReport(db: Database, ctx: RequestContext, id: string) {
  requirePermission(ctx.actor, 'sentinel.read');
  return db.asActor(ctx.actor, async (tx) => {
    const row = await repo.findReport(tx, id);
    if (!row) throw notFound();
    const [view] = await reportViews(tx, ctx.actor, [row]);
    const changes = await repo.changesOf(tx, id);
    return {
      ...view,
      changes: changes.map((c) => ({
        version: c.version,
        kind: c.kind,
        counts: c.counts,
        reason: c.reason,
        changedByName: c.changedByName,
        changedByOrgName: c.orgJa && c.orgEn ? { ja: c.orgJa, en: c.orgEn } : null,
        changedAt: c.changedAt.toISOString(),
      })),
    };
  });
}
