// Reading reports in scope: an institution's recent days, or one report with its history.
import type { z } from 'zod';
import type { DailyReportListQuery } from '../../domain/api/daily-reports.ts';
import { japanToday } from '../../domain/calendar.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import type { Database } from '../db/database.ts';
import { fieldError, notFound } from '../errors.ts';
import * as repo from './repo.ts';
import { viewsOf } from './view.ts';

const DAY = 86_400_000;
/** The longest span one list answers: a month is what a screen shows; statistics read the view. */
const MAX_DAYS = 62;

const shift = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

export async function listDailyReports(db: Database, ctx: RequestContext, query: z.infer<typeof DailyReportListQuery>, now = new Date()) {
  requirePermission(ctx.actor, 'daily_reports.read');
  const today = japanToday(now);
  const to = query.to ?? today;
  const from = query.from ?? shift(to, -14);
  if (from > to) throw fieldError(['querystring', 'from'], 'invalid_input');
  if (from < shift(to, -MAX_DAYS)) throw fieldError(['querystring', 'from'], 'invalid_input');
  // An institution's staff see their own by default (row-level security would allow nothing else).
  const institutionId = query.institutionId ?? (ctx.actor.orgKind === 'medical_institution' ? ctx.actor.orgId : undefined);
  return db.asActor(ctx.actor, async (tx) => ({ today, reports: await viewsOf(tx, ctx.actor, await repo.reportsBetween(tx, from, to, institutionId)) }));
}

export async function readDailyReport(db: Database, ctx: RequestContext, id: string) {
  requirePermission(ctx.actor, 'daily_reports.read');
  return db.asActor(ctx.actor, async (tx) => {
    const row = await repo.findReport(tx, id);
    if (!row) throw notFound();
    const [view] = await viewsOf(tx, ctx.actor, [row]);
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
