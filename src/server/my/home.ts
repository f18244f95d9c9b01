// The patient's home in My HER-SYS (issue 11): their case and their household dependants, each with
// the isolation period, today's report if made, open alerts and how to reach the centre.
import { japanToday } from '../../domain/calendar.ts';
import type { CaseStatus } from '../../domain/case-status.ts';
import { underObservation } from '../../domain/self-report.ts';
import type { Localized } from '../../domain/messages.ts';
import type { RedFlag } from '../../domain/red-flags.ts';
import { byPatient, patientSource, type PatientContext } from '../access/patient.ts';
import { audit } from '../audit/audit.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { healthObservations } from '../db/schema.ts';
import { isolationOf } from './invite.ts';
import * as repo from './repo.ts';

type ObservationRow = typeof healthObservations.$inferSelect;

/** A self-report as the patient sees it (the table's row, or its JSON from a sub-select). */
export function toSelfReport(o: ObservationRow | Record<string, any>) {
  const r = o as Record<string, any>;
  const at = r.observedAt ?? r.observed_at;
  return {
    id: r.id as string,
    caseId: (r.caseId ?? r.case_id) as string,
    observedOn: (r.observedOn ?? r.observed_on) as string,
    observedAt: new Date(at).toISOString(),
    temperature: r.temperature === null ? null : Number(r.temperature),
    spo2: r.spo2 as number | null,
    pulse: r.pulse as number | null,
    symptoms: r.symptoms as never,
    feeling: (r.feeling ?? null) as 'better' | 'same' | 'worse' | null,
    note: (r.note ?? null) as string | null,
  };
}

export async function patientHome(db: Database, config: Config, ctx: PatientContext) {
  const today = japanToday(new Date());
  return db.asPatient(ctx.patient, async (tx) => {
    const rows = await repo.patientCases(tx, ctx.patient.caseIds, today);
    await audit(tx, patientSource(ctx), { action: 'patient.home', recordType: 'case', recordIds: rows.map((r) => r.id), details: byPatient(ctx) });
    const json = <T>(v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as T;
    return {
      today,
      idleMinutes: config.PATIENT_IDLE_MINUTES,
      cases: rows.map((r) => ({
        caseId: r.id as string,
        relation: (r.id === ctx.patient.caseId ? 'self' : 'dependant') as 'self' | 'dependant',
        displayName: r.name_kanji as string,
        status: (r.current_status ?? null) as CaseStatus | null,
        isolation: isolationOf(r as never),
        observeUntil: r.observe_until as string,
        underObservation: underObservation(r.current_status, r.observe_until, today),
        today: r.today ? toSelfReport(json(r.today)) : null,
        openAlerts: json<{ rule: RedFlag['rule']; message: Localized }[]>(r.open_alerts),
        reportDueTime: r.report_due_time as string,
        reminderTime: (r.reminder_time ?? r.centre_reminder_time) as string,
        remindersPaused: !!r.reminders_paused_at,
        centre: { nameJa: r.name_ja as string, nameEn: r.name_en as string, phone: (r.phone ?? null) as string | null },
      })),
    };
  });
}
