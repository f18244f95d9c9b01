// One run of the access review, as the scheduler makes it every minute: explain every new audit row
// (batch after batch, each its own transaction), then raise the alerts of the days they touched.
import { DEFAULT_RISK_CONFIG } from '../../domain/access-review/risk-rules.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { raiseAccessAlerts } from './alerts.ts';
import { explainNewAccesses } from './explain.ts';

export async function reviewAccesses(db: Database, config: Pick<Config, 'ACCESS_ALERT_THRESHOLD' | 'ACCESS_OFF_HOURS'>, now = new Date()) {
  let explained = 0;
  for (;;) {
    const r = await explainNewAccesses(db, { now });
    if (r.rows === 0) break;
    explained += r.accesses;
  }
  const risk = { ...DEFAULT_RISK_CONFIG, threshold: config.ACCESS_ALERT_THRESHOLD, offHours: config.ACCESS_OFF_HOURS };
  let alerts = 0;
  for (;;) {
    const r = await raiseAccessAlerts(db, { now, risk });
    if (r.accesses === 0) break;
    alerts += r.alerts;
  }
  return { explained, alerts };
}
