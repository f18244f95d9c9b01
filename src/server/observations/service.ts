// 健康観察 (issue 4): entries by staff who follow a case — the health centre, a facility for its
// residents, a follow-up centre, the clinic or hospital — each checked for red flags at once; the
// alerts they raise; and the health centre's work list of cases that need it today.
import type { z } from 'zod';
import type { RecordObservationBody } from '../../domain/api/observations.ts';
import { japanToday } from '../../domain/calendar.ts';
import type { CaseStatus } from '../../domain/case-status.ts';
import { ageBand, maskName } from '../../domain/masking.ts';
import type { Localized } from '../../domain/messages.ts';
import { DEFAULT_RED_FLAGS, redFlags, type RedFlag, type RedFlagThresholds, type Symptom } from '../../domain/red-flags.ts';
import { japanClock } from '../../domain/self-report.ts';
import { DEFAULT_STALE_AFTER_DAYS, staleBefore } from '../../domain/worklist.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { changedBy } from '../access/names.ts';
import { audit } from '../audit/audit.ts';
import { findCase } from '../cases/repo.ts';
import type { Database, Tx } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import * as repo from './repo.ts';
import { deadlineState } from '../../domain/deadlines.ts';
import { newestForm } from '../notifications/forms.ts';

export interface ObservationOptions {
  /** Red-flag thresholds (configuration; DEFAULT_RED_FLAGS unless set). */
  redFlags: RedFlagThresholds;
  /** Days without a status change or an entry after which a case is on the stale list. */
  staleAfterDays: number;
}

export const DEFAULT_OBSERVATION_OPTIONS: ObservationOptions = { redFlags: DEFAULT_RED_FLAGS, staleAfterDays: DEFAULT_STALE_AFTER_DAYS };

/** Each list of the work list shows at most this many rows, with the total. */
export const WORKLIST_LIMIT = 200;

const DAY = 86_400_000;
const daysBefore = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) - n * DAY).toISOString().slice(0, 10);

const toObservation = (o: repo.ObservationRow) => ({
  id: o.id,
  caseId: o.caseId,
  observedOn: o.observedOn,
  observedAt: o.observedAt.toISOString(),
  source: o.source as 'staff' | 'self',
  method: o.method as 'phone' | 'visit' | 'facility_round' | 'ward' | 'app',
  temperature: o.temperature,
  spo2: o.spo2,
  pulse: o.pulse,
  symptoms: o.symptoms,
  note: o.note,
  feeling: o.feeling as 'better' | 'same' | 'worse' | null,
  recordedBy: o.recordedBy,
  recordedByName: o.recordedByName,
  recordedByOrgName: o.recordedByOrgName,
});

const toAlert = (a: repo.AlertRow) => ({
  id: a.id,
  caseId: a.caseId,
  observationId: a.observationId,
  rule: a.rule as RedFlag['rule'],
  observedOn: a.observedOn,
  message: a.message as Localized,
  raisedAt: a.raisedAt.toISOString(),
  acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
  acknowledgedBy: a.acknowledgedBy,
  acknowledgedByName: a.acknowledgedByName,
  acknowledgementNote: a.acknowledgementNote,
});

/** One 健康観察 entry, by staff or by the patient (source 'self', no recorder). */
export interface NewEntry {
  caseId: string;
  observedOn: string;
  source: 'staff' | 'self';
  method: 'phone' | 'visit' | 'facility_round' | 'ward' | 'app';
  temperature?: number;
  spo2?: number;
  pulse?: number;
  symptoms: string[];
  note?: string;
  /** The patient's 「今日の体調は？」 (self-reports only). */
  feeling?: 'better' | 'same' | 'worse';
  recordedBy: string | null;
  recordedByName: string | null;
  recordedByOrgName: string | null;
}

/**
 * Records an entry whoever made it and checks it for red flags against the case's earlier entries:
 * one alert per flag, unless an unacknowledged alert of that rule for the case and day is open.
 * Keeps cases.last_observed_at current. Runs in the caller's transaction; 404 when the case is not
 * the caller's to see.
 */
