// The patient's daily report (issue 11): one per case and day, correctable the same day. It goes
// through the same addObservation and red-flag rules as staff entries, so an alarming value raises
// the alert on the centre's work list in this transaction, and the patient is told at once to call
// the centre (119 in an emergency).
import type { z } from 'zod';
import type { SelfReportBody } from '../../domain/api/my.ts';
import { japanToday } from '../../domain/calendar.ts';
import type { RedFlagThresholds } from '../../domain/red-flags.ts';
import { byPatient, patientSource, type PatientContext } from '../access/patient.ts';
import { audit } from '../audit/audit.ts';
import { isUniqueViolation, type Database } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import { addObservation } from '../observations/service.ts';
import { underObservation } from '../../domain/self-report.ts';
import { toSelfReport } from './home.ts';
import * as repo from './repo.ts';

type Body = z.infer<typeof SelfReportBody>;

/** Reports (correct: replaces today's report). 404 for a case that is not the patient's. */
export async function submitSelfReport(db: Database, ctx: PatientContext, body: Body, thresholds: RedFlagThresholds, correct = false) {
  if (!ctx.patient.caseIds.includes(body.caseId)) throw notFound();
  const today = japanToday(new Date());
  return db.asPatient(ctx.patient, async (tx) => {
    const target = await repo.reportTarget(tx, body.caseId, today);
    if (!target) throw notFound();
    if (!underObservation(target.current_status, target.observe_until, today)) throw new AppError(409, 'not_under_observation');
    const earlier = target.today_id;
    if (earlier && !correct) throw new AppError(409, 'already_reported_today');
    if (!earlier && correct) throw new AppError(409, 'no_report_today');
    // The earlier report steps aside first: one current self-report per day (a unique index says
    // so, and refuses the second of two reports sent at once: alreadyReported below).
    if (earlier) await repo.markReplaced(tx, earlier, earlier);
    const { caseId, feeling, ...reading } = body;
    const result = await addObservation(
      tx,
      { caseId, observedOn: today, source: 'self', method: 'app', ...reading, feeling, recordedBy: null, recordedByName: null, recordedByOrgName: null },
      thresholds,
    ).catch((err) => {
      throw isUniqueViolation(err, 'health_observations_self_day_key') ? new AppError(409, 'already_reported_today') : err;
    });
    if (earlier) await repo.markReplaced(tx, earlier, result.observation.id);
    await audit(tx, patientSource(ctx), {
      action: correct ? 'patient.report.correct' : 'patient.report',
      recordType: 'health_observation',
      recordIds: [result.observation.id, caseId],
      details: { ...byPatient(ctx), reportFor: caseId, replaces: earlier, alertIds: result.alerts.map((a) => a.id), rules: result.alerts.map((a) => a.rule) },
    });
    return {
      report: toSelfReport(result.observation),
      alerts: result.flags.map((f) => ({ rule: f.rule, message: f.message })),
      // Any flag, raised now or already open: the centre needs to hear from them.
      callCentre: result.flags.length > 0,
      centre: { nameJa: target.name_ja, nameEn: target.name_en, phone: target.phone },
    };
  });
}

export async function selfReports(db: Database, ctx: PatientContext, caseId: string) {
  if (!ctx.patient.caseIds.includes(caseId)) throw notFound();
  const since = new Date(Date.now() - 30 * 86_400_000);
  return db.asPatient(ctx.patient, async (tx) => {
    const reports = await repo.reportsOf(tx, caseId, japanToday(since));
    await audit(tx, patientSource(ctx), { action: 'patient.reports.read', recordType: 'case', recordIds: [caseId], details: byPatient(ctx) });
    return { reports: reports.map(toSelfReport) };
  });
}

export async function setReminderTime(db: Database, ctx: PatientContext, caseId: string, reminderTime: string | null) {
  if (!ctx.patient.caseIds.includes(caseId)) throw notFound();
  await db.asPatient(ctx.patient, async (tx) => {
    if (!(await repo.setReminderTime(tx, caseId, reminderTime))) throw notFound();
    await audit(tx, patientSource(ctx), { action: 'patient.reminder_time', recordType: 'case', recordIds: [caseId], details: { ...byPatient(ctx), reminderTime } });
  });
}
