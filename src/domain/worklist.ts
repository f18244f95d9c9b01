// The health centre's work list (issue 4): which cases ask for the centre's attention today. Pure;
// the server's SQL applies the same cut-off (staleBefore) so that the list and this rule agree.
import { FINAL_STATUSES, type CaseStatus } from './case-status.ts';

/** Days without a status change or a 健康観察 entry after which a followed case is stale. */
export const DEFAULT_STALE_AFTER_DAYS = 3;

const DAY = 86_400_000;

/**
 * The instant before which a case's last activity makes it stale on `today` (yyyy-mm-dd in Japan):
 * the start of the Japan day `days` days earlier. With 3 days, on 03-14 a case last touched on
 * 03-10 (any time of day) is stale and one touched on 03-11 is not: three whole days went by.
 */
export function staleBefore(today: string, days: number): Date {
  // Japan has no daylight saving time: its midnight is always 15:00 UTC of the day before.
  return new Date(Date.parse(`${today}T00:00:00+09:00`) - days * DAY);
}

/**
 * Whether a case is stale on `today`: it has a status that is not final (released, died), and
 * neither its last status change nor its last observation is on or after the cut-off. A case
 * without a status is not stale: it is on the list of missing statuses instead.
 */
export function isStale(
  c: { status: CaseStatus | null; statusChangedAt: Date | null; lastObservedAt: Date | null },
  today: string,
  days: number = DEFAULT_STALE_AFTER_DAYS,
): boolean {
  if (c.status === null || FINAL_STATUSES.includes(c.status)) return false;
  const cutoff = staleBefore(today, days).getTime();
  const touched = [c.statusChangedAt, c.lastObservedAt].filter((d): d is Date => d !== null);
  return touched.every((d) => d.getTime() < cutoff);
}
