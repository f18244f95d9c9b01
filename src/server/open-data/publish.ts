// One publication of the national open data (issue 13, Q&A 20–22): the ministry's four daily files
// for every day counted up to the day before, and new cases by age band and sex for the last four
// weeks with small cells suppressed, built from the rollups and frozen. A day already published
// that now counts differently is listed as a revision against the previous publication.
// Idempotent: a second run for the same date returns the publication made by the first.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { addDays } from '../../domain/contacts.ts';
import type { AgeBand } from '../../domain/statistics/age-bands.ts';
import {
  buildCasesByAgeSex,
  buildDeathsCumulative,
  buildNewlyConfirmedCases,
  buildRequiringInpatientCare,
  buildSevereCases,
  toCsv,
  type DailyValue,
  type OpenDataTable,
} from '../../domain/statistics/open-data.ts';
import type { OpenDataFileId } from '../../domain/statistics/open-data-dictionary.ts';
import { revisionsBetween } from '../../domain/statistics/revisions.ts';
import { daysBetween } from '../../domain/statistics/series.ts';
import type { Sex } from '../../domain/statistics/sexes.ts';
import type { Database } from '../db/database.ts';
import { weeklyTable } from '../weekly-report/open-data.ts';
import { casesByAgeSex, fileOf, insertPublication, latestBefore, prefectureSeries, publicationOn } from './repo.ts';

/** The finer file covers the last four weeks: enough to follow a wave, small enough to publish daily. */
export const AGE_SEX_DAYS = 28;

/** 入院治療等を要する者: every counted case still under care, wherever it stays. */
const UNDER_CARE = ['load_awaiting_admission', 'load_hospitalized', 'load_accommodation', 'load_home', 'load_welfare_facility'];
/** 確認中: no status entered yet, or lost to follow-up. */
const TO_CONFIRM = ['load_none', 'load_unknown'];
const MEASURES = ['reported', 'deaths', 'load_severe', 'load_released', ...UNDER_CARE, ...TO_CONFIRM];

export async function publishOpenData(db: Database, options: { on: string; threshold: number }): Promise<{ id: string; created: boolean }> {
  return db.asSystem(async (tx) => {
    await tx.execute(sql`SET LOCAL statement_timeout = 0`); // a daily job, not a request
    await tx.execute(sql`SELECT pg_advisory_xact_lock(4735123)`);
    const existing = await publicationOn(tx, options.on);
    if (existing) return { id: existing.id, created: false };
    const to = addDays(options.on, -1);
    const series = await prefectureSeries(tx, MEASURES, to);
    const from = series.reduce((min, r) => (r.day < min ? r.day : min), to);
    const tables = buildTables(series, from, to);
    const windowFrom = addDays(to, -(AGE_SEX_DAYS - 1)) > from ? addDays(to, -(AGE_SEX_DAYS - 1)) : from;
    const ageSex = await casesByAgeSex(tx, windowFrom, to);
    tables.push(
      buildCasesByAgeSex(
        ageSex.map((r) => ({ date: r.day, prefectureCode: r.code, ageBand: r.age_band as AgeBand, sex: r.sex as Sex, count: r.n })),
        { threshold: options.threshold },
      ),
    );
    tables.push(await weeklyTable(tx, options.on, options.threshold));
    const previous = await latestBefore(tx, options.on);
    const files = tables.map((t) => {
      const csv = toCsv(t);
      return { fileId: t.fileId, csv, csvGzip: gzipSync(csv), sha256: createHash('sha256').update(csv).digest('hex'), rows: t.rows.length };
    });
    const revisions = [];
    if (previous) {
      for (const f of files) {
        const before = await fileOf(tx, previous.id, f.fileId);
        if (before) revisions.push(...revisionsBetween(f.fileId as OpenDataFileId, before.csv, f.csv).map((r) => ({ fileId: f.fileId, ...r })));
      }
    }
    const id = await insertPublication(tx, { publishedOn: options.on, from, to, threshold: options.threshold }, files, revisions);
    return { id, created: true };
  });
}

/** The four ministry files from the series: loads become levels carried over days without change. */
function buildTables(series: { code: string; measure: string; day: string; n: number }[], from: string, to: string): OpenDataTable[] {
  const days = daysBetween(from, to);
  const flows = new Map<string, number>();
  const codes = new Set<string>();
  for (const r of series) {
    flows.set(`${r.code}|${r.measure}|${r.day}`, r.n);
    codes.add(r.code);
  }
  // A level is every flow up to the day; flows before `from` are none (from is the first day with any).
  const levels = (measures: string[]) => {
    const out: DailyValue[] = [];
    for (const code of codes) {
      let level = 0;
      for (const day of days) {
        for (const m of measures) level += flows.get(`${code}|${m}|${day}`) ?? 0;
        out.push({ date: day, prefectureCode: code, value: level });
      }
    }
    return out;
  };
  const daily = (measure: string) => series.filter((r) => r.measure === measure && r.day >= from).map((r) => ({ date: r.day, prefectureCode: r.code, value: r.n }));
  const underCare = levels(UNDER_CARE);
  const released = levels(['load_released']);
  const toConfirm = levels(TO_CONFIRM);
  const range = { from, to };
  return [
    buildNewlyConfirmedCases(daily('reported'), range),
    buildRequiringInpatientCare(
      underCare.map((u, i) => ({ date: u.date, prefectureCode: u.prefectureCode, requiringInpatientCare: u.value, dischargedOrReleased: released[i].value, toBeConfirmed: toConfirm[i].value })),
      range,
    ),
    buildSevereCases(levels(['load_severe']), range),
    buildDeathsCumulative(daily('deaths'), { range }),
  ];
}
