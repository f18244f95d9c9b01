// GET /api/weekly-report: the weekly surveillance report of a prefecture or the nation, counts only.
// The ministry reads any prefecture; the staff of a prefecture, its coordination headquarters and
// its health centres read their prefecture and the national totals (published anyway). The counts
// come from weekly_counts (migrations 0047, 0050), which checks the same scope inside the database;
// they follow the notifications by the counts job's interval, as the dashboards do.
import { japanToday } from '../../domain/calendar.ts';
import { parseWeekKey, weekEnd, weekKey, weekStart, type IsoWeek } from '../../domain/iso-week.ts';
import { ALL_PREFECTURES, type WeeklyReport, type WeeklyReportQuery } from '../../domain/api/weekly-report.ts';
import { PREFECTURES, prefectureLabel } from '../../domain/statistics/prefectures.ts';
import { CATEGORY_NAMES } from '../../domain/forms/definition.ts';
import { buildNotifiableSection, lastCompleteWeek, reportWeeks } from '../../domain/weekly-report/report.ts';
import { can } from '../../domain/permissions.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database, Tx } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { weeklyDiseases } from './diseases.ts';
import { sentinelSection } from '../sentinel/averages.ts';
import { prefectureCodeOf, prefectureIdOf, readerCells } from './repo.ts';

const NATION = { ja: '全国', en: 'Japan' };

export async function weeklyReport(db: Database, ctx: RequestContext, query: WeeklyReportQuery, now = new Date()): Promise<WeeklyReport> {
  requirePermission(ctx.actor, 'weekly_report.read');
  const week: IsoWeek = (query.week && parseWeekKey(query.week)) || lastCompleteWeek(japanToday(now));
  const national = ctx.actor.roles.includes('ministry_staff');
  return db.asActor(ctx.actor, async (tx) => {
    const own = national ? null : await prefectureCodeOf(tx, ctx.actor.prefectureId);
    const prefecture = query.prefecture ?? (national || !own ? ALL_PREFECTURES : own);
    if (prefecture !== ALL_PREFECTURES && !national && prefecture !== own) {
      throw new AppError(403, 'forbidden', { prefecture });
    }
    const weeks = reportWeeks(week);
    const cells = await readerCells(tx, weeks.readFrom, weeks.to, prefecture === ALL_PREFECTURES ? null : prefecture);
    await audit(tx, ctx, { action: 'weekly_report.read', recordType: 'statistics', details: { week: weeks.week, prefecture } });
    const section = buildNotifiableSection(week, weeklyDiseases(), cells);
    const choices = (national ? PREFECTURES.map((p) => p.code) : own ? [own] : []).map((code) => ({ prefecture: code, name: prefectureLabel(code) }));
    return {
      week: weekKey(week),
      from: weekStart(week),
      to: weekEnd(week),
      scope: { prefecture, name: prefecture === ALL_PREFECTURES ? NATION : prefectureLabel(prefecture) },
      choices: [{ prefecture: ALL_PREFECTURES, name: NATION }, ...choices],
      generatedAt: now.toISOString(),
      notifiable: { ...section, categories: section.categories.map((c) => ({ ...c, name: CATEGORY_NAMES[c.category] })) },
      sentinel: await sentinelOf(tx, ctx, week, prefecture, national),
    };
  });
}

/**
 * 定点把握: the week's per-sentinel averages, for those who read the sentinel statistics of the
 * scope (sentinel.statistics: the ministry any area, a prefecture's staff their prefecture), in the
 * reader's transaction and under its row-level security; null for everyone else.
 */
async function sentinelOf(tx: Tx, ctx: RequestContext, week: IsoWeek, prefecture: string, national: boolean) {
  if (!can(ctx.actor.roles, 'sentinel.statistics')) return null;
  if (prefecture === ALL_PREFECTURES) return national ? sentinelSection(tx, { week, weeks: 1, scope: 'nation' }) : null;
  const prefectureId = await prefectureIdOf(tx, prefecture);
  if (!prefectureId || (!national && prefectureId !== ctx.actor.prefectureId)) return null;
  return sentinelSection(tx, { week, weeks: 1, scope: { prefectureId } });
}
