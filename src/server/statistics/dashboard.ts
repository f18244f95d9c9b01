// One dashboard (issue 13): an area's new cases by a date and a breakdown, its loads, deaths and
// tests over a period, and its centres or prefectures side by side. The health centre reads its
// area, the prefecture its centres, the ministry every prefecture; counts only, audited as a read
// of statistics.
import { BREAKDOWN_GROUPS, MAX_PERIOD_DAYS, type Dashboard, type DashboardQuery, type StatisticsArea } from '../../domain/api/statistics.ts';
import { japanToday } from '../../domain/calendar.ts';
import { addDays } from '../../domain/contacts.ts';
import { LOAD_MEASURES } from '../../domain/statistics/measures.ts';
import { average7, daysBetween, levels, weekOnWeek } from '../../domain/statistics/series.ts';
import { municipalityName } from '../../domain/statistics/municipality.ts';
import { NATIONAL_AREA_CODE, per100k, populationOf } from '../../domain/statistics/population.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database, Tx } from '../db/database.ts';
import { AppError, fieldError } from '../errors.ts';
import { before, countableAreas, countLag, daily, dailyByGroup, municipalityWeeks, periodAndWeeks, type AreaRow } from './rollup-repo.ts';

/** An area as the API shows it, with its census population nearest to `year` when shipped. */
export function toArea(a: AreaRow, year: number): StatisticsArea {
  const code = a.kind === 'ministry' ? NATIONAL_AREA_CODE : a.area_code;
  return {
    id: a.id,
    kind: a.kind,
    nameJa: a.name_ja,
    nameEn: a.name_en,
    areaCode: a.area_code,
    parentId: a.parent_id,
    population: (code && populationOf(code, year)?.population) || null,
  };
}

/** Per 100,000 to one decimal; null without a population. */
const rate = (count: number, population: number | null) => (population ? Math.round(per100k(count, population) * 10) / 10 : null);

const iso = (t: string | Date | null) => (t === null ? null : new Date(t).toISOString());

export async function statisticsAreas(db: Database, ctx: RequestContext) {
  requirePermission(ctx.actor, 'statistics.counts');
  const year = Number(japanToday(new Date()).slice(0, 4));
  return db.asActor(ctx.actor, async (tx) => ({ areas: (await countableAreas(tx)).map((a) => toArea(a, year)) }));
}

