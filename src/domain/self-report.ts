// The rules of patients' self-reports (My HER-SYS, issue 11): who is asked to report, when a
// reminder goes, and which reports need a look by staff. Pure; the SQL of the work list and the
// reminder run apply the same rules to many cases at once (their literals come from here).
import { FINAL_STATUSES, type CaseStatus } from './case-status.ts';

/** Statuses that end observation: released, died, and lost to follow-up. */
export const OBSERVATION_ENDED: readonly CaseStatus[] = [...FINAL_STATUSES, 'unknown'];

/** Defaults of a health centre: reports due by 08:30, the reminder at 07:00 (Koto ward's practice). */
export const DEFAULT_REPORT_DUE_TIME = '08:30';
export const DEFAULT_REMINDER_TIME = '07:00';

/** Asked to report today: through the last day (inclusive) and not released, dead or lost. */
export const underObservation = (status: string | null, observeUntil: string, today: string) =>
  today <= observeUntil && !(status && OBSERVATION_ENDED.includes(status as CaseStatus));

/** A reminder is due once a day, at or after the time, to a patient under observation who has not reported today and is not paused. */
export function reminderDue(p: {
  now: { date: string; time: string };
  reminderTime: string;
  status: string | null;
  observeUntil: string;
  lastRemindedOn: string | null;
  reportedToday: boolean;
  paused: boolean;
}): boolean {
  return (
    !p.paused &&
    !p.reportedToday &&
    p.now.time >= p.reminderTime &&
    (p.lastRemindedOn === null || p.lastRemindedOn < p.now.date) &&
    underObservation(p.status, p.observeUntil, p.now.date)
  );
}

/** A self-report staff should look at: the patient feels worse or lists a symptom (red flags have their own list). */
export const needsLook = (r: { feeling: string | null; symptoms: readonly string[] }) => r.feeling === 'worse' || r.symptoms.length > 0;

/** The clock time in Japan at an instant, HH:MM. */
export const japanClock = (instant: Date): string =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
