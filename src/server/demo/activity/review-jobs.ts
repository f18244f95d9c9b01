// The access review's two jobs run to the end over a generated month: every access explained (batch
// after batch), then the alerts of every day raised. The scheduler runs the same jobs each minute
// (src/server/access-review/run.ts); the demo and the benchmark time them apart.
import { raiseAccessAlerts } from '../../access-review/alerts.ts';
import { explainNewAccesses } from '../../access-review/explain.ts';
import type { Database } from '../../db/database.ts';

export async function explainAll(db: Database, now: Date, batch?: number) {
  const total = { rows: 0, accesses: 0, unexplained: 0 };
  for (;;) {
    const r = await explainNewAccesses(db, { now, ...(batch ? { batch } : {}) });
    if (r.rows === 0) return total;
    total.rows += r.rows;
    total.accesses += r.accesses;
    total.unexplained += r.unexplained;
  }
}

export async function raiseAll(db: Database, now: Date) {
  const total = { alerts: 0, hits: 0 };
  for (;;) {
    const r = await raiseAccessAlerts(db, { now });
    if (r.accesses === 0) return total;
    total.alerts += r.alerts;
    total.hits += r.hits;
  }
}
