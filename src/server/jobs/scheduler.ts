// Periodic jobs of a running server. Each job is safe to run from several processes at once
// (a single UPDATE decides), so no leader election is needed.
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { loggable } from '../http/error-handler.ts';
import { reviewAccesses } from '../access-review/run.ts';
import { refreshAllCounts } from '../statistics/refresh.ts';
import { publishIfDue } from '../open-data/daily.ts';
import { runPermissionReviews } from '../permission-reviews/run.ts';
import { runRetention } from '../retention/run.ts';
import { expireOldBulkUploads } from './old-bulk-uploads.ts';
import { purgeOldIdempotencyKeys } from './old-idempotency-keys.ts';
import { purgeOldSessions } from './old-sessions.ts';
import { sendDueReminders } from './patient-reminders.ts';
import { suspendUnusedIds } from './unused-ids.ts';

const HOUR = 3_600_000;

export function startScheduler(db: Database, config: Config, log: FastifyBaseLogger) {
  const run = async () => {
    try {
      const suspended = await suspendUnusedIds(db, config.UNUSED_ID_DAYS);
      if (suspended.length) log.info({ count: suspended.length }, 'suspended unused IDs');
      const purged = await purgeOldSessions(db);
      if (purged) log.info({ count: purged }, 'deleted old sessions');
      const keys = await purgeOldIdempotencyKeys(db);
      if (keys) log.info({ count: keys }, 'deleted idempotency keys older than a day');
      const reviews = await runPermissionReviews(db, { publicUrl: config.PUBLIC_URL });
      if (reviews.opened || reviews.completed || reviews.escalated) log.info(reviews, 'permission reviews opened, completed or escalated');
    } catch (err) {
      log.error({ err: loggable(err) }, 'scheduled job failed');
    }
  };
  // My HER-SYS reminders go at a minute's precision (the centre's or the patient's time).
  const remind = async () => {
    try {
      const { cases, messages } = await sendDueReminders(db, config.PUBLIC_URL);
      if (cases) log.info({ cases, messages }, 'sent My HER-SYS reminders');
    } catch (err) {
      log.error({ err: loggable(err) }, 'reminder run failed');
    }
  };
  // The access review (issue 12) keeps up with the audit log every minute: explain, then alert.
  // A backlog can take longer than a minute: the next tick skips instead of queueing behind it.
  let reviewing = false;
  const review = async () => {
    if (reviewing) return;
    reviewing = true;
    try {
      const { explained, alerts } = await reviewAccesses(db, config);
      if (explained || alerts) log.info({ explained, alerts }, 'reviewed accesses');
    } catch (err) {
      log.error({ err: loggable(err) }, 'access review run failed');
    } finally {
      reviewing = false;
    }
  };
  // The statistics keep up with the cases every ten seconds (the dashboards show the lag), and
  // the day's open data is published once its time has come.
  let counting = false;
  const count = async () => {
    if (counting) return;
    counting = true;
    try {
      await refreshAllCounts(db);
      const published = await publishIfDue(db, config);
      if (published?.created) log.info('published today’s open data');
    } catch (err) {
      log.error({ err: loggable(err) }, 'counts run failed');
    } finally {
      counting = false;
    }
  };
  // Retention (issue 14) once a day, when the operator has enabled it; a rerun does nothing new.
  const retain = async () => {
    if (!config.RETENTION_ENABLED) return;
    try {
      const r = await runRetention(db, { years: config.RETENTION_YEARS, dryRun: false, triggeredBy: 'scheduler' });
      if (r.personsProcessed) log.info({ persons: r.personsProcessed, auditRowsRedacted: r.auditRowsRedacted }, 'retention removed identities');
    } catch (err) {
      log.error({ err: loggable(err) }, 'retention run failed');
    }
  };
  // Rows of bulk uploads untouched for BULK_UPLOAD_KEEP_DAYS (personal data outside any case), daily.
  const expire = async () => {
    try {
      const r = await expireOldBulkUploads(db, config.BULK_UPLOAD_KEEP_DAYS);
      if (r.uploads) log.info(r, 'deleted the unregistered rows of untouched bulk uploads');
    } catch (err) {
      log.error({ err: loggable(err) }, 'bulk upload expiry failed');
    }
  };
  const first = setTimeout(run, 5_000);
  const timer = setInterval(run, HOUR);
  const reminders = setInterval(remind, 60_000);
  const reviews = setInterval(review, 60_000);
  const counts = setInterval(count, 10_000);
  // A server restarted more often than daily still runs it: once a minute after start, then daily.
  const firstRetention = setTimeout(retain, 60_000);
  const retention = setInterval(retain, 24 * HOUR);
  const firstExpiry = setTimeout(expire, 90_000);
  const expiry = setInterval(expire, 24 * HOUR);
  for (const t of [first, timer, reminders, reviews, counts, firstRetention, retention, firstExpiry, expiry]) t.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(timer);
      clearInterval(reminders);
      clearInterval(reviews);
      clearInterval(counts);
      clearTimeout(firstRetention);
      clearInterval(retention);
      clearTimeout(firstExpiry);
      clearInterval(expiry);
    },
  };
}