export async function addObservation(tx: Tx, entry: NewEntry, thresholds: RedFlagThresholds) {
  // First, as it locks the case: entries for one case are evaluated one at a time.
  if (!(await repo.touchCase(tx, entry.caseId))) throw notFound();
  const observation = await repo.insertObservation(tx, {
    caseId: entry.caseId,
    observedOn: entry.observedOn,
    source: entry.source,
    method: entry.method,
    temperature: entry.temperature ?? null,
    spo2: entry.spo2 ?? null,
    pulse: entry.pulse ?? null,
    symptoms: entry.symptoms,
    note: entry.note ?? null,
    feeling: entry.feeling ?? null,
    recordedBy: entry.recordedBy,
    recordedByName: entry.recordedByName,
    recordedByOrgName: entry.recordedByOrgName,
  });
  // A fever streak ending on this day is all the earlier entries can add.
  const from = daysBefore(entry.observedOn, Math.max(thresholds.feverDays - 1, 0));
  const earlier = await repo.entriesBetween(tx, entry.caseId, from, entry.observedOn, observation.id);
  const asEntry = (o: repo.ObservationRow) => ({ on: o.observedOn, temperature: o.temperature, spo2: o.spo2, symptoms: o.symptoms });
  const flags = redFlags(asEntry(observation), earlier.map(asEntry), thresholds);
  const open = flags.length ? await repo.openAlertRules(tx, entry.caseId, entry.observedOn) : [];
  const alerts = await repo.insertAlerts(
    tx,
    flags
      .filter((f) => !open.includes(f.rule))
      .map((f) => ({ caseId: entry.caseId, observationId: observation.id, rule: f.rule, observedOn: f.on, message: f.message })),
  );
  // `flags`: every rule the entry meets, also those whose alert was already open.
  return { observation: toObservation(observation), alerts: alerts.map(toAlert), flags };
}

/** A staff entry: the recorder and their organisation are named as at the time. */
export async function recordObservation(
  db: Database,
  ctx: RequestContext,
  caseId: string,
  body: z.infer<typeof RecordObservationBody>,
  options: ObservationOptions = DEFAULT_OBSERVATION_OPTIONS,
) {
  requirePermission(ctx.actor, 'observations.record');
  return db.asActor(ctx.actor, async (tx) => {
    const who = changedBy(ctx.actor);
    const result = await addObservation(
      tx,
      { caseId, source: 'staff', ...body, recordedBy: who.changedBy, recordedByName: who.changedByName, recordedByOrgName: who.changedByOrgName },
      options.redFlags,
    );
    await audit(tx, ctx, {
      action: 'observations.record',
      recordType: 'health_observation',
      recordIds: [result.observation.id],
      details: { caseId, alertIds: result.alerts.map((a) => a.id), rules: result.alerts.map((a) => a.rule) },
    });
    return result;
  });
}

/** A case's entries, newest first, for whoever sees the case. */
export async function listObservations(db: Database, ctx: RequestContext, caseId: string) {
  requirePermission(ctx.actor, 'cases.read');
  return db.asActor(ctx.actor, async (tx) => {
    if (!(await findCase(tx, caseId))) throw notFound();
    const entries = await repo.observationsOfCase(tx, caseId);
    await audit(tx, ctx, { action: 'observations.read', recordType: 'case', recordIds: [caseId], details: { observations: entries.length } });
    return { observations: entries.map(toObservation) };
  });
}

/** A case's alerts, open and acknowledged, newest first. */
export async function listAlerts(db: Database, ctx: RequestContext, caseId: string) {
  requirePermission(ctx.actor, 'cases.read');
  return db.asActor(ctx.actor, async (tx) => {
    if (!(await findCase(tx, caseId))) throw notFound();
    const alerts = await repo.alertsOfCase(tx, caseId);
    await audit(tx, ctx, { action: 'alerts.read', recordType: 'case', recordIds: [caseId], details: { alerts: alerts.length } });
    return { alerts: alerts.map(toAlert) };
  });
}

/** The responsible centre or a related one (Q&A 4) has seen the alert and acted on it. */
export async function acknowledgeAlert(db: Database, ctx: RequestContext, id: string, body: { note?: string }) {
  requirePermission(ctx.actor, 'alerts.acknowledge');
  return db.asActor(ctx.actor, async (tx) => {
    const alert = await repo.findAlert(tx, id);
    if (!alert) throw notFound();
    if (!(await repo.isCentreOfCase(tx, alert.caseId, ctx.actor.orgId))) throw new AppError(403, 'alert_not_your_case');
    if (alert.acknowledgedAt) throw alreadyAcknowledged(alert);
    const who = changedBy(ctx.actor);
    const done = await repo.acknowledgeAlert(tx, id, { userId: who.changedBy, name: who.changedByName, note: body.note ?? null });
    if (!done) throw alreadyAcknowledged((await repo.findAlert(tx, id))!);
    await audit(tx, ctx, { action: 'alerts.acknowledge', recordType: 'case_alert', recordIds: [id], details: { caseId: alert.caseId, rule: alert.rule } });
    return toAlert(done);
  });
}

const alreadyAcknowledged = (a: repo.AlertRow) =>
  new AppError(409, 'alert_already_acknowledged', { acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null, acknowledgedByName: a.acknowledgedByName });

