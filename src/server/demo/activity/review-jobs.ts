// The access-review jobs (src/server/access-review/, the detector) when this build has them: the
// demo and the benchmark run them on a generated month; without them they only generate it.
import type { Database } from '../../db/database.ts';

export interface ReviewJobs {
  explain(db: Database, options?: { batch?: number }): Promise<{ rows: number; accesses: number; unexplained: number; lastSeq: number }>;
  raise(db: Database, options?: { now?: Date }): Promise<{ alerts: number; hits: number }>;
}

// Specifiers in variables: the modules need not exist for this file to compile.
const EXPLAIN = '../../access-review/explain.ts';
const ALERTS = '../../access-review/alerts.ts';

export async function loadReviewJobs(): Promise<ReviewJobs | null> {
  try {
    const explain = await import(EXPLAIN);
    const alerts = await import(ALERTS);
    return { explain: explain.explainNewAccesses, raise: alerts.raiseAccessAlerts };
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String(err).includes('access-review')) return null;
    throw err;
  }
}

/** Explains everything not yet explained, then raises the alerts; the explain job's totals. */
export async function runReviewJobs(db: Database, jobs: ReviewJobs, now: Date, batch?: number) {
  let rows = 0;
  let accesses = 0;
  let unexplained = 0;
  for (;;) {
    const r = await jobs.explain(db, batch ? { batch } : {});
    if (r.rows === 0) break;
    rows += r.rows;
    accesses += r.accesses;
    unexplained += r.unexplained;
  }
  const alerts = await jobs.raise(db, { now });
  return { rows, accesses, unexplained, ...alerts };
}