export async function dashboard(db: Database, ctx: RequestContext, q: DashboardQuery): Promise<Dashboard> {
  requirePermission(ctx.actor, 'statistics.counts');
  const to = q.to ?? japanToday(new Date());
  const from = q.from ?? addDays(to, -89);
  if (daysBetween(from, to).length > MAX_PERIOD_DAYS)
    throw fieldError(['from'], 'statistics_period_too_long');
  return db.asActor(ctx.actor, async (tx) => {
    const areas = await countableAreas(tx);
    const row = q.area ? areas.find((a) => a.id === q.area) : areas[0];
    // An area outside the reader's scope is as unknown as one that does not exist.
    if (!row) throw new AppError(404, 'statistics_area_unknown');
    const year = Number(to.slice(0, 4));
    const area = toArea(row, year);
    const days = daysBetween(from, to);
    const lead = addDays(from, -13); // the week-on-week of the first day needs the two weeks before it

    const byGroup = await dailyByGroup(tx, area.id, q.basis, q.by, lead, to);
    const groups = BREAKDOWN_GROUPS[q.by];
    const leadDays = daysBetween(lead, to);
    const totals = new Map(leadDays.map((d) => [d, 0]));
    const cells = new Map<string, number>();
    for (const r of byGroup) {
      totals.set(r.day, (totals.get(r.day) ?? 0) + r.n);
      cells.set(`${r.day}|${r.g}`, r.n);
    }
    const series = leadDays.map((d) => totals.get(d) ?? 0);
    const newCases = leadDays
      .map((day, i) => ({
        day,
        total: series[i],
        groups: Object.fromEntries(groups.map((g) => [g, cells.get(`${day}|${g}`) ?? 0])),
        average7: average7(series, i),
        weekOnWeek: weekOnWeek(series, i),
      }))
      .slice(13);

    const events = await daily(tx, area.id, ['deaths', 'tests_positive', 'tests_negative', `${q.basis}_unknown`, ...LOAD_MEASURES], from, to);
    const on = (measure: string) => {
      const m = new Map(events.filter((e) => e.measure === measure).map((e) => [e.day, e.n]));
      return days.map((d) => m.get(d) ?? 0);
    };
    const start = new Map((await before(tx, [area.id], LOAD_MEASURES, from)).map((r) => [r.measure, r.n]));
    const loadLevels = Object.fromEntries(LOAD_MEASURES.map((m) => [m, levels(start.get(m) ?? 0, on(m))]));
    const [deaths, positive, negative] = [on('deaths'), on('tests_positive'), on('tests_negative')];
    const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);
    const periodCases = sum(newCases.map((d) => d.total));

    const lag = await countLag(tx);
    await audit(tx, ctx, {
      action: 'statistics.read',
      recordType: 'statistics',
      details: { report: 'dashboard', area: area.id, from, to, basis: q.basis, by: q.by },
    });
    return {
      area,
      from,
      to,
      basis: q.basis,
      by: q.by,
      groups: [...groups],
      newCases,
      totals: {
        newCases: periodCases,
        per100k: rate(periodCases, area.population),
        dateUnknown: q.basis === 'reported' ? 0 : sum(on(`${q.basis}_unknown`)),
        deaths: sum(deaths),
        testsPositive: sum(positive),
        testsNegative: sum(negative),
      },
      load: days.map((day, i) => ({ day, levels: Object.fromEntries(LOAD_MEASURES.map((m) => [m.slice(5), loadLevels[m][i]])) })),
      deaths: days.map((day, i) => ({ day, n: deaths[i] })),
      tests: days.map((day, i) => ({
        day,
        positive: positive[i],
        negative: negative[i],
        positivity: positive[i] + negative[i] ? positive[i] / (positive[i] + negative[i]) : null,
      })),
      subareas: await subareas(tx, areas, area, q.basis, from, to, year),
      municipalities: await municipalities(tx, areas, area, from, to, year),
      lag: { queued: lag.queued, oldestQueuedAt: iso(lag.oldest), countedAt: iso(lag.counted_at) },
    };
  });
}

/** The prefecture's centres or the nation's prefectures, side by side, for the same period. */
async function subareas(tx: Tx, areas: AreaRow[], area: StatisticsArea, basis: string, from: string, to: string, year: number) {
  const children = areas.filter((a) => a.parent_id === area.id && a.kind !== 'ministry').map((a) => toArea(a, year));
  if (!children.length) return [];
  const ids = children.map((c) => c.id);
  const weeks = new Map((await periodAndWeeks(tx, ids, basis, from, to)).map((r) => [r.key, r]));
  const loads = await before(tx, ids, ['load_hospitalized', 'load_severe'], addDays(to, 1));
  const load = (id: string, m: string) => loads.find((l) => l.area_id === id && l.measure === m)?.n ?? 0;
  return children.map((c) => {
    const w = weeks.get(c.id);
    return {
      area: c,
      newCases: w?.period ?? 0,
      per100k: rate(w?.period ?? 0, c.population),
      last7: w?.last7 ?? 0,
      weekOnWeek: w && w.prev7 ? w.last7 / w.prev7 : null,
      hospitalized: load(c.id, 'load_hospitalized'),
      severe: load(c.id, 'load_severe'),
    };
  });
}

/**
 * The centre's, or the prefecture's centres', new cases by municipality of residence (report
 * date), most first; the nation has none (its table is the prefectures).
 */
async function municipalities(tx: Tx, areas: AreaRow[], area: StatisticsArea, from: string, to: string, year: number) {
  if (area.kind === 'ministry') return [];
  const centres = area.kind === 'health_center' ? [area.id] : areas.filter((a) => a.parent_id === area.id && a.kind === 'health_center').map((a) => a.id);
  if (!centres.length) return [];
  return (await municipalityWeeks(tx, centres, from, to))
    .filter((m) => m.period > 0 || m.last7 > 0 || m.prev7 > 0)
    .map((m) => ({
      code: m.key,
      nameJa: municipalityName(m.key)?.ja ?? null,
      newCases: m.period,
      per100k: rate(m.period, populationOf(m.key, year)?.population ?? null),
      last7: m.last7,
      weekOnWeek: m.prev7 ? m.last7 / m.prev7 : null,
    }))
    .sort((a, b) => b.newCases - a.newCases || a.code.localeCompare(b.code));
}
