// The counts job: recount the queued cases and daily reports, move the rollups by the difference and
// place the cases in the weekly counts, a batch per transaction. Restartable and idempotent: a batch that fails leaves its cases queued, and a case
// counted twice adds nothing the second time (the difference from its stored count is zero).
import { sql } from 'drizzle-orm';
import { countAggregate } from '../../domain/statistics/aggregate-counting.ts';
import { countCase, countEpisodes, type CaseCount } from '../../domain/statistics/case-counting.ts';
import type { Database, Tx } from '../db/database.ts';
import { applyDeltas, loadCasesToCount, loadStoredCounts, markCounted, placeWeeklyCases, saveCounts, takeQueued, withSamePerson, type CountedCell, type RollupDelta, type StoredCount } from './counts-repo.ts';
import { loadReportsToCount, loadStoredReportCounts, saveReportCounts } from './report-counts-repo.ts';

/** One batch of queued cases and one of queued reports; how many of each were taken. */
export async function refreshCounts(db: Database, batch = 2000): Promise<{ cases: number; reports: number }> {
  return db.asSystem(async (tx) => {
    // A background batch, not a request: the requests' statement timeout does not apply.
    await tx.execute(sql`SET LOCAL statement_timeout = 0`);
    const cases = await refreshCases(tx, batch);
    const reports = await refreshReports(tx, batch);
    if (cases || reports) await markCounted(tx);
    return { cases, reports };
  });
}

/** Everything queued, batch after batch (the scheduler, the demo, the tests): the cases and reports counted. */
export async function refreshAllCounts(db: Database, batch?: number): Promise<number> {
  let total = 0;
  for (;;) {
    const { cases, reports } = await refreshCounts(db, batch);
    if (!cases && !reports) return total;
    total += cases + reports;
  }
}

async function refreshCases(tx: Tx, batch: number): Promise<number> {
  const taken = await takeQueued(tx, 'cases', batch);
  if (!taken.length) return 0;
  const ids = await withSamePerson(tx, taken);
  const cases = await loadCasesToCount(tx, ids);
  const before = await loadStoredCounts(tx, ids);
  const after = countPersons(cases);
  await applyDeltas(tx, difference(before, after));
  await saveCounts(tx, after);
  // Every disease's weekly counts (the COVID-19 rollups above count COVID-19 only).
  await placeWeeklyCases(tx, ids);
  return taken.length;
}

async function refreshReports(tx: Tx, batch: number): Promise<number> {
  const taken = await takeQueued(tx, 'reports', batch);
  if (!taken.length) return 0;
  const loaded = new Map((await loadReportsToCount(tx, taken)).map((r) => [r.reportId, r]));
  const after = taken.map((reportId) => {
    const r = loaded.get(reportId); // absent: a report without cells counts nothing
    const areaIds = r?.areaIds ?? [];
    const cells = r ? countAggregate(r.reportDate, r.cells).map((c): CountedCell => ({ areaIds, ...c, contributions: c.contributions.map(([m, d, n]) => [m, d, n]) })) : [];
    return { reportId, areaIds, cells };
  });
  await applyDeltas(tx, difference(await loadStoredReportCounts(tx, taken), after.flatMap((r) => r.cells)));
  await saveReportCounts(tx, after);
  return taken.length;
}

type NewCount = StoredCount & { countedAs: CaseCount['countedAs'] };

function countPersons(cases: Awaited<ReturnType<typeof loadCasesToCount>>): NewCount[] {
  const byPerson = new Map<string, { c: (typeof cases)[number]; count: CaseCount; tieBreak: string }[]>();
  for (const c of cases) {
    const entry = { c, count: countCase(c.facts), tieBreak: c.caseNumber };
    byPerson.set(c.personId, [...(byPerson.get(c.personId) ?? []), entry]);
  }
  const out: NewCount[] = [];
  for (const entries of byPerson.values()) {
    for (const [entry, count] of countEpisodes(entries)) {
      out.push({
        caseId: entry.c.caseId,
        countedAs: count.countedAs,
        areaIds: entry.c.areaIds,
        classification: count.classification,
        ageBand: count.ageBand,
        sex: count.sex,
        municipality: count.municipality,
        contributions: count.contributions.map(([m, day, n]) => [m, day, n]),
      });
    }
  }
  return out;
}

/**
 * Where the municipality of residence is kept: new cases by report date in the case's centre
 * (areaIds[0]) — enough for the centre's and the prefecture's tables by municipality, at one row
 * per municipality and day, not one per measure and level.
 */
const municipalityKept = (c: CountedCell, area: string, measure: string) => (measure === 'reported' && area === c.areaIds[0] ? c.municipality : '');

/** What the rollups must gain and lose: the new contributions minus the stored ones, per cell. */
export function difference(before: readonly CountedCell[], after: readonly CountedCell[]): RollupDelta[] {
  const cells = new Map<string, number>();
  const add = (c: CountedCell, sign: number) => {
    for (const area of c.areaIds)
      for (const [measure, day, n] of c.contributions) {
        const key = [area, measure, day, c.classification, c.ageBand, c.sex, municipalityKept(c, area, measure)].join('|');
        cells.set(key, (cells.get(key) ?? 0) + sign * n);
      }
  };
  for (const c of before) add(c, -1);
  for (const c of after) add(c, 1);
  return [...cells]
    .filter(([, n]) => n !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, n]) => [...(key.split('|') as [string, string, string, string, string, string, string]), n]);
}