/**
 * The centre's work list, computed now from the database: a case transferred to another centre is
 * on that centre's list at once. Masked identity as in the case list; the cases shown are audited.
 */
export async function workList(db: Database, ctx: RequestContext, options: ObservationOptions = DEFAULT_OBSERVATION_OPTIONS) {
  requirePermission(ctx.actor, 'worklist.read');
  // hc_staff of a public-health institute work for the prefecture, not as a centre with cases.
  if (ctx.actor.orgKind !== 'health_center') throw new AppError(403, 'forbidden', { permission: 'worklist.read' });
  const today = japanToday(new Date());
  const hcId = ctx.actor.orgId;
  return db.asActor(ctx.actor, async (tx) => {
    const alerts = await repo.openAlertsOfCentre(tx, hcId, WORKLIST_LIMIT);
    const missing = await repo.statusMissingOfCentre(tx, hcId, WORKLIST_LIMIT);
    const stale = await repo.staleOfCentre(tx, hcId, staleBefore(today, options.staleAfterDays), WORKLIST_LIMIT);
    // My HER-SYS: silence counts only once the reports are due.
    const reportDueTime = await repo.reportDueTimeOf(tx, hcId);
    const notReported = japanClock(new Date()) >= reportDueTime ? await repo.notReportedOfCentre(tx, hcId, today, WORKLIST_LIMIT) : [];
    const needsLook = await repo.needsLookOfCentre(tx, hcId, today, WORKLIST_LIMIT);
    const deadlines = await repo.deadlinesOfCentre(tx, hcId, today, WORKLIST_LIMIT);
    const caseIds = [...new Set([...alerts, ...missing, ...stale, ...notReported, ...needsLook, ...deadlines].map((r) => r.case_id))];
    await audit(tx, ctx, {
      action: 'worklist.read',
      recordType: 'case',
      recordIds: caseIds,
      details: {
        alerts: alerts[0]?.total ?? 0,
        statusMissing: missing[0]?.total ?? 0,
        stale: stale[0]?.total ?? 0,
        notReported: notReported[0]?.total ?? 0,
        needsLook: needsLook[0]?.total ?? 0,
        deadlines: deadlines[0]?.total ?? 0,
        staleAfterDays: options.staleAfterDays,
      },
    });
    const iso = (t: string | null) => (t === null ? null : new Date(t).toISOString());
    const caseOf = (r: repo.AlertListRow | repo.MissingListRow | repo.StaleListRow | repo.NotReportedRow | repo.NeedsLookRow | repo.DeadlineRow) => ({
      caseId: r.case_id,
      caseNumber: r.case_number,
      maskedName: maskName(r.name_kana),
      sex: r.sex,
      ageBand: ageBand(r.birth_date, today),
      currentStatus: r.current_status as CaseStatus | null,
      statusChangedAt: iso(r.status_changed_at),
      lastObservedAt: iso(r.last_observed_at),
    });
    return {
      today,
      staleAfterDays: options.staleAfterDays,
      alerts: {
        total: alerts[0]?.total ?? 0,
        rows: alerts.map((r) => ({
          ...caseOf(r),
          alertId: r.alert_id,
          rule: r.rule as RedFlag['rule'],
          observedOn: r.observed_on,
          message: JSON.parse(r.message) as Localized,
          raisedAt: iso(r.raised_at)!,
        })),
      },
      statusMissing: { total: missing[0]?.total ?? 0, rows: missing.map((r) => ({ ...caseOf(r), submittedAt: iso(r.submitted_at)! })) },
      stale: { total: stale[0]?.total ?? 0, rows: stale.map((r) => ({ ...caseOf(r), lastActivityAt: iso(r.last_activity_at) })) },
      reportDueTime,
      notReported: { total: notReported[0]?.total ?? 0, rows: notReported.map((r) => ({ ...caseOf(r), phone: r.phone, lastRemindedOn: r.last_reminded_on })) },
      needsLook: {
        total: needsLook[0]?.total ?? 0,
        rows: needsLook.map((r) => ({ ...caseOf(r), reportedAt: iso(r.reported_at)!, feeling: r.feeling as 'better' | 'same' | 'worse' | null, symptoms: r.symptoms as Symptom[] })),
      },
      deadlines: {
        total: deadlines[0]?.total ?? 0,
        rows: deadlines.map((r) => ({
          ...caseOf(r),
          notificationId: r.notification_id,
          disease: r.disease,
          diseaseName: { ja: newestForm(r.disease).disease.ja, en: newestForm(r.disease).disease.en },
          dueOn: r.due_on,
          state: deadlineState({ status: r.status, dueOn: r.due_on, submittedLate: r.submitted_late, confirmed: false }, today)!,
        })),
      },
    };
  });
}
