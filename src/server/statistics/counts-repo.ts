// The SQL of the counts job: take queued cases, read what their counts depend on, and move the
// rollups by the difference. Dates are read as text (Japan calendar dates, as the domain wants them).
import { sql } from 'drizzle-orm';
import type { CountingCase, CountingNotification } from '../../domain/statistics/case-counting.ts';
import { rows, type Tx } from '../db/database.ts';
import { pgArray } from '../db/pg-array.ts';

export interface CaseToCount {
  caseId: string;
  personId: string;
  caseNumber: string;
  /** The responsible centre, the prefecture, the nation (the prefecture's parent, the ministry). */
  areaIds: string[];
  facts: CountingCase;
}

/** What one case, or one cell of a daily report, adds to the rollups of each of its areas. */
export interface CountedCell {
  areaIds: string[];
  classification: string;
  ageBand: string;
  sex: string;
  /** A municipality code or 'unknown'; kept for new cases by report date in the centre's area (refresh.ts). */
  municipality: string;
  contributions: [string, string, number][];
}

export interface StoredCount extends CountedCell {
  caseId: string;
}

/** The two queues of the counts job: changed cases, and filed or corrected daily reports. */
const QUEUES = { cases: ['count_queue', 'case_id'], reports: ['report_count_queue', 'report_id'] } as const;

/** Up to `limit` queued ids, taken off the queue (an id queued again meanwhile stays for the next run). */
export async function takeQueued(tx: Tx, queue: keyof typeof QUEUES, limit: number): Promise<string[]> {
  const [table, column] = QUEUES[queue].map((name) => sql.raw(name));
  const taken = await rows<{ id: string }>(
    tx,
    sql`DELETE FROM ${table} WHERE ${column} IN (
          SELECT ${column} FROM ${table} ORDER BY queued_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
        RETURNING ${column} AS id`,
  );
  return taken.map((r) => r.id);
}

/** The cases with every other case of their persons: the episode rule counts a person's cases together. */
export async function withSamePerson(tx: Tx, caseIds: string[]): Promise<string[]> {
  const all = await rows<{ id: string }>(
    tx,
    sql`SELECT DISTINCT o.id FROM cases c JOIN cases o ON o.person_id = c.person_id WHERE c.id = ANY (${pgArray(caseIds)}::uuid[])`,
  );
  return all.map((r) => r.id);
}

export async function loadCasesToCount(tx: Tx, caseIds: string[]): Promise<CaseToCount[]> {
  const ids = pgArray(caseIds);
  // One after another: a transaction is one connection.
  const base = await rows<{ id: string; person_id: string; case_number: string; hc: string; prefecture: string; nation: string | null; sex: 'male' | 'female'; birth_date: string; residence_address: string | null; disease: string }>(
      tx,
      sql`SELECT c.id, c.person_id, c.case_number, c.responsible_hc_id AS hc, c.prefecture_id AS prefecture, pr.parent_id AS nation,
                 p.sex, p.birth_date::text, p.residence_address, c.disease
            FROM cases c JOIN persons p ON p.id = c.person_id JOIN organizations pr ON pr.id = c.prefecture_id
           WHERE c.id = ANY (${ids}::uuid[])`,
  );
  const notifications = await rows<{ case_id: string; status: CountingNotification['status']; classification: CountingNotification['classification']; first_submitted_on: string | null; superseded: boolean; diagnosed_on: string | null; onset_on: string | null; death_on: string | null }>(
      tx,
      sql`SELECT n.case_id, n.status, n.classification, n.superseded_at IS NOT NULL AS superseded,
                 n.diagnosed_on::text, n.onset_on::text, n.death_on::text,
                 (n.first_submitted_at AT TIME ZONE 'Asia/Tokyo')::date::text AS first_submitted_on
            FROM notifications n WHERE n.case_id = ANY (${ids}::uuid[])`,
  );
  const statuses = await rows<{ case_id: string; status: CountingCase['statuses'][number]['status']; effective_on: string }>(
      tx,
      sql`SELECT case_id, status, effective_on::text FROM case_status_changes WHERE case_id = ANY (${ids}::uuid[]) ORDER BY changed_at, id`,
  );
  const course = await rows<{ case_id: string; observed_on: string; severity: CountingCase['course'][number]['severity'] }>(
      tx,
      sql`SELECT case_id, observed_on::text, severity FROM clinical_course WHERE case_id = ANY (${ids}::uuid[]) ORDER BY changed_at, id`,
  );
  const tests = await rows<{ case_id: string; collected_on: string | null; result_on: string | null; result: string }>(
      tx,
      sql`SELECT case_id, collected_on::text, result_on::text, result FROM lab_tests WHERE case_id = ANY (${ids}::uuid[])`,
  );
  const byCase = <R extends { case_id: string }>(list: R[]) => {
    const m = new Map<string, R[]>();
    for (const r of list) m.set(r.case_id, [...(m.get(r.case_id) ?? []), r]);
    return (id: string) => m.get(id) ?? [];
  };
  const [ns, ss, cs, ts] = [byCase(notifications), byCase(statuses), byCase(course), byCase(tests)];
  return base.map((c) => ({
    caseId: c.id,
    personId: c.person_id,
    caseNumber: c.case_number,
    areaIds: [c.hc, c.prefecture, ...(c.nation ? [c.nation] : [])],
    facts: {
      disease: c.disease,
      sex: c.sex,
      birthDate: c.birth_date,
      residenceAddress: c.residence_address,
      notifications: ns(c.id).map((n) => ({
        status: n.status,
        classification: n.classification,
        firstSubmittedOn: n.first_submitted_on,
        superseded: n.superseded,
        diagnosedOn: n.diagnosed_on,
        onsetOn: n.onset_on,
        deathOn: n.death_on,
      })),
      statuses: ss(c.id).map((s) => ({ status: s.status, effectiveOn: s.effective_on })),
      course: cs(c.id).map((e) => ({ observedOn: e.observed_on, severity: e.severity })),
      tests: ts(c.id).map((t) => ({ collectedOn: t.collected_on, resultOn: t.result_on, result: t.result })),
    },
  }));
}

