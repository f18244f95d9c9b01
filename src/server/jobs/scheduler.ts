// Periodic jobs of a running server. Each job is safe to run from several processes at once
// (a single UPDATE decides), so no leader election is needed.
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { purgeOldSessions } from './old-sessions.ts';
import { suspendUnusedIds } from './unused-ids.ts';

const HOUR = 3_600_000;

export function startScheduler(db: Database, config: Config, log: FastifyBaseLogger) {
  const run = async () => {
    try {
      const suspended = await suspendUnusedIds(db, config.UNUSED_ID_DAYS);
      if (suspended.length) log.info({ count: suspended.length }, 'suspended unused IDs');
      const purged = await purgeOldSessions(db);
      if (purged) log.info({ count: purged }, 'deleted old sessions');
    } catch (err) {
      log.error({ err: { message: (err as Error).message } }, 'scheduled job failed');
    }
  };
  const first = setTimeout(run, 5_000);
  const timer = setInterval(run, 6 * HOUR);
  first.unref();
  timer.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
