// The daily reminder of My HER-SYS (issue 11): at the centre's reminder time (default 07:00), or the
// patient's own, everyone under observation who has not reported today gets one message by their
// channel — the link and the due time, nothing else. A dependant's reminder goes to the household
// member who reports for them, one message for the household. The rules are domain/self-report.ts;
// this applies them to many cases at once, a batch per statement, each case marked reminded in the
// same statement that writes its message, so a run that stops half-way resumes where it stopped and
// several processes can run it at once (SKIP LOCKED).
import { sql } from 'drizzle-orm';
import { japanToday } from '../../domain/calendar.ts';
import { myUrl, reminderMessage } from '../../domain/my-messages.ts';
import { japanClock, OBSERVATION_ENDED } from '../../domain/self-report.ts';
import { rows, type Database } from '../db/database.ts';

/** Sends the reminders due at `now`; returns how many cases were reminded and messages written. */
export async function sendDueReminders(db: Database, publicUrl: string, now = new Date(), batch = 5000) {
  const today = japanToday(now);
  const clock = japanClock(now);
  const ended = sql.raw(OBSERVATION_ENDED.map((s) => `'${s}'`).join(', '));
  const template = reminderMessage({ url: myUrl(publicUrl), dueTime: '{due}' });
  let cases = 0;
  let messages = 0;
  for (;;) {
    const [done] = await db.asSystem((tx) =>
      rows<{ cases: number; messages: number }>(
        tx,
        sql`WITH due AS (
              SELECT a.case_id, coalesce(h.head_case_id, a.case_id) AS to_case, o.report_due_time
              FROM patient_access a
              JOIN cases c ON c.id = a.case_id
              JOIN organizations o ON o.id = c.responsible_hc_id
              LEFT JOIN household_links h ON h.case_id = a.case_id
              WHERE a.reminders_paused_at IS NULL AND a.observe_until >= ${today}
                AND (a.last_reminded_on IS NULL OR a.last_reminded_on < ${today})
                AND coalesce(a.reminder_time, o.reminder_time) <= ${clock}
                AND (c.current_status IS NULL OR c.current_status NOT IN (${ended}))
                AND NOT EXISTS (SELECT 1 FROM health_observations x WHERE x.case_id = a.case_id AND x.observed_on = ${today} AND x.replaced_by IS NULL)
              ORDER BY a.case_id
              LIMIT ${batch}
              FOR UPDATE OF a SKIP LOCKED),
            marked AS (UPDATE patient_access SET last_reminded_on = ${today} WHERE case_id IN (SELECT case_id FROM due) RETURNING case_id),
            recipients AS (
              SELECT DISTINCT ON (d.to_case) ra.channel, rp.email, rp.phone, d.report_due_time
              FROM due d JOIN patient_access ra ON ra.case_id = d.to_case
              JOIN cases rc ON rc.id = d.to_case JOIN persons rp ON rp.id = rc.person_id
              WHERE (ra.channel = 'email' AND rp.email IS NOT NULL) OR (ra.channel = 'sms' AND rp.phone IS NOT NULL)
              ORDER BY d.to_case),
            sent AS (
              INSERT INTO outbox (kind, payload)
              SELECT r.channel,
                     CASE r.channel
                       WHEN 'email' THEN jsonb_build_object('to', r.email, 'subject', ${template.subject}::text, 'text', replace(${template.text}::text, '{due}', r.report_due_time))
                       ELSE jsonb_build_object('to', r.phone, 'text', replace(${template.text}::text, '{due}', r.report_due_time)) END
              FROM recipients r
              RETURNING 1)
            SELECT (SELECT count(*) FROM marked)::int AS cases, (SELECT count(*) FROM sent)::int AS messages`,
      ),
    );
    cases += done.cases;
    messages += done.messages;
    if (done.cases < batch) return { cases, messages };
  }
}