export async function loadStoredCounts(tx: Tx, caseIds: string[]): Promise<StoredCount[]> {
  const stored = await rows<{ case_id: string; area_ids: string[] | string; classification: string; age_band: string; sex: string; municipality: string; contributions: StoredCount['contributions'] }>(
    tx,
    sql`SELECT case_id, area_ids, classification, age_band, sex, municipality, contributions FROM case_counts WHERE case_id = ANY (${pgArray(caseIds)}::uuid[])`,
  );
  return stored.map((r) => ({
    caseId: r.case_id,
    areaIds: Array.isArray(r.area_ids) ? r.area_ids : r.area_ids.replace(/[{}]/g, '').split(',').filter(Boolean),
    classification: r.classification,
    ageBand: r.age_band,
    sex: r.sex,
    municipality: r.municipality,
    contributions: r.contributions,
  }));
}

export async function saveCounts(tx: Tx, counts: (StoredCount & { countedAs: string })[]): Promise<void> {
  if (!counts.length) return;
  await tx.execute(sql`
    INSERT INTO case_counts (case_id, counted_as, area_ids, classification, age_band, sex, municipality, contributions)
    SELECT (c->>'caseId')::uuid, c->>'countedAs', ARRAY(SELECT jsonb_array_elements_text(c->'areaIds'))::uuid[],
           c->>'classification', c->>'ageBand', c->>'sex', c->>'municipality', c->'contributions'
      FROM jsonb_array_elements(${JSON.stringify(counts)}::jsonb) c
    ON CONFLICT (case_id) DO UPDATE SET counted_as = EXCLUDED.counted_as, area_ids = EXCLUDED.area_ids,
      classification = EXCLUDED.classification, age_band = EXCLUDED.age_band, sex = EXCLUDED.sex, municipality = EXCLUDED.municipality,
      contributions = EXCLUDED.contributions, counted_at = now()`);
}

/** The cases' places in the weekly report's counts, recomputed from their notifications (migration 0050). */
export async function placeWeeklyCases(tx: Tx, caseIds: string[]): Promise<void> {
  if (caseIds.length) await tx.execute(sql`SELECT app_place_weekly_cases(${pgArray(caseIds)}::uuid[])`);
}

/** One cell's change: [area, measure, day, classification, age band, sex, municipality ('' where not kept), n]. */
export type RollupDelta = [string, string, string, string, string, string, string, number];

/**
 * Adds the deltas to the rollups (the full cross-tab, summed over municipalities, and count_by: the
 * day's and the month's totals, and for new cases each breakdown on its own — loads, deaths and
 * tests are read as totals only) and drops cells that come to zero. The rows go in sorted by key, so two runs touching the same
 * cells lock them in the same order and never deadlock.
 */
export async function applyDeltas(tx: Tx, deltas: RollupDelta[]): Promise<void> {
  if (!deltas.length) return;
  const json = JSON.stringify(deltas);
  await tx.execute(sql`
    INSERT INTO count_rollup (area_id, measure, day, classification, age_band, sex, n)
    SELECT (d->>0)::uuid, d->>1, (d->>2)::date, d->>3, d->>4, d->>5, sum((d->>7)::integer)::integer
      FROM jsonb_array_elements(${json}::jsonb) d GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (area_id, measure, day, classification, age_band, sex) DO UPDATE SET n = count_rollup.n + EXCLUDED.n`);
  await tx.execute(sql`
    DELETE FROM count_rollup r USING jsonb_array_elements(${json}::jsonb) d
     WHERE r.n = 0 AND r.area_id = (d->>0)::uuid AND r.measure = d->>1 AND r.day = (d->>2)::date
       AND r.classification = d->>3 AND r.age_band = d->>4 AND r.sex = d->>5`);
  const cells = sql`
    SELECT (d->>0)::uuid AS area_id, d->>1 AS measure, b.day, b.dim, b.grp, sum((d->>7)::integer)::integer AS n
      FROM jsonb_array_elements(${json}::jsonb) d
      CROSS JOIN LATERAL (VALUES ('all', '', (d->>2)::date), ('month', '', date_trunc('month', (d->>2)::date)::date),
                                 ('classification', d->>3, (d->>2)::date), ('age_band', d->>4, (d->>2)::date), ('sex', d->>5, (d->>2)::date),
                                 ('municipality', d->>6, (d->>2)::date)) AS b(dim, grp, day)
     WHERE (b.dim IN ('all', 'month') OR d->>1 IN ('reported', 'diagnosed', 'onset')) AND (b.dim <> 'municipality' OR b.grp <> '')
     GROUP BY 1, 2, 3, 4, 5`;
  await tx.execute(sql`
    INSERT INTO count_by (area_id, measure, day, dim, grp, n)
    SELECT * FROM (${cells}) c WHERE c.n <> 0 ORDER BY area_id, measure, dim, day, grp
    ON CONFLICT (area_id, measure, dim, day, grp) DO UPDATE SET n = count_by.n + EXCLUDED.n`);
  await tx.execute(sql`
    DELETE FROM count_by b USING (${cells}) c
     WHERE b.n = 0 AND b.area_id = c.area_id AND b.measure = c.measure AND b.dim = c.dim AND b.day = c.day AND b.grp = c.grp`);
}

export async function markCounted(tx: Tx): Promise<void> {
  await tx.execute(sql`UPDATE count_progress SET counted_at = now() WHERE id = 1`);
}
