// The counts job: recount the queued cases and move the rollups by the difference, a batch per
// transaction. Restartable and idempotent: a batch that fails leaves its cases queued, and a case
// counted twice adds nothing the second time (the difference from its stored count is zero).
import { countCase, countEpisodes, type CaseCount } from '../../domain/statistics/case-counting.ts';
import type { Database } from '../db/database.ts';
import { applyDeltas, loadCasesToCount, loadStoredCounts, markCounted, saveCounts, takeQueued, withSamePerson, type RollupDelta, type StoredCount } from './counts-repo.ts';

export async function refreshCounts(db: Database, batch = 2000): Promise<{ cases: number }> {
  return db.asSystem(async (tx) => {
    const taken = await takeQueued(tx, batch);
    if (!taken.length) return { cases: 0 };
    const ids = await withSamePerson(tx, taken);
    const cases = await loadCasesToCount(tx, ids);
    const before = await loadStoredCounts(tx, ids);
    const after = countPersons(cases);
    await applyDeltas(tx, difference(before, after));
    await saveCounts(tx, after);
    await markCounted(tx);
    return { cases: taken.length };
  });
}

/** Every queued case, batch after batch (the scheduler, the demo, the tests). */
export async function refreshAllCounts(db: Database, batch?: number): Promise<number> {
  let total = 0;
  for (;;) {
    const { cases } = await refreshCounts(db, batch);
    if (!cases) return total;
    total += cases;
  }
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
        contributions: count.contributions.map(([m, day, n]) => [m, day, n]),
      });
    }
  }
  return out;
}

/** What the rollups must gain and lose: the new contributions minus the stored ones, per cell. */
export function difference(before: readonly StoredCount[], after: readonly StoredCount[]): RollupDelta[] {
  const cells = new Map<string, number>();
  const add = (c: StoredCount, sign: number) => {
    for (const area of c.areaIds)
      for (const [measure, day, n] of c.contributions) {
        const key = [area, measure, day, c.classification, c.ageBand, c.sex].join('|');
        cells.set(key, (cells.get(key) ?? 0) + sign * n);
      }
  };
  for (const c of before) add(c, -1);
  for (const c of after) add(c, 1);
  return [...cells]
    .filter(([, n]) => n !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, n]) => [...(key.split('|') as [string, string, string, string, string, string]), n]);
}
